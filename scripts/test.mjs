#!/usr/bin/env node
// `npm test`: the whole suite in Debian's Chromium (with coverage of src/core),
// then the engine and end-to-end suites in Firefox ESR, then every suite in
// WebKitGTK (under xvfb-run: a light-mode browser, then a dark-mode one for the
// *.dark.test.ts files), then the journeys that drive the real demo server and
// real tools from node (test/e2e/*.journey*.mjs). `--chromium`, `--firefox` or
// `--webkit` runs one engine only. Finds the browsers, installs Debian's
// packages when run as root with apt, or says how to. Ends with one line:
// `N passed, N failed, N skipped`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { XVFB_ARGS } from './webkit.mjs';

const ENGINES = ['--chromium', '--firefox', '--webkit'];
const args = process.argv.slice(2);
const only = args.find((a) => ENGINES.includes(a));
const passthrough = args.filter((a) => a !== only);
const wants = (engine) => !only || only === engine;

function which(...names) {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return '';
}

/**
 * The path of the first of `binaries` on the PATH; as root with apt, installs
 * `packages` first when one of `needed` (default: any of `binaries`) is missing.
 */
function ensure(packages, binaries, { envName, needed = [], aptFlags = '' }) {
  const missing = () => !which(...binaries) || needed.some((name) => !which(name));
  if (missing() && process.getuid?.() === 0 && which('apt-get')) {
    console.log(`[keuze] ${packages} missing; installing Debian's packages…`);
    execFileSync(
      'sh',
      [
        '-c',
        `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${aptFlags} ${packages}`,
      ],
      { stdio: 'inherit' },
    );
  }
  if (missing()) {
    console.error(
      `[keuze] No ${packages} found. Install Debian's packages:\n  sudo apt-get update && sudo apt-get install -y ${aptFlags} ${packages}\n` +
        `or point ${envName} at a binary.`,
    );
    process.exit(1);
  }
  return which(...binaries);
}

/** `--files a b …` split off the other arguments, so each WebKit browser gets the files meant for it. */
function splitFiles(list) {
  const at = list.indexOf('--files');
  if (at === -1) return { files: null, rest: list };
  let end = at + 1;
  while (end < list.length && !list[end].startsWith('--')) end += 1;
  return { files: list.slice(at + 1, end), rest: [...list.slice(0, at), ...list.slice(end)] };
}

const runs = [];
if (wants('--chromium')) {
  const chromium =
    process.env.KEUZE_CHROMIUM ||
    ensure('chromium', ['chromium', 'chromium-browser', 'google-chrome'], {
      envName: 'KEUZE_CHROMIUM',
    });
  runs.push({
    name: 'Chromium',
    env: { KEUZE_BROWSER: 'chromium', KEUZE_CHROMIUM: chromium },
    extra: ['--coverage'],
    args: passthrough,
  });
}
if (wants('--firefox')) {
  const firefox =
    process.env.KEUZE_FIREFOX ||
    ensure('firefox-esr', ['firefox-esr', 'firefox'], { envName: 'KEUZE_FIREFOX' });
  runs.push({
    name: 'Firefox ESR',
    env: { KEUZE_BROWSER: 'firefox', KEUZE_FIREFOX: firefox },
    extra: [],
    args: passthrough,
  });
}
if (wants('--webkit')) {
  const driver =
    process.env.KEUZE_WEBKIT_DRIVER ||
    ensure('webkit2gtk-driver xvfb xauth', ['WebKitWebDriver'], {
      envName: 'KEUZE_WEBKIT_DRIVER',
      needed: ['xvfb-run', 'xauth'],
      aptFlags: '--no-install-recommends',
    });
  // With C.UTF-8 WebKit reports navigator.language as "C".
  const env = { KEUZE_BROWSER: 'webkit', KEUZE_WEBKIT_DRIVER: driver, LANG: 'en_US.UTF-8' };
  const { files, rest } = splitFiles(passthrough);
  const isDark = (file) => /\.dark\.test\.ts$/.test(file);
  const light = files?.filter((file) => !isDark(file));
  const dark = files?.filter(isDark);
  if (!files || light.length > 0)
    runs.push({
      name: 'WebKit',
      env,
      extra: [],
      args: files ? [...rest, '--files', ...light] : rest,
      wrap: ['xvfb-run', ...XVFB_ARGS],
    });
  if (!files || dark.length > 0)
    runs.push({
      name: 'WebKit, dark mode',
      env: { ...env, KEUZE_SCHEME: 'dark' },
      count: 'webkit-dark',
      extra: [],
      args: files ? [...rest, '--files', ...dark] : rest,
      wrap: ['xvfb-run', ...XVFB_ARGS],
    });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const run of runs) {
  const countFile = `.wtr-count-${run.count ?? run.env.KEUZE_BROWSER}.json`;
  rmSync(countFile, { force: true });
  console.log(`\n[keuze] ${run.name}`);
  const started = Date.now();
  const [command, ...commandArgs] = [...(run.wrap ?? []), 'npx', 'wtr', ...run.extra, ...run.args];
  const result = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    env: { ...process.env, ...run.env, KEUZE_COUNT_FILE: countFile },
  });
  console.log(`[keuze] ${run.name}: ${Math.round((Date.now() - started) / 1000)} s`);
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
/** Debian keeps PostgreSQL's server programs off the PATH, under /usr/lib/postgresql/<version>/bin. */
function ensurePostgres() {
  const found = () =>
    spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status ===
    0;
  if (found()) return;
  if (process.getuid?.() === 0 && which('apt-get')) {
    console.log(
      "[keuze] postgresql missing; installing Debian's package for the receiver's tests…",
    );
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql',
      ],
      { stdio: 'inherit' },
    );
  }
  if (!found()) {
    console.error(
      "[keuze] The receiver's tests need a real PostgreSQL: sudo apt-get install -y postgresql",
    );
    process.exit(1);
  }
}

if (wants('--chromium') && journeys.length > 0 && !passthrough.some((arg) => arg === '--files')) {
  ensurePostgres();
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
