import { expect, waitUntil, aTimeout } from '@open-wc/testing';
import { startIntegrations } from '../../../src/core/integrations/index.js';
import {
  ConsentLog,
  IdbOutbox,
  MemoryOutbox,
  textsHash,
} from '../../../src/core/integrations/log.js';
import { ConsentStore } from '../../../src/core/store.js';
import { MemoryAdapter } from '../../../src/core/storage/memory.js';
import type { Config, Decision } from '../../../src/core/types.js';
import packageJson from '../../../package.json';
import {
  channel,
  disposeStores,
  failNext,
  hits,
  loadedStore,
  siteConfig,
  validated,
} from './helpers.js';

const RECORD_FIELDS = [
  'configHash',
  'consentId',
  'decidedAt',
  'expiresAt',
  'gpc',
  'id',
  'layer',
  'locale',
  'method',
  'purposes',
  'revision',
  'services',
  'textsHash',
  'widgetVersion',
];

/** A texts hash for records made outside a store. */
const SHOWN = '00ff00ff00ff00';

function decision(id: string, minute = 0): Decision {
  return {
    id,
    decidedAt: `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
    expiresAt: '2027-05-02T10:00:00.000Z',
    revision: '2026-11-01',
    configHash: 'abc123',
    method: 'custom',
    layer: 'banner',
    locale: 'nl',
    gpc: false,
    purposes: { necessary: true, analytics: true },
    services: { matomo: true },
  };
}

function ids(list: { body: string }[]): string[] {
  return list.map((hit) => JSON.parse(hit.body).id).sort();
}

const logs: ConsentLog[] = [];
function log(
  endpoint: string,
  options: ConstructorParameters<typeof ConsentLog>[1] = {},
): ConsentLog {
  const instance = new ConsentLog(endpoint, {
    baseDelay: 30,
    maxDelay: 200,
    outbox: new MemoryOutbox(),
    ...options,
  });
  logs.push(instance);
  return instance;
}

function uniqueDb(): string {
  return `keuze-log-test-${Math.random().toString(36).slice(2)}`;
}

describe('proof-of-consent log', () => {
  let stop: (() => void) | undefined;

  afterEach(() => {
    stop?.();
    stop = undefined;
    for (const instance of logs.splice(0)) instance.stop();
    disposeStores();
  });

  it('POSTs every decision as JSON with the record fields and nothing else', async () => {
    const ch = channel('log');
    const store = await loadedStore(siteConfig({ log: { endpoint: `/__sink/${ch}/records` } }));
    stop = startIntegrations(store, { log: { outbox: new MemoryOutbox() } });
    const first = await store.acceptAll('banner');
    const second = await store.save({ analytics: false }, 'centre');
    await waitUntil(async () => (await hits(ch)).length === 2, 'two records should arrive', {
      timeout: 3000,
    });
    const arrived = await hits(ch);
    expect(arrived.map((hit) => hit.method)).to.deep.equal(['POST', 'POST']);
    const bodies = arrived.map((hit) => JSON.parse(hit.body));
    expect(bodies.map((body) => body.id).sort()).to.deep.equal([first.id, second.id].sort());
    for (const body of bodies) expect(Object.keys(body).sort()).to.deep.equal(RECORD_FIELDS);
    const withdrawal = bodies.find((body) => body.id === second.id);
    const { widgetVersion, textsHash: shown, ...decided } = withdrawal;
    expect(decided).to.deep.equal(JSON.parse(JSON.stringify(second)));
    expect(widgetVersion).to.equal(packageJson.version);
    expect(shown).to.match(/^[0-9a-f]{14}$/);
    expect(JSON.stringify(bodies)).not.to.match(/userAgent|"ip"|fingerprint|127\.0\.0\.1/i);
  });

  it('sends no cookie of the site and no page address (Referer) with a record', async () => {
    const ch = channel('private');
    document.cookie = 'site_session=secret-session; path=/';
    history.replaceState(null, '', `${location.pathname}${location.search}&order=12345#cart`);
    try {
      const store = await loadedStore(siteConfig({ log: { endpoint: `/__sink/${ch}/records` } }));
      stop = startIntegrations(store, { log: { outbox: new MemoryOutbox() } });
      await store.rejectAll('banner');
      await waitUntil(async () => (await hits(ch)).length === 1, 'the record should arrive', {
        timeout: 3000,
      });
      const [hit] = await hits(ch);
      expect(hit.cookie, 'the site session cookie went along').to.equal('');
      expect(hit.referer, 'the page address went along').to.equal('');
    } finally {
      document.cookie = 'site_session=; path=/; max-age=0';
    }
  });

  it("gives a visitor's decisions one consent id, and another visitor another", async () => {
    const ch = channel('consentid');
    const config = siteConfig({ log: { endpoint: `/__sink/${ch}/records` } });
    const visitor = await loadedStore(config);
    stop = startIntegrations(visitor, { log: { outbox: new MemoryOutbox() } });
    const first = await visitor.acceptAll('banner');
    const second = await visitor.save({ analytics: false }, 'centre');
    await visitor.reset();
    const third = await visitor.rejectAll('banner');
    const stranger = await (await loadedStore(config)).acceptAll('banner');
    expect(new Set([first.id, second.id, third.id]).size).to.equal(3);
    expect(second.consentId).to.equal(first.consentId);
    expect(third.consentId).to.equal(first.consentId);
    expect(stranger.consentId).to.be.a('string').and.not.equal(first.consentId);
    await waitUntil(async () => (await hits(ch)).length === 3, 'three records should arrive', {
      timeout: 3000,
    });
    const sent = (await hits(ch)).map((hit) => JSON.parse(hit.body));
    expect(sent.map((body) => body.consentId)).to.deep.equal(Array(3).fill(first.consentId));
  });

  it('hashes the words shown: other overrides or another language give another hash', async () => {
    const ch = channel('texts');
    const hashes: Record<string, string> = {};
    const variants: [string, Partial<Config>, string][] = [
      ['plain', {}, 'en'],
      ['again', {}, 'en'],
      ['override', { texts: { en: { 'banner.title': 'We use cookies, sorry' } } }, 'en'],
      ['dutch override', { texts: { nl: { 'banner.title': 'Koekjes' } } }, 'en'],
      ['purpose text', {}, 'en'],
    ];
    for (const [name, extra, locale] of variants) {
      const config = siteConfig({ log: { endpoint: `/__sink/${ch}/records` }, ...extra });
      if (name === 'purpose text') config.purposes[2].description = { en: 'We count visits.' };
      const store = await loadedStore(config, { locale });
      const stopOne = startIntegrations(store, { log: { outbox: new MemoryOutbox() } });
      const decided = await store.acceptAll('banner');
      await waitUntil(
        async () => (await hits(ch)).some((hit) => hit.body.includes(decided.id)),
        `the ${name} record should arrive`,
        { timeout: 3000 },
      );
      const body = (await hits(ch))
        .map((hit) => JSON.parse(hit.body))
        .find((b) => b.id === decided.id);
      hashes[name] = body.textsHash;
      stopOne();
    }
    expect(hashes.again).to.equal(hashes.plain);
    expect(hashes.override).not.to.equal(hashes.plain);
    // An override for a language the visitor was not shown changes nothing.
    expect(hashes['dutch override']).to.equal(hashes.plain);
    expect(hashes['purpose text']).not.to.equal(hashes.plain);
    const config = validated(siteConfig());
    expect(textsHash(config, 'en', 'banner')).not.to.equal(textsHash(config, 'de', 'banner'));
    expect(textsHash(config, 'en', 'centre')).not.to.equal(textsHash(config, 'en', 'banner'));
  });

  it('does not log the decision again in a tab that only heard it from another tab', async () => {
    const ch = channel('tabs');
    const name = `keuze-log-tabs-${Math.random()}`;
    const config = validated(siteConfig({ log: { endpoint: `/__sink/${ch}/records` } }));
    // Two tabs of one site share its storage; the message only says where to look.
    const storage = new MemoryAdapter();
    const here = new ConsentStore(config, { adapter: storage, channel: name });
    const there = new ConsentStore(config, { adapter: storage, channel: name });
    await Promise.all([here.load(), there.load()]);
    stop = startIntegrations(here, { log: { outbox: new MemoryOutbox() } });
    const stopThere = startIntegrations(there, { log: { outbox: new MemoryOutbox() } });
    await there.acceptAll('banner');
    await waitUntil(() => here.get().decided, 'the decision should reach this tab');
    await aTimeout(200);
    expect((await hits(ch)).length).to.equal(1);
    stopThere();
    here.dispose();
    there.dispose();
  });

  it('delivers every record exactly once when the endpoint fails and then recovers', async () => {
    const ch = channel('recover');
    await failNext(ch, 5);
    const consentLog = log(`/__sink/${ch}/records`);
    await consentLog.record(decision('rec-1', 1), SHOWN);
    await consentLog.record(decision('rec-2', 2), SHOWN);
    await consentLog.record(decision('rec-3', 3), SHOWN);
    await waitUntil(async () => (await hits(ch)).length >= 3, 'all records should arrive', {
      timeout: 5000,
    });
    await aTimeout(400); // give any duplicate a chance to show up
    expect(ids(await hits(ch))).to.deep.equal(['rec-1', 'rec-2', 'rec-3']);
    expect(consentLog.pending).to.equal(0);
  });

  it('keeps undelivered records in IndexedDB and sends them on the next page load', async () => {
    const ch = channel('nextload');
    const dbName = uniqueDb();
    await failNext(ch, 1000);
    const firstPage = log(`/__sink/${ch}/records`, {
      outbox: new IdbOutbox(dbName),
      baseDelay: 60_000,
    });
    await firstPage.record(decision('kept-1', 1), SHOWN);
    await firstPage.record(decision('kept-2', 2), SHOWN);
    await aTimeout(100);
    firstPage.stop(); // the visitor leaves; the server is still down
    expect(await hits(ch)).to.deep.equal([]);
    await fetch(`/__sink/${ch}/clear`); // the server is back

    const secondPage = log(`/__sink/${ch}/records`, { outbox: new IdbOutbox(dbName) });
    await secondPage.flush(true);
    await waitUntil(async () => (await hits(ch)).length === 2, 'both records should arrive', {
      timeout: 3000,
    });
    expect(ids(await hits(ch))).to.deep.equal(['kept-1', 'kept-2']);
    expect(await new IdbOutbox(dbName).all()).to.deep.equal([]);
    indexedDB.deleteDatabase(dbName);
  });

  it('retries at once when the browser comes back online', async () => {
    const ch = channel('online');
    await failNext(ch, 1);
    const consentLog = log(`/__sink/${ch}/records`, { baseDelay: 60_000 });
    await consentLog.record(decision('online-1'), SHOWN);
    await waitUntil(() => consentLog.pending === 1, 'the first attempt should fail');
    window.dispatchEvent(new Event('online'));
    await waitUntil(async () => (await hits(ch)).length === 1, 'the record should arrive', {
      timeout: 3000,
    });
    expect(ids(await hits(ch))).to.deep.equal(['online-1']);
  });

  it('waits longer between each failed attempt', async () => {
    const ch = channel('backoff');
    const consentLog = log(`/__sink/${ch}/records`, { baseDelay: 40, maxDelay: 10_000 });
    const attempts: number[] = [];
    const realFetch = window.fetch;
    // Watch the real requests go out (they still reach the real endpoint, which fails).
    window.fetch = (input, init) => {
      if (init?.method === 'POST' && String(input).includes(ch)) attempts.push(performance.now());
      return realFetch(input, init);
    };
    try {
      await failNext(ch, 4);
      await consentLog.record(decision('slow-1'), SHOWN);
      await waitUntil(async () => (await hits(ch)).length === 1, 'the record should arrive', {
        timeout: 5000,
      });
    } finally {
      window.fetch = realFetch;
    }
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(attempts).to.have.length(5);
    expect(gaps[3]).to.be.greaterThan(gaps[0] * 2.5); // 40 → 80 → 160 → 320 ms, with jitter
  });

  it('hands waiting records to the browser when the page is hidden', async () => {
    const ch = channel('pagehide');
    await failNext(ch, 1);
    const consentLog = log(`/__sink/${ch}/records`, { baseDelay: 60_000 });
    await consentLog.record(decision('hide-1'), SHOWN);
    await waitUntil(() => consentLog.pending === 1, 'the first attempt should fail');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await waitUntil(async () => (await hits(ch)).length === 1, 'the record should arrive', {
      timeout: 3000,
    });
    await aTimeout(100);
    expect(ids(await hits(ch))).to.deep.equal(['hide-1']);
  });

  it('sends each record once when two tabs flush the same outbox together', async () => {
    const ch = channel('twotabs');
    const dbName = uniqueDb();
    await failNext(ch, 1000);
    const earlier = log(`/__sink/${ch}/records`, {
      outbox: new IdbOutbox(dbName),
      baseDelay: 60_000,
    });
    for (let i = 0; i < 5; i++) await earlier.record(decision(`shared-${i}`, i), SHOWN);
    await aTimeout(100);
    earlier.stop();
    await fetch(`/__sink/${ch}/clear`);

    const tabA = log(`/__sink/${ch}/records`, { outbox: new IdbOutbox(dbName) });
    const tabB = log(`/__sink/${ch}/records`, { outbox: new IdbOutbox(dbName) });
    await Promise.all([tabA.flush(true), tabB.flush(true)]);
    await waitUntil(async () => (await hits(ch)).length >= 5, 'all records should arrive', {
      timeout: 3000,
    });
    await aTimeout(300);
    expect(ids(await hits(ch))).to.deep.equal([
      'shared-0',
      'shared-1',
      'shared-2',
      'shared-3',
      'shared-4',
    ]);
    indexedDB.deleteDatabase(dbName);
  });

  it('still sends records when IndexedDB cannot hold them', async () => {
    const ch = channel('noidb');
    const dbName = uniqueDb();
    // A database that exists without the outbox store: every transaction on it fails.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('something-else');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const outbox = new IdbOutbox(dbName);
    const consentLog = log(`/__sink/${ch}/records`, { outbox });
    await consentLog.record(decision('memory-1'), SHOWN);
    await waitUntil(async () => (await hits(ch)).length === 1, 'the record should arrive', {
      timeout: 3000,
    });
    expect(outbox.degraded).to.equal(true);
    indexedDB.deleteDatabase(dbName);
  });

  it('keeps at most the configured number of waiting records, dropping the oldest', async () => {
    const ch = channel('bounded');
    await failNext(ch, 1000);
    const outbox = new MemoryOutbox();
    const consentLog = log(`/__sink/${ch}/records`, { outbox, maxRecords: 3, baseDelay: 60_000 });
    for (let i = 0; i < 5; i++) await consentLog.record(decision(`bounded-${i}`, i), SHOWN);
    await consentLog.flush(true);
    await aTimeout(50);
    const left = (await outbox.all()).map((entry) => entry.record.id).sort();
    expect(left).to.deep.equal(['bounded-2', 'bounded-3', 'bounded-4']);
  });
});
