import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ConsentStore, type StoreChangeDetail } from '../../src/core/store.js';
import { defaultAdapter } from '../../src/core/storage/fallback.js';
import { validConfig } from '../helpers/configs.js';
import { idbPut } from '../helpers/stored-record.js';

interface Peer {
  store: ConsentStore;
  changes: string[];
}

async function openPeer(database: string, channel: string): Promise<Peer> {
  const frame = document.createElement('iframe');
  frame.src = `/test/core/fixtures/tab-peer.html?db=${database}&channel=${channel}`;
  document.body.append(frame);
  await waitUntil(
    () => (frame.contentWindow as unknown as { peer?: Peer })?.peer,
    'peer document did not start',
    { timeout: 5000 },
  );
  return (frame.contentWindow as unknown as { peer: Peer }).peer;
}

describe('several tabs of one site', () => {
  let database: string;
  let channel: string;
  let here: ConsentStore;

  beforeEach(async () => {
    database = `keuze-tabs-${Math.random().toString(36).slice(2)}`;
    channel = `keuze-${database}`;
    here = new ConsentStore(validConfig(), {
      adapter: defaultAdapter(undefined, database),
      channel,
      gpc: false,
    });
    await here.load();
  });

  afterEach(() => {
    here.dispose();
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('a decision in one document reaches another open document at once', async () => {
    const peer = await openPeer(database, channel);
    expect(peer.store.needsDecision).to.equal(true);
    await here.acceptAll('banner');
    await waitUntil(
      () => peer.store.granted('analytics'),
      'the other document never saw the decision',
    );
    expect(peer.changes).to.deep.equal(['tab']);
    expect(peer.store.get().record!.id).to.equal(here.get().record!.id);
  });

  it('a withdrawal in the other document fires change here', async () => {
    const peer = await openPeer(database, channel);
    await here.acceptAll();
    await waitUntil(() => peer.store.granted('analytics'));
    const event = oneEvent(here, 'change');
    await peer.store.withdraw('centre');
    const { detail } = (await event) as CustomEvent<StoreChangeDetail>;
    expect(detail.source).to.equal('tab');
    expect(detail.changed).to.include('analytics');
    expect(here.granted('analytics')).to.equal(false);
  });

  it('a reset in one document asks again in the other', async () => {
    const peer = await openPeer(database, channel);
    await here.acceptAll();
    await waitUntil(() => !peer.store.needsDecision);
    await peer.store.reset();
    await waitUntil(() => here.needsDecision, 'the reset did not reach this document');
  });

  it('two documents deciding at the same moment end with the same decision, stored intact', async () => {
    const peer = await openPeer(database, channel);
    await Promise.all([here.acceptAll('banner'), peer.store.rejectAll('banner')]);
    await waitUntil(
      () => here.get().record?.id === peer.store.get().record?.id,
      'the two documents disagree',
      { timeout: 3000 },
    );
    const readBack = async () => {
      const fresh = new ConsentStore(validConfig(), {
        adapter: defaultAdapter(undefined, database),
        channel: false,
        gpc: false,
      });
      await fresh.load();
      return fresh;
    };
    await waitUntil(
      async () => (await readBack()).get().record?.id === here.get().record?.id,
      'storage holds another decision than the documents',
    );
    expect((await readBack()).findings).to.deep.equal([]);
  });
});

/** A well-formed stored state granting everything, with the given times. */
function grantingState(decidedAt: string, updatedAt: string, id = 'planted') {
  const expires = new Date(Date.parse(decidedAt) + 30 * 24 * 3600 * 1000).toISOString();
  return {
    version: 1,
    updatedAt,
    history: [],
    current: {
      id,
      decidedAt,
      expiresAt: expires,
      revision: validConfig().revision,
      configHash: 'planted',
      method: 'accept-all',
      layer: 'banner',
      locale: 'en',
      gpc: false,
      purposes: { necessary: true, functional: true, analytics: true, marketing: true },
      services: { chat: true, matomo: true, youtube: true, pixel: true },
    },
  };
}

describe('a tab message is a hint, never a decision', () => {
  let database: string;
  let channel: string;
  let here: ConsentStore;
  const opened: ConsentStore[] = [];

  async function fresh(): Promise<ConsentStore> {
    const store = new ConsentStore(validConfig(), {
      adapter: defaultAdapter(undefined, database),
      channel: false,
      gpc: false,
    });
    opened.push(store);
    await store.load();
    return store;
  }

  beforeEach(async () => {
    database = `keuze-hint-${Math.random().toString(36).slice(2)}`;
    channel = `keuze-${database}`;
    here = new ConsentStore(validConfig(), {
      adapter: defaultAdapter(undefined, database),
      channel,
      gpc: false,
    });
    await here.load();
  });

  afterEach(() => {
    here.dispose();
    for (const store of opened.splice(0)) store.dispose();
    localStorage.removeItem(`${database}:consent`);
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('a forged message from a page without Keuze grants nothing, and the visitor’s reject holds', async () => {
    const peer = await openPeer(database, channel);
    const seen: Array<string | null> = [];
    peer.store.addEventListener('change', (event) =>
      seen.push((event as CustomEvent<StoreChangeDetail>).detail.consent.record?.id ?? null),
    );
    const forger = document.createElement('iframe');
    forger.src = `/test/core/fixtures/tab-forger.html?channel=${channel}`;
    document.body.append(forger);
    await waitUntil(() => (forger.contentWindow as unknown as { forged?: boolean })?.forged);
    const reject = await here.rejectAll('banner');
    await waitUntil(
      () => peer.store.get().record?.id === reject.id,
      'the other tab does not hold the visitor’s reject',
      { timeout: 3000 },
    );
    expect(seen, 'the forged state was applied').not.to.include('forged');
    expect(peer.store.granted('analytics')).to.equal(false);
    expect(here.get().record?.id).to.equal(reject.id);
    expect((await fresh()).get().record?.id, 'storage holds another decision').to.equal(reject.id);
  });

  it('a decision dated in the year 9999 in IndexedDB holds nothing and loses to the next choice', async () => {
    await idbPut(database, grantingState('9999-01-01T00:00:00.000Z', '9999-01-01T00:00:00.000Z'));
    const store = await fresh();
    expect(store.get().decided).to.equal(false);
    expect(store.granted('analytics')).to.equal(false);
    expect(store.findings.map((f) => f.message).join()).to.contain('after this device');
    const reject = await store.rejectAll('banner');
    expect((await fresh()).get().record?.id).to.equal(reject.id);
  });

  it('a decision dated in the year 9999 in localStorage holds nothing', async () => {
    localStorage.setItem(
      `${database}:consent`,
      JSON.stringify(grantingState('9999-01-01T00:00:00.000Z', '9999-01-01T00:00:00.000Z')),
    );
    const store = await fresh();
    expect(store.get().decided).to.equal(false);
    expect(store.granted('marketing')).to.equal(false);
  });

  it('a far-future updatedAt in localStorage does not beat a newer IndexedDB decision', async () => {
    const reject = await here.rejectAll('banner');
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    localStorage.setItem(
      `${database}:consent`,
      JSON.stringify(grantingState(yesterday, '9999-01-01T00:00:00.000Z')),
    );
    const store = await fresh();
    expect(store.get().record?.id).to.equal(reject.id);
    expect(store.granted('analytics')).to.equal(false);
  });

  it('a time a few seconds ahead (a clock that drifts a little) still holds', async () => {
    const soon = new Date(Date.now() + 60 * 1000).toISOString();
    await idbPut(database, grantingState(soon, soon, 'drift'));
    const store = await fresh();
    expect(store.get().record?.id).to.equal('drift');
  });
});
