// The npm package as a developer meets it: `npm pack`, installed into a fresh
// app, bundled with esbuild, run in Chromium. The app follows docs/getting-started.md
// (keuze.init, then mountUI(keuze.store)) and adds nothing for languages: a Dutch
// page must get the Dutch banner by itself.
//
// Run: npm run build && node --test test/e2e/package.journey.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { contentType } from '../../scripts/content-types.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'keuze-package-'));
const app = join(work, 'app');
const out = join(app, 'public');
let tarball;
let server;
let base;
let browser;

const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const MAIN = `
import { keuze } from 'keuze';
import { mountUI } from 'keuze/define';

const events = [];
for (const type of ['keuze-ready', 'keuze-change', 'keuze-show', 'keuze-hide']) {
  document.addEventListener(type, () => events.push(type));
}
window.appEvents = events;
window.appKeuze = keuze;

await keuze.init({
  revision: '2026-11-01',
  controller: { name: 'Voorbeeld B.V.' },
  purposes: [
    { id: 'necessary', basis: 'necessary', justification: 'Onthoudt uw cookiekeuze.' },
    { id: 'analytics', basis: 'consent' },
  ],
});
mountUI(keuze.store);
`;

const page = (lang) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>app</title>` +
  `<script type="module" src="/main.js"></script></head><body><h1>Shop</h1></body></html>`;

describe('the packed npm package in a fresh app', () => {
  before(async () => {
    // The build is already there (npm test builds first): pack it as prepack would leave it.
    const packed = JSON.parse(
      npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root),
    );
    tarball = join(work, packed[0].filename);
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      '{ "name": "app", "private": true, "type": "module" }',
    );
    npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], app);
    writeFileSync(join(app, 'main.js'), MAIN);
    await build({
      entryPoints: [join(app, 'main.js')],
      absWorkingDir: app,
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      outdir: out,
      logLevel: 'silent',
    });
    server = createServer((request, response) => {
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      if (url.pathname === '/nl' || url.pathname === '/en') {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(page(url.pathname.slice(1)));
        return;
      }
      const file = normalize(join(out, url.pathname));
      if (file.startsWith(out) && existsSync(file)) {
        response.writeHead(200, { 'Content-Type': contentType(file) });
        response.end(readFileSync(file));
        return;
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ships the licence, the manifest, the typings and the script-tag files', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    for (const file of [
      'package/LICENSE',
      'package/custom-elements.json',
      'package/dist/keuze.schema.json',
      'package/dist/keuze.min.js',
      'package/dist/locales/nl.json',
      'package/dist/npm/index.js',
      'package/dist/types/react.d.ts',
      'package/dist/types/vue.d.ts',
    ]) {
      assert.ok(listing.includes(`${file}\n`), `${file} is not in the package`);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts.prepack, 'npm run build');
  });

  it('shows the Dutch banner on a Dutch page, records a decision and dispatches the events', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    const requests = [];
    tab.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await tab.goto(`${base}/nl`);
    const accept = tab.locator('keuze-banner [data-keuze-action="accept-all"]');
    await accept.waitFor({ timeout: 10_000 });
    assert.match(await accept.innerText(), /accepteren/i);
    // Dutch arrived as a chunk of the app's own bundle, not inside main.js.
    assert.ok(
      requests.some((path) => /^\/nl-[\w-]+\.js$/.test(path)),
      `no Dutch chunk among ${requests.join(', ')}`,
    );
    await accept.click();
    await tab.locator('keuze-banner [data-keuze-action="accept-all"]').waitFor({ state: 'hidden' });
    const state = await tab.evaluate(() => ({
      consent: window.appKeuze.get(),
      events: window.appEvents,
    }));
    assert.equal(state.consent.decided, true);
    assert.equal(state.consent.purposes.analytics, true);
    for (const type of ['keuze-ready', 'keuze-show', 'keuze-change', 'keuze-hide']) {
      assert.ok(state.events.includes(type), `no ${type}: ${state.events}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('shows English on an English page without loading another language', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const requests = [];
    tab.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await tab.goto(`${base}/en`);
    const accept = tab.locator('keuze-banner [data-keuze-action="accept-all"]');
    await accept.waitFor({ timeout: 10_000 });
    assert.match(await accept.innerText(), /accept all/i);
    assert.ok(!requests.some((path) => /^\/(nl|de|fr)-[\w-]+\.js$/.test(path)), requests.join());
    await context.close();
  });
});
