// Test-server endpoints that stand in for a site's own back end on localhost,
// so tests watch real network traffic instead of mocking fetch:
// - `/__sink/<channel>/<anything>` records the request (a beacon, a pixel, a
//   consent-log POST); `/hits` lists them, `/clear` empties the channel,
//   `/fail?times=N` makes the next N requests answer 503;
//   `pixel.gif` answers a GIF and `script.js` a script that counts its runs.
// - `/dist/locales/*.json`, `/dist/catalogue/*.json` and `/catalogue/**/*.json` are
//   served as JSON, as the built bundle and the tools fetch them.
// - `/__raw/<path>` serves a project file untransformed, as a site's web
//   server would (`?delay=ms` makes it slow); name a .json file without its
//   extension, because the dev server turns any path ending in .json into a
//   JS module.
// Middleware, not a plugin `serve` hook: the dev server resets a served
// response's status to 200, and a failing endpoint must answer 503.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const types = {
  '.json': 'application/json',
  '.js': 'application/javascript',
  '.html': 'text/html',
  '.txt': 'text/plain',
};
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** @type {Map<string, Array<{ method: string, path: string, body: string, at: number, cookie: string, referer: string }>>} */
const sinks = new Map();
/** Channel → how many of the next requests fail. */
const failures = new Map();

function readBody(req) {
  return new Promise((done) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => done(body));
  });
}

async function raw(ctx) {
  const file = resolve(root, decodeURIComponent(ctx.path.slice('/__raw/'.length)));
  if (!file.startsWith(root + sep)) {
    ctx.status = 403;
    return;
  }
  const delay = Number(ctx.query.delay ?? 0);
  if (delay > 0) await new Promise((done) => setTimeout(done, Math.min(delay, 30000)));
  for (const [path, type] of [
    [file, types[extname(file)] ?? 'text/plain'],
    [`${file}.json`, 'application/json'],
  ]) {
    try {
      ctx.body = await readFile(path, 'utf8');
      ctx.type = type;
      ctx.set('Cache-Control', 'no-store');
      return;
    } catch {
      // try the next candidate
    }
  }
  ctx.status = 404;
  ctx.body = 'not found';
}

async function sink(ctx, channel, action) {
  const hits = sinks.get(channel) ?? [];
  sinks.set(channel, hits);
  ctx.set('Cache-Control', 'no-store');
  if (action === 'hits') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(hits);
    return;
  }
  if (action === 'clear') {
    hits.length = 0;
    failures.delete(channel);
    ctx.body = '{}';
    return;
  }
  if (action === 'fail') {
    failures.set(channel, Number(ctx.query.times ?? '1'));
    ctx.body = '{}';
    return;
  }
  const body = await readBody(ctx.req);
  const left = failures.get(channel) ?? 0;
  if (left > 0) {
    failures.set(channel, left - 1);
    ctx.status = 503;
    ctx.body = 'unavailable';
    return;
  }
  hits.push({
    method: ctx.method,
    path: ctx.path + ctx.search,
    body,
    at: Date.now(),
    cookie: ctx.get('Cookie'),
    referer: ctx.get('Referer'),
  });
  if (action === 'pixel.gif') {
    ctx.type = 'image/gif';
    ctx.body = GIF;
  } else if (action === 'script.js') {
    ctx.type = 'application/javascript';
    ctx.body = 'window.__sinkScript = (window.__sinkScript || 0) + 1;';
  } else {
    ctx.type = 'application/json';
    ctx.body = '{}';
  }
}

export function testServerMiddleware() {
  return [
    async function keuzeTestEndpoints(ctx, next) {
      if (ctx.path.startsWith('/__raw/')) return raw(ctx);
      // The built bundle fetches its languages and catalogue presets as JSON from beside itself.
      if (
        /^\/(dist\/locales|dist\/catalogue|catalogue)\//.test(ctx.path) &&
        ctx.path.endsWith('.json')
      ) {
        ctx.path = `/__raw${ctx.path}`;
        return raw(ctx);
      }
      const [, prefix, channel, action] = ctx.path.split('/');
      if (prefix === '__sink' && channel) return sink(ctx, channel, action);
      return next();
    },
  ];
}
