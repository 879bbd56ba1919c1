// What both trace scripts start: the bench server with the typical shop page (Keuze from
// `dist`), and headless Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { startServer } from './server.mjs';
import { mounts } from './widgets.mjs';

export async function startTrace(root, dist) {
  const typical = readFileSync(join(root, 'bench/pages/typical.json'), 'utf8');
  const server = await startServer({
    mounts: mounts(root, dist),
    pages: {
      '/bench/pages/typical.html': () =>
        readFileSync(join(root, 'bench/pages/typical.html'), 'utf8').replace('__CONFIG__', typical),
    },
  });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return { server, browser };
}
