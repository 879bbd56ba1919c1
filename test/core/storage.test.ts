import { expect } from '@open-wc/testing';
import { get as idbGet, set as idbSet, createStore } from 'idb-keyval';
import { ConsentStore } from '../../src/core/store.js';
import { IndexedDBAdapter } from '../../src/core/storage/indexeddb.js';
import { LocalStorageAdapter } from '../../src/core/storage/local.js';
import { defaultAdapter, FallbackAdapter } from '../../src/core/storage/fallback.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import type { StorageAdapter } from '../../src/core/storage/adapter.js';
import { validConfig } from '../helpers/configs.js';

const unique = () => `keuze-test-${Math.random().toString(36).slice(2)}`;

/** Makes a real database whose object store is not Keuze's, so every Keuze read fails for real. */
function brokenDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('something-else');
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function load(adapter: StorageAdapter) {
  const store = new ConsentStore(validConfig(), { adapter, channel: false, gpc: false });
  await store.load();
  return store;
}

describe('storage', () => {
  afterEach(() => localStorage.clear());

  it('keeps the decision in a real IndexedDB database of its own', async () => {
    const database = unique();
    const store = await load(new IndexedDBAdapter(database));
    const decision = await store.acceptAll();
    const raw = (await idbGet('consent', createStore(database, 'state'))) as {
      current: { id: string };
    };
    expect(raw.current.id).to.equal(decision.id);
    const next = await load(new IndexedDBAdapter(database));
    expect(next.granted('analytics')).to.equal(true);
  });

  it('counts garbage written into IndexedDB as no decision, without breaking', async () => {
    const database = unique();
    await idbSet(
      'consent',
      { version: 1, current: 'not a decision', history: 5 },
      createStore(database, 'state'),
    );
    const store = await load(new IndexedDBAdapter(database));
    expect(store.needsDecision).to.equal(true);
    expect(store.findings.map((f) => f.code)).to.include('storage-corrupt');
    await store.rejectAll();
    expect((await load(new IndexedDBAdapter(database))).needsDecision).to.equal(false);
  });

  it('falls back to localStorage when IndexedDB fails, and says so', async () => {
    const database = unique();
    await brokenDatabase(database);
    const reasons: string[] = [];
    const adapter = defaultAdapter((from, to) => reasons.push(`${from}->${to}`), database);
    const store = await load(adapter);
    expect(reasons).to.deep.equal(['indexedDB->localStorage']);
    const decision = await store.acceptAll();
    expect(JSON.parse(localStorage.getItem(`${database}:consent`)!).current.id).to.equal(
      decision.id,
    );
    const again = await load(defaultAdapter(undefined, database));
    expect(again.granted('analytics')).to.equal(true);
  });

  it('falls back to memory when neither IndexedDB nor localStorage work, and the page keeps working', async () => {
    const failing: StorageAdapter = {
      name: 'broken',
      get: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      set: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
      clear: () => Promise.reject(new Error('no')),
    };
    const reasons: string[] = [];
    const adapter = new FallbackAdapter([failing, failing, new MemoryAdapter()], (from, to) =>
      reasons.push(`${from}->${to}`),
    );
    const store = await load(adapter);
    await store.save({ analytics: true });
    expect(store.granted('analytics')).to.equal(true);
    expect(adapter.name).to.equal('memory');
    expect(reasons).to.have.length(2);
  });

  it('works when the browser has no IndexedDB at all', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const database = unique();
      const store = await load(defaultAdapter(undefined, database));
      await store.acceptAll();
      expect(localStorage.getItem(`${database}:consent`)).to.contain('accept-all');
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
    }
  });

  it('reads the newer record when a fallback holds a later decision than IndexedDB', async () => {
    const database = unique();
    const idb = await load(new IndexedDBAdapter(database));
    await idb.rejectAll();
    const local = await load(new LocalStorageAdapter(`${database}:consent`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await local.acceptAll();
    const store = await load(defaultAdapter(undefined, database));
    expect(store.granted('analytics')).to.equal(true);
  });

  it('reports a corrupt localStorage value as corrupt rather than missing', async () => {
    localStorage.setItem('k:consent', '{not json');
    const store = await load(new LocalStorageAdapter('k:consent'));
    expect(store.findings.map((f) => f.code)).to.include('storage-corrupt');
  });
});
