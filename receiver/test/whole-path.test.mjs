// The whole path: the built widget in Chromium on a site, the receiver on its
// embedded database in its own process. The visitor decides while the receiver
// is down (killed with SIGKILL); it starts again; the record arrives, once.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { freePort } from './postgres.mjs';
import { spawnReceiver } from './process.mjs';
import { TOKEN } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const widgetVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

let site;
let siteOrigin;
let browser;
let dataDir;
let receiverEnv;
let receiver;

function page(endpoint) {
  const config = {
    revision: '2026-11-01',
    controller: { name: 'Voorbeeld B.V.' },
    log: { endpoint },
    purposes: [
      { id: 'necessary', basis: 'necessary', justification: 'Stores your cookie choice.' },
      {
        id: 'analytics',
        basis: 'consent',
        services: [
          {
            id: 'matomo',
            provider: 'Matomo',
            storage: [{ name: '_pk_id.*', type: 'cookie', retention: 'P13M' }],
          },
        ],
      },
    ],
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A site</title>
    <script type="application/json" id="keuze-config">${JSON.stringify(config)}</script>
    <script src="/dist/keuze.min.js"></script></head><body><h1>Welcome</h1></body></html>`;
}

async function stored(path) {
  const answer = await fetch(`${receiver.url}${path}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  return answer.ok ? answer.json() : null;
}

before(async () => {
  if (!existsSync(join(root, 'dist/keuze.min.js')))
    throw new Error('dist/keuze.min.js is missing: run `npm run build` at the root first');
  const receiverPort = await freePort();
  site = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(page('/records'));
    }
    // The site mounts the receiver on its own origin, as docs/receiver.md advises (and the
    // widget sends records only to https or its own site): a reverse proxy to its port.
    if (url.pathname.startsWith('/records')) {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: receiverPort,
          path: request.url,
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.writeHead(502).end('receiver down'));
      return request.pipe(upstream);
    }
    const file = join(root, normalize(url.pathname));
    if (!url.pathname.startsWith('/dist/') || !file.startsWith(root) || !existsSync(file))
      return response.writeHead(404).end('not found');
    response.writeHead(200, {
      'content-type': file.endsWith('.json') ? 'application/json' : 'text/javascript',
    });
    response.end(await readFile(file));
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${site.address().port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'keuze-whole-path-'));
  receiverEnv = {
    KEUZE_PORT: String(receiverPort),
    KEUZE_DATA_DIR: join(dataDir, 'data'),
    KEUZE_ORIGINS: siteOrigin,
    KEUZE_READ_TOKEN: TOKEN,
  };
  receiver = await spawnReceiver(receiverEnv);
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await receiver?.kill('SIGTERM');
  await new Promise((resolve) => (site ? site.close(resolve) : resolve()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('a decision taken while the receiver is down arrives exactly once after it restarts', async () => {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const posts = [];
  tab.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/records')) posts.push(request);
  });
  await tab.goto(siteOrigin);
  await tab.locator('keuze-banner [data-keuze-action="accept-all"]').waitFor();

  await receiver.kill('SIGKILL');
  const refused = tab.waitForEvent('response', {
    predicate: (answer) => answer.url().endsWith('/records') && answer.status() === 502,
    timeout: 10_000,
  });
  await tab.locator('keuze-banner [data-keuze-action="accept-all"]').click();
  await tab.waitForFunction(() => window.keuze.get().decided, null, { timeout: 10_000 });
  const decision = await tab.evaluate(() => window.keuze.get().record);
  await refused;
  assert.ok(posts.length >= 1, 'the widget tried to send the record');

  // The visitor goes on browsing: the record waits in the outbox, in IndexedDB.
  await tab.reload();
  receiver = await spawnReceiver(receiverEnv);

  let found = null;
  for (let i = 0; i < 120 && !found; i++) {
    found = await stored(`/records/${decision.id}`);
    if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.ok(found, 'the record arrived after the restart');
  // More page loads: each flushes the outbox; none may send the record again.
  await tab.reload();
  await tab.reload();
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const history = await stored(`/consents/${decision.consentId}/records`);
  assert.equal(history.records.length, 1, 'exactly one copy');
  const { receivedAt, widgetVersion: version, textsHash, ...fields } = history.records[0];
  assert.equal(version, widgetVersion);
  assert.match(textsHash, /^[0-9a-f]{14}$/);
  assert.ok(
    Date.parse(receivedAt) > Date.parse(decision.decidedAt),
    'received after it was decided',
  );
  assert.deepEqual(fields, decision);
  const everything = await fetch(`${receiver.url}/export.jsonl?from=2000-01-01&to=2100-01-01`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal((await everything.text()).trim().split('\n').length, 1, 'one row in the database');
  await context.close();
});
