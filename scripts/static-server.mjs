// The one small static server of the scripts and the node journeys: files under
// `root` with their Content-Type (content-types.mjs), on a free port of
// 127.0.0.1. A caller may answer some requests itself (`route`), limit what is
// served (`allow`), map a path to another file (`rewrite`) and add headers.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { contentType } from './content-types.mjs';

/**
 * @param {object} options
 * @param {string} options.root folder to serve
 * @param {(url: URL, request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => boolean | Promise<boolean>} [options.route]
 *   answers a request itself and returns true, or returns false to serve a file
 * @param {(pathname: string) => boolean} [options.allow] which paths may be served (default: all under root)
 * @param {(pathname: string) => string} [options.rewrite] the file path for a URL path
 * @param {(url: URL) => Record<string, string>} [options.headers] extra response headers
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serveStatic({
  root,
  route,
  allow = () => true,
  rewrite = (path) => path,
  headers = () => ({}),
}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    try {
      if (route && (await route(url, request, response))) return;
      const path = normalize(rewrite(decodeURIComponent(url.pathname)));
      const file = join(base, path);
      if (!allow(url.pathname) || !file.startsWith(base + sep)) throw new Error('not served');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentType(file), ...headers(url) });
      response.end(body);
    } catch {
      if (!response.headersSent) response.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
