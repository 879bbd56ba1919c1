// The bench still runs: `node bench/run.mjs --quick` takes every journey once
// with Keuze, vanilla-cookieconsent and Klaro (desktop, no large config), so a
// change to the banner, the centre or the gate that the bench cannot follow
// shows up here rather than on the day someone measures. No timing is
// asserted: only that each journey finished and measured something.
// Run:  npm run build && node --test test/e2e/bench.journey.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('npm run bench: every journey completes for Keuze and both peers', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keuze-bench-'));
  try {
    const out = path.join(dir, 'result.json');
    const run = spawnSync(
      process.execPath,
      ['bench/run.mjs', '--quick', '--no-large', '--out', out],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(run.status, 0, `bench/run.mjs failed:\n${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    const widgets = result.profiles.desktop.widgets;
    assert.deepEqual(Object.keys(widgets).sort(), ['keuze', 'klaro', 'vanilla-cookieconsent']);
    for (const [id, journeys] of Object.entries(widgets)) {
      for (const key of ['bannerMs', 'acceptMs', 'preferencesMs', 'returningMs'])
        assert.ok(Number.isFinite(journeys[key].median), `${id}: ${key} was not measured`);
      assert.ok(
        journeys.bytesBeforeBanner.median > 0,
        `${id}: nothing downloaded before its banner`,
      );
      // The returning visitor's widget came from the warm HTTP cache.
      assert.equal(
        journeys.bytesReturningNetwork.median,
        0,
        `${id}: returning visit hit the network`,
      );
    }
    assert.match(run.stdout, /\| navigation → banner visible \| desktop \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
