#!/usr/bin/env node
// Where Keuze's time goes on the mobile profile: one first visit and one
// returning visit of the bench page, with every request (start, end, relative
// to navigation), the long tasks, and the CPU profile's heaviest functions
// until the banner shows / the gated script runs. A tool for looking, not a
// test: nothing here passes or fails.
//
//   node bench/trace.mjs [--dist DIR] [--profile mobile|desktop]
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROFILES, profiledPage } from './profiles.mjs';
import { startTrace } from './trace-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: { dist: { type: 'string' }, profile: { type: 'string', default: 'mobile' } },
});
const DIST = resolve(flags.dist ?? join(root, 'dist'));
if (!PROFILES[flags.profile])
  throw new Error(`--profile: desktop or mobile, not "${flags.profile}"`);
const ACCEPT = 'keuze-banner >>> [data-keuze-action="accept-all"]';

const { server, browser } = await startTrace(root, DIST);

function bannerWatch(accept) {
  const find = () => {
    const [host, inner] = accept.split(' >>> ');
    const element = document.querySelector(host);
    return element?.querySelector(inner) ?? element?.shadowRoot?.querySelector(inner);
  };
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  window.__banner = new Promise((resolve) => {
    const tick = () => {
      const b = find();
      if (
        b?.isConnected &&
        b.getBoundingClientRect().height > 0 &&
        b.checkVisibility({ opacityProperty: true })
      )
        return resolve(performance.now());
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

let nav0;
async function visit(page, cdp, label, until) {
  const requests = new Map();
  let t0;
  const onSent = (e) => {
    if (e.type === 'Document') t0 ??= e.timestamp;
    requests.set(e.requestId, {
      url: e.request.url.replace(server.origin, ''),
      start: e.timestamp,
      prio: e.request.initialPriority,
    });
  };
  const onDone = (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  };
  const onCached = (e) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  };
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.loadingFinished', onDone);
  cdp.on('Network.requestServedFromCache', onCached);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`${server.origin}/bench/pages/typical.html`);
  const at = await page.evaluate(until);
  const { profile } = await cdp.send('Profiler.stop');
  const longtasks = await page.evaluate(() => window.__longtasks);
  nav0 = t0 * 1000;
  cdp.off('Network.requestWillBeSent', onSent);
  cdp.off('Network.loadingFinished', onDone);
  cdp.off('Network.requestServedFromCache', onCached);
  console.log(`\n== ${label}: ${Math.round(at)} ms`);
  for (const r of requests.values())
    console.log(
      `  ${String(Math.round((r.start - t0) * 1000)).padStart(5)} → ${String(r.end ? Math.round((r.end - t0) * 1000) : '?').padStart(5)} ms  ${r.prio?.padEnd(8)} ${r.cached ? 'cache' : String(r.bytes ?? '').padStart(6)}  ${r.url}`,
    );
  console.log('  long tasks [start, duration]:', JSON.stringify(longtasks));
  // Self time per function (µs → ms), and per script.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(server.origin, '')}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25);
  for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`);
  // A timeline: per 25 ms of the profile, the busy time and its heaviest script.
  const navStart = await page.evaluate(() => performance.timeOrigin);
  let t = profile.startTime;
  const buckets = new Map();
  profile.samples.forEach((id, i) => {
    t += dt[i] ?? 0;
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)') return;
    const ms = t / 1000 - (nav0 ?? 0);
    const b = Math.floor(ms / 25) * 25;
    const entry = buckets.get(b) ?? { busy: 0, by: new Map() };
    entry.busy += (dt[i] ?? 0) / 1000;
    const key = f.url ? f.url.replace(server.origin, '').replace(/^\/dist\//, '') : f.functionName;
    entry.by.set(key, (entry.by.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    buckets.set(b, entry);
  });
  void navStart;
  for (const [b, { busy, by }] of [...buckets].sort((x, y) => x[0] - y[0]))
    if (busy > 3)
      console.log(
        `  t+${String(b).padStart(5)}  busy ${busy.toFixed(0).padStart(3)} ms  ${[...by]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 3)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}`,
      );
}

const { page, cdp } = await profiledPage(browser, flags.profile, { devtools: true });
await page.addInitScript(bannerWatch, ACCEPT);
try {
  await visit(page, cdp, 'first visit → banner visible', () => window.__banner);
  const b = await page.evaluate((accept) => {
    const [host, inner] = accept.split(' >>> ');
    const el = document.querySelector(host);
    return (el.querySelector(inner) ?? el.shadowRoot.querySelector(inner)) !== null;
  }, ACCEPT);
  if (!b) throw new Error('no banner');
  await page.evaluate(() => window.keuze.acceptAll());
  await page.waitForFunction(() => window.__gatedRan === 1);
  await page.waitForTimeout(1500);
  await visit(page, cdp, 'returning visitor → gated script runs', async () => {
    while (!performance.getEntriesByName('gated:run').length)
      await new Promise((r) => setTimeout(r, 5));
    return performance.getEntriesByName('gated:run')[0].startTime;
  });
} finally {
  await browser.close();
  await server.close();
}
