// Storage faults: IndexedDB refusing to open, refusing to write (quota), holding
// garbage or a foreign schema, hanging, or being deleted under the page. The
// visitor can still decide, the decision holds for the page (and survives a
// reload where any storage works), and keuze.diagnostics() says what happened.
import { expect } from '@open-wc/testing';
import { Keuze } from '../../src/core/keuze.js';
import type { Finding } from '../../src/core/types.js';
import { exampleConfig } from '../helpers/configs.js';
import { idbPut } from '../helpers/stored-record.js';

let counter = 0;
const restores: Array<() => void> = [];

/** Replaces a browser method for one test: the fault is injected where the browser would raise it. */
function fault<T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]): void {
  const original = Object.getOwnPropertyDescriptor(target, key)!;
  Object.defineProperty(target, key, { ...original, value: replacement });
  restores.push(() => Object.defineProperty(target, key, original));
}

function domError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
    // A deletion queued behind a blocked one reports nothing until that one ends.
    setTimeout(resolve, 500);
  });
}

async function start(database: string): Promise<Keuze> {
  const instance = new Keuze();
  await instance.init(exampleConfig(), { channel: false, gate: false, database });
  return instance;
}

function codes(findings: Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

describe('when the browser storage fails', () => {
  let database: string;

  beforeEach(() => {
    counter += 1;
    database = `keuze-fault-${Date.now()}-${counter}`;
  });

  afterEach(async () => {
    while (restores.length) restores.pop()!();
    localStorage.removeItem(`${database}:consent`);
    await deleteDatabase(database);
  });

  it('still records a decision when IndexedDB refuses to open (blocked storage, private mode) and keeps it across a reload', async () => {
    fault(IDBFactory.prototype, 'open', function () {
      throw domError('SecurityError', 'The operation is insecure.');
    } as IDBFactory['open']);
    const page = await start(database);
    expect(page.get().decided).to.equal(false);
    await page.acceptAll();
    expect(page.granted('analytics')).to.equal(true);
    expect(codes(page.diagnostics())).to.include('storage-fallback');
    expect(page.diagnostics().find((f) => f.code === 'storage-fallback')!.message).to.contain(
      'insecure',
    );
    const reload = await start(database);
    expect(reload.get().decided, 'the decision survived in the localStorage fallback').to.equal(
      true,
    );
    expect(reload.granted('analytics')).to.equal(true);
  });

  it('falls back when IndexedDB hangs on open, instead of leaving the visitor without a banner', async () => {
    fault(IDBFactory.prototype, 'open', function () {
      return {} as IDBOpenDBRequest; // a request that never answers
    } as IDBFactory['open']);
    const began = performance.now();
    const page = await start(database);
    expect(performance.now() - began).to.be.below(5000);
    expect(page.store!.needsDecision).to.equal(true);
    await page.rejectAll();
    expect(page.granted('analytics')).to.equal(false);
    expect(page.get().decided).to.equal(true);
    expect(page.diagnostics().find((f) => f.code === 'storage-fallback')?.message).to.contain(
      'timed out',
    );
  }).timeout(15000);

  it('keeps the decision for the page when the disk is full (QuotaExceededError on write), and says so', async () => {
    const page = await start(database);
    fault(IDBObjectStore.prototype, 'put', function () {
      throw domError('QuotaExceededError', 'The quota has been exceeded.');
    } as IDBObjectStore['put']);
    fault(Storage.prototype, 'setItem', function () {
      throw domError('QuotaExceededError', 'The quota has been exceeded.');
    } as Storage['setItem']);
    await page.acceptAll();
    expect(page.granted('analytics'), 'the choice holds on this page').to.equal(true);
    const found = codes(page.diagnostics());
    expect(found.filter((code) => code === 'storage-fallback')).to.have.length(2); // IndexedDB → localStorage → memory
    expect(
      page
        .diagnostics()
        .map((f) => f.message)
        .join(' '),
    ).to.contain('quota');
  });

  it('treats garbage in its IndexedDB record as no decision, asks again and reports it', async () => {
    await idbPut(database, {
      version: 1,
      current: { id: 'x', method: 'accept-all', purposes: { analytics: 'yes' } },
      history: 'none',
    });
    const page = await start(database);
    expect(page.get().decided).to.equal(false);
    expect(page.granted('analytics')).to.equal(false);
    expect(page.store!.needsDecision).to.equal(true);
    expect(codes(page.diagnostics())).to.include('storage-corrupt');
    await page.rejectAll();
    const reload = await start(database);
    expect(reload.get().decided, 'the new decision replaced the garbage').to.equal(true);
    expect(codes(reload.diagnostics())).not.to.include('storage-corrupt');
  });

  it('survives a database of the same name with a foreign schema', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(database, 3);
      request.onupgradeneeded = () => request.result.createObjectStore('not-keuze');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const page = await start(database);
    await page.acceptAll();
    expect(page.granted('marketing')).to.equal(true);
    expect(codes(page.diagnostics())).to.include('storage-fallback');
    expect((await start(database)).granted('marketing')).to.equal(true);
  });

  it('keeps working when the database is deleted while the page is open (site data cleared)', async () => {
    const page = await start(database);
    await page.acceptAll();
    // What "clear site data" does: the connection is closed under the page and the data is gone.
    void deleteDatabase(database);
    fault(IDBDatabase.prototype, 'transaction', function () {
      throw domError('InvalidStateError', 'The database connection is closing.');
    } as IDBDatabase['transaction']);
    await page.rejectAll();
    expect(page.granted('analytics'), 'the newest choice holds on the page').to.equal(false);
    expect(codes(page.diagnostics())).to.include('storage-fallback');
    expect(page.diagnostics().find((f) => f.code === 'storage-fallback')!.message).to.contain(
      'closing',
    );
    while (restores.length) restores.pop()!();
    const reload = await start(database);
    expect(reload.get().decided).to.equal(true);
    expect(reload.granted('analytics'), 'the reject, not the earlier accept, came back').to.equal(
      false,
    );
  });
});
