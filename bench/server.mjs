// The bench's one local server: Keuze's whole dist/ directory, the two peers'
// published files and the bench pages, gzip-compressed the way a CDN serves
// them, with cache headers like a real site's: assets may be cached for an
// hour, pages are revalidated. So a returning visitor's HTTP cache is warm for
// every widget alike.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, normalize, sep } from 'node:path';
import { contentType } from '../scripts/content-types.mjs';

const ASSET_CACHE = 'public, max-age=3600';
const PAGE_CACHE = 'no-cache';

/**
 * Starts the server on a free port of 127.0.0.1.
 * @param {object} options
 * @param {Record<string, string>} options.mounts URL prefix → directory, e.g. { '/dist/': 'dist' }
 * @param {Record<string, () => string>} options.pages URL path → HTML (built once, then cached)
 * @param {Record<string, () => string>} [options.data] URL path → JSON body
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startServer({ mounts, pages, data = {} }) {
  const compressed = new Map();
  /** gzip once per body: the bench measures the widgets, not this server's CPU. */
  const gzipped = (key, body) => {
    if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 9 }));
    return compressed.get(key);
  };

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const send = (status, body, type, cache) => {
      const headers = { 'content-type': type, 'cache-control': cache, vary: 'accept-encoding' };
      if (gzip && status === 200) {
        body = gzipped(path, body);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = Buffer.byteLength(body);
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => send(404, 'not found', 'text/plain', 'no-store');

    if (pages[path]) return send(200, pages[path](), contentType('page.html'), PAGE_CACHE);
    if (data[path]) return send(200, data[path](), contentType('data.json'), ASSET_CACHE);
    const prefix = Object.keys(mounts).find((candidate) => path.startsWith(candidate));
    if (!prefix) return notFound();
    const base = mounts[prefix];
    const file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(normalize(base) + sep) || !existsSync(file) || !statSync(file).isFile())
      return notFound();
    return send(200, readFileSync(file), contentType(file), ASSET_CACHE);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
