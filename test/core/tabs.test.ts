import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ConsentStore, type StoreChangeDetail } from '../../src/core/store.js';
import { defaultAdapter } from '../../src/core/storage/fallback.js';
import { validConfig } from '../helpers/configs.js';

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
