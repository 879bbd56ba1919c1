// Generated garbage in the real browser storage where Keuze keeps its record
// (IndexedDB through idb-keyval, and the localStorage fallback): loading never
// throws, never shows a decision that was not soundly recorded, and reports it.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ConsentStore } from '../../src/core/store.js';
import { defaultAdapter } from '../../src/core/storage/fallback.js';
import { LocalStorageAdapter } from '../../src/core/storage/local.js';
import { isDecision } from '../../src/core/decision.js';
import { validConfig } from '../helpers/configs.js';
import { idbPut } from '../helpers/stored-record.js';

export const GARBAGE_RUNS = { indexedDB: 300, localStorage: 500 };

const database = `keuze-garbage-${Date.now()}`;
const config = validConfig();

/** Values IndexedDB can hold: anything structured-cloneable, including Maps, Dates and typed arrays. */
const storable = fc.oneof(
  fc.anything({
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withBigInt: true,
    withSparseArray: true,
  }),
  fc.record({
    version: fc.oneof(fc.constant(1), fc.anything()),
    current: fc.oneof(fc.constant(null), fc.anything(), fc.dictionary(fc.string(), fc.anything())),
    history: fc.oneof(fc.array(fc.anything(), { maxLength: 30 }), fc.anything()),
  }),
);

async function load(adapterDatabase: string): Promise<ConsentStore> {
  const store = new ConsentStore(config, {
    adapter: defaultAdapter(undefined, adapterDatabase),
    channel: false,
    gpc: false,
  });
  await store.load();
  return store;
}

describe('garbage in the real browser storage', () => {
  after(() => {
    localStorage.removeItem(`${database}:consent`);
    indexedDB.deleteDatabase(database);
  });

  it(`loads without throwing and shows no decision, for ${GARBAGE_RUNS.indexedDB} generated values in IndexedDB`, async () => {
    await fc.assert(
      fc.asyncProperty(storable, async (value) => {
        await idbPut(database, value);
        const store = await load(database);
        const consent = store.get();
        expect(store.status).to.equal('ready');
        expect(consent.purposes.necessary).to.equal(true);
        // A decision only counts when the stored value really was a sound record.
        if (consent.decided)
          expect(isDecision((value as { current?: unknown })?.current)).to.equal(true);
        else expect(store.granted('analytics')).to.equal(false);
        store.dispose();
      }),
      { numRuns: GARBAGE_RUNS.indexedDB },
    );
  }).timeout(60000);

  it(`reads ${GARBAGE_RUNS.localStorage} generated strings in the localStorage fallback without throwing, reporting what is not a record`, async () => {
    const key = `${database}:consent`;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.constantFrom('{', 'null', '[]', '{"version":1,"current":{}}', '\u0000'),
        ),
        async (text) => {
          localStorage.setItem(key, text);
          const store = new ConsentStore(config, {
            adapter: new LocalStorageAdapter(key),
            channel: false,
            gpc: false,
          });
          await store.load();
          expect(store.get().decided).to.equal(false);
          expect(store.granted('marketing')).to.equal(false);
          const blank = text === 'null';
          if (!blank)
            expect(
              store.findings.map((f) => f.code),
              text,
            ).to.include('storage-corrupt');
          store.dispose();
        },
      ),
      { numRuns: GARBAGE_RUNS.localStorage },
    );
  }).timeout(60000);

  it('still records a new decision over the garbage, and reads it back', async () => {
    await idbPut(database, { version: 1, current: 'garbage', history: [1, 2, 3] });
    const store = await load(database);
    await store.acceptAll('banner');
    store.dispose();
    const again = await load(database);
    expect(again.get().decided).to.equal(true);
    expect(again.findings).to.deep.equal([]);
    again.dispose();
  });
});
