// Test-server endpoints that stand in for a site's own back end on localhost:
// a beacon sink the e2e pages send to, and a consent-log endpoint that can be
// told to fail, so tests watch real network traffic instead of mocking fetch.
// `/__raw/<path>` serves a project file untransformed, as a site's web server
// would; name a .json file without its extension (the dev server turns any
// path ending in .json into a JS module).
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const types = { '.json': 'application/json', '.js': 'application/javascript', '.html': 'text/html', '.txt': 'text/plain' };

/** @type {Map<string, Array<{ method: string, path: string, body: string, at: number }>>} */
const sinks = new Map();
/** Consent-log behaviour per channel: 'ok' or a number of requests to fail first. */
const failures = new Map();

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

export function testServerPlugins() {
  return [
    {
      name: 'keuze-test-endpoints',
      async serve(context) {
        const url = new URL(context.request.url, 'http://localhost');
        if (url.pathname.startsWith('/__raw/')) {
          const file = resolve(root, decodeURIComponent(url.pathname.slice('/__raw/'.length)));
          if (!file.startsWith(root + sep)) return { body: 'forbidden', status: 403 };
          const delay = Number(url.searchParams.get('delay') ?? 0);
          if (delay > 0) await new Promise((done) => setTimeout(done, Math.min(delay, 30000)));
          try {
            const found = await readFile(file, 'utf8').then(
              (body) => ({ body, type: types[extname(file)] ?? 'text/plain' }),
              () => readFile(`${file}.json`, 'utf8').then((body) => ({ body, type: 'application/json' })),
            );
            return found;
          } catch {
            context.status = 404;
            return { body: 'not found', type: 'text/plain' };
          }
        }
        const [, prefix, channel, action] = url.pathname.split('/');
        if (prefix !== '__sink') return undefined;
        const hits = sinks.get(channel) ?? [];
        sinks.set(channel, hits);
        if (action === 'hits') {
          return { body: JSON.stringify(hits), type: 'application/json' };
        }
        if (action === 'clear') {
          hits.length = 0;
          failures.delete(channel);
          return { body: '{}', type: 'application/json' };
        }
        if (action === 'fail') {
          failures.set(channel, Number(url.searchParams.get('times') ?? '1'));
          return { body: '{}', type: 'application/json' };
        }
        const left = failures.get(channel) ?? 0;
        const body = await readBody(context.req);
        if (left > 0) {
          failures.set(channel, left - 1);
          context.status = 503;
          return { body: 'unavailable', type: 'text/plain' };
        }
        hits.push({ method: context.request.method, path: url.pathname + url.search, body, at: Date.now() });
        if (action === 'pixel.gif') {
          // A 1x1 transparent GIF, as tracking pixels are.
          const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
          return { body: gif, type: 'image/gif' };
        }
        if (action === 'script.js') {
          return { body: `window.__sinkScript = (window.__sinkScript || 0) + 1;`, type: 'application/javascript' };
        }
        return { body: '{}', type: 'application/json' };
      },
    },
  ];
}
