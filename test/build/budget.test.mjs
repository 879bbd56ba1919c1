// The byte budgets of the script-tag build, checked on the real files in dist/
// (`npm test` builds first). Bytes are deterministic, so they may fail the
// build; timings never do (see bench/). Both are held to the ceiling reached so
// far (issue 8's targets, 10 kB first layer and 16 kB everything, are not met:
// see scripts/size.mjs), and `npm run size` prints both against the targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { measure } from '../../scripts/size.mjs';

const result = measure();
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

test('the first layer (what a first visit downloads before the banner) stays within its ceiling', () => {
  const { gzip, ceiling } = result.firstLayer;
  assert.ok(
    gzip <= ceiling,
    `keuze.min.js is ${kB(gzip)} gzip, over its ceiling of ${kB(ceiling)}`,
  );
});

test('everything the widget can load (engine, centre, notice, placeholder, a language) stays within its ceiling', () => {
  const { gzip, ceiling } = result.everything;
  assert.ok(gzip <= ceiling, `everything is ${kB(gzip)} gzip, over its ceiling of ${kB(ceiling)}`);
});

// Lit's runtime announces itself on globalThis.litHtmlVersions / reactiveElementVersions.
const LIT = /litHtmlVersions|reactiveElementVersions/;
const built = (file) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

test('the first layer carries no Lit: the banner renders without it', () => {
  assert.doesNotMatch(built('keuze.min.js'), LIT);
});

test("the engine, which every returning visitor's page loads, carries no Lit", () => {
  assert.doesNotMatch(built('keuze-engine.js'), LIT);
  assert.doesNotMatch(built('keuze-placeholder.js'), LIT);
  assert.match(built('keuze-lit.js'), LIT); // where it lives instead
});
