#!/usr/bin/env node
// The Keuze demo server (`npm start`): plain node:http, no dependencies, no internet.
//
//   /                       the demo site (demo/*.html), under a strict CSP (script-src 'self')
//   /keuze/*                the built widget (dist/*), as a site would host it
//   /locales/*              the locale files
//   /configs/*              the demo configs (seed notices included)
//   POST /collect           beacons of the demo "analytics", "monitoring" and embeds
//   GET  /pixel.gif         the demo "marketing" pixel (recorded as a beacon)
//   POST /consent-log       proof-of-consent records sent by Keuze (config `log.endpoint`);
//                           with --receiver they go on to the real receiver (receiver/, PGlite),
//                           mounted behind this server as a site would behind its reverse proxy
//   GET  /api/beacons       what arrived, as JSON (the live panel and the tests read it)
//   GET  /api/consent-log   the proof-of-consent records, as JSON (with --receiver: the stored copies,
//                           read back from the receiver with a demo-only token)
//   GET  /api/seeds         the seed notice configs in demo/configs/ (for notices.html)
//   POST /api/clear         forgets both
//
// Usage: node demo/server.mjs [--port N] [--receiver] (or PORT=N). Port 0 picks a free port.
// Before serving it bundles the builder (demo/src → demo/build) with esbuild.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo } from './build.mjs';
import { contentType } from '../scripts/content-types.mjs';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const root = resolve(here, '..');

// The demo proves the widget works under a strict policy: no inline script, no inline style attribute.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const MAX_BODY = 64 * 1024;
const MAX_RECORDS = 500;

/** Maps a URL path to a file below one of the served folders, or null when it would escape them. */
function fileFor(pathname) {
  const mounts = [
    ['/keuze/', join(root, 'dist')],
    ['/locales/', join(root, 'locales')],
    ['/', here],
  ];
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    let rest = decodeURIComponent(pathname.slice(prefix.length));
    if (rest === '' || rest.endsWith('/')) rest += 'index.html';
    const file = normalize(join(folder, rest));
    if (file !== folder && !file.startsWith(folder + sep)) return null;
    // The server's own source and the builder's TypeScript are not part of the site.
    if (folder === here && /^(server|build)\.mjs$|^src[\\/]/.test(rest)) return null;
    return file;
  }
  return null;
}

function readBody(request) {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks = [];
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Names of the cookies the browser sent: shows which cookies travel with a beacon, never their values. */
function cookieNames(header) {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.split('=')[0].trim())
    .filter(Boolean);
}

/**
 * The real receiver on its embedded database, in this process, reachable only
 * through this server (so the demo's CSP stays `connect-src 'self'`).
 */
export async function startDemoReceiver() {
  const { readConfig, startReceiver } = await import('../receiver/src/index.mjs');
  const token = randomBytes(24).toString('hex'); // demo-only: lives as long as this process
  const receiver = await startReceiver(
    readConfig({
      KEUZE_PORT: '0',
      KEUZE_DATA_DIR: join(tmpdir(), 'keuze-demo-receiver'),
      KEUZE_READ_TOKEN: token,
      KEUZE_DECISION_COOKIE: '1',
    }),
    { logger: false },
  );
  const read = async (id) => {
    const answer = await fetch(`${receiver.url}/records/${encodeURIComponent(id)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!answer.ok) return null;
    const { receivedAt, ...record } = await answer.json();
    return { receivedAt, record, storedBy: `keuze-receiver (${receiver.store.kind})` };
  };
  return { url: receiver.url, read, close: () => receiver.close() };
}

export function createDemoServer({ receiver } = {}) {
  const beacons = [];
  const consentLog = [];
  const remember = (list, entry) => {
    list.push(entry);
    if (list.length > MAX_RECORDS) list.shift();
  };

  const send = (response, status, body, headers = {}) => {
    response.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
    response.end(body);
  };
  const sendJson = (response, status, value) =>
    send(response, status, JSON.stringify(value, null, 2), {
      'Content-Type': contentType('.json'),
    });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const { pathname } = url;
    const method = request.method ?? 'GET';
    try {
      if (method === 'POST' && pathname === '/collect') {
        const body = parseJson(await readBody(request));
        remember(beacons, {
          at: new Date().toISOString(),
          kind: (body && typeof body === 'object' && body.kind) || 'beacon',
          page: request.headers.referer ? new URL(request.headers.referer).pathname : null,
          cookies: cookieNames(request.headers.cookie),
          body,
        });
        return send(response, 204, '');
      }
      if (pathname === '/pixel.gif') {
        remember(beacons, {
          at: new Date().toISOString(),
          kind: 'pixel',
          page: request.headers.referer ? new URL(request.headers.referer).pathname : null,
          cookies: cookieNames(request.headers.cookie),
          body: Object.fromEntries(url.searchParams),
        });
        return send(response, 200, GIF, { 'Content-Type': contentType('.gif') });
      }
      if (method === 'POST' && pathname === '/consent-log' && receiver) {
        const answer = await fetch(`${receiver.url}/records`, {
          method: 'POST',
          headers: { 'Content-Type': request.headers['content-type'] ?? 'application/json' },
          body: await readBody(request),
        });
        const text = await answer.text();
        if (answer.ok) remember(consentLog, { id: JSON.parse(text).id });
        const cookie = answer.headers.get('set-cookie');
        return send(response, answer.status, text, {
          'Content-Type': contentType('.json'),
          ...(cookie ? { 'Set-Cookie': cookie } : {}),
        });
      }
      if (method === 'POST' && pathname === '/consent-log') {
        const body = parseJson(await readBody(request));
        if (!body || typeof body !== 'object')
          return sendJson(response, 400, { error: 'expected a JSON record' });
        remember(consentLog, { receivedAt: new Date().toISOString(), record: body });
        return send(response, 204, '');
      }
      if (method === 'GET' && pathname === '/api/beacons') return sendJson(response, 200, beacons);
      if (method === 'GET' && pathname === '/api/consent-log' && receiver) {
        const ids = [...new Set(consentLog.map((entry) => entry.id))];
        const stored = await Promise.all(ids.map((id) => receiver.read(id)));
        return sendJson(response, 200, stored.filter(Boolean));
      }
      if (method === 'GET' && pathname === '/api/consent-log')
        return sendJson(response, 200, consentLog);
      if (method === 'GET' && pathname === '/api/seeds') {
        const files = (await readdir(join(here, 'configs')))
          .filter((name) => /^seed-\d+\.json$/.test(name))
          .sort();
        return sendJson(response, 200, files);
      }
      if (method === 'POST' && pathname === '/api/clear') {
        beacons.length = 0;
        consentLog.length = 0;
        return send(response, 204, '');
      }
      if (method !== 'GET' && method !== 'HEAD') return send(response, 405, 'Method not allowed');

      // Pretty URLs: /article → article.html.
      let file = fileFor(pathname);
      if (file && !extname(file)) file += '.html';
      if (!file) return send(response, 404, 'Not found', { 'Content-Type': contentType('.txt') });
      let info;
      try {
        info = await stat(file);
      } catch {
        info = null;
      }
      if (!info?.isFile())
        return send(response, 404, 'Not found', { 'Content-Type': contentType('.txt') });
      const type = contentType(file);
      const headers = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
      const body = method === 'HEAD' ? '' : await readFile(file);
      return send(response, 200, body, headers);
    } catch (error) {
      return send(response, 500, `Server error: ${error.message}`, {
        'Content-Type': contentType('.txt'),
      });
    }
  });
  return { server, beacons, consentLog };
}

/** Starts the demo on `port` (0: a free one); resolves with the server and its address. */
export async function startDemo({
  port = 8000,
  host = 'localhost',
  build = true,
  quiet = false,
  withReceiver = false,
} = {}) {
  if (build) await buildDemo({ quiet });
  const receiver = withReceiver ? await startDemoReceiver() : undefined;
  const demo = createDemoServer({ receiver });
  await new Promise((resolveListen, reject) => {
    demo.server.once('error', reject);
    demo.server.listen(port, host, resolveListen);
  });
  const address = demo.server.address();
  return { ...demo, receiver, url: `http://${host}:${address.port}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--port');
  const port = Number(flag > -1 ? process.argv[flag + 1] : (process.env.PORT ?? 8000));
  try {
    const withReceiver = process.argv.includes('--receiver');
    const { url, receiver } = await startDemo({ port, withReceiver });
    console.log(`Keuze demo: ${url}`);
    if (receiver) console.log(`Consent records: keuze-receiver at ${receiver.url} (PGlite)`);
    console.log(`Config builder: ${url}/builder.html`);
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is in use. Start on another one: PORT=8001 npm start`);
      process.exit(1);
    }
    throw error;
  }
}
