// Bad input, generated: wrong types, huge strings, deep nesting, invalid UTF-8,
// wrong content types and plain junk. Whatever arrives, the receiver answers
// 4xx, keeps running, and stores no row. Bounded runs, on both databases.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DATABASES, openStore, post, record, serve } from './helpers.mjs';

const RUNS = Number(process.env.KEUZE_FUZZ_RUNS ?? 60);

const STRING_FIELDS = [
  'id',
  'consentId',
  'decidedAt',
  'expiresAt',
  'revision',
  'configHash',
  'method',
  'layer',
  'locale',
  'widgetVersion',
  'textsHash',
];

/** A value of the wrong kind for each field. */
const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const notBoolean = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constant('true'),
  fc.array(fc.boolean(), { maxLength: 2 }),
);
const notFlags = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.array(fc.boolean(), { minLength: 1 }),
  fc.dictionary(
    fc.stringMatching(/^[a-z]{1,8}$/),
    fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    { minKeys: 1 },
  ),
);

const wrongType = fc
  .oneof(
    fc.tuple(fc.constantFrom(...STRING_FIELDS), notString),
    fc.tuple(fc.constant('gpc'), notBoolean),
    fc.tuple(fc.constantFrom('purposes', 'services'), notFlags),
  )
  .map(([field, value]) => ({
    kind: 'wrong type',
    body: JSON.stringify({ ...record(), [field]: value }),
  }));

const hugeString = fc
  .tuple(
    fc.constantFrom(...STRING_FIELDS),
    fc.integer({ min: 201, max: 200_000 }),
    fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme' }),
  )
  .map(([field, length, piece]) => ({
    kind: 'huge string',
    // Lengths count code points, as the schema does.
    body: JSON.stringify({
      ...record(),
      [field]: piece.repeat(Math.ceil(length / [...piece].length)),
    }),
  }));

const deepNesting = fc
  .tuple(
    fc.constantFrom('purposes', 'services', 'revision', 'extra'),
    fc.integer({ min: 2, max: 20_000 }),
    fc.boolean(),
  )
  .map(([field, depth, arrays]) => {
    const [open, close] = arrays ? ['[', ']'] : ['{"a":', '}'];
    const nested = `${open.repeat(depth)}true${close.repeat(depth)}`;
    const body = JSON.stringify({ ...record(), [field]: 0 }).replace(
      `"${field}":0`,
      `"${field}":${nested}`,
    );
    return { kind: 'deep nesting', body };
  });

const invalidUtf8 = fc
  .tuple(
    fc.constantFrom(...STRING_FIELDS, 'purposes'),
    fc.uint8Array({ minLength: 0, maxLength: 8 }),
    fc.constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ),
  )
  .map(([field, noise, bad]) => {
    const text = JSON.stringify({ ...record(), [field]: 'MARK' });
    const [head, tail] = text.split('MARK');
    return {
      kind: 'invalid UTF-8',
      body: Buffer.concat([
        Buffer.from(head),
        Buffer.from(noise),
        Buffer.from(bad),
        Buffer.from(tail),
      ]),
    };
  });

const wrongContentType = fc
  .constantFrom(
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'text/html',
    'application/octet-stream',
    'image/png',
    'application/jsonx',
  )
  .map((type) => ({ kind: 'wrong content type', body: JSON.stringify(record()), type }));

const junk = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
  )
  .map((body) => ({ kind: 'junk', body }));

const extraField = fc
  .tuple(
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((key) => !(key in record()) && key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([key, value]) => ({
    kind: 'extra field',
    body: JSON.stringify({ ...record(), [key]: value }),
  }));

const badBody = fc.oneof(
  wrongType,
  hugeString,
  deepNesting,
  invalidUtf8,
  wrongContentType,
  junk,
  extraField,
);

for (const database of DATABASES) {
  describe(`fuzzed bodies on ${database.name}`, () => {
    let db;
    let store;
    let receiver;

    before(async () => {
      db = await database.open();
      store = await openStore(db.settings);
      receiver = await serve(store, { KEUZE_LOG_LEVEL: 'warn' });
    });

    after(async () => {
      await receiver?.close();
      await store?.close().catch(() => {});
      db?.stop();
    });

    it(`refuses ${RUNS * 7} bad bodies with a 4xx, keeps running and stores no row`, async () => {
      const seen = new Map();
      await fc.assert(
        fc.asyncProperty(badBody, async ({ kind, body, type }) => {
          const answer = await post(receiver.url, body, type ? { 'Content-Type': type } : {});
          seen.set(kind, (seen.get(kind) ?? 0) + 1);
          assert.ok([400, 413, 415].includes(answer.status), `${kind}: answered ${answer.status}`);
          await answer.arrayBuffer();
        }),
        { numRuns: RUNS * 7 },
      );
      assert.equal(await store.count(), 0, 'no row was stored');
      assert.equal((await fetch(`${receiver.url}/healthz`)).status, 200);
      assert.equal((await post(receiver.url, record())).status, 201, 'a good record still goes in');
      assert.ok(seen.size >= 6, `every kind of bad body was tried: ${[...seen.keys()].join(', ')}`);
    });
  });
}
