#!/usr/bin/env node
// `npm run bench`: Keuze next to vanilla-cookieconsent 3.1 and Klaro 0.7, each
// on its own copy of the same shop page (same purposes, services and storage),
// served by one local server (gzip, cache headers), in headless Chromium driven
// by playwright-core. Two profiles: desktop (no throttling) and mobile (CPU 4×
// slower, 150 ms round trip, 1.6 Mbit/s down). Per run the widgets take turns
// going first; the table shows medians and the Keuze/peer ratio of each journey.
// Also Keuze's large-config figures (50 purposes, 500 services, 5,000 items).
//
//   npm run bench                          # build, then 7 runs per profile
//   node bench/run.mjs --runs 15           # more runs
//   node bench/run.mjs --quick             # smoke run: 1 run, desktop, short idle window
//   node bench/run.mjs --profile mobile --only keuze,klaro
//   node bench/run.mjs --dist /tmp/old-dist   # another build of Keuze, same machine
//
// Writes bench/results/<timestamp>.json. Timings are never pass/fail anywhere.
// What each journey measures: docs/benchmarks.md.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { largeConfig } from './large-config.mjs';
import { PROFILES, profiledPage } from './profiles.mjs';
import { startServer } from './server.mjs';
import { widgets as allWidgets, mounts } from './widgets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'string' },
    only: { type: 'string' },
    dist: { type: 'string' },
    out: { type: 'string' },
    'no-large': { type: 'boolean', default: false },
  },
});
const RUNS = flags.quick ? 1 : Math.max(1, Number(flags.runs));
if (!Number.isInteger(RUNS)) throw new Error(`--runs must be a whole number, got "${flags.runs}"`);
const DIST = resolve(flags.dist ?? process.env.BENCH_DIST ?? join(root, 'dist'));

const profiles = (flags.profile ?? (flags.quick ? 'desktop' : 'desktop,mobile')).split(',');
for (const name of profiles)
  if (!PROFILES[name]) throw new Error(`--profile: unknown profile "${name}" (desktop, mobile)`);
const WIDGETS = allWidgets(root).filter(
  (widget) => !flags.only || flags.only.split(',').includes(widget.id),
);
if (!WIDGETS.length) throw new Error(`--only: no widget called "${flags.only}"`);

/** How long a press lasts between pointer down and up, for every widget alike. */
const PRESS_MS = 100;
/** The network counts as idle after this long without a request in flight (shorter for a smoke run). */
const QUIET_MS = flags.quick ? 500 : 1500;

// ---------------------------------------------------------------- in-page instrumentation
// Runs before any script of the page, the same for every widget: long tasks,
// a finder, a visibility predicate and a frame loop. `banner`: the banner's own
// element, for a banner that scrolls its content (the large config, whose
// "accept all" is laid out below the fold of the banner's own scroller).
function instrument({ accept, banner }) {
  const bench = (window.__bench = { longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // a browser without long-task timing simply reports none
  }
  /** "host >>> inner": inner in host's light DOM or its shadow root; else a plain selector. */
  const find = (selector) => {
    const [host, inner] = selector.split(' >>> ');
    const element = document.querySelector(host);
    if (!inner || !element) return element;
    return element.querySelector(inner) ?? element.shadowRoot?.querySelector(inner) ?? null;
  };
  /**
   * Laid out (a box > 0, inside the viewport unless `anywhere`) and not hidden
   * by display, visibility or opacity 0.
   */
  const visible = (element, anywhere = false) => {
    if (!element?.isConnected) return false;
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    if (anywhere) return box.width > 0 && box.height > 0;
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.bottom > 0 &&
      box.right > 0 &&
      box.top < innerHeight &&
      box.left < innerWidth
    );
  };
  /** Resolves with performance.now() in the first animation frame where predicate() holds (null on timeout). */
  const frameWhen = (predicate, timeout = 60000) =>
    new Promise((resolve) => {
      const started = performance.now();
      const tick = () => {
        let ok = false;
        try {
          ok = predicate();
        } catch {
          // not there yet: look again next frame
        }
        if (ok) return resolve(performance.now());
        if (performance.now() - started > timeout) return resolve(null);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  /** The element's ancestors, through shadow roots to their hosts. */
  const ancestors = (element) => {
    const list = [];
    let node = element;
    while ((node = node.parentElement ?? node.getRootNode().host)) list.push(node);
    return list;
  };
  /** Product of the opacities of the element and its ancestors. */
  const opacity = (element) =>
    [element, ...ancestors(element)].reduce(
      (product, node) => product * Number(getComputedStyle(node).opacity),
      1,
    );
  const ancestorAnimations = (element) =>
    ancestors(element).flatMap((node) => node.getAnimations());
  /**
   * A predicate that holds once the element visibly starts to change: it is
   * gone or hidden, has moved or faded, or a new animation or transition runs
   * on an ancestor (a banner that slides or fades out has answered). The
   * button's own hover and press styles do not count.
   */
  const changed = (selector) => {
    const element = find(selector);
    const box = element.getBoundingClientRect();
    const alpha = opacity(element);
    const running = new Set(ancestorAnimations(element));
    return () => {
      if (find(selector) !== element || !visible(element)) return true;
      const now = element.getBoundingClientRect();
      if (Math.abs(now.x - box.x) > 0.5 || Math.abs(now.y - box.y) > 0.5) return true;
      if (opacity(element) < alpha) return true;
      return ancestorAnimations(element).some((animation) => !running.has(animation));
    };
  };
  /**
   * Sets bench.pressAt to the next click's time stamp (its input time, before
   * any handler). With `watch`, bench.changedAt resolves with the first frame
   * after that click in which `watch` visibly changed.
   */
  bench.armClick = (watch) => {
    bench.pressAt = undefined;
    addEventListener(
      'click',
      (event) => {
        bench.pressAt = Math.min(event.timeStamp || Infinity, performance.now());
        if (watch) bench.changedAt = frameWhen(changed(watch), 30000);
      },
      { capture: true, once: true },
    );
  };
  /** Bytes of the responses received by time `until` (ms since navigation): gzip bodies as served. */
  bench.bytes = (until = Infinity) => {
    const [page] = performance.getEntriesByType('navigation');
    const resources = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.responseEnd <= until && !entry.name.endsWith('/favicon.ico'));
    return {
      page: page.encodedBodySize,
      widget: resources.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      network: resources.reduce((sum, entry) => sum + entry.transferSize, 0),
      files: resources.map((entry) => ({
        url: new URL(entry.name).pathname,
        bytes: entry.encodedBodySize,
        cached: entry.transferSize === 0,
      })),
    };
  };
  bench.find = find;
  bench.visible = visible;
  bench.frameWhen = frameWhen;
  // The banner is visible once its "accept all" is: inside the viewport, or, for a
  // banner that scrolls, laid out (rendered) while the banner itself is in view.
  bench.banner = frameWhen(() =>
    banner ? visible(find(banner)) && visible(find(accept), true) : visible(find(accept)),
  );
}

// ---------------------------------------------------------------- driving a page
async function newPage(browser, profile, widget, origin) {
  const { context, page } = await profiledPage(browser, profile);
  await page.addInitScript(instrument, { accept: widget.accept, banner: widget.banner });
  let inFlight = 0;
  let lastActivity = Date.now();
  const track = (delta) => () => {
    inFlight += delta;
    lastActivity = Date.now();
  };
  page.on('request', track(1));
  page.on('requestfinished', track(-1));
  page.on('requestfailed', track(-1));
  /**
   * Waits until no request has been in flight for QUIET_MS (counted from the
   * call at the earliest, so work a widget defers to "later" gets its chance),
   * then for an idle callback, and again if that let a request start.
   */
  const idle = async (timeout = 30000) => {
    const started = Date.now();
    for (;;) {
      while (inFlight > 0 || Date.now() - Math.max(lastActivity, started) < QUIET_MS) {
        if (Date.now() - started > timeout) return;
        await sleep(50);
      }
      const before = lastActivity;
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
      if (lastActivity === before && inFlight === 0) return;
    }
  };
  const url = `${origin}${widget.page}`;
  return { context, page, idle, url };
}

/**
 * Presses an element like a pointer does: over it, down, PRESS_MS later up (the
 * click). `watch`: also time the first frame in which the element changes.
 */
async function press(page, selector, { watch = false } = {}) {
  const box = await page.evaluate(
    ({ selector, watch }) => {
      const element = window.__bench.find(selector);
      element.scrollIntoView({ block: 'nearest' });
      const rect = element.getBoundingClientRect();
      window.__bench.armClick(watch ? selector : undefined);
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    },
    { selector, watch },
  );
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  await sleep(PRESS_MS);
  await page.mouse.up();
}

function fail(widget, profile, journey, message) {
  return new Error(`${widget.name} (${profile}), ${journey}: ${message}`);
}

// ---------------------------------------------------------------- journeys
/** First visit → banner; accept all → paint; returning visitor → gated script. */
async function visitAcceptReturn(browser, profile, widget, origin) {
  const { context, page, idle, url } = await newPage(browser, profile, widget, origin);
  try {
    await page.goto(url);
    const bannerAt = await page.evaluate(() => window.__bench.banner);
    if (bannerAt === null) throw fail(widget, profile, 'first visit', 'the banner never showed');
    await idle();
    const first = await page.evaluate((bannerAt) => {
      const bench = window.__bench;
      return {
        bannerMs: bannerAt,
        beforeBanner: bench.bytes(bannerAt),
        idle: bench.bytes(),
        longtasks: bench.longtasks,
      };
    }, bannerAt);

    await press(page, widget.accept, { watch: true });
    const acceptMs = await page.evaluate(async () => {
      const bench = window.__bench;
      const at = await bench.changedAt;
      return at === null ? null : at - bench.pressAt;
    });
    if (acceptMs === null) throw fail(widget, profile, 'accept all', 'the banner never changed');
    await page.waitForFunction(() => window.__gatedRan === 1, null, { timeout: 30000 });
    await idle(); // the decision is stored; nothing left in flight

    await page.goto(url);
    const returning = await page.evaluate(async (accept) => {
      const bench = window.__bench;
      const at = await bench.frameWhen(() => performance.getEntriesByName('gated:run').length > 0);
      if (at === null) return null;
      const ran = performance.getEntriesByName('gated:run')[0].startTime;
      return {
        ms: ran,
        bannerShown: bench.visible(bench.find(accept)),
        bytes: bench.bytes(ran),
      };
    }, widget.accept);
    if (returning === null)
      throw fail(widget, profile, 'returning visit', 'the gated script never ran');
    if (returning.bannerShown)
      throw fail(widget, profile, 'returning visit', 'the banner showed again: no stored decision');
    return { first, acceptMs, returning };
  } finally {
    await context.close();
  }
}

/** First visit → idle → "preferences" on the first layer → dialog visible. */
async function openPreferences(browser, profile, widget, origin) {
  const { context, page, idle, url } = await newPage(browser, profile, widget, origin);
  try {
    await page.goto(url);
    if ((await page.evaluate(() => window.__bench.banner)) === null)
      throw fail(widget, profile, 'preferences', 'the banner never showed');
    await idle();
    await press(page, widget.preferences);
    const opened = await page.evaluate(async (dialog) => {
      const bench = window.__bench;
      const at = await bench.frameWhen(() => bench.visible(bench.find(dialog)), 30000);
      return at === null ? null : { ms: at - bench.pressAt, bytes: bench.bytes(at) };
    }, widget.dialog);
    if (opened === null) throw fail(widget, profile, 'preferences', 'the dialog never showed');
    await idle();
    opened.idle = await page.evaluate(() => window.__bench.bytes());
    return opened;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- Keuze's large config (desktop)
async function largeRun(browser, origin) {
  const keuze = {
    accept: 'keuze-banner >>> [data-keuze-action="accept-all"]',
    banner: 'keuze-banner',
    page: '/bench/pages/large.html',
  };
  const { context, page, idle, url } = await newPage(browser, 'desktop', keuze, origin);
  try {
    await page.goto(url);
    // Both times are this document's performance.now(): the mark is the page's first script.
    const bannerMs = await page.evaluate(async () => {
      const painted = await window.__bench.banner;
      if (painted === null) return null;
      return painted - performance.getEntriesByName('keuze:start')[0].startTime;
    });
    if (bannerMs === null) throw new Error('the large config: the banner never showed');
    // As in the other journeys, the visitor presses once the page is idle: what the
    // page does while it loads (reading and checking the config) is counted apart.
    await idle();
    const heapBanner = await heapMB(context, page);
    const before = await page.evaluate(() => window.__bench.longtasks.length);
    const at = {};

    await press(page, 'keuze-banner >>> [data-keuze-action="open-centre"]');
    at.open = await page.evaluate(() => window.__bench.pressAt);
    const SWITCH = 'keuze-centre >>> [role="switch"]:not([disabled])';
    const openMs = await page.evaluate(async (selector) => {
      const bench = window.__bench;
      // The first switch a visitor can change, wherever the centre has scrolled it.
      const at = await bench.frameWhen(() => bench.visible(bench.find(selector), true));
      return at - bench.pressAt;
    }, SWITCH);
    const heapCentre = await heapMB(context, page);

    const was = await page.evaluate(
      (selector) => window.__bench.find(selector).getAttribute('aria-checked'),
      SWITCH,
    );
    await press(page, SWITCH);
    at.toggle = await page.evaluate(() => window.__bench.pressAt);
    const toggleMs = await page.evaluate(
      async ({ selector, was }) => {
        const bench = window.__bench;
        const at = await bench.frameWhen(
          () => bench.find(selector).getAttribute('aria-checked') !== was,
        );
        return at - bench.pressAt;
      },
      { selector: SWITCH, was },
    );

    await press(page, 'keuze-centre >>> [data-keuze-action="save"]');
    at.save = await page.evaluate(() => window.__bench.pressAt);
    const saveMs = await page.evaluate(async () => {
      const bench = window.__bench;
      const at = await bench.frameWhen(
        () => !bench.visible(bench.find('keuze-centre >>> [data-keuze-action="save"]'), true),
      );
      return at - bench.pressAt;
    });
    const decided = await page.evaluate(() => window.keuze.get().decided);
    if (!decided) throw new Error('saving in the large centre recorded no decision');
    // What the save leaves for after the paint (the clean-up of refused storage) counts too.
    await idle();
    const { loading, journey } = await page.evaluate((before) => {
      const tasks = window.__bench.longtasks;
      return { loading: tasks.slice(0, before), journey: tasks.slice(before) };
    }, before);
    // Each long task of the journey with the press it followed.
    const step = (task) => ['save', 'toggle', 'open'].find((name) => task.start >= at[name] - 50);
    const longtasks = journey.map((task) => ({ ...task, after: step(task) }));
    return { bannerMs, openMs, toggleMs, saveMs, heapBanner, heapCentre, longtasks, loading };
  } finally {
    await context.close();
  }
}

async function heapMB(context, page) {
  const session = await context.newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value / 1024 / 1024;
}

// ---------------------------------------------------------------- statistics
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
const sumOf = (tasks) => tasks.reduce((sum, task) => sum + task.duration, 0);

/** The journeys, in the order the table shows them. */
const JOURNEYS = [
  { key: 'bannerMs', label: 'navigation → banner visible', unit: 'ms' },
  { key: 'acceptMs', label: '"accept all" → next paint', unit: 'ms' },
  { key: 'preferencesMs', label: '"preferences" → dialog visible (first time)', unit: 'ms' },
  { key: 'returningMs', label: 'returning visitor → first gated script runs', unit: 'ms' },
  { key: 'longTaskMs', label: 'long tasks until idle, first visit (total)', unit: 'ms' },
  { key: 'bytesBeforeBanner', label: 'bytes before the banner', unit: 'B' },
  { key: 'bytesIdle', label: 'bytes once the page is idle (banner unanswered)', unit: 'B' },
  { key: 'bytesPreferences', label: 'bytes once the dialog is visible', unit: 'B' },
  { key: 'bytesPreferencesIdle', label: 'bytes once the dialog is open and idle', unit: 'B' },
  {
    key: 'bytesReturning',
    label: 'returning visitor: bytes read before the gate (HTTP cache)',
    unit: 'B',
  },
  { key: 'bytesReturningNetwork', label: 'returning visitor: bytes over the network', unit: 'B' },
  { key: 'bytesPage', label: 'the HTML page itself (with its inline config)', unit: 'B' },
];

function summarise(samples) {
  const pick = (fn) => stat(samples.map(fn));
  return {
    bannerMs: pick((s) => s.visit.first.bannerMs),
    acceptMs: pick((s) => s.visit.acceptMs),
    preferencesMs: pick((s) => s.preferences.ms),
    returningMs: pick((s) => s.visit.returning.ms),
    longTasks: pick((s) => s.visit.first.longtasks.length),
    longTaskMs: pick((s) => sumOf(s.visit.first.longtasks)),
    bytesBeforeBanner: pick((s) => s.visit.first.beforeBanner.widget),
    bytesIdle: pick((s) => s.visit.first.idle.widget),
    bytesPreferences: pick((s) => s.preferences.bytes.widget),
    bytesPreferencesIdle: pick((s) => s.preferences.idle.widget),
    bytesReturning: pick((s) => s.visit.returning.bytes.widget),
    bytesReturningNetwork: pick((s) => s.visit.returning.bytes.network),
    bytesPage: pick((s) => s.visit.first.beforeBanner.page),
    files: {
      beforeBanner: samples[0].visit.first.beforeBanner.files,
      idle: samples[0].visit.first.idle.files,
      preferences: samples[0].preferences.idle.files,
      returning: samples[0].visit.returning.bytes.files,
    },
  };
}

// ---------------------------------------------------------------- main
async function main() {
  const typical = readFileSync(join(root, 'bench/pages/typical.json'), 'utf8');
  const large = JSON.stringify(largeConfig());
  const pageFrom = (file) => () =>
    readFileSync(join(root, 'bench/pages', file), 'utf8').replace('__CONFIG__', typical);
  const server = await startServer({
    mounts: mounts(root, DIST),
    pages: Object.fromEntries(
      [...WIDGETS.map((widget) => widget.page), '/bench/pages/large.html'].map((path) => [
        path,
        pageFrom(path.slice('/bench/pages/'.length)),
      ]),
    ),
    data: { '/bench/large.json': () => large },
  });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const browserVersion = browser.version();
  const results = {};
  let largeRuns = [];
  try {
    for (const profile of profiles) {
      const samples = Object.fromEntries(WIDGETS.map((widget) => [widget.id, []]));
      // One unmeasured pass, so the OS file cache and the server's gzip cache are not in run 1.
      if (!flags.quick)
        for (const widget of WIDGETS)
          await visitAcceptReturn(browser, profile, widget, server.origin);
      for (let run = 0; run < RUNS; run++) {
        // Each run another widget goes first.
        const order = WIDGETS.map((_, i) => WIDGETS[(i + run) % WIDGETS.length]);
        for (const widget of order) {
          const visit = await visitAcceptReturn(browser, profile, widget, server.origin);
          const preferences = await openPreferences(browser, profile, widget, server.origin);
          samples[widget.id].push({ visit, preferences });
        }
        process.stderr.write(`${profile}: run ${run + 1}/${RUNS}\n`);
      }
      results[profile] = Object.fromEntries(
        WIDGETS.map((widget) => [widget.id, summarise(samples[widget.id])]),
      );
    }
    if (!flags['no-large'] && WIDGETS.some((widget) => widget.id === 'keuze')) {
      if (!flags.quick) await largeRun(browser, server.origin);
      for (let run = 0; run < RUNS; run++) largeRuns.push(await largeRun(browser, server.origin));
      process.stderr.write(`large config: ${RUNS} runs\n`);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  const result = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      load: os.loadavg().map((load) => Number(load.toFixed(2))),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      browser: `Chromium ${browserVersion}`,
    },
    keuze: { commit: gitCommit(), dist: DIST },
    runs: RUNS,
    pressMs: PRESS_MS,
    profiles: Object.fromEntries(
      profiles.map((name) => [name, { ...PROFILES[name], widgets: results[name] }]),
    ),
    widgets: WIDGETS.map(({ id, name, version, page, gating }) => ({
      id,
      name,
      version,
      page,
      gating,
    })),
    large: largeRuns.length
      ? {
          config: { purposes: 50, services: 500, storageItems: 5000 },
          bannerMs: stat(largeRuns.map((run) => run.bannerMs)),
          openCentreMs: stat(largeRuns.map((run) => run.openMs)),
          toggleMs: stat(largeRuns.map((run) => run.toggleMs)),
          saveMs: stat(largeRuns.map((run) => run.saveMs)),
          heapWithBannerMB: stat(largeRuns.map((run) => run.heapBanner)),
          heapWithCentreMB: stat(largeRuns.map((run) => run.heapCentre)),
          longTasks: stat(largeRuns.map((run) => run.longtasks.length)),
          longTaskMs: stat(largeRuns.map((run) => sumOf(run.longtasks))),
          longestTaskMs: stat(
            largeRuns.map((run) => Math.max(0, ...run.longtasks.map((task) => task.duration))),
          ),
          longestLoadingTaskMs: stat(
            largeRuns.map((run) => Math.max(0, ...run.loading.map((task) => task.duration))),
          ),
          // Per run, each long task of the journey and the press it followed.
          journeyLongTasks: largeRuns.map((run) => run.longtasks),
        }
      : null,
  };
  const out = flags.out ?? join(root, 'bench/results', `${result.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  print(result);
  console.log(`\nwritten: ${out}`);
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- output: Markdown tables
const number = (value) => Math.round(value).toLocaleString('en-US');
const ratio = (keuze, peer) => (peer > 0 ? (keuze / peer).toFixed(2) : '—');

function print(result) {
  const { machine } = result;
  console.log(
    `\nKeuze ${result.keuze.commit} vs. ${result.widgets
      .filter((widget) => widget.id !== 'keuze')
      .map((widget) => `${widget.name} ${widget.version}`)
      .join(', ')} — ${machine.browser}, ${machine.cpu} (${machine.cores} cores), ` +
      `load ${machine.load.join(' ')}; medians of ${result.runs} runs\n`,
  );
  const peers = result.widgets.filter((widget) => widget.id !== 'keuze');
  const hasKeuze = result.widgets.some((widget) => widget.id === 'keuze');
  const header = ['journey', 'profile', ...result.widgets.map((widget) => widget.name)];
  if (hasKeuze) for (const peer of peers) header.push(`Keuze / ${peer.name}`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
  const profiles = Object.keys(result.profiles);
  for (const journey of JOURNEYS) {
    // Bytes do not depend on the profile: one row, from the first profile.
    const rowProfiles = journey.unit === 'B' ? profiles.slice(0, 1) : profiles;
    for (const profile of rowProfiles) {
      const of = (id) => result.profiles[profile].widgets[id][journey.key].median;
      const cells = [
        journey.label,
        journey.unit === 'B' ? '—' : profile,
        ...result.widgets.map((widget) => `${number(of(widget.id))} ${journey.unit}`),
      ];
      if (hasKeuze) for (const peer of peers) cells.push(ratio(of('keuze'), of(peer.id)));
      console.log(`| ${cells.join(' | ')} |`);
    }
  }
  const large = result.large;
  if (large) {
    console.log(
      '\nKeuze, large config (50 purposes, 500 services, 5,000 storage items), desktop\n',
    );
    console.log('| journey | median | min–max |');
    console.log('| --- | ---: | ---: |');
    const row = (label, s, unit = 'ms') =>
      console.log(
        `| ${label} | ${s.median.toFixed(0)} ${unit} | ${s.min.toFixed(0)}–${s.max.toFixed(0)} |`,
      );
    row('script start → banner visible', large.bannerMs);
    row('"preferences" → centre visible', large.openCentreMs);
    row('a purpose switch → switch painted', large.toggleMs);
    row('"save" → centre closed', large.saveMs);
    row('longest task, open → toggle → save', large.longestTaskMs);
    row('long tasks, open → toggle → save (total)', large.longTaskMs);
    row('longest task while the page loads, until idle', large.longestLoadingTaskMs);
    row('JS heap with the banner', large.heapWithBannerMB, 'MB');
    row('JS heap with the centre open', large.heapWithCentreMB, 'MB');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
