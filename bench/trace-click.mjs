#!/usr/bin/env node
// Where Keuze's time goes between a click on the first layer and what the visitor
// sees next: "preferences" → the centre's save button visible, or "accept all" →
// the banner gone. One first visit per journey: the page is left idle, then a real
// press (pointer over, down, 100 ms, up) with the CPU profile running; prints the
// requests after the press, the long tasks and the profile's heaviest functions.
// A tool for looking, not a test.
//
//   node bench/trace-click.mjs [--dist DIR] [--profile mobile|desktop] [--journey preferences|accept]
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROFILES, profiledPage } from './profiles.mjs';
import { startTrace } from './trace-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    dist: { type: 'string' },
    profile: { type: 'string', default: 'mobile' },
    journey: { type: 'string', default: 'preferences' },
  },
});
const DIST = resolve(flags.dist ?? join(root, 'dist'));
if (!PROFILES[flags.profile])
  throw new Error(`--profile: desktop or mobile, not "${flags.profile}"`);
const BUTTON = {
  preferences: 'keuze-banner [data-keuze-action="open-centre"]',
  accept: 'keuze-banner [data-keuze-action="accept-all"]',
}[flags.journey];
if (!BUTTON) throw new Error(`--journey: preferences or accept, not "${flags.journey}"`);

const { server, browser } = await startTrace(root, DIST);

function watch() {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  addEventListener(
    'click',
    (event) => {
      window.__clickAt = event.timeStamp;
    },
    { capture: true },
  );
}

const { page, cdp } = await profiledPage(browser, flags.profile, { devtools: true });
await page.addInitScript(watch);
const requests = [];
cdp.on('Network.requestWillBeSent', (e) =>
  requests.push({
    id: e.requestId,
    url: e.request.url.replace(server.origin, ''),
    start: e.timestamp,
    prio: e.request.initialPriority,
  }),
);
cdp.on('Network.loadingFinished', (e) => {
  const r = requests.find((x) => x.id === e.requestId);
  if (r) r.end = e.timestamp;
});
try {
  await page.goto(`${server.origin}/bench/pages/typical.html`);
  await page.locator(BUTTON).waitFor();
  // Started before the idle wait: starting the profiler costs the page a long task of its own.
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await sleep(4000); // the page idle, as the bench leaves it
  const before = requests.length;
  const box = await page.locator(BUTTON).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await sleep(100);
  await page.mouse.up();
  const at = await page.evaluate(async (journey) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const done =
      journey === 'preferences'
        ? () => {
            const save = document
              .querySelector('keuze-centre')
              ?.shadowRoot?.querySelector('[data-keuze-action="save"]');
            return save && save.checkVisibility() && save.getBoundingClientRect().height > 0;
          }
        : () =>
            !document
              .querySelector('keuze-banner [data-keuze-action="accept-all"]')
              ?.checkVisibility();
    while (!done()) await frame();
    return performance.now();
  }, flags.journey);
  const { profile } = await cdp.send('Profiler.stop');
  const { clickAt, longtasks } = await page.evaluate(() => ({
    clickAt: window.__clickAt,
    longtasks: window.__longtasks,
  }));
  console.log(
    `== ${flags.journey} (${flags.profile}): click → done frame ${Math.round(at - clickAt)} ms (click at ${Math.round(clickAt)})`,
  );
  console.log(
    '  requested before the press:',
    requests
      .slice(0, before)
      .map((r) => r.url)
      .filter((u) => u.includes('keuze'))
      .join(' '),
  );
  console.log(
    '  requested after the press:',
    requests
      .slice(before)
      .map((r) => `${r.url} (${r.prio})`)
      .join(' ') || 'nothing',
  );
  console.log(
    '  long tasks after click [start rel. click, duration]:',
    JSON.stringify(
      longtasks.filter(([s]) => s > clickAt - 200).map(([s, d]) => [Math.round(s - clickAt), d]),
    ),
  );
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(server.origin, '')}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  for (const [k, ms] of [...self]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`);
  // Timeline per 10 ms, from the click (the profile's end is the done frame, give or take a few ms).
  const t0 = profile.endTime - (at - clickAt) * 1000;
  let t = profile.startTime;
  const buckets = new Map();
  profile.samples.forEach((id, i) => {
    t += dt[i] ?? 0;
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)') return;
    if (t < t0 - 150000) return; // the press starts 100 ms before the click
    const b = Math.floor((t - t0) / 1000 / 10) * 10;
    const entry = buckets.get(b) ?? { busy: 0, by: new Map() };
    entry.busy += (dt[i] ?? 0) / 1000;
    const key = `${f.functionName || '(anon)'}@${f.url ? f.url.replace(server.origin, '').replace(/^\/dist\//, '') : ''}`;
    entry.by.set(key, (entry.by.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    buckets.set(b, entry);
  });
  console.log('  timeline from the click (ms, ±5):');
  for (const [b, { busy, by }] of [...buckets].sort((x, y) => x[0] - y[0]))
    if (busy > 1)
      console.log(
        `  ${b < 0 ? '' : '+'}${String(b).padStart(5)}  busy ${busy.toFixed(0).padStart(3)} ms  ${[
          ...by,
        ]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 4)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
} finally {
  await browser.close();
  await server.close();
}
