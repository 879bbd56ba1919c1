// End-to-end journeys through the demo site (`npm start`) in Debian's Chromium.
// Starts the real demo server (demo/server.mjs) on a free port, drives the pages
// with playwright-core, and checks what a visitor and a site owner would notice:
// the banner, the cookies and storage in the browser, and the beacons and
// proof-of-consent records that reached the server.
//
// Run: npm run build && node --test test/e2e/demo.journeys.mjs
// (KEUZE_CHROMIUM=/path/to/chromium to use another browser binary.)
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

let server;
let base;
let browser;
/** Console messages about broken policy or script errors, per test. */
let problems = [];

/** Starts `node demo/server.mjs --port 0` as `npm start` would and reads the address it prints. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['demo/server.mjs', '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`demo server did not print its address:\n${output}`)),
      20_000,
    );
    const read = (chunk) => {
      output += chunk;
      const match = /Keuze demo: (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`demo server exited (${code}):\n${output}`)));
  });
}

async function api(path, init) {
  const response = await fetch(base + path, init);
  return response.status === 204 ? null : response.json();
}
const beacons = () => api('/api/beacons');
const consentLog = () => api('/api/consent-log');
const kinds = async () => (await beacons()).map((beacon) => beacon.kind);

/** Polls `check` until it returns something truthy. */
async function eventually(check, message, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${message} (last value: ${JSON.stringify(last)})`);
}

/** A first-time visitor: a fresh profile with no cookies, storage or stored decision. */
async function newVisitor() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page };
}

const bannerButton = (page, action) => page.locator(`keuze-banner [data-keuze-action="${action}"]`);
const trackingCookies = async (context) =>
  (await context.cookies()).map((cookie) => cookie.name).filter((name) => name.startsWith('_pk_'));

/** Loads a page and waits until Keuze has read the stored decision (or found none). */
async function visit(page, path) {
  await page.goto(base + path);
  await page.waitForFunction(() => window.keuze?.store?.status === 'ready');
}

/**
 * Waits until a beacon of `kind` reported `path`. The gate activates every tag of a page in
 * one pass, so once the error monitor (legitimate interest, runs until objected to) or the
 * cookieless counter (runs once statistics are refused) reported a page, any analytics or
 * marketing tag allowed on that page would have fired too: a sound moment to assert absence.
 */
const reported = (kind, path) =>
  eventually(
    async () =>
      (await beacons()).some((beacon) => beacon.kind === kind && beacon.body.page === path),
    `the ${kind} beacon reports ${path}`,
  );
const NOT_TRACKING = new Set(['monitor', 'cookieless']);
const trackers = async () => (await kinds()).filter((kind) => !NOT_TRACKING.has(kind));

before(async () => {
  assert.ok(
    existsSync(`${root}/dist/keuze.min.js`),
    'run `npm run build` first: the demo serves dist/keuze.min.js',
  );
  server = await startServer();
  base = server.url;
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.child.kill();
});

beforeEach(async () => {
  problems = [];
  await api('/api/clear', { method: 'POST' });
});

describe('the demo site', () => {
  it('shows the banner on a first visit and runs no analytics or marketing before a choice', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await assert.doesNotReject(bannerButton(page, 'accept-all').waitFor({ state: 'visible' }));
    assert.ok(await bannerButton(page, 'reject-all').isVisible(), 'reject sits next to accept');
    await reported('monitor', '/');
    assert.deepEqual(await trackingCookies(context), [], 'no _pk_ cookies before consent');
    assert.deepEqual(await trackers(), [], 'only the error monitor reported');
    assert.equal(await page.evaluate(() => localStorage.getItem('adpixel_profile')), null);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('after "Reject all" sets no analytics cookies and sends no beacons, on any page', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await bannerButton(page, 'reject-all').click();
    await bannerButton(page, 'reject-all').waitFor({ state: 'hidden' });
    const record = await eventually(
      async () => (await consentLog())[0],
      'the proof-of-consent record arrives',
    );
    assert.equal(
      JSON.stringify(record.record).includes('reject-all'),
      true,
      'the record says the visitor rejected all',
    );

    await visit(page, '/article');
    await reported('cookieless', '/article');
    assert.equal(
      await bannerButton(page, 'accept-all').isVisible(),
      false,
      'the banner does not ask again',
    );
    assert.deepEqual(await trackingCookies(context), []);
    assert.deepEqual(await trackers(), []);
    assert.equal(
      await page.locator('keuze-placeholder').count(),
      1,
      'the video waits behind a placeholder',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('after "Accept all" sets the analytics cookie, and the analytics beacon and the marketing pixel arrive', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await bannerButton(page, 'accept-all').click();
    await eventually(
      async () => (await kinds()).includes('analytics'),
      'the analytics beacon arrives',
    );
    await eventually(async () => (await kinds()).includes('pixel'), 'the marketing pixel arrives');
    assert.deepEqual((await trackingCookies(context)).sort(), ['_pk_id.demo', '_pk_ses.demo']);
    assert.match(await page.evaluate(() => localStorage.getItem('adpixel_profile')), /\w+/);
    const entry = await eventually(
      async () => (await consentLog())[0],
      'the proof-of-consent record arrives',
    );
    assert.ok(JSON.stringify(entry.record).includes('accept-all'));
    assert.ok(!JSON.stringify(entry.record).includes('127.0.0.1'), 'no IP address in the record');
    // The live panel shows it too.
    await eventually(
      async () =>
        Number(
          await page.locator('[data-panel="beacons"] [data-count]').getAttribute('data-count'),
        ) >= 2,
      'the live panel counts the beacons',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('on the next visit shows no banner and runs the accepted scripts straight away', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await bannerButton(page, 'accept-all').click();
    await eventually(
      async () => (await kinds()).includes('analytics'),
      'the first analytics beacon arrives',
    );
    await api('/api/clear', { method: 'POST' });

    await visit(page, '/contact');
    await eventually(
      async () =>
        (await beacons()).some((b) => b.kind === 'analytics' && b.body.page === '/contact'),
      'analytics reports the next page without asking',
    );
    assert.equal(
      await bannerButton(page, 'accept-all').isVisible(),
      false,
      'no banner on the next visit',
    );
    // The map was allowed with everything else: it loads instead of its placeholder.
    await eventually(async () => (await kinds()).includes('map'), 'the map embed loads');
    assert.equal(await page.locator('keuze-placeholder').count(), 0);
    const analytics = (await beacons()).find((b) => b.kind === 'analytics');
    assert.ok(
      analytics.cookies.includes('_pk_id.demo'),
      'the returning visitor is recognised by its cookie',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('withdrawing consent via the footer "Cookie settings" link deletes the analytics and marketing storage', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/');
    await bannerButton(page, 'accept-all').click();
    await eventually(
      async () => (await trackingCookies(context)).length === 2,
      'the analytics cookies are set',
    );
    await eventually(
      () => page.evaluate(() => localStorage.getItem('adpixel_profile')),
      'the ad profile is stored',
    );

    await page.locator('footer a[data-keuze-open]').click();
    const centreReject = page.locator('keuze-centre [data-keuze-action="reject-all"]');
    await centreReject.waitFor({ state: 'visible' });
    assert.equal(
      new URL(page.url()).pathname,
      '/',
      'the footer link opened the cookie centre instead of navigating',
    );
    await centreReject.click();

    await eventually(
      async () => (await trackingCookies(context)).length === 0,
      'the _pk_ cookies are deleted',
    );
    await eventually(
      async () => (await page.evaluate(() => localStorage.getItem('adpixel_profile'))) === null,
      'the ad profile is deleted',
    );
    await eventually(
      async () => (await consentLog()).length === 2,
      'the withdrawal is recorded as well',
    );

    await api('/api/clear', { method: 'POST' });
    await visit(page, '/article');
    await reported('cookieless', '/article');
    assert.deepEqual(await trackers(), [], 'no tracker runs after withdrawal');
    assert.deepEqual(await trackingCookies(context), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('loads the article video only after the visitor allows it on its placeholder', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/article');
    const placeholder = page.locator('keuze-placeholder');
    await placeholder.waitFor({ state: 'visible' });
    assert.equal(
      await page.locator('iframe[title^="Video"]').getAttribute('src'),
      null,
      'the video is not loaded',
    );
    await placeholder.locator('[part~="allow-button"]').click();
    await eventually(async () => (await kinds()).includes('video'), 'the video embed loads');
    assert.equal(
      await page.locator('iframe[title^="Video"]').getAttribute('src'),
      '/embed/video.html',
    );
    assert.deepEqual(await trackingCookies(context), [], 'allowing the video allowed no analytics');
    assert.ok(!(await kinds()).includes('analytics'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('honours a Global Privacy Control signal: the error monitor waits, and marketing stays off even after "Accept all"', async () => {
    const { context, page } = await newVisitor();
    // The browser's own signal (Firefox, Brave and extensions send it); Chromium needs it emulated.
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    );
    await visit(page, '/');
    await page
      .locator('keuze-banner')
      .getByText(/Global Privacy Control/)
      .waitFor();
    assert.equal(
      await page.evaluate(() => window.keuze.granted('functional')),
      false,
      'the signal objects to the error monitor',
    );
    const activated = (name) =>
      page.locator(`script[data-keuze-activated][src="/assets/${name}.js"]`).count();
    assert.equal(await activated('monitor'), 0, 'so its tag stays inert');
    await bannerButton(page, 'accept-all').click();
    // The gate activates a page's tags in one pass: once analytics ran, marketing would have too.
    await reported('analytics', '/');
    assert.equal(await activated('analytics'), 1);
    assert.equal(await activated('marketing'), 0, 'the ad tag (sale or sharing) stays off');
    assert.ok(!(await kinds()).includes('pixel'));
    assert.equal(await page.evaluate(() => localStorage.getItem('adpixel_profile')), null);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('renders the privacy notice from the same config on the privacy page', async () => {
    const { context, page } = await newVisitor();
    await visit(page, '/privacy');
    const notice = page.locator('keuze-notice');
    await notice.locator('h1').first().waitFor();
    const text = await notice.innerText();
    assert.match(text, /De Groene Fiets B\.V\./, 'the controller is named');
    assert.match(text, /_pk_id\.\*/, 'the cookie declaration lists the analytics cookie');
    assert.match(text, /Autoriteit Persoonsgegevens/, 'the supervisory authority is named');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the config builder', () => {
  const retention = (page) =>
    page.locator('[data-path="purposes[1].services[0].storage[0].retention"]');

  it('shows a validation error at the field and will not copy an invalid snippet', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await page.locator('#issues .status--ok').waitFor();
    await retention(page).fill('13 months');
    const field = page.locator('[data-field="purposes[1].services[0].storage[0].retention"]');
    await field.locator('.field__error').waitFor();
    assert.match(
      await field.locator('.field__error').innerText(),
      /duration|P13M|ISO/i,
      'the message says what is expected',
    );
    assert.equal(await retention(page).getAttribute('aria-invalid'), 'true');
    assert.equal(
      await page.locator('#copy').isDisabled(),
      true,
      'an invalid config cannot be copied',
    );

    await retention(page).fill('P13M');
    await page.locator('#issues .status--ok').waitFor();
    assert.equal(
      await field.locator('.field__error').count(),
      0,
      'the error goes once the value is fixed',
    );
    assert.equal(await page.locator('#copy').isDisabled(), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('previews the banner live with what the site owner typed', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await page.locator('[data-path="controller.name"]').fill('Fietsenmaker Jansen');
    // Locators pierce the elements' shadow roots, so this is the text the visitor would read.
    const banner = page.frameLocator('iframe[data-view="banner"]').locator('keuze-banner');
    await banner.getByText(/Fietsenmaker Jansen uses cookies/).waitFor();
    const centre = page.frameLocator('iframe[data-view="centre"]').locator('keuze-centre');
    await centre.locator('[data-purpose="analytics"]').getByText('Statistics').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps the keyboard in the form while the preview re-renders after each pause in typing', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    const name = page.locator('[data-path="controller.name"]');
    await name.fill('');
    await name.focus();
    const previewed = () =>
      page.evaluate(
        () =>
          new Promise((resolve) =>
            window.addEventListener('message', function done(event) {
              if (event.data?.type !== 'keuze-preview-rendered' || event.data.view !== 'centre')
                return;
              window.removeEventListener('message', done);
              resolve();
            }),
          ),
      );
    for (const word of ['Fietsen', ' Jansen', ' B.V.']) {
      const rendered = previewed();
      await page.keyboard.type(word);
      await rendered; // the pause: the builder re-checked and both previews re-rendered
      await page.waitForTimeout(50);
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-path')),
        'controller.name',
        `focus left the field after "${word}": ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`,
      );
    }
    assert.equal(await name.inputValue(), 'Fietsen Jansen B.V.', 'keystrokes were lost');
    assert.deepEqual(problems, []);
    await context.close();
  });

  /** Loads a config file into the builder and returns the config its snippet now holds. */
  async function loadIntoBuilder(page, file) {
    const text = readFileSync(join(root, file), 'utf8');
    await page.locator('#import-json').fill(text);
    // With the keyboard, as a site owner may.
    await page.locator('#import').focus();
    await page.keyboard.press('Enter');
    await page
      .locator('#import-status', { hasText: 'Loaded' })
      .waitFor({ timeout: 5000 })
      .catch(async (error) => {
        throw new Error(`${await page.locator('#import-status').textContent()} (${error.message})`);
      });
    const revision = JSON.parse(text).revision;
    await page.locator('#snippet', { hasText: revision }).waitFor();
    const code = await page.locator('#snippet').textContent();
    return JSON.parse(code.slice(code.indexOf('{'), code.lastIndexOf('}') + 1));
  }

  /** Every key path of a JSON value, array positions left out. */
  const keyPaths = (value, prefix = '') =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, inner]) => {
          const path = Array.isArray(value) ? prefix : prefix ? `${prefix}.${key}` : key;
          return [...(Array.isArray(value) ? [] : [path]), ...keyPaths(inner, path)];
        })
      : [];

  it('keeps every key of a loaded config, the notice included', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    for (const file of ['demo/configs/seed-001.json', 'demo/configs/demo.json']) {
      const original = JSON.parse(readFileSync(join(root, file), 'utf8'));
      const kept = await loadIntoBuilder(page, file);
      const missing = [...new Set(keyPaths(original))].filter(
        (path) => !new Set(keyPaths(kept)).has(path),
      );
      assert.deepEqual(missing, [], `${file}: keys lost on loading`);
      assert.deepEqual(kept.notice, original.notice, `${file}: the notice changed`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('fits a 360 px wide phone without sideways scrolling, a long config loaded, the notice open', async () => {
    const { context, page } = await newVisitor();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${base}/builder.html`);
    await loadIntoBuilder(page, 'demo/configs/seed-001.json');
    // Every part of the notice open, its tables and lists included.
    for (const summary of await page.locator('details.part > summary').all()) await summary.click();
    assert.equal(await page.locator('details.part:not([open])').count(), 0);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(
      scrollWidth <= clientWidth,
      `the page is ${scrollWidth} px wide at ${clientWidth} px`,
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('warns when the notice lacks what GDPR Art. 13 requires, and only then', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await loadIntoBuilder(page, 'demo/configs/seed-002.json'); // four activities without a legal basis
    await page.locator('#issues', { hasText: 'Art. 13(1)(c)' }).waitFor();
    assert.match(await page.locator('#issues .status').textContent(), /valid; read the/);
    await loadIntoBuilder(page, 'demo/configs/seed-003.json'); // a complete notice
    await page.locator('#issues .status--ok').waitFor();
    assert.doesNotMatch(await page.locator('#issues').textContent(), /Art\. 13/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  /** The config the builder's snippet holds now. */
  async function snippetConfig(page) {
    const code = await page.locator('#snippet').textContent();
    return JSON.parse(code.slice(code.indexOf('{'), code.lastIndexOf('}') + 1));
  }

  /**
   * Types into a field as a site owner does, pausing after each word until the builder has
   * re-checked, and asserts the keyboard stayed in that field.
   */
  async function typeInto(page, path, words) {
    const control = page.locator(`[data-path="${path}"]`);
    await control.focus();
    for (const word of words) {
      await page.keyboard.type(word);
      await page.waitForTimeout(250); // past the builder's 150 ms re-check
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-path')),
        path,
        `focus left ${path} after "${word}"`,
      );
    }
    assert.equal(await control.inputValue(), words.join(''), `keystrokes lost in ${path}`);
  }

  /** Presses a button with the keyboard, as a keyboard-only site owner does. */
  async function press(page, name) {
    await page.getByRole('button', { name, exact: true }).focus();
    await page.keyboard.press('Enter');
  }

  /** Opens a collapsed part of the notice form with the keyboard. */
  async function openPart(page, title) {
    const part = page.locator(`details.part[data-part="${title}"]`);
    await part.locator('summary').focus();
    await page.keyboard.press('Enter');
    await eventually(() => part.evaluate((details) => details.open), `${title} opens`);
  }

  it('fills in the privacy notice from scratch with the keyboard, and the Art. 13 warnings go', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await page.locator('#issues', { hasText: 'Art. 13(1)(c)' }).waitFor();
    const processing = 'What you process, why, on what basis, how long';
    assert.match(
      await page.locator(`details.part[data-part="${processing}"] .part__issues`).textContent(),
      /2 warnings/,
      'a collapsed part says what in it needs a look (activities, recipients)',
    );

    await openPart(page, 'Who you are');
    await typeInto(page, 'notice.controllers[0].email', ['privacy@', 'voorbeeld', '.nl']);
    await typeInto(page, 'notice.controllers[0].address.en', ['Kerkstraat 1, ', 'Utrecht']);
    await openPart(page, processing);
    await press(page, 'Add an activity');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-path') === 'notice.activities[0].id',
    );
    await typeInto(page, 'notice.activities[0].id', ['web', 'shop']);
    await typeInto(page, 'notice.activities[0].name.en', ['Handling ', 'your orders']);
    await page.locator('[data-path="notice.activities[0].basis.contract"]').focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () =>
        document.activeElement?.getAttribute('data-path') === 'notice.activities[0].basis.contract',
    );
    await typeInto(page, 'notice.activities[0].retention.duration', ['P7Y']);
    await press(page, 'Add a recipient');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-path') === 'notice.recipients[0].name.en',
    );
    await typeInto(page, 'notice.recipients[0].name.en', ['Our ', 'parcel service']);
    await openPart(page, 'Transfers outside the EEA');
    await typeInto(page, 'notice.transferNote.en', [
      'We do not ',
      'transfer data outside the EEA.',
    ]);
    await openPart(page, 'Rights and complaints');
    await typeInto(page, 'notice.rights.exercise.email', ['privacy@voorbeeld.nl']);
    await page.locator('[data-path="notice.authority"]').focus();
    await page.keyboard.press('ArrowDown'); // the first authority preset, nl-ap
    await page.locator('#issues .status', { hasText: /^The config is valid\.$/ }).waitFor();
    assert.doesNotMatch(await page.locator('#issues').textContent(), /Art\. 13/);

    const config = await snippetConfig(page);
    const notice = config.notice;
    assert.equal(notice.url, '/privacy');
    assert.deepEqual(notice.controllers, [
      {
        name: 'Voorbeeld B.V.',
        email: 'privacy@voorbeeld.nl',
        address: { en: 'Kerkstraat 1, Utrecht' },
      },
    ]);
    assert.deepEqual(notice.activities, [
      {
        id: 'webshop',
        name: { en: 'Handling your orders' },
        basis: 'contract',
        retention: { duration: 'P7Y' },
      },
    ]);
    assert.deepEqual(notice.recipients, [{ name: { en: 'Our parcel service' } }]);
    assert.deepEqual(notice.transferNote, { en: 'We do not transfer data outside the EEA.' });
    assert.deepEqual(notice.rights, { exercise: { email: 'privacy@voorbeeld.nl' } });
    assert.equal(notice.authority, 'nl-ap');
    // The exported config passes the widget's own validators, the notice's Art. 13 check included.
    const { validateConfig, validateNoticeConfig } = await import(`${root}/dist/npm/core.js`);
    assert.deepEqual(validateConfig(config).errors, []);
    const checked = validateNoticeConfig(notice, { controllerName: config.controller.name });
    assert.deepEqual([...checked.errors, ...checked.warnings], []);

    // The live notice preview shows what was typed.
    await page
      .frameLocator('iframe[data-view="notice"]')
      .locator('keuze-notice')
      .getByText('Handling your orders')
      .first()
      .waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('derives the transfers table from the services: a US service added from the catalogue is listed', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    const table = page.locator('#derived-transfers');
    await openPart(page, 'Transfers outside the EEA');
    await table.getByText('No service sends data outside the EEA.').waitFor();
    await page.locator('#catalogue-search').fill('mixpanel');
    await press(page, 'Add Mixpanel');
    await page.locator('#catalogue-status', { hasText: 'Added Mixpanel' }).waitFor();
    const row = table.locator('tbody tr').first();
    await row.getByText('Mixpanel, Inc.').waitFor();
    assert.deepEqual(await row.locator('td').allTextContents(), [
      'Mixpanel, Inc.',
      'United States (US)',
      'adequacy decision',
    ]);
    assert.equal(await table.locator('input, select, textarea').count(), 0, 'derived: read-only');
    await page.locator('#snippet', { hasText: 'Mixpanel' }).waitFor();
    assert.deepEqual((await snippetConfig(page)).notice.transfers, [
      { countries: ['US'], safeguard: 'adequacy', recipients: 'Mixpanel, Inc.' },
    ]);
    // Its safeguard changed at the service, the table follows.
    const safeguard = page.locator('[data-path$=".safeguard"]').last();
    await safeguard.selectOption('scc');
    await row.getByText('standard contractual clauses').waitFor();
    // Overridden: the owner's own row is exported instead.
    await page.locator('[data-path="transfersByHand"]').check();
    await page.locator('[data-path="notice.transfers[0].recipients.en"]').fill('Our analytics');
    await page.locator('#snippet', { hasText: 'Our analytics' }).waitFor();
    const [written] = (await snippetConfig(page)).notice.transfers;
    assert.deepEqual(written.countries, ['US']);
    assert.equal(written.safeguard, 'scc');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports the theme and the button colours, and warns when the button text lacks contrast', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await page.locator('[data-path="theme"]').selectOption('dark');
    await page.locator('[data-path="style.buttonText"]').fill('#10233d');
    await page.locator('[data-path="style.accent"]').fill('#a7e3c6');
    await page.locator('#stylesheet', { hasText: '#a7e3c6' }).waitFor();
    assert.equal((await snippetConfig(page)).theme, 'dark');
    const css = await page.locator('#stylesheet').textContent();
    assert.match(css, /--keuze-dark-color-button: #a7e3c6;/);
    assert.match(css, /--keuze-dark-color-button-text: #10233d;/);
    assert.doesNotMatch(await page.locator('#issues').textContent(), /contrast/);
    // The preview's buttons take the colour.
    const accept = page
      .frameLocator('iframe[data-view="banner"]')
      .locator('keuze-banner [data-keuze-action="accept-all"]');
    await eventually(
      async () =>
        (await accept.evaluate((b) => getComputedStyle(b).backgroundColor)) ===
        'rgb(167, 227, 198)',
      'the previewed accept button is the accent colour',
    );

    await page.locator('[data-path="theme"]').selectOption('light');
    await page.locator('[data-path="style.buttonText"]').fill('#ffffff');
    await page.locator('[data-path="style.accent"]').fill('#7fb8ff'); // white on light blue: 2.1:1
    const warning = page.locator('[data-field="style.accent"] .field__error.warning', {
      hasText: 'contrast',
    });
    await warning.waitFor();
    assert.match(await warning.textContent(), /4\.5:1/);
    await page.locator('[data-path="style.accent"]').fill('#0b5d3b');
    await page.locator('#stylesheet', { hasText: '#0b5d3b' }).waitFor();
    await page.locator('[data-field="style.accent"] .field__error').waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('offers every shipped language, and exports a German text override', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    const shipped = readdirSync(join(root, 'locales')).map((file) => file.replace(/\.json$/, ''));
    for (const code of shipped)
      await page.locator(`[data-path="locales.${code}"]`).waitFor({ state: 'attached' });
    await page.locator('[data-path="locales.de"]').focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-path') === 'locales.de',
    );
    await press(page, 'Add a text override');
    await page.locator('[data-path="texts[0].lang"]').selectOption('de');
    await page.locator('[data-path="texts.de.banner.title"]').fill('Ihre Wahl, bitte');
    await page.locator('#snippet', { hasText: 'Ihre Wahl' }).waitFor();
    const config = await snippetConfig(page);
    assert.deepEqual(config.texts, { de: { 'banner.title': 'Ihre Wahl, bitte' } });
    assert.deepEqual(config.locales, ['de', 'en', 'nl']);
    await page.locator('#preview-lang').selectOption('de');
    await page
      .frameLocator('iframe[data-view="banner"]')
      .locator('keuze-banner')
      .getByText('Ihre Wahl, bitte')
      .waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('exports the options, sale or sharing, a storage exemption, and a catalogue service with its description', async () => {
    const { context, page } = await newVisitor();
    await page.goto(`${base}/builder.html`);
    await page.locator('[data-path="purposes[1].saleOrSharing"]').check();
    await page.locator('[data-path="reopen"]').selectOption('off');
    await page.locator('[data-path="gpc"]').selectOption('false');
    await page.locator('[data-path="reloadOnWithdraw"]').check();
    await page.locator('#catalogue-search').fill('mixpanel');
    await press(page, 'Add Mixpanel');
    await page.locator('#snippet', { hasText: 'Mixpanel' }).waitFor();
    const config = await snippetConfig(page);
    assert.equal(config.reopen, false);
    assert.equal(config.gpc, false);
    assert.equal(config.reloadOnWithdraw, true);
    const analytics = config.purposes.find((purpose) => purpose.id === 'analytics');
    assert.equal(analytics.saleOrSharing, true);
    const mixpanel = analytics.services.find((service) => service.id === 'mixpanel');
    const preset = JSON.parse(readFileSync(join(root, 'catalogue/services/mixpanel.json'), 'utf8'));
    assert.deepEqual(mixpanel.description, preset.service.description);
    await page.locator('[data-path="reopen"]').selectOption('');
    await page.locator('#snippet', { hasNotText: '"reopen"' }).waitFor();

    // A legitimate-interest purpose: each storage item may say why it needs no consent.
    const item = 'purposes[1].services[0].storage[1]';
    await page.locator('[data-path="purposes[1].basis"]').selectOption('legitimate-interest');
    await page.locator(`[data-path="${item}.exemption.ground"]`).selectOption('strictly-necessary');
    await page
      .locator(`[data-path="${item}.exemption.reason.en"]`)
      .fill('Keeps the session of a visitor who logged in');
    await page.locator('#snippet', { hasText: 'Keeps the session' }).waitFor();
    const exempted = (await snippetConfig(page)).purposes[1].services[0].storage[1];
    assert.deepEqual(exempted.exemption, {
      ground: 'strictly-necessary',
      reason: { en: 'Keeps the session of a visitor who logged in' },
    });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("produces a snippet that, pasted into a blank page, shows the banner and gates the page's scripts", async () => {
    const { context, page } = await newVisitor();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.goto(`${base}/builder.html`);
    await page.locator('[data-path="controller.name"]').fill('Bakkerij Snippet');
    // The builder re-checks 150 ms after typing; the status of the previous check is still "ok".
    await page.locator('#snippet', { hasText: 'Bakkerij Snippet' }).waitFor();
    await page.locator('#issues .status--ok').waitFor();
    await page.locator('#copy').click();
    await page.locator('#copy-status', { hasText: 'Copied' }).waitFor();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(pasted, /<script type="application\/json" id="keuze-config">/);
    assert.match(pasted, /<script src="\/keuze\/keuze\.min\.js"><\/script>/);

    // A blank page of the site owner's: the snippet in its head, one gated tag in its body.
    const blank = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title>\n${pasted}</head>
<body><h1>Hello</h1><script type="text/plain" data-consent="analytics" src="/assets/analytics.js"></script></body></html>`;
    await page.route(`${base}/pasted.html`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': "script-src 'self'" },
        body: blank,
      }),
    );
    await visit(page, '/pasted.html');
    await bannerButton(page, 'accept-all').waitFor({ state: 'visible' });
    await page
      .locator('keuze-banner')
      .getByText(/Bakkerij Snippet uses cookies/)
      .waitFor();
    assert.deepEqual(await trackingCookies(context), [], 'nothing tracked before the choice');
    await bannerButton(page, 'accept-all').click();
    await eventually(
      async () => (await kinds()).includes('analytics'),
      'the gated script runs after accepting',
    );
    assert.deepEqual((await trackingCookies(context)).sort(), ['_pk_id.demo', '_pk_ses.demo']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
