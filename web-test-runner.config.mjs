// Tests run in real browsers: Debian's Chromium, Firefox ESR and WebKitGTK
// (KEUZE_BROWSER picks one; scripts/test.mjs runs them in turn). WebKit runs
// under xvfb-run through its WebDriver: see scripts/webkit.mjs.
import { execSync } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { testServerMiddleware } from './test/server/plugins.mjs';
import { countReporter } from './test/server/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { startWebKitDriver } from './scripts/webkit.mjs';

const browser = process.env.KEUZE_BROWSER ?? 'chromium';

/** Puppeteer wants an absolute path; find Debian's binary on the PATH. */
function findFirefox() {
  if (process.env.KEUZE_FIREFOX) return process.env.KEUZE_FIREFOX;
  try {
    return execSync('command -v firefox-esr || command -v firefox', {
      encoding: 'utf8',
      shell: '/bin/sh',
    }).trim();
  } catch {
    return 'firefox-esr';
  }
}

async function firefoxLauncher() {
  const puppeteer = (await import('puppeteer-core')).default;
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
    },
  });
}

/** `KEUZE_SCHEME=dark`: the WebKit browser opens in dark mode for the *.dark.test.ts files. */
const darkScheme = process.env.KEUZE_SCHEME === 'dark';

async function webkitLauncher() {
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  return webdriverLauncher(await startWebKitDriver({ dark: darkScheme }));
}

const browsers =
  browser === 'firefox'
    ? [await firefoxLauncher()]
    : browser === 'webkit'
      ? [await webkitLauncher()]
      : [
          chromeLauncher({
            launchOptions: {
              executablePath: process.env.KEUZE_CHROMIUM || undefined,
              headless: true,
              args: CHROMIUM_ARGS,
            },
          }),
        ];

/** Suites that also run in Firefox ESR: the engine, storage, tabs, gating, hardening and the built bundle. */
export const firefoxFiles = [
  'test/core/**/*.test.ts',
  'test/hardening/**/*.test.ts',
  'test/e2e/**/*.test.ts',
];

/**
 * Chromium runs everything; Firefox ESR the engine suites; WebKit everything
 * in one browser in light mode and the *.dark.test.ts files in another in dark
 * mode, because WebDriver cannot switch the colour scheme.
 */
function filesFor(name) {
  if (name === 'firefox') return firefoxFiles;
  if (name === 'webkit')
    return darkScheme
      ? ['test/**/*.dark.test.ts']
      : ['test/**/*.test.ts', '!test/**/*.dark.test.ts'];
  return ['test/**/*.test.ts'];
}

export default {
  nodeResolve: { exportConditions: ['browser', 'development'] },
  files: filesFor(browser),
  browsers,
  reporters: [
    defaultReporter(),
    ...(process.env.KEUZE_COUNT_FILE ? [countReporter(process.env.KEUZE_COUNT_FILE)] : []),
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  // WebKitGTK renders in software under Xvfb and is driven over classic WebDriver: the
  // CPU-heavy property suites take longer there than in the headless browsers.
  testFramework: { config: { timeout: browser === 'webkit' ? 30000 : 10000 } },
  middleware: testServerMiddleware(),
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  coverageConfig: {
    include: ['src/core/**/*.ts'],
    threshold: { lines: 90, statements: 90 },
    reportDir: 'coverage',
  },
};
