// What the load and crash benches share: a database of either kind, a receiver
// process on it, records as the widget sends them, and a way to read them all back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freePort, startPostgres } from '../test/postgres.mjs';
import { spawnReceiver } from '../test/process.mjs';

export const TOKEN = 'bench-token-0123456789abcdef0123';

export function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

export function makeRecord(i) {
  return {
    id: randomUUID(),
    consentId: randomUUID(),
    decidedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, 0, i)).toISOString(),
    expiresAt: '2027-06-01T00:00:00.000Z',
    revision: '2026-11-01',
    configHash: '0a1b2c3d4e5f60',
    method: i % 3 === 0 ? 'accept-all' : i % 3 === 1 ? 'reject-all' : 'custom',
    layer: 'banner',
    locale: 'nl',
    gpc: i % 10 === 0,
    purposes: { necessary: true, analytics: i % 2 === 0, marketing: false },
    services: { matomo: i % 2 === 0, youtube: false },
    widgetVersion: '0.1.0',
    textsHash: '00ff00ff00ff00',
  };
}

/** A database of the named kind and a receiver process on it; `restart()` starts it again on the same data. */
export async function setUp(kind) {
  const port = await freePort();
  let dir;
  let postgres;
  const env = { KEUZE_PORT: String(port), KEUZE_READ_TOKEN: TOKEN };
  if (kind === 'postgres') {
    postgres = await startPostgres();
    env.KEUZE_DATABASE_URL = postgres.url;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'keuze-bench-'));
    env.KEUZE_DATA_DIR = join(dir, 'data');
  }
  const state = { receiver: await spawnReceiver(env) };
  return {
    get url() {
      return state.receiver.url;
    },
    kill: (signal) => state.receiver.kill(signal),
    async restart() {
      const started = Date.now();
      state.receiver = await spawnReceiver(env);
      return Date.now() - started;
    },
    async tearDown() {
      await state.receiver.kill('SIGTERM');
      postgres?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs one record: the status, or 0 when the connection failed. */
export async function send(url, record) {
  try {
    const answer = await fetch(`${url}/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(record),
    });
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return 0;
  }
}

/** Every stored id, read back through the streamed JSON Lines export; with how often each appears. */
export async function storedIds(url) {
  const answer = await fetch(`${url}/export.jsonl?from=2000-01-01&to=2100-01-01`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!answer.ok) throw new Error(`export failed: ${answer.status}`);
  const counts = new Map();
  let rest = '';
  const decoder = new TextDecoder();
  for await (const chunk of answer.body) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const { id } = JSON.parse(line);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
