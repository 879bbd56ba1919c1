// The decision kept in the server-set `keuze_decision` cookie (Safari deletes
// what scripts store after 7 days without a visit): the header a site's server
// builds, and the store restoring from it into real IndexedDB, with real
// document.cookie, only when it is right to.
import { expect } from '@open-wc/testing';
import { createStore, get as idbGet, set as idbSet } from 'idb-keyval';
import { ConsentStore } from '../../src/core/store.js';
import { toLogRecord } from '../../src/core/integrations/log.js';
import {
  DECISION_COOKIE,
  decisionCookie,
  readDecisionCookie,
} from '../../src/core/storage/decision-cookie.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import type { Config, Decision, StoredState } from '../../src/core/types.js';
import { purposesOf, validConfig } from '../helpers/configs.js';

let databases = 0;
const unique = () => `keuze-cookie-${Date.now()}-${(databases += 1)}`;

/** A decision as the widget records and POSTs it, taken in a throwaway store. */
async function recordFor(
  config: Config = validConfig(),
  act: (store: ConsentStore) => Promise<unknown> = (store) => store.acceptAll('banner'),
): Promise<Decision> {
  const store = new ConsentStore(config, {
    adapter: new MemoryAdapter(),
    channel: false,
    gpc: false,
  });
  await store.load();
  await act(store);
  return toLogRecord(store.get().record!, 'shown-texts-hash') as Decision;
}

/** The decision in a log record: the proof's widget version and texts hash stay with the receiver. */
function asDecision(record: Decision): Decision {
  const decision: Decision & { textsHash?: string; widgetVersion?: string } = { ...record };
  delete decision.textsHash;
  delete decision.widgetVersion;
  return decision;
}

/** Sets the cookie as the site's server would (minus Secure: the test server is plain http). */
function serverSets(record: unknown): void {
  document.cookie = decisionCookie(record, { secure: false });
}

function cookieRecord(): Decision | null {
  return readDecisionCookie(document.cookie);
}

/** A store over a fresh real IndexedDB database: nothing stored, as after Safari's 7 days. */
async function freshStore(config: Config = validConfig(), database = unique()) {
  const store = new ConsentStore(config, { database, channel: false, gpc: false });
  await store.load();
  await store.settled();
  return { store, database };
}

async function storedIn(database: string): Promise<StoredState | undefined> {
  return (await idbGet('consent', createStore(database, 'state'))) as StoredState | undefined;
}

afterEach(() => {
  document.cookie = `${DECISION_COOKIE}=; Max-Age=0; Path=/`;
});

describe('decisionCookie(): the Set-Cookie header for a site’s server', () => {
  it('holds the record as base64url JSON that the widget reads back unchanged', async () => {
    const record = await recordFor();
    const header = decisionCookie(record);
    const value = header.split(';')[0].slice(`${DECISION_COOKIE}=`.length);
    expect(value).to.match(/^[A-Za-z0-9_-]+$/);
    expect(readDecisionCookie(`other=1; ${DECISION_COOKIE}=${value}; last=2`)).to.deep.equal(
      asDecision(record),
    );
  });

  it('keeps text outside ASCII intact', async () => {
    const record = { ...(await recordFor()), revision: '2026-11 “zomer” é' };
    const value = decisionCookie(record).split(';')[0].slice(`${DECISION_COOKIE}=`.length);
    expect(readDecisionCookie(`${DECISION_COOKIE}=${value}`)?.revision).to.equal(
      '2026-11 “zomer” é',
    );
  });

  it('lives until the decision expires, for the whole site, Secure and SameSite=Lax, and not HttpOnly', async () => {
    const record = await recordFor();
    const now = new Date(Date.parse(record.expiresAt) - 3600 * 1000);
    const attributes = decisionCookie(record, { now }).split('; ').slice(1);
    expect(attributes).to.deep.equal(['Max-Age=3600', 'Path=/', 'SameSite=Lax', 'Secure']);
    expect(decisionCookie(record, { now, secure: false })).not.to.contain('Secure');
  });

  it('caps Max-Age at the 400 days browsers allow', async () => {
    const record = await recordFor();
    const farOff = new Date(Date.parse(record.decidedAt) + 2 * 365 * 24 * 3600 * 1000);
    const header = decisionCookie(
      { ...record, expiresAt: farOff.toISOString() },
      { now: new Date(record.decidedAt) },
    );
    expect(header).to.contain(`Max-Age=${400 * 24 * 3600}`);
  });

  it('refuses a record that is not a decision, one already expired, and one too big for a cookie', async () => {
    expect(() => decisionCookie({ id: 'x' })).to.throw(TypeError, /keuze_decision/);
    const record = await recordFor();
    expect(() => decisionCookie(record, { now: new Date(record.expiresAt) })).to.throw(
      RangeError,
      /expired/,
    );
    const services = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`service-${i}`, true]),
    );
    expect(() => decisionCookie({ ...record, services })).to.throw(RangeError, /4096/);
  });

  it('reads nothing from a missing, tampered or malformed cookie', async () => {
    const record = await recordFor();
    const json = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
    expect(readDecisionCookie('')).to.equal(null);
    expect(readDecisionCookie('other=1')).to.equal(null);
    expect(readDecisionCookie(`${DECISION_COOKIE}=not base64!`)).to.equal(null);
    expect(readDecisionCookie(`${DECISION_COOKIE}=${btoa('{not json')}`)).to.equal(null);
    expect(readDecisionCookie(`${DECISION_COOKIE}=${json({ ...record, gpc: 'yes' })}`)).to.equal(
      null,
    );
  });
});

describe('restoring the decision from the cookie when storage holds none', () => {
  it('restores a matching decision, grants what it granted, and writes it to IndexedDB', async () => {
    const record = await recordFor();
    serverSets(record);
    const { store, database } = await freshStore();
    expect(store.needsDecision).to.equal(false);
    expect(store.granted('analytics')).to.equal(true);
    expect(store.get().record?.id).to.equal(record.id);
    expect((await storedIn(database))?.current).to.deep.equal(asDecision(record));
    expect(cookieRecord()?.id, 'writing the restored decision keeps its cookie').to.equal(
      record.id,
    );
    // The next page reads it from IndexedDB, without the cookie.
    document.cookie = `${DECISION_COOKIE}=; Max-Age=0; Path=/`;
    const next = new ConsentStore(validConfig(), { database, channel: false, gpc: false });
    await next.load();
    expect(next.get().record?.id).to.equal(record.id);
  });

  it('restores a refusal as a refusal', async () => {
    serverSets(await recordFor(validConfig(), (store) => store.rejectAll('banner')));
    const { store } = await freshStore();
    expect(store.needsDecision).to.equal(false);
    expect(store.granted('analytics')).to.equal(false);
  });

  it('ignores a decision of another revision, another config, or one that misses a consent purpose', async () => {
    const record = await recordFor();
    serverSets({ ...record, revision: '2025-01-01' });
    expect((await freshStore()).store.needsDecision, 'other revision').to.equal(true);

    serverSets({ ...record, configHash: 'another-config' });
    expect((await freshStore()).store.needsDecision, 'other config hash').to.equal(true);

    const withNewPurpose = validConfig((raw) =>
      purposesOf(raw).push({
        id: 'personalisation',
        basis: 'consent',
        services: [{ id: 'recs', provider: 'Recs Co', storage: [] }],
      }),
    );
    const older = await recordFor();
    const sameHash = new ConsentStore(withNewPurpose, {
      adapter: new MemoryAdapter(),
      channel: false,
    }).configHash;
    serverSets({ ...older, configHash: sameHash });
    const { store } = await freshStore(withNewPurpose);
    expect(store.needsDecision, 'a consent purpose unanswered').to.equal(true);
  });

  it('ignores an expired decision', async () => {
    const record = await recordFor();
    const decidedAt = new Date(Date.now() - 8 * 30 * 24 * 3600 * 1000); // beyond P6M
    const stale = {
      ...record,
      decidedAt: decidedAt.toISOString(),
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    };
    // A server would not set it (decisionCookie refuses); a cookie jar may still hold one.
    const value = btoa(JSON.stringify(stale))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    document.cookie = `${DECISION_COOKIE}=${value}; Path=/`;
    expect(readDecisionCookie(document.cookie)?.id, 'the cookie is there').to.equal(record.id);
    const { store } = await freshStore();
    expect(store.needsDecision).to.equal(true);
  });

  it('does not override a newer decision or a reset that storage holds', async () => {
    const record = await recordFor();
    const database = unique();
    const later = await recordFor(validConfig(), (store) => store.rejectAll('centre'));
    const newer: StoredState = {
      version: 1,
      current: later,
      history: [],
      updatedAt: later.decidedAt,
    };
    await idbSet('consent', newer, createStore(database, 'state'));
    serverSets(record);
    const { store } = await freshStore(validConfig(), database);
    expect(store.get().record?.id).to.equal(later.id);

    const resetDatabase = unique();
    const reset: StoredState = {
      version: 1,
      current: null,
      history: [record],
      updatedAt: new Date(Date.parse(record.decidedAt) + 1000).toISOString(),
    };
    await idbSet('consent', reset, createStore(resetDatabase, 'state'));
    serverSets(record);
    const afterReset = await freshStore(validConfig(), resetDatabase);
    expect(afterReset.store.needsDecision, 'the reset stands').to.equal(true);
  });
});

describe('the cookie never undoes what the visitor did since', () => {
  it('is expired when the visitor resets', async () => {
    serverSets(await recordFor());
    const { store, database } = await freshStore();
    expect(store.needsDecision).to.equal(false);
    await store.reset();
    expect(document.cookie).not.to.contain(`${DECISION_COOKIE}=`);
    const next = await freshStore(validConfig(), database);
    expect(next.store.needsDecision).to.equal(true);
  });

  it('is expired when the visitor withdraws, so the earlier consent cannot come back', async () => {
    serverSets(await recordFor());
    const { store } = await freshStore();
    await store.withdraw('centre');
    expect(store.granted('analytics')).to.equal(false);
    expect(document.cookie).not.to.contain(`${DECISION_COOKIE}=`);
  });

  it('is expired by a new decision, until the server accepts that one', async () => {
    const { store } = await freshStore();
    serverSets(await store.acceptAll('banner')); // the receiver accepted the record
    await store.rejectAll('centre');
    expect(cookieRecord(), 'the accepting decision is gone').to.equal(null);
  });
});
