// How every tool here starts Debian's Chromium headless (tests, journeys,
// screenshots, the bench). As root it needs --no-sandbox; the other flags stop
// it calling home, which on a machine without internet only fails and slows.
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
