// Journeys that need a server of their own, driven from node with playwright-core:
// - the real DuckDuckGo autoconsent, given Keuze's rule (autoconsent/keuze.json),
//   answers the banner of the built bundle in Chromium;
// - a config server that answers too late;
// - the strict CSP sent as a real HTTP header.
// Run:  npx rollup -c && node --test test/e2e/autoconsent.journey.mjs
// It serves the repository itself on a local port (pages, dist/ and a beacon
// sink), so network and storage are watched for real.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rule = JSON.parse(await readFile(path.join(root, 'autoconsent/keuze.json'), 'utf8'));
const contentScript = path.join(
  root,
  'node_modules/@duckduckgo/autoconsent/dist/autoconsent.playwright.js',
);
const shippedRules = JSON.parse(
  await readFile(path.join(root, 'node_modules/@duckduckgo/autoconsent/rules/rules.json'), 'utf8'),
);
const PAGE = '/test/e2e/pages/hardening-tracking.html';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Requests that reached the beacon sink. */
const hits = [];
let server;
let origin;
let browser;

before(async () => {
  if (!existsSync(path.join(root, 'dist/keuze.min.js')))
    throw new Error('dist/keuze.min.js is missing: run `npx rollup -c` first');
  server = await serveStatic({
    root,
    route(url, _request, response) {
      if (url.pathname.startsWith('/__sink/')) {
        hits.push(url.pathname + url.search);
        const gif = url.pathname.endsWith('.gif');
        response.writeHead(200, { 'content-type': gif ? 'image/gif' : 'application/json' });
        response.end(gif ? GIF : '{}');
        return true;
      }
      if (url.pathname === '/slow/keuze.json') {
        // A config server that answers, but far too late.
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{}');
        }, 5000);
        return true;
      }
      if (url.pathname === '/slow/page.html') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(`<!doctype html><html><head>
        <script>window.__errors = []; document.addEventListener('keuze-error', (e) => window.__errors.push(e.detail));</script>
        <script src="/dist/keuze.min.js" data-config="/slow/keuze.json" data-config-timeout="500"></script></head>
        <body><script type="text/plain" data-consent="!analytics">window.__ran = true;</script></body></html>`);
        return true;
      }
      return false;
    },
    allow: (pathname) => pathname.startsWith('/dist/') || pathname.startsWith('/test/e2e/pages/'),
    // The policy as a real HTTP header, as a site would send it (the page also has it as a meta tag).
    headers: (url) =>
      url.searchParams.has('csp-header')
        ? {
            'content-security-policy':
              "default-src 'self'; script-src 'self' 'nonce-k3uz3T3st'; style-src 'self'; require-trusted-types-for 'script'; trusted-types keuze",
          }
        : {},
  });
  origin = server.origin;
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens the page in a fresh profile with autoconsent installed the way its own
 * Playwright harness does it: the content script in every document, messages
 * over an exposed binding, only Keuze's rule in the rule set.
 */
async function visitWithAutoconsent(autoAction, { shipped = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const messages = [];
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  await page.exposeBinding('autoconsentSendMessage', async (source, message) => {
    messages.push(message);
    const reply = (answer) =>
      source.frame.evaluate((m) => window.autoconsentReceiveMessage(m), answer);
    if (message.type === 'init') {
      await reply({
        type: 'initResp',
        config: {
          enabled: true,
          autoAction,
          disabledCmps: [],
          enablePrehide: false,
          enableCosmeticRules: false,
          enableGeneratedRules: false,
          // `shipped`: only the rules autoconsent ships and its heuristics, as in DuckDuckGo's browsers.
          enableHeuristicDetection: shipped,
          heuristicMode: shipped ? 'reject' : 'off',
          detectRetries: 20,
          logs: {
            lifecycle: false,
            rulesteps: false,
            detectionsteps: false,
            evals: false,
            errors: true,
            messages: false,
            waits: false,
          },
        },
        rules: shipped ? shippedRules : { autoconsent: [rule] },
      });
    } else if (message.type === 'eval') {
      await reply({ type: 'evalResp', id: message.id, result: false }); // Keuze's rule needs no eval
    } else if (message.type === 'autoconsentDone' || message.type === 'autoconsentError') {
      resolveDone(message);
    } else if (
      (message.type === 'optOutResult' || message.type === 'optInResult') &&
      !message.result
    ) {
      resolveDone(message);
    }
  });
  await page.addInitScript({ path: contentScript });
  hits.length = 0;
  await page.goto(origin + PAGE);
  const finished = await Promise.race([
    done,
    new Promise((resolve) => setTimeout(() => resolve({ type: 'timeout' }), 20000)),
  ]);
  return { context, page, messages, finished };
}

/** Everything non-essential the page stored; Keuze's own record of the choice is necessary and excluded. */
async function storageOf(context, page) {
  const cookies = (await context.cookies()).map((cookie) => cookie.name);
  const inPage = await page.evaluate(async () => ({
    local: Object.keys(localStorage).filter((key) => !key.startsWith('keuze')),
    session: Object.keys(sessionStorage).filter((key) => !key.startsWith('keuze')),
    databases: (await indexedDB.databases())
      .map((db) => db.name)
      .filter((name) => name !== 'keuze'),
    tracked: window.__tracked ?? [],
  }));
  return { cookies, ...inPage };
}

test('autoconsent with the Keuze rule rejects through the banner and leaves no non-essential storage', async () => {
  const { context, page, messages, finished } = await visitWithAutoconsent('optOut');
  try {
    assert.equal(
      finished.type,
      'autoconsentDone',
      `autoconsent did not finish: ${JSON.stringify(messages.map((m) => m.type))}`,
    );
    assert.equal(finished.cmp, 'keuze');
    assert.ok(
      messages.some((m) => m.type === 'cmpDetected' && m.cmp === 'keuze'),
      'the rule detected the banner',
    );
    assert.ok(
      messages.some((m) => m.type === 'popupFound' && m.cmp === 'keuze'),
      'the rule saw the banner open',
    );
    assert.ok(
      messages.some((m) => m.type === 'optOutResult' && m.result === true),
      'the opt-out succeeded',
    );

    // The click may come before the engine has loaded: it records the choice as soon as it is there.
    await page.waitForFunction(() => window.keuze.get().decided, null, { timeout: 5000 });
    const consent = await page.evaluate(() => window.keuze.get());
    assert.equal(consent.decided, true, 'a decision was recorded');
    assert.equal(consent.record.method, 'reject-all');
    assert.equal(consent.record.layer, 'banner', 'it went through the banner, as a click');
    assert.equal(consent.purposes.analytics, false);
    assert.equal(consent.purposes.marketing, false);

    await page.waitForTimeout(500);
    assert.deepEqual(await storageOf(context, page), {
      cookies: [],
      local: [],
      session: [],
      databases: [],
      tracked: [],
    });
    assert.deepEqual(hits, [], 'nothing reached the tracker endpoints');

    // autoconsent's own self-test: the banner is gone.
    const selfTest = new Promise((resolve) => {
      const poll = setInterval(() => {
        const found = messages.find((m) => m.type === 'selfTestResult');
        if (found) {
          clearInterval(poll);
          resolve(found);
        }
      }, 50);
    });
    await page.evaluate(() => window.autoconsentReceiveMessage({ type: 'selfTest' }));
    assert.equal((await selfTest).result, true, 'the rule self-test passed');

    // The next page: the decision holds, no banner, still nothing stored or sent.
    await page.reload();
    await page.waitForFunction(() => window.keuze && window.keuze.get().decided);
    await page.waitForTimeout(500);
    assert.deepEqual(await storageOf(context, page), {
      cookies: [],
      local: [],
      session: [],
      databases: [],
      tracked: [],
    });
    assert.deepEqual(hits, []);
  } finally {
    await context.close();
  }
});

test('autoconsent with only its shipped rules and its heuristics finds the banner and rejects', async () => {
  const { context, page, messages, finished } = await visitWithAutoconsent('optOut', {
    shipped: true,
  });
  try {
    assert.equal(
      finished.type,
      'autoconsentDone',
      `autoconsent did not finish: ${JSON.stringify(messages.map((m) => m.type))}`,
    );
    assert.match(finished.cmp, /^HEURISTIC/, 'found by its heuristics, not by a rule of ours');
    assert.ok(messages.some((m) => m.type === 'optOutResult' && m.result === true));
    await page.waitForFunction(() => window.keuze.get().decided, null, { timeout: 5000 });
    const consent = await page.evaluate(() => window.keuze.get());
    assert.equal(consent.record.method, 'reject-all', 'it clicked "Reject all"');
    assert.equal(consent.record.layer, 'banner');
    await page.waitForTimeout(500);
    assert.deepEqual((await storageOf(context, page)).tracked, []);
    assert.deepEqual(hits, [], 'nothing reached the tracker endpoints');
  } finally {
    await context.close();
  }
});

test('autoconsent with the Keuze rule accepts through the banner when its user wants that', async () => {
  const { context, page, messages, finished } = await visitWithAutoconsent('optIn');
  try {
    assert.equal(
      finished.type,
      'autoconsentDone',
      `autoconsent did not finish: ${JSON.stringify(messages.map((m) => m.type))}`,
    );
    assert.ok(messages.some((m) => m.type === 'optInResult' && m.result === true));
    // The click may come before the engine has loaded: it records the choice as soon as it is there.
    await page.waitForFunction(() => window.keuze.get().decided, null, { timeout: 5000 });
    const consent = await page.evaluate(() => window.keuze.get());
    assert.equal(consent.record.method, 'accept-all');
    assert.equal(consent.record.layer, 'banner');
    // The page's trackers now run: proof that the rejection above was meaningful.
    await page.waitForFunction(() => (window.__tracked ?? []).length === 2);
    const stored = await storageOf(context, page);
    assert.ok(
      stored.cookies.some((name) => name.startsWith('_pk_id')),
      'the analytics cookie is set',
    );
    assert.ok(stored.local.includes('ad_id'));
    for (let i = 0; i < 40 && hits.length < 4; i += 1) await page.waitForTimeout(100);
    assert.ok(hits.some((hit) => hit.includes('beacon?matomo')));
  } finally {
    await context.close();
  }
});

test('a config URL that answers too late fails closed within data-config-timeout, with an error that says so', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const started = Date.now();
    await page.goto(origin + '/slow/page.html');
    await page.waitForFunction(() => window.__errors.length > 0, null, { timeout: 4000 });
    assert.ok(Date.now() - started < 4000, 'it did not wait for the slow server');
    const errors = await page.evaluate(() => window.__errors);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /\/slow\/keuze\.json did not arrive within 0\.5 s/);
    assert.equal(await page.evaluate(() => window.keuze.get().decided), false);
    assert.equal(await page.evaluate(() => window.__ran), undefined, 'nothing gated ran');
    assert.equal(await page.locator('keuze-banner').count(), 0);
  } finally {
    await context.close();
  }
});

test('under the strict CSP sent as an HTTP header, the banner, the cookie centre and a decision cause zero violations', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const response = await page.goto(origin + '/test/e2e/pages/hardening-csp.html?csp-header');
    assert.match(response.headers()['content-security-policy'], /trusted-types keuze/);
    await page.waitForFunction(() => window.keuze && window.keuze.store);
    await page.locator('keuze-banner [data-keuze-action="open-centre"]').click();
    await page.locator('keuze-centre [data-keuze-action="reject-all"]').click();
    await page.waitForFunction(() => window.keuze.get().decided);
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(await page.evaluate(() => window.__errors), []);
    assert.equal(await page.evaluate(() => window.keuze.get().record.layer), 'centre');
  } finally {
    await context.close();
  }
});
