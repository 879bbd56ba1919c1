// The Content-Type of a file by its extension, for the small local servers of
// the demo, the bench, the screenshots and the journeys.
import { extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** `contentType('a/b.json')` → `application/json; charset=utf-8`; unknown → octet-stream. */
export function contentType(file) {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}
