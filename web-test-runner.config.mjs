// Tests run in real browsers: Debian's Chromium always, Firefox ESR for the
// suites where engine differences matter (storage, events, gating).
import { execSync } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { testServerMiddleware } from './test/server/plugins.mjs';
import { countReporter } from './test/server/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS } from './scripts/chromium.mjs';

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

const browsers =
  browser === 'firefox'
    ? [await firefoxLauncher()]
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

export default {
  nodeResolve: { exportConditions: ['browser', 'development'] },
  files: browser === 'firefox' ? firefoxFiles : ['test/**/*.test.ts'],
  browsers,
  reporters: [
    defaultReporter(),
    ...(process.env.KEUZE_COUNT_FILE ? [countReporter(process.env.KEUZE_COUNT_FILE)] : []),
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 10000 } },
  middleware: testServerMiddleware(),
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  coverageConfig: {
    include: ['src/core/**/*.ts'],
    threshold: { lines: 90, statements: 90 },
    reportDir: 'coverage',
  },
};
