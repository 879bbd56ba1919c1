#!/usr/bin/env node
// `npm test`: the whole suite in Debian's Chromium (with coverage of src/core),
// then the engine and end-to-end suites in Firefox ESR, then the journeys that
// drive the real demo server and real tools from node (test/e2e/*.journey*.mjs).
// Finds the browsers, installs Debian's packages when run as root with apt, or
// says how to. Ends with one line: `N passed, N failed, N skipped`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.find((a) => a === '--chromium' || a === '--firefox');
const passthrough = args.filter((a) => a !== only);

function which(...names) {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return '';
}

function ensure(packageName, binaries) {
  let path = which(...binaries);
  if (path) return path;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && which('apt-get')) {
    console.log(`[keuze] ${packageName} is missing; installing Debian's package…`);
    execFileSync(
      'sh',
      [
        '-c',
        `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packageName}`,
      ],
      {
        stdio: 'inherit',
      },
    );
    path = which(...binaries);
  }
  if (!path) {
    console.error(
      `[keuze] No ${packageName} found. Install Debian's package:\n  sudo apt-get update && sudo apt-get install -y ${packageName}\n` +
        `or point KEUZE_${packageName === 'chromium' ? 'CHROMIUM' : 'FIREFOX'} at a binary.`,
    );
    process.exit(1);
  }
  return path;
}

const runs = [];
if (only !== '--firefox') {
  const chromium =
    process.env.KEUZE_CHROMIUM ||
    ensure('chromium', ['chromium', 'chromium-browser', 'google-chrome']);
  runs.push({
    name: 'Chromium',
    env: { KEUZE_BROWSER: 'chromium', KEUZE_CHROMIUM: chromium },
    extra: ['--coverage'],
  });
}
if (only !== '--chromium') {
  const firefox = process.env.KEUZE_FIREFOX || ensure('firefox-esr', ['firefox-esr', 'firefox']);
  runs.push({
    name: 'Firefox ESR',
    env: { KEUZE_BROWSER: 'firefox', KEUZE_FIREFOX: firefox },
    extra: [],
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const run of runs) {
  const countFile = `.wtr-count-${run.env.KEUZE_BROWSER}.json`;
  rmSync(countFile, { force: true });
  console.log(`\n[keuze] ${run.name}`);
  const result = spawnSync('npx', ['wtr', ...run.extra, ...passthrough], {
    stdio: 'inherit',
    env: { ...process.env, ...run.env, KEUZE_COUNT_FILE: countFile },
  });
  if (result.status !== 0) ok = false;
  if (existsSync(countFile)) {
    const counts = JSON.parse(readFileSync(countFile, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    rmSync(countFile, { force: true });
  } else {
    ok = false;
  }
}

// Node-driven suites: the build checks (byte budgets, the template minifier),
// the journeys that drive a real Chromium through the demo, and the consent-record
// receiver's suites (receiver/test: PGlite and a real PostgreSQL, which they start).
const journeys = [
  ...readdirSync('test/build')
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => `test/build/${name}`),
  ...readdirSync('test/e2e')
    .filter((name) => /\.journeys?\.mjs$/.test(name))
    .map((name) => `test/e2e/${name}`),
  ...readdirSync('receiver/test')
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => `receiver/test/${name}`),
];
if (only !== '--firefox' && journeys.length > 0 && !passthrough.some((arg) => arg === '--files')) {
  console.log(`\n[keuze] node suites: ${journeys.join(', ')}`);
  const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...journeys], {
    encoding: 'utf8',
    env: { ...process.env, KEUZE_CHROMIUM: which('chromium', 'chromium-browser', 'google-chrome') },
  });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const count = (label) =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(result.stdout ?? '')?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail');
  totals.skipped += count('skipped') + count('todo');
  if (result.status !== 0) ok = false;
}

if (!ok && totals.failed === 0) totals.failed = 1; // a crashed run counts as a failure
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
