// dist/keuze.schema.json (generated from the config's types) and the validator
// agree: a config the validator accepts without a warning passes the schema, and a
// config the schema refuses is refused or warned about by the validator. The
// validator checks more than a schema can say (durations, unique ids, safe URLs),
// so the schema may accept what the validator refuses, never the reverse.
// Checked on the example configs and on configs generated from them.
// Run: npm run build && node --test test/build/schema.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import fc from 'fast-check';

const { validateConfig, validateNoticeConfig } = await import('../../dist/npm/core.js');
const schema = JSON.parse(readFileSync('dist/keuze.schema.json', 'utf8'));
const schemaAccepts = new Ajv({ strict: false, allErrors: true }).compile(schema);

const examples = [
  ...readdirSync('demo/configs')
    .filter((name) => name.endsWith('.json'))
    .map((name) => `demo/configs/${name}`),
  'test/e2e/pages/every-language-config.json',
].map((file) => ({ file, config: JSON.parse(readFileSync(file, 'utf8')) }));

/** The validator's verdict: refused, accepted with an unknown key, or clean. */
function verdict(config) {
  const result = validateConfig(config);
  const notice =
    result.ok && config && typeof config === 'object' && config.notice !== undefined
      ? validateNoticeConfig(config.notice)
      : { ok: true, errors: [], warnings: [] };
  if (!result.ok || !notice.ok) return 'refused';
  // An unknown key is a warning there (a likely typo) and an error in the schema (editors flag it).
  const typo = [...result.warnings, ...notice.warnings].some((w) => /^unknown key/.test(w.message));
  return typo ? 'warned' : 'clean';
}

function agree(config) {
  const accepted = schemaAccepts(config);
  const validator = verdict(config);
  if (validator === 'clean' && !accepted)
    return `the validator accepts it, the schema does not: ${JSON.stringify(schemaAccepts.errors?.slice(0, 3))}`;
  return undefined;
}

describe('the config schema', () => {
  it('is a JSON Schema for an object with revision and purposes', () => {
    const root = schema.definitions.Config;
    assert.deepEqual([...root.required].sort(), ['purposes', 'revision']);
    assert.ok(root.properties.$schema, 'a config may name its schema');
  });

  for (const { file, config } of examples) {
    it(`accepts ${file}, which the validator accepts`, () => {
      assert.equal(verdict(config), 'clean', `the validator has remarks on ${file}`);
      assert.equal(schemaAccepts(config), true, JSON.stringify(schemaAccepts.errors?.slice(0, 3)));
    });
    it(`${file} names the schema`, () => {
      assert.match(config.$schema ?? '', /keuze\.schema\.json$/);
    });
  }

  it('agrees with the validator on configs generated from the examples', () => {
    /** Every path to a value inside a JSON value. */
    const paths = (value, prefix = []) =>
      value && typeof value === 'object'
        ? [
            prefix,
            ...Object.entries(value).flatMap(([key, inner]) =>
              paths(inner, [...prefix, Array.isArray(value) ? Number(key) : key]),
            ),
          ]
        : [prefix];
    const mutation = fc.oneof(
      fc.constant({ kind: 'delete' }),
      fc.record({ kind: fc.constant('set'), value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({
        kind: fc.constant('set'),
        value: fc.constantFrom('consent', 'necessary', 'bar', 'modal', 'cookie', 'P13M', 'nl-ap'),
      }),
      fc.record({
        kind: fc.constant('add'),
        key: fc.string({ maxLength: 8 }),
        value: fc.jsonValue({ maxDepth: 1 }),
      }),
    );
    let refusedBySchema = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: examples.length - 1 }),
        fc.nat(),
        mutation,
        (index, pick, change) => {
          const config = structuredClone(examples[index].config);
          const all = paths(config).filter((path) => path.length > 0);
          const path = all[pick % all.length];
          const parent = path.slice(0, -1).reduce((node, key) => node[key], config);
          const key = path[path.length - 1];
          if (change.kind === 'delete') {
            if (Array.isArray(parent)) parent.splice(key, 1);
            else delete parent[key];
          } else if (change.kind === 'set') parent[key] = change.value;
          else if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]))
            parent[key][change.key] = change.value;
          if (!schemaAccepts(config)) refusedBySchema++;
          const problem = agree(config);
          if (problem) throw new Error(`${examples[index].file} at ${path.join('.')}: ${problem}`);
        },
      ),
      { numRuns: 600, seed: 18 },
    );
    assert.ok(refusedBySchema > 100, `only ${refusedBySchema} generated configs were refused`);
  });
});
