// `keuze scan` against real sites on localhost: the demo (every cookie and storage
// item it sets, before and after consent, and nothing falsely "before consent"),
// and a shop with a real tracking library from npm, ungated and gated.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../demo/server.mjs';
import { scan } from '../../bin/scan.mjs';
import { analyze } from '../../bin/report.mjs';
import { loadCatalogue } from '../../bin/match.mjs';
import { contentType } from '../../scripts/content-types.mjs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const site = join(root, 'test/e2e/scan-site');

/** The shop: its pages, Keuze's build under /keuze/, and the tracker as /analytics.js. */
function startShop() {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/never') return; // a page that never answers
    const send = (body, type) => {
      response.writeHead(200, { 'Content-Type': type });
      response.end(body);
    };
    try {
      if (path === '/analytics.js') {
        const library = await readFile(
          join(root, 'node_modules/mixpanel-browser/dist/mixpanel.umd.js'),
        );
        return send(
          `${library}\n${await readFile(join(site, 'track.js'))}`,
          contentType('analytics.js'),
        );
      }
      if (path.startsWith('/collect')) return send('1', contentType('collect.txt'));
      const file = path.startsWith('/keuze/')
        ? join(root, 'dist', path.slice('/keuze/'.length))
        : join(site, path);
      if (!file.startsWith(root)) throw new Error('outside');
      send(await readFile(file), contentType(file));
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((done) =>
    server.listen(0, 'localhost', () =>
      done({ server, url: `http://localhost:${server.address().port}` }),
    ),
  );
}

/** Runs the CLI; resolves with its exit code and output, never rejects. */
function cli(...args) {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [join(root, 'bin/keuze.mjs'), ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const catalogue = loadCatalogue();
let demo;
let shop;

before(async () => {
  demo = await startDemo({ port: 0, quiet: true });
  shop = await startShop();
});
after(() => {
  demo?.server.close();
  shop?.server.close();
});

describe('keuze scan on the demo site', () => {
  it('finds every cookie and storage item the demo sets, only after consent', async () => {
    // The article page runs all of the demo's gated content: statistics, the ad tag and the video.
    const report = analyze(await scan(`${demo.url}/article`, { pages: 1 }), catalogue);
    assert.equal(report.keuze, true);
    const seen = report.items.map(({ type, name, before, after }) => ({
      type,
      name,
      before,
      after,
    }));
    assert.deepEqual(
      seen.sort((a, b) => a.name.localeCompare(b.name)),
      [
        { type: 'cookie', name: '_pk_id.demo', before: false, after: true },
        { type: 'cookie', name: '_pk_ses.demo', before: false, after: true },
        { type: 'localStorage', name: 'adpixel_profile', before: false, after: true },
        { type: 'sessionStorage', name: 'vt_session', before: false, after: true },
      ],
    );
    // Each is found in the demo's own config, under the purpose that declares it.
    assert.deepEqual(report.items.map((item) => item.declared?.service).sort(), [
      'adpixel',
      'matomo',
      'matomo',
      'videotube',
    ]);
    assert.deepEqual(report.preconsent, []);
  });
});

describe('keuze scan on a shop with a real tracking library', () => {
  it('catches the tracker storing its cookie before consent when it is not gated', async () => {
    const { code, stdout, stderr } = await cli(
      'scan',
      `${shop.url}/ungated.html`,
      '--pages',
      '1',
      '--json',
      '--fail-on-preconsent',
    );
    assert.equal(code, 1, stderr + stdout.slice(0, 2000));
    const report = JSON.parse(stdout);
    const cookie = report.items.find((item) => item.name === 'mp_e2etoken_mixpanel');
    assert.ok(cookie, 'the Mixpanel cookie is listed');
    assert.equal(cookie.before, true);
    assert.equal(cookie.service.id, 'mixpanel');
    // The library also keeps a tab id in session storage: both are Mixpanel's, both before consent.
    assert.ok(
      report.preconsent.some(
        (entry) => entry.type === 'cookie' && entry.name === 'mp_e2etoken_mixpanel',
      ),
    );
    assert.deepEqual(
      new Set(report.preconsent.map((entry) => entry.service)),
      new Set(['mixpanel']),
    );
  });

  it('passes when Keuze gates the tracker, finds it after accept all and drafts a config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keuze-scan-'));
    try {
      const draft = join(dir, 'keuze.json');
      const { code, stdout, stderr } = await cli(
        'scan',
        `${shop.url}/gated.html`,
        '--pages',
        '2',
        '--json',
        '--config',
        draft,
        '--fail-on-preconsent',
      );
      assert.equal(code, 0, stderr + stdout.slice(0, 2000));
      const report = JSON.parse(stdout);
      assert.deepEqual(
        report.pages.map((page) => page.url),
        [`${shop.url}/gated.html`, `${shop.url}/gated-2.html`],
      );
      const cookie = report.items.find((item) => item.name === 'mp_e2etoken_mixpanel');
      assert.equal(cookie.before, false);
      assert.equal(cookie.after, true);
      assert.deepEqual(report.preconsent, []);
      const config = JSON.parse(readFileSync(draft, 'utf8'));
      const analytics = config.purposes.find((purpose) => purpose.id === 'analytics');
      assert.deepEqual(analytics.services, [{ id: 'mixpanel', preset: 'mixpanel' }]);
      // The draft resolves to a valid config: Mixpanel's full storage table, filled in.
      const resolved = await cli('resolve', draft);
      assert.equal(resolved.code, 0, resolved.stderr);
      const service = JSON.parse(resolved.stdout).purposes.find((p) => p.id === 'analytics')
        .services[0];
      assert.equal(service.provider, 'Mixpanel, Inc.');
      assert.ok(service.storage.some((item) => item.name === 'mp_*'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keuze scan on bad input', () => {
  it('names a bad URL and exits 2 without starting a browser', async () => {
    const { code, stderr } = await cli('scan', 'not a url');
    assert.equal(code, 2);
    assert.match(stderr, /"not a url" is not a URL/);
  });

  it('reports a page that never loads, keeps the other results, and exits 2 when none loaded', async () => {
    const { code, stdout, stderr } = await cli('scan', `${shop.url}/never`, '--timeout', '2');
    assert.equal(code, 2);
    assert.match(stdout, /never: did not load within 2 s/);
    assert.match(stderr, /no page could be loaded/);
  });
});

describe('keuze resolve', () => {
  it('fills in presets, and names an unknown one with a "did you mean"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keuze-resolve-'));
    try {
      const file = join(dir, 'config.json');
      const config = (preset) => ({
        revision: '1',
        purposes: [{ id: 'analytics', basis: 'consent', services: [{ id: 'ga', preset }] }],
      });
      await import('node:fs').then(({ writeFileSync }) =>
        writeFileSync(file, JSON.stringify(config('google-analytics-4'))),
      );
      const good = await cli('resolve', file);
      assert.equal(good.code, 0);
      const resolved = JSON.parse(good.stdout);
      assert.equal(resolved.purposes[0].services[0].provider, 'Google Ireland Limited');
      assert.ok(resolved.purposes[0].services[0].storage.some((item) => item.name === '_ga'));

      await import('node:fs').then(({ writeFileSync }) =>
        writeFileSync(file, JSON.stringify(config('google-analytic-4'))),
      );
      const bad = await cli('resolve', file);
      assert.equal(bad.code, 1);
      assert.match(
        bad.stderr,
        /purposes\[0\]\.services\[0\]\.preset: unknown preset "google-analytic-4": did you mean "google-analytics-4"\?/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the config builder and the catalogue', () => {
  it('adds a known service with one click, and the services of a scan report', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${demo.url}/builder.html`);
      await page.locator('#issues .status--ok').waitFor();
      await page.locator('#catalogue-search').fill('hotj');
      await page.locator('[data-preset="hotjar"]').click();
      await page.getByText('Added Hotjar → analytics.').waitFor();
      const ids = () =>
        page.locator('[data-path$=".id"]').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok((await ids()).includes('hotjar'));
      const names = await page
        .locator('[data-path*="storage"][data-path$=".name"]')
        .evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(names.includes('_hjSessionUser_*'), 'the storage table came with it');
      await page.locator('#issues .status--ok').waitFor();

      const report = { items: [{ service: { id: 'meta-pixel', curated: true } }], requests: [] };
      await page.locator('#catalogue-scan').fill(JSON.stringify(report));
      await page.getByRole('button', { name: 'Add the services of this scan' }).click();
      await page.getByText('Added Meta Pixel → marketing.').waitFor();
      assert.ok((await ids()).includes('meta-pixel'));
      await page.locator('#issues .status--ok').waitFor();
    } finally {
      await browser.close();
    }
  });
});
