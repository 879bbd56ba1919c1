// Property-based tests (fast-check): thousands of generated configs and stored
// records. The validator and the record reader never throw, never accept
// something invalid, and whatever they accept is safe to use.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { BASES, STORAGE_TYPES, validateConfig } from '../../src/core/config/validate.js';
import { ID_PATTERN } from '../../src/core/config/check.js';
import { addDuration, parseDuration } from '../../src/core/config/duration.js';
import { isSafeUrl } from '../../src/core/config/safe-url.js';
import { consentOf, decide } from '../../src/core/choices.js';
import {
  HISTORY_LIMIT,
  isDecision,
  MAX_CLOCK_SKEW_MS,
  readStoredState,
} from '../../src/core/decision.js';
import type { Config, Decision, StoredState } from '../../src/core/types.js';
import { exampleConfig, validConfig } from '../helpers/configs.js';

/** How many cases each property runs; the closing counts in the report add these up. */
export const RUNS = {
  anything: 3000,
  mutated: 3000,
  plausible: 2000,
  records: 3000,
  tampered: 3000,
  accepted: 1000,
};

const THIRTEEN_MONTHS = addDuration(new Date(0), {
  years: 0,
  months: 13,
  weeks: 0,
  days: 0,
  hours: 0,
  minutes: 0,
  seconds: 0,
}).getTime();

/** Everything a config that validated must be, checked independently of the validator. */
function assertSafeConfig(config: Config): void {
  const ids = new Set<string>();
  const duration = parseDuration(config.expiry!);
  expect(duration, `expiry ${config.expiry}`).not.to.equal(null);
  const span = addDuration(new Date(0), duration!).getTime();
  expect(span > 0 && span <= THIRTEEN_MONTHS, `expiry ${config.expiry}`).to.equal(true);
  expect(config.purposes.length).to.be.at.least(1);
  for (const purpose of config.purposes) {
    expect(BASES).to.include(purpose.basis);
    expect(ID_PATTERN[0].test(purpose.id)).to.equal(true);
    expect(ids.has(purpose.id), `duplicate ${purpose.id}`).to.equal(false);
    ids.add(purpose.id);
    expect(Array.isArray(purpose.services) && Array.isArray(purpose.storage)).to.equal(true);
    for (const service of purpose.services ?? []) {
      expect(ID_PATTERN[0].test(service.id)).to.equal(true);
      expect(ids.has(service.id), `duplicate ${service.id}`).to.equal(false);
      ids.add(service.id);
      if (service.privacyPolicy !== undefined)
        expect(isSafeUrl(service.privacyPolicy), service.privacyPolicy).to.equal(true);
      for (const item of [...(service.storage ?? [])]) {
        expect(STORAGE_TYPES).to.include(item.type);
        expect(item.retention === 'session' || parseDuration(item.retention) !== null).to.equal(
          true,
        );
      }
    }
  }
  if (config.notice?.url !== undefined) expect(isSafeUrl(config.notice.url)).to.equal(true);
  if (config.log?.endpoint !== undefined) expect(isSafeUrl(config.log.endpoint)).to.equal(true);
}

/** Runs the validator; it must not throw, and an accepted config must be safe. */
function check(input: unknown): boolean {
  const result = validateConfig(input);
  expect(typeof result.ok).to.equal('boolean');
  if (result.ok) {
    expect(result.errors).to.deep.equal([]);
    assertSafeConfig(result.config!);
  } else {
    expect(result.config).to.equal(undefined);
    expect(result.errors.length).to.be.at.least(1);
    for (const issue of result.errors) expect(issue.message).to.be.a('string').and.not.equal('');
  }
  return result.ok;
}

// Values a hostile or careless config might hold at any one place.
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'java\nscript:alert(1)',
    '<img src=x onerror=alert(1)>',
    'P100Y',
    'P14M',
    'P0D',
    `P${'9'.repeat(300)}D`,
    '',
    '   ',
    'opt-out',
    'necessary',
    'consent',
    'legitimate-interest',
    'session',
    '__proto__',
    'constructor',
    'x'.repeat(20_000),
  ),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
);

/** The example config with one place in it replaced by a generated value. */
const mutatedConfig = fc
  .tuple(fc.nat(), hostileValue, fc.boolean())
  .map(([pick, value, remove]) => {
    const raw = exampleConfig();
    const places: Array<[Record<string, unknown>, string]> = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      for (const key of Object.keys(node)) {
        places.push([node as Record<string, unknown>, key]);
        walk((node as Record<string, unknown>)[key]);
      }
    };
    walk(raw);
    const [parent, key] = places[pick % places.length];
    if (remove && !Array.isArray(parent)) delete parent[key];
    else parent[key] = value;
    return raw;
  });

/** Mostly the valid choice, sometimes a broken one: enough of both to test both outcomes. */
function mostly<T, U>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: 19 }, { arbitrary: broken, weight: 1 });
}

/** Plausible configs built from the parts a site owner uses, valid or not. */
const id = mostly(
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
  fc.constantFrom('1bad', 'bad id', '', '<b>x</b>'),
);
const text = mostly(
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.dictionary(fc.constantFrom('en', 'nl', 'de'), fc.string({ minLength: 1, maxLength: 20 }), {
      minKeys: 1,
    }),
  ),
  fc.oneof(fc.dictionary(fc.constantFrom('EN', 'x y'), fc.string()), fc.integer()),
);
const duration = mostly(
  fc.constantFrom('P1D', 'P1M', 'P6M', 'P13M', 'PT30M', 'session', 'P1Y'),
  fc.constantFrom('P14M', 'P', 'forever', 'P0D', 'P100Y'),
);
const expiry = mostly(
  fc.constantFrom('P1D', 'P1M', 'P6M', 'P13M', 'P1Y', 'PT30M'),
  fc.constantFrom('P14M', 'P', 'session', 'P0D', 'P100Y'),
);
const url = mostly(
  fc.oneof(fc.webUrl(), fc.constantFrom('/privacy', 'mailto:dpo@example.nl', 'tel:+31201234567')),
  fc.constantFrom('javascript:void(0)', 'data:,x', 'ftp://x', ' JaVaScRiPt:x', 'java\tscript:x'),
);
const storageItem = fc.record({
  name: mostly(fc.stringMatching(/^[a-z_][a-z0-9_.*]{0,10}$/), fc.constant('')),
  type: mostly(fc.constantFrom(...STORAGE_TYPES), fc.constant('flash')),
  retention: duration,
});
const service = fc.record(
  {
    id,
    provider: mostly(
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      fc.constant(''),
    ),
    privacyPolicy: url,
    storage: fc.array(storageItem, { maxLength: 3 }),
  },
  { requiredKeys: ['id', 'provider'] },
);
const purpose = fc.record(
  {
    id,
    basis: mostly(fc.constantFrom(...BASES), fc.constant('opt-out')),
    name: text,
    justification: text,
    saleOrSharing: mostly(fc.boolean(), fc.constant('yes')),
    services: fc.array(service, { maxLength: 3 }),
    storage: fc.array(storageItem, { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'basis', 'justification'] },
);
const plausibleConfig = fc.record(
  {
    revision: mostly(
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      fc.integer(),
    ),
    expiry,
    purposes: fc.array(purpose, { minLength: 1, maxLength: 5 }),
    notice: fc.record({ url }),
    log: fc.record({ endpoint: url }),
    layout: mostly(fc.constantFrom('bar', 'box', 'modal'), fc.constant('popup')),
  },
  { requiredKeys: ['revision', 'purposes'] },
);

describe('the config validator under generated input', () => {
  it(`never throws on ${RUNS.anything} arbitrary values, and accepts none of them`, () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (input) => {
          // An arbitrary value has no purposes array of valid purposes, so none may pass.
          expect(check(input)).to.equal(false);
        },
      ),
      { numRuns: RUNS.anything },
    );
  });

  it(`never throws on ${RUNS.mutated} configs with one hostile value, and whatever it accepts is safe`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedConfig, (input) => {
        if (check(input)) accepted += 1;
      }),
      { numRuns: RUNS.mutated },
    );
    expect(accepted, 'some mutations (e.g. a changed text) are legitimately valid').to.be.above(0);
  });

  it(`never throws on ${RUNS.plausible} plausible configs, and whatever it accepts is safe`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(plausibleConfig, (input) => {
        if (check(input)) accepted += 1;
      }),
      { numRuns: RUNS.plausible },
    );
    // Both outcomes are exercised: the properties above hold for accepted and refused configs.
    expect(accepted, 'accepted').to.be.above(RUNS.plausible / 20);
    expect(accepted, 'accepted').to.be.below(RUNS.plausible);
  });
});

// Stored records ------------------------------------------------------------------

const config = validConfig();
const isoTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
/** A clock later than every generated time, so no generated record lies in the future. */
const AFTER_ALL_TIMES = new Date('2100-01-02T00:00:00Z');
const flags = fc.dictionary(
  fc.constantFrom(
    'necessary',
    'functional',
    'analytics',
    'marketing',
    'chat',
    'matomo',
    'youtube',
    'pixel',
    'other',
  ),
  fc.boolean(),
);
const goodDecision: fc.Arbitrary<Decision> = fc.record({
  id: fc.uuid(),
  decidedAt: isoTime,
  expiresAt: isoTime,
  revision: fc.constantFrom('2026-11-01', '2025-01-01'),
  configHash: fc.stringMatching(/^[0-9a-f]{8,16}$/),
  method: fc.constantFrom('accept-all', 'reject-all', 'custom', 'withdraw', 'objection'),
  layer: fc.constantFrom('banner', 'centre', 'placeholder', 'api'),
  locale: fc.constantFrom('en', 'nl', 'nl-BE'),
  gpc: fc.boolean(),
  purposes: flags,
  services: flags,
}) as fc.Arbitrary<Decision>;
const goodState: fc.Arbitrary<StoredState> = fc.record({
  version: fc.constant(1 as const),
  current: fc.option(goodDecision, { nil: null }),
  history: fc.array(goodDecision, { maxLength: 25 }),
  updatedAt: isoTime,
});

/** Reads a record; must not throw; what it accepts must be a well-formed state the store can use. */
function read(value: unknown, now = AFTER_ALL_TIMES): ReturnType<typeof readStoredState> {
  const result = readStoredState(value, now);
  const { state } = result;
  expect(state.version).to.equal(1);
  expect(state.current === null || isDecision(state.current)).to.equal(true);
  expect(state.history.length).to.be.at.most(HISTORY_LIMIT);
  expect(state.history.every(isDecision)).to.equal(true);
  if (result.problem) expect(state.current).to.equal(null);
  // The store goes on to use the state: that must not throw either.
  const consent = consentOf(state, config, false, new Date('2026-12-01T00:00:00Z'));
  expect(consent.purposes.necessary).to.equal(true);
  if (!consent.decided) expect(consent.purposes.analytics).to.equal(false);
  return result;
}

describe('reading a stored consent record under generated input', () => {
  it(`never throws on ${RUNS.records} arbitrary stored values and never reads a decision out of them`, () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withTypedArray: true,
        }),
        (value) => {
          expect(read(value).state.current).to.equal(null);
        },
      ),
      { numRuns: RUNS.records },
    );
  });

  it(`reads back ${RUNS.accepted} well-formed records exactly as written`, () => {
    fc.assert(
      fc.property(goodState, (state) => {
        const result = read(structuredClone(state));
        expect(result.problem).to.equal(undefined);
        expect(result.state.current).to.deep.equal(state.current);
        expect(result.state.history).to.deep.equal(state.history.slice(0, HISTORY_LIMIT));
      }),
      { numRuns: RUNS.accepted },
    );
  });

  it(`never takes a decision or an order from a time past this device's clock plus ${MAX_CLOCK_SKEW_MS / 60000} minutes`, () => {
    fc.assert(
      fc.property(goodState, isoTime, (state, clock) => {
        const now = new Date(clock);
        const ahead = (time: string) => Date.parse(time) > now.getTime() + MAX_CLOCK_SKEW_MS;
        const result = read(structuredClone(state), now);
        if (state.current && ahead(state.current.decidedAt))
          expect(result.state.current).to.equal(null);
        if (ahead(state.updatedAt!)) expect(result.state.updatedAt).to.equal(undefined);
        expect(result.state.history.some((d) => ahead(d.decidedAt))).to.equal(false);
      }),
      { numRuns: RUNS.accepted },
    );
  });

  const decisionKeys = [
    'id',
    'decidedAt',
    'expiresAt',
    'revision',
    'configHash',
    'method',
    'layer',
    'locale',
    'gpc',
    'purposes',
    'services',
  ] as const;
  const badField = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.constantFrom('', 'not a date', '2026-13-45T99:99:99Z', 'x'.repeat(5000), 'yes', '__proto__'),
    fc.array(fc.boolean()),
    fc.dictionary(fc.string(), fc.string(), { minKeys: 1 }),
  );

  it(`refuses ${RUNS.tampered} records with one tampered field in the current decision`, () => {
    fc.assert(
      fc.property(
        goodDecision,
        fc.constantFrom(...decisionKeys),
        badField,
        isoTime,
        (decision, key, value, updatedAt) => {
          const tampered = { ...decision, [key]: value } as Record<string, unknown>;
          if (value === undefined) delete tampered[key];
          fc.pre(!isDecision(tampered)); // a few replacements are still valid values (e.g. a string locale)
          const result = read({ version: 1, current: tampered, history: [], updatedAt });
          expect(result.problem, `tampered ${key}`).to.be.a('string');
          expect(result.state.current).to.equal(null);
        },
      ),
      { numRuns: RUNS.tampered },
    );
  });

  it('drops tampered decisions from the history but keeps the sound ones', () => {
    fc.assert(
      fc.property(
        fc.array(goodDecision, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (history, at) => {
          const broken = [...history] as unknown[];
          broken.splice(
            at % (history.length + 1),
            0,
            { ...history[0], method: 'opt-out' },
            'garbage',
            null,
          );
          const result = read({ version: 1, current: null, history: broken });
          expect(result.problem).to.equal(undefined);
          expect(result.state.history).to.deep.equal(history);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a decision made on any generated sound record reads back as that decision', () => {
    fc.assert(
      fc.property(
        goodState,
        fc.constantFrom('accept-all', 'reject-all', 'withdraw') as fc.Arbitrary<
          'accept-all' | 'reject-all' | 'withdraw'
        >,
        (state, type) => {
          const now = new Date('2026-12-01T00:00:00Z');
          const current = consentOf(read(state).state, config, false, now);
          const next = decide(
            read(state).state,
            { type },
            { config, configHash: 'h', now, gpc: false, locale: 'nl', layer: 'api' },
            current,
          );
          const back = read(JSON.parse(JSON.stringify(next)));
          expect(back.problem).to.equal(undefined);
          expect(back.state.current).to.deep.equal(next.current);
          expect(consentOf(back.state, config, false, now).decided).to.equal(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
