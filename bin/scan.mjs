// `keuze scan`: crawls a site's same-origin pages in headless Chromium, each page
// twice in a fresh profile — without any decision, and after "accept all" when
// Keuze is on the page — and records cookies (HttpOnly and third-party too),
// local and session storage, IndexedDB databases and requests to other hosts.
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

const SKIP =
  /\.(pdf|zip|gz|jpe?g|png|gif|svg|webp|avif|ico|css|js|mjs|json|xml|txt|mp4|mp3|woff2?)$/i;

const CONCURRENT_PAGES = 2;

export class ScanError extends Error {}

async function launch() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new ScanError(
      'keuze scan needs the package playwright-core: npm install --save-dev playwright-core',
    );
  }
  let executablePath;
  try {
    executablePath = findChromium();
  } catch {
    throw new ScanError(
      'keuze scan needs Chromium: apt-get install chromium (Debian/Ubuntu), or set KEUZE_CHROMIUM to a Chrome or Chromium binary.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export function parseStartUrl(input) {
  let url;
  try {
    url = new URL(input);
  } catch {
    throw new ScanError(`"${input}" is not a URL: give a full address such as https://example.nl/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ScanError(`"${input}" is not an http(s) URL`);
  url.hash = '';
  return url;
}

const QUIET_MS = 400;

/** Counts a context's requests in flight, so a visit can wait until its network is quiet. */
function traffic(context) {
  let inFlight = 0;
  let last = Date.now();
  const touch = (delta) => () => {
    inFlight = Math.max(0, inFlight + delta);
    last = Date.now();
  };
  context.on('request', touch(1));
  context.on('requestfinished', touch(-1));
  context.on('requestfailed', touch(-1));
  /** Resolves once nothing was in flight for a moment, or after `max` ms. */
  return async (max) => {
    const end = Date.now() + max;
    while (Date.now() < end && (inFlight > 0 || Date.now() - last < QUIET_MS))
      await new Promise((resolve) => setTimeout(resolve, 50));
  };
}

/** What the page and its frames hold, read inside each frame's own origin. */
async function readStorage(page) {
  const found = [];
  for (const frame of page.frames()) {
    const origin = (() => {
      try {
        return new URL(frame.url()).origin;
      } catch {
        return '';
      }
    })();
    if (!origin.startsWith('http')) continue;
    const seen = await frame
      .evaluate(async () => {
        const keys = (storage) => {
          try {
            return Object.keys(storage);
          } catch {
            return [];
          }
        };
        let databases = [];
        try {
          databases = ((await indexedDB.databases?.()) ?? []).map((db) => db.name);
        } catch {
          // a sandboxed frame may not open IndexedDB
        }
        return {
          localStorage: keys(localStorage),
          sessionStorage: keys(sessionStorage),
          indexedDB: databases,
        };
      })
      .catch(() => null);
    if (!seen) continue;
    for (const type of ['localStorage', 'sessionStorage', 'indexedDB'])
      for (const name of seen[type]) found.push({ type, name, origin });
  }
  return found;
}

async function visit(browser, url, { accept, timeout }) {
  const context = await browser.newContext();
  const requests = new Set();
  context.on('request', (request) => {
    try {
      requests.add(new URL(request.url()).host);
    } catch {
      // data: and blob: URLs have no host
    }
  });
  const settle = traffic(context);
  const page = await context.newPage();
  const result = { url: url.href, accept, cookies: [], storage: [], hosts: [], links: [] };
  try {
    const response = await page.goto(url.href, { waitUntil: 'load', timeout });
    if (response && !response.ok()) result.error = `HTTP ${response.status()}`;
    await settle(3000);
    result.keuze = await page
      .evaluate(() => typeof window.keuze?.acceptAll === 'function')
      .catch(() => false);
    if (result.keuze) {
      // The site's own config, once Keuze has read it (no decision is taken by reading).
      result.config = await page
        .evaluate(() =>
          Promise.race([
            window.keuze.ready.then(() => window.keuze.store?.config ?? null),
            new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
          ]),
        )
        .catch(() => null);
      if (accept) {
        await page.evaluate(() => window.keuze.acceptAll());
        await settle(3000);
      }
    }
    result.links = await page
      .$$eval('a[href]', (anchors) => anchors.map((a) => a.href))
      .catch(() => []);
    result.storage = await readStorage(page);
  } catch (error) {
    result.error =
      error.name === 'TimeoutError'
        ? `did not load within ${timeout / 1000} s`
        : error.message.split('\n')[0];
  }
  try {
    result.cookies = (await context.cookies()).map((cookie) => ({
      name: cookie.name,
      domain: cookie.domain,
      path: cookie.path,
      expires: cookie.expires,
      httpOnly: cookie.httpOnly,
    }));
  } catch {
    // the context is gone; keep what was seen
  }
  result.hosts = [...requests].sort();
  await context.close().catch(() => {});
  return result;
}

/**
 * Scans up to `pages` same-origin pages from `start`. Never throws for a page
 * that fails: its error is kept with the page and the scan goes on.
 */
export async function scan(start, { pages = 20, timeout = 15_000, onProgress = () => {} } = {}) {
  const origin = parseStartUrl(start).origin;
  const queue = [parseStartUrl(start).href];
  const queued = new Set(queue);
  const visits = [];
  const browser = await launch();
  const began = Date.now();
  // Two pages at a time, each visited twice at once (before, and after accept all):
  // the visit after is dropped when the page has no Keuze to accept.
  const visitPage = async (url) => {
    const [before, after] = await Promise.all([
      visit(browser, url, { accept: false, timeout }),
      visit(browser, url, { accept: true, timeout }),
    ]);
    return { url: url.href, before, after: before.keuze && after.keuze ? after : undefined };
  };
  const enqueue = (links) => {
    for (const link of links) {
      let next;
      try {
        next = new URL(link);
      } catch {
        continue;
      }
      next.hash = '';
      if (next.origin !== origin || SKIP.test(next.pathname) || queued.has(next.href)) continue;
      queued.add(next.href);
      queue.push(next.href);
    }
  };
  try {
    const running = new Set();
    let started = 0;
    while (started < pages && (queue.length > 0 || running.size > 0)) {
      while (queue.length > 0 && started < pages && running.size < CONCURRENT_PAGES) {
        const url = new URL(queue.shift());
        started += 1;
        const job = visitPage(url).then((done) => {
          visits.push(done);
          enqueue([...done.before.links, ...(done.after?.links ?? [])]);
          onProgress({
            done: visits.length,
            total: Math.min(pages, visits.length + running.size - 1 + queue.length),
            url: done.url,
          });
          running.delete(job);
        });
        running.add(job);
      }
      if (running.size > 0) await Promise.race(running);
    }
    onProgress({ done: visits.length, total: visits.length, url: '' });
  } finally {
    await browser.close().catch(() => {});
  }
  // In the order the pages were found, whatever order they finished in.
  const order = [...queued];
  visits.sort((a, b) => order.indexOf(a.url) - order.indexOf(b.url));
  return { start: parseStartUrl(start).href, origin, seconds: (Date.now() - began) / 1000, visits };
}
