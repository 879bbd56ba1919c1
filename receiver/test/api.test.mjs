// The receiver's API, run against both databases: storing once, refusing bad
// records by name, reading with a token, exports, retention and what is never kept.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../src/config.mjs';
import { purgeExpired } from '../src/server.mjs';
import { DATABASES, SITE, TOKEN, openStore, post, read, record, serve } from './helpers.mjs';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/keuze-receiver.mjs', import.meta.url));

for (const database of DATABASES) {
  describe(`receiver on ${database.name}`, () => {
    let db;
    let store;
    let receiver;
    let clock = () => new Date();

    before(async () => {
      db = await database.open();
      store = await openStore(db.settings);
      receiver = await serve(store, {}, { now: () => clock() });
    });

    after(async () => {
      await receiver?.close();
      await store?.close().catch(() => {});
      db?.stop();
    });

    it('stores a new record once: 201, then 200 for every retry of it', async () => {
      const sent = record();
      const first = await post(receiver.url, sent);
      assert.equal(first.status, 201);
      assert.deepEqual(await first.json(), { id: sent.id, stored: 'new' });
      for (let i = 0; i < 3; i++) {
        const again = await post(receiver.url, sent);
        assert.equal(again.status, 200);
        assert.deepEqual(await again.json(), { id: sent.id, stored: 'already' });
      }
      const stored = await (await read(receiver.url, `/records/${sent.id}`)).json();
      const { receivedAt, ...fields } = stored;
      assert.deepEqual(fields, sent);
      assert.ok(Math.abs(Date.parse(receivedAt) - Date.now()) < 60_000, 'stamped on receipt');
    });

    it('counts each record once when the same one arrives many times at once', async () => {
      const sent = record();
      const before = await store.count();
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(receiver.url, sent)));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [...Array(19).fill(200), 201]);
      assert.equal(await store.count(), before + 1);
    });

    it('stamps its own receipt time and ignores a client that sends one', async () => {
      clock = () => new Date('2026-12-01T08:00:00.000Z');
      try {
        const sent = record();
        assert.equal((await post(receiver.url, sent)).status, 201);
        const stored = await (await read(receiver.url, `/records/${sent.id}`)).json();
        assert.equal(stored.receivedAt, '2026-12-01T08:00:00.000Z');
        const forged = await post(receiver.url, {
          ...record(),
          receivedAt: '2020-01-01T00:00:00Z',
        });
        assert.equal(forged.status, 400);
        assert.equal((await forged.json()).field, 'receivedAt');
      } finally {
        clock = () => new Date();
      }
    });

    it('refuses a malformed record with a 400 naming the field, and stores nothing', async () => {
      const before = await store.count();
      const cases = [
        [{ ...record(), purposes: { analytics: 'yes' } }, 'purposes.analytics'],
        [(({ consentId, ...rest }) => (void consentId, rest))(record()), 'consentId'],
        [{ ...record(), ip: '203.0.113.7' }, 'ip'],
        [{ ...record(), method: 'accept-some' }, 'method'],
        [{ ...record(), decidedAt: '2026-02-30T10:00:00Z' }, 'decidedAt'],
        [{ ...record(), gpc: 'false' }, 'gpc'],
        [{ ...record(), id: 'x'.repeat(65) }, 'id'],
        [{ ...record(), services: { 'bad key!': true } }, 'services.bad key!'],
        [[record()], '(body)'],
      ];
      for (const [body, field] of cases) {
        const answer = await post(receiver.url, body);
        assert.equal(answer.status, 400, field);
        const error = await answer.json();
        assert.equal(error.field, field);
        assert.match(error.message, new RegExp(`^${field.replace(/[.()!]/g, '\\$&')}: `));
      }
      assert.equal(await store.count(), before);
    });

    it('refuses bodies over the limit, other content types, broken JSON and invalid UTF-8', async () => {
      const before = await store.count();
      const huge = await post(receiver.url, { ...record(), revision: 'r'.repeat(70_000) });
      assert.equal(huge.status, 413);
      const form = await post(receiver.url, 'id=1', {
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      assert.equal(form.status, 415);
      assert.equal((await post(receiver.url, '{"id": ')).status, 400);
      const bytes = Buffer.concat([
        Buffer.from(JSON.stringify(record()).slice(0, -1) + ',"x":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]);
      const broken = await post(receiver.url, bytes);
      assert.equal(broken.status, 400);
      assert.match((await broken.json()).error, /UTF-8/);
      const nul = await post(receiver.url, { ...record(), revision: 'a\u0000b' });
      assert.equal(nul.status, 400);
      const polluted = await post(receiver.url, `{"__proto__": {"x": 1}, "id": "a"}`);
      assert.equal(polluted.status, 400);
      assert.equal(await store.count(), before);
    });

    it('accepts the text/plain JSON a beacon sends', async () => {
      const sent = record();
      const answer = await post(receiver.url, JSON.stringify(sent), {
        'Content-Type': 'text/plain;charset=UTF-8',
      });
      assert.equal(answer.status, 201);
    });

    it('answers CORS only for the configured site origins', async () => {
      const preflight = (origin) =>
        fetch(`${receiver.url}/records`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type',
          },
        });
      const ours = await preflight(SITE);
      assert.equal(ours.headers.get('access-control-allow-origin'), SITE);
      assert.match(ours.headers.get('access-control-allow-methods'), /POST/);
      const theirs = await preflight('https://evil.example');
      assert.equal(theirs.headers.get('access-control-allow-origin'), null);
      const posted = await post(receiver.url, record(), { Origin: 'https://evil.example' });
      assert.equal(posted.headers.get('access-control-allow-origin'), null);
    });

    it('reads only with the bearer token', async () => {
      const sent = record();
      await post(receiver.url, sent);
      assert.equal((await read(receiver.url, `/records/${sent.id}`, null)).status, 401);
      assert.equal((await read(receiver.url, `/records/${sent.id}`, `${TOKEN}x`)).status, 401);
      assert.equal(
        (await read(receiver.url, '/export.jsonl?from=2026-01-01&to=2027-01-01', null)).status,
        401,
      );
      assert.equal((await read(receiver.url, `/records/${sent.id}`)).status, 200);
      assert.equal((await read(receiver.url, '/records/no-such-record')).status, 404);
      const closed = await serve(store, { KEUZE_READ_TOKEN: '' });
      try {
        assert.equal((await read(closed.url, `/records/${sent.id}`)).status, 403);
      } finally {
        await closed.close();
      }
    });

    it("returns a visitor's history by consent id, oldest first", async () => {
      const consentId = 'visitor-history-1';
      const decisions = ['accept-all', 'custom', 'withdraw'].map((method, i) =>
        record({ consentId, method, decidedAt: `2026-11-0${3 - i}T10:00:00.000Z` }),
      );
      for (const decision of decisions) await post(receiver.url, decision);
      await post(receiver.url, record({ consentId: 'someone-else' }));
      const history = await (await read(receiver.url, `/consents/${consentId}/records`)).json();
      assert.equal(history.consentId, consentId);
      assert.deepEqual(
        history.records.map((r) => r.method),
        ['withdraw', 'custom', 'accept-all'],
      );
    });

    it('exports a date range as JSON Lines and CSV, every record once, in pages', async () => {
      // 1,203 records over three days, more than two pages of the cursor.
      const day = (d, i) => new Date(Date.UTC(2025, 0, d, 0, 0, i % 60, i));
      const rows = [];
      for (let i = 0; i < 1203; i++) {
        const sent = record({ revision: i === 8 ? '=HYPERLINK("x"),"quoted"' : `r${i}` });
        rows.push(sent);
        await store.insert(sent, day(10 + (i % 3), i));
      }
      const jsonl = await read(receiver.url, '/export.jsonl?from=2025-01-10&to=2025-01-12');
      assert.equal(jsonl.status, 200);
      assert.match(jsonl.headers.get('content-type'), /^application\/jsonl/);
      const lines = (await jsonl.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const expected = rows.filter((_, i) => i % 3 !== 2).map((r) => r.id);
      assert.equal(lines.length, expected.length);
      assert.deepEqual(new Set(lines.map((line) => line.id)), new Set(expected));
      const times = lines.map((line) => line.receivedAt);
      assert.deepEqual(times, [...times].sort(), 'oldest first');

      const csv = await read(receiver.url, '/export.csv?from=2025-01-12&to=2025-01-13');
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      const text = await csv.text();
      const [header, ...body] = text.trimEnd().split('\r\n');
      assert.equal(header.split(',')[0], 'id');
      assert.ok(header.includes('receivedAt') && header.includes('textsHash'));
      assert.equal(body.length, 401);
      const formula = body.find((line) => line.startsWith(rows[8].id));
      assert.ok(
        formula.includes(`,"'=HYPERLINK(""x""),""quoted""",`),
        'a formula is written as text',
      );

      const wrong = await read(receiver.url, '/export.csv?from=yesterday&to=2025-01-13');
      assert.equal(wrong.status, 400);
      assert.match((await wrong.json()).error, /^from: /);
    });

    it('purges records whose consent ended longer ago than the retention period', async () => {
      const old = record({
        decidedAt: '2019-01-01T00:00:00.000Z',
        expiresAt: '2019-07-01T00:00:00.000Z',
      });
      const recent = record({
        decidedAt: '2024-01-01T00:00:00.000Z',
        expiresAt: '2024-07-01T00:00:00.000Z',
      });
      await post(receiver.url, old);
      await post(receiver.url, recent);
      const config = readConfig({ KEUZE_RETENTION: 'P5Y' });
      const removed = await purgeExpired(store, config, new Date('2026-12-01T00:00:00Z'));
      assert.ok(removed >= 1);
      assert.equal((await read(receiver.url, `/records/${old.id}`)).status, 404);
      assert.equal((await read(receiver.url, `/records/${recent.id}`)).status, 200);
    });

    it('hands the decision back as the keuze_decision cookie when configured', async () => {
      const withCookie = await serve(store, { KEUZE_DECISION_COOKIE: '1' });
      try {
        const sent = record({ expiresAt: new Date(Date.now() + 3600_000).toISOString() });
        const answer = await post(withCookie.url, sent);
        const cookie = answer.headers.get('set-cookie');
        const match =
          /^keuze_decision=([A-Za-z0-9_-]+); Max-Age=(\d+); Path=\/; SameSite=Lax; Secure$/.exec(
            cookie,
          );
        assert.ok(match, cookie);
        assert.deepEqual(JSON.parse(Buffer.from(match[1], 'base64url').toString()), sent);
        assert.ok(Number(match[2]) > 3500 && Number(match[2]) <= 3600);
        assert.equal((await post(receiver.url, record())).headers.get('set-cookie'), null);
      } finally {
        await withCookie.close();
      }
    });

    it('keeps no IP address or user agent, in the database or in its log', async () => {
      const sent = record();
      const agent = 'Mozilla/5.0 (KeuzeTest; UniqueAgent/42)';
      await post(receiver.url, sent, { 'User-Agent': agent, 'X-Forwarded-For': '203.0.113.9' });
      const exported = await (
        await read(receiver.url, '/export.jsonl?from=2000-01-01&to=2100-01-01')
      ).text();
      assert.ok(exported.includes(sent.id));
      // The log's request lines (not the line saying where the receiver itself listens).
      const requests = receiver.logs.filter((line) => line.includes('"reqId"'));
      assert.ok(
        requests.some((line) => line.includes('/records')),
        'requests are logged',
      );
      const everything = exported + requests.join('');
      for (const secret of ['127.0.0.1', '203.0.113.9', 'UniqueAgent', 'remoteAddress', TOKEN])
        assert.ok(!everything.includes(secret), `${secret} must not be kept`);
    });

    it('applies its migrations once however often it is opened', async () => {
      await store.migrate();
      await store.migrate();
      const { rows } = await store.db.query('SELECT version FROM keuze_migrations');
      assert.deepEqual(
        rows.map((row) => Number(row.version)),
        [1],
      );
    });

    it('reports health always and readiness only while the database answers', async () => {
      assert.equal((await fetch(`${receiver.url}/healthz`)).status, 200);
      const ready = await fetch(`${receiver.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal((await ready.json()).status, 'ready');
      await store.close();
      const down = await fetch(`${receiver.url}/readyz`);
      assert.equal(down.status, 503);
      assert.equal((await fetch(`${receiver.url}/healthz`)).status, 200);
      const refused = await post(receiver.url, record());
      assert.ok(refused.status >= 500, 'no ack without storage');
    });
  });
}

describe('receiver command line', () => {
  it('purges with `keuze-receiver purge` and refuses bad settings by name', async () => {
    const db = await DATABASES[1].open();
    try {
      const store = await openStore(db.settings);
      await store.insert(
        record({ expiresAt: '2010-01-01T00:00:00.000Z', decidedAt: '2009-07-01T00:00:00.000Z' }),
        new Date('2009-07-01T00:00:00Z'),
      );
      await store.insert(record(), new Date());
      await store.close();
      const env = {
        ...process.env,
        KEUZE_DATABASE_URL: db.settings.databaseUrl,
        KEUZE_RETENTION: 'P1Y',
      };
      const { stdout } = await run(process.execPath, [BIN, 'purge'], { env });
      assert.match(stdout, /purged 1 record/);
      const bad = await run(process.execPath, [BIN, 'purge'], {
        env: { ...env, KEUZE_RETENTION: 'five years' },
      }).catch((error) => error);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /KEUZE_RETENTION: expected an ISO 8601 duration/);
    } finally {
      db.stop();
    }
  });
});
