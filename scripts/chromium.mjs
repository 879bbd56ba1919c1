// How every tool here starts Debian's Chromium headless (tests, journeys,
// screenshots, the bench). As root it needs --no-sandbox; the other flags stop
// it calling home, which on a machine without internet only fails and slows.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

/** The Chromium binary: `KEUZE_CHROMIUM`, else Debian's (or another common) install. */
export function findChromium() {
  const found = [
    process.env.KEUZE_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].find((candidate) => candidate && existsSync(candidate));
  if (!found)
    throw new Error('No Chromium found: apt-get install -y chromium, or set KEUZE_CHROMIUM.');
  return found;
}
