#!/usr/bin/env node
// `npm run bench`: measures the built script-tag bundle (dist/keuze.min.js and
// the parts it loads lazily) in local pages with headless Chromium, and prints
// medians over repeated runs. Writes bench/results/latest.json.
//
// Every run uses a fresh browser context (empty IndexedDB, empty cache), so a
// "first visit" is a real first visit. Times are taken inside the page with
// performance.now(): `keuze:start` is a mark right before the widget's script
// tag (so it includes the local download and the compile), "painted" is the
// animation frame in which the element is first visible (the paint follows
// that frame's rAF callbacks).
//
//   node bench/run.mjs                # 7 runs (BENCH_RUNS=15 for more)
//   BENCH_RUNS=3 node bench/run.mjs   # quick look
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { measure as measureSizes, BUDGETS } from '../scripts/size.mjs';
import { largeConfig } from './large-config.mjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { contentType } from '../scripts/content-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const CHROMIUM = findChromium();
// BENCH_DIST=/some/dir serves that directory as /dist/ (e.g. an older build, to compare
// before and after on the same machine under the same load).
const DIST = process.env.BENCH_DIST ?? join(root, 'dist');
const RESULT = process.env.BENCH_OUT ?? join(root, 'bench/results/latest.json');
const fileOf = (path) =>
  path.startsWith('/dist/') ? join(DIST, path.slice('/dist/'.length)) : join(root, path);

// ---------------------------------------------------------------- server
const typical = readFileSync(join(root, 'bench/pages/typical.json'), 'utf8');
const large = JSON.stringify(largeConfig());

function serve(request, response) {
  const url = new URL(request.url, 'http://localhost');
  const path = normalize(decodeURIComponent(url.pathname));
  const send = (status, body, type = 'text/plain') => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  if (path === '/bench/large.json') return send(200, large, contentType('.json'));
  if (path === '/favicon.ico') return send(204, '');
  if (!/^\/(dist|bench\/pages|locales)\//.test(path)) return send(404, 'not found');
  const file = fileOf(path);
  if (path.includes('..') || !existsSync(file) || !statSync(file).isFile())
    return send(404, 'not found');
  let body = readFileSync(file);
  if (extname(file) === '.html') body = body.toString('utf8').replace('__CONFIG__', typical);
  return send(200, body, contentType(file));
}

/** gzip -9 bytes of what a URL served (the pages' own HTML excluded). */
function gzipOf(urlString) {
  const path = new URL(urlString).pathname;
  if (path === '/bench/large.json')
    return { file: path, bytes: gzipSync(large, { level: 9 }).length };
  const file = fileOf(normalize(path));
  if (!existsSync(file)) return { file: path, bytes: 0 };
  return { file: path, bytes: gzipSync(readFileSync(file), { level: 9 }).length };
}

// ---------------------------------------------------------------- in-page instrumentation
// Runs before any script of the page: long tasks, and a frame loop helper.
const instrument = () => {
  const bench = (window.__bench = { longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // a browser without long-task timing simply reports none
  }
  const deep = (selector) => {
    // Finds an element inside the Keuze elements' shadow roots.
    const [host, inner] = selector.split(' >>> ');
    const element = document.querySelector(host);
    return inner ? element?.shadowRoot?.querySelector(inner) : element;
  };
  const visible = (element) =>
    !!element &&
    element.isConnected &&
    element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
    element.getBoundingClientRect().height > 0;
  bench.deep = deep;
  bench.visible = visible;
  /** Resolves with performance.now() of the first animation frame where predicate() holds. */
  bench.frameWhen = (predicate, timeout = 20000) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const tick = () => {
        let ok = false;
        try {
          ok = predicate();
        } catch {
          // the element is not there yet: poll again
        }
        if (ok) return resolve(performance.now());
        if (performance.now() - started > timeout)
          return reject(new Error('timed out waiting for a frame'));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  const banner = () => deep('keuze-banner >>> [data-keuze-action="accept-all"]');
  bench.bannerPainted = bench
    .frameWhen(() => visible(banner()), 60000)
    .then((t) => (bench.bannerAt = t));
};

const BANNER_ACCEPT = 'keuze-banner >>> [data-keuze-action="accept-all"]';
const BANNER_SETTINGS = 'keuze-banner >>> [data-keuze-action="open-centre"]';

async function clickDeep(page, selector) {
  const box = await page.evaluate((selector) => {
    const element = window.__bench.deep(selector);
    element.scrollIntoView({ block: 'center' });
    const rect = element.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }, selector);
  await page.mouse.click(box.x, box.y);
}

/** Records performance.now() of the next click (capture phase, before any handler). */
async function armClick(page) {
  await page.evaluate(() => {
    window.__bench.clickAt = undefined;
    window.addEventListener('click', () => (window.__bench.clickAt ??= performance.now()), {
      capture: true,
      once: true,
    });
  });
}

async function heapMB(page) {
  const session = await page.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value / 1024 / 1024;
}

// ---------------------------------------------------------------- scenarios
async function typicalRun(browser, origin) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(instrument);
  const url = `${origin}/bench/pages/typical.html`;

  // First visit: script start → banner painted; what was downloaded by then.
  await page.goto(url);
  const first = await page.evaluate(async () => {
    const painted = await window.__bench.bannerPainted;
    const start = performance.getEntriesByName('keuze:start')[0].startTime;
    await new Promise((resolve) => setTimeout(resolve, 600)); // let late long tasks arrive
    return {
      bannerMs: painted - start,
      resources: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= painted)
        .map((entry) => entry.name),
      longtasks: window.__bench.longtasks.filter((task) => task.start + task.duration >= start),
    };
  });

  // Accept all: the click → the first frame without the banner.
  await armClick(page);
  await clickDeep(page, BANNER_ACCEPT);
  const acceptMs = await page.evaluate(async (selector) => {
    const bench = window.__bench;
    const gone = await bench.frameWhen(() => !bench.visible(bench.deep(selector)));
    return gone - bench.clickAt;
  }, BANNER_ACCEPT);
  await page.evaluate(() => window.keuze.ready);
  await page.waitForFunction(() => window.__gatedRan === 1);

  // Returning visitor: script start → the gated analytics script runs.
  await page.goto(url);
  const returning = await page.evaluate(async () => {
    while (!performance.getEntriesByName('gated:run').length)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const ran = performance.getEntriesByName('gated:run')[0].startTime;
    return {
      ms: ran - performance.getEntriesByName('keuze:start')[0].startTime,
      resources: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= ran)
        .map((entry) => entry.name),
    };
  });

  // Opening the cookie centre from the footer link (loads it if it is lazy): click → centre painted.
  await armClick(page);
  await page.click('footer a');
  const centre = await page.evaluate(async () => {
    const bench = window.__bench;
    const at = await bench.frameWhen(() =>
      bench.visible(bench.deep('keuze-centre >>> [role="switch"]')),
    );
    return {
      openMs: at - bench.clickAt,
      resources: performance.getEntriesByType('resource').map((entry) => entry.name),
    };
  });
  await context.close();
  return { first, acceptMs, returning, centre };
}

async function largeRun(browser, origin) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(instrument);
  await page.goto(`${origin}/bench/pages/large.html`);
  const bannerMs = await page.evaluate(async () => {
    const painted = await window.__bench.bannerPainted;
    return painted - performance.getEntriesByName('keuze:start')[0].startTime;
  });
  const heapBanner = await heapMB(page);
  const before = await page.evaluate(() => window.__bench.longtasks.length);

  await armClick(page);
  await clickDeep(page, BANNER_SETTINGS);
  const openMs = await page.evaluate(async () => {
    const bench = window.__bench;
    const at = await bench.frameWhen(() =>
      bench.visible(bench.deep('keuze-centre >>> [role="switch"]:not([disabled])')),
    );
    return at - bench.clickAt;
  });
  const heapCentre = await heapMB(page);

  const SWITCH = 'keuze-centre >>> [role="switch"]:not([disabled])';
  const was = await page.evaluate(
    (selector) => window.__bench.deep(selector).getAttribute('aria-checked'),
    SWITCH,
  );
  await armClick(page);
  await clickDeep(page, SWITCH);
  const toggleMs = await page.evaluate(
    async (selector, was) => {
      const bench = window.__bench;
      const at = await bench.frameWhen(
        () => bench.deep(selector).getAttribute('aria-checked') !== was,
      );
      return at - bench.clickAt;
    },
    SWITCH,
    was,
  );

  const SAVE = 'keuze-centre >>> [data-keuze-action="save"]';
  await armClick(page);
  await clickDeep(page, SAVE);
  const saveMs = await page.evaluate(async () => {
    const bench = window.__bench;
    const at = await bench.frameWhen(() => !bench.visible(bench.deep('keuze-centre >>> dialog')));
    return at - bench.clickAt;
  });
  const decided = await page.evaluate(() => window.keuze.get().decided);
  if (!decided) throw new Error('saving in the large centre recorded no decision');
  const longtasks = await page.evaluate((before) => window.__bench.longtasks.slice(before), before);
  await context.close();
  return { bannerMs, openMs, toggleMs, saveMs, heapBanner, heapCentre, longtasks };
}

// ---------------------------------------------------------------- statistics and output
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const stat = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
  runs: values,
});
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (s) =>
  `${s.median.toFixed(1)} ms`.padStart(10) + `  (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

function bytesOf(urls) {
  const seen = new Map();
  for (const url of urls) {
    const { file, bytes } = gzipOf(url);
    // The widget's own files only (not the page, its config or its gated scripts).
    if (/^\/(dist|locales)\//.test(file)) seen.set(file, bytes);
  }
  return { files: Object.fromEntries(seen), gzip: [...seen.values()].reduce((a, b) => a + b, 0) };
}

async function main() {
  const server = createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const typicalRuns = [];
  const largeRuns = [];
  try {
    // One unmeasured warm-up of each, so the OS file cache and the browser's code cache are not in run 1.
    await typicalRun(browser, origin);
    for (let run = 0; run < RUNS; run++) typicalRuns.push(await typicalRun(browser, origin));
    await largeRun(browser, origin);
    for (let run = 0; run < RUNS; run++) largeRuns.push(await largeRun(browser, origin));
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }

  const sizes = measureSizes(DIST);
  const firstBytes = bytesOf(typicalRuns[0].first.resources);
  const afterCentre = bytesOf(typicalRuns[0].centre.resources);
  const returningBytes = bytesOf(typicalRuns[0].returning.resources);
  const widgetLong = (tasks) => tasks.reduce((sum, task) => sum + task.duration, 0);
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      browser: await browserVersion(),
    },
    runs: RUNS,
    bytes: {
      budgets: BUDGETS,
      firstLayer: sizes.firstLayer,
      everything: sizes.everything,
      files: sizes.files,
      observedBeforeBanner: firstBytes,
      observedReturningBeforeGated: returningBytes,
      observedAfterOpeningCentre: afterCentre,
    },
    firstVisit: {
      bannerMs: stat(typicalRuns.map((run) => run.first.bannerMs)),
      longTasks: stat(typicalRuns.map((run) => run.first.longtasks.length)),
      longTaskMs: stat(typicalRuns.map((run) => widgetLong(run.first.longtasks))),
    },
    acceptToPaintMs: stat(typicalRuns.map((run) => run.acceptMs)),
    returningToGatedMs: stat(typicalRuns.map((run) => run.returning.ms)),
    openCentreMs: stat(typicalRuns.map((run) => run.centre.openMs)),
    large: {
      config: {
        purposes: 50,
        services: 500,
        storageItems: 5000,
        jsonGzip: gzipSync(large, { level: 9 }).length,
      },
      bannerMs: stat(largeRuns.map((run) => run.bannerMs)),
      openCentreMs: stat(largeRuns.map((run) => run.openMs)),
      toggleMs: stat(largeRuns.map((run) => run.toggleMs)),
      saveMs: stat(largeRuns.map((run) => run.saveMs)),
      heapWithBannerMB: stat(largeRuns.map((run) => run.heapBanner)),
      heapWithCentreMB: stat(largeRuns.map((run) => run.heapCentre)),
      longTasks: stat(largeRuns.map((run) => run.longtasks.length)),
      longTaskMs: stat(largeRuns.map((run) => widgetLong(run.longtasks))),
    },
  };
  mkdirSync(dirname(RESULT), { recursive: true });
  writeFileSync(RESULT, JSON.stringify(result, null, 2));
  print(result);
}

async function browserVersion() {
  try {
    return execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'Chromium';
  }
}

function print(r) {
  const line = (label, value) => console.log(`  ${label.padEnd(58)}${value}`);
  console.log(
    `\nKeuze bench — ${r.machine.cpu} (${r.machine.cores} cores, ${r.machine.memoryGB} GB), ${r.machine.browser}, ${r.runs} runs, median (min–max)\n`,
  );
  console.log('bytes (gzip -9)');
  line(
    `first layer: keuze.min.js${DIST === join(root, 'dist') ? '' : ` (from ${DIST})`}`,
    `${kB(r.bytes.firstLayer.gzip).padStart(10)}  budget ${kB(r.bytes.budgets.firstLayer)}`,
  );
  line(
    '  downloaded before the banner painted (observed)',
    kB(r.bytes.observedBeforeBanner.gzip).padStart(10),
  );
  line(
    'returning visitor: downloaded before the gated script ran',
    kB(r.bytes.observedReturningBeforeGated.gzip).padStart(10),
  );
  line(
    'everything (centre, notice, one extra language)',
    `${kB(r.bytes.everything.gzip).padStart(10)}  budget ${kB(r.bytes.budgets.everything)}`,
  );
  line(
    '  downloaded once the centre was open (observed)',
    kB(r.bytes.observedAfterOpeningCentre.gzip).padStart(10),
  );
  console.log('typical page (4 purposes, 5 services, Consent Mode)');
  line('first visit: script start → banner painted', ms(r.firstVisit.bannerMs));
  line(
    '  long tasks (count; total ms)',
    `${r.firstVisit.longTasks.median}; ${r.firstVisit.longTaskMs.median.toFixed(0)} ms`,
  );
  line('click "accept all" → banner gone (frame)', ms(r.acceptToPaintMs));
  line('returning visitor: script start → gated script runs', ms(r.returningToGatedMs));
  line('click "Cookie settings" → centre painted', ms(r.openCentreMs));
  console.log('large config (50 purposes, 500 services, 5,000 storage items)');
  line('first visit: script start → banner painted', ms(r.large.bannerMs));
  line('click "settings" → centre painted', ms(r.large.openCentreMs));
  line('click a purpose switch → switch painted', ms(r.large.toggleMs));
  line('click "save" → centre closed (frame)', ms(r.large.saveMs));
  line(
    'JS heap with the banner / with the centre open',
    `${r.large.heapWithBannerMB.median.toFixed(1)} MB / ${r.large.heapWithCentreMB.median.toFixed(1)} MB`,
  );
  line(
    'long tasks open→toggle→save (count; total ms)',
    `${r.large.longTasks.median}; ${r.large.longTaskMs.median.toFixed(0)} ms`,
  );
  console.log(`\nwritten: ${RESULT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
