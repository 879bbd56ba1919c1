// What the receiver's tests share: a record as the widget sends it, the two
// databases to run every suite against, and a receiver on a free localhost port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { readConfig } from '../src/config.mjs';
import { openStore } from '../src/store.mjs';
import { buildApp } from '../src/app.mjs';
import { startPostgres } from './postgres.mjs';

export const TOKEN = 'test-token-0123456789abcdef0123';
export const SITE = 'https://shop.example';

export function record(overrides = {}) {
  return {
    id: randomUUID(),
    consentId: randomUUID(),
    decidedAt: '2026-11-02T10:00:00.000Z',
    expiresAt: '2027-05-02T10:00:00.000Z',
    revision: '2026-11-01',
    configHash: '0a1b2c3d4e5f60',
    method: 'custom',
    layer: 'banner',
    locale: 'nl',
    gpc: false,
    purposes: { necessary: true, analytics: true, marketing: false },
    services: { matomo: true },
    widgetVersion: '0.1.0',
    textsHash: '00ff00ff00ff00',
    ...overrides,
  };
}

/** Both stores, each opened fresh: an embedded PGlite in a temp dir, and a real PostgreSQL server. */
export const DATABASES = [
  {
    name: 'PGlite (embedded)',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'keuze-pglite-'));
      const settings = { dataDir: join(dir, 'data') };
      return { settings, stop: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const server = await startPostgres({ fsync: false });
      return { settings: { databaseUrl: server.url }, stop: () => server.stop() };
    },
  },
];

/** A receiver over `store` on 127.0.0.1, its log captured in `logs`. */
export async function serve(store, env = {}, { now } = {}) {
  const config = readConfig({
    KEUZE_READ_TOKEN: TOKEN,
    KEUZE_ORIGINS: SITE,
    KEUZE_PORT: '0',
    KEUZE_LOG_LEVEL: 'debug',
    ...env,
  });
  const logs = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = buildApp({ store, config, logStream, now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${app.server.address().port}`;
  return { app, url, logs, close: () => app.close() };
}

export function post(url, body, headers = {}) {
  return fetch(`${url}/records`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

export function read(url, path, token = TOKEN) {
  return fetch(`${url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

export { openStore };
