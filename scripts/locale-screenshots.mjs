#!/usr/bin/env node
// Saves screenshots/banner-<lang>.png for a few languages (one right to left)
// from the built dist/keuze.min.js under a strict CSP, so a reviewer can see
// that each language really reaches the banner and that Arabic mirrors the
// layout. Usage: node scripts/locale-screenshots.mjs [de fr ar …] (build first).
//
// The page only says <html lang="…">: the widget picks the language itself and,
// when the bundle loads languages on demand, fetches dist/locales/<lang>.json
// from beside the script. For a bundle that cannot, pass --inline and the
// dictionary goes into the config's `texts` instead.
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'screenshots');
const args = process.argv.slice(2);
const inline = args.includes('--inline');
const langs = args.filter((arg) => !arg.startsWith('--'));
if (langs.length === 0) langs.push('de', 'fr', 'ar');

const chromium = findChromium();
if (!existsSync(join(root, 'dist/keuze.min.js')))
  throw new Error('dist/keuze.min.js is missing: run `npm run build` first.');

/** A small shop page in the language, so the banner is seen in context. */
const site = {
  de: {
    title: 'Frisches Brot, jeden Morgen',
    body: 'Seit 1952 backen wir in Utrecht Brot von Hand.',
  },
  fr: {
    title: 'Du pain frais, chaque matin',
    body: 'Depuis 1952, nous cuisons notre pain à la main à Utrecht.',
  },
  ar: { title: 'خبز طازج كل صباح', body: 'نخبز الخبز يدويًا في أوتريخت منذ عام 1952.' },
  pl: {
    title: 'Świeży chleb każdego ranka',
    body: 'Od 1952 roku ręcznie wypiekamy chleb w Utrechcie.',
  },
};

async function config(lang) {
  const result = {
    revision: '2026-11-01',
    controller: { name: 'Bakkerij Voorbeeld B.V.' },
    notice: { url: '/privacy' },
    locale: 'auto',
    locales: ['nl', 'en', ...langs],
    purposes: [
      {
        id: 'necessary',
        basis: 'necessary',
        justification: 'Keeps your basket and remembers your cookie choice.',
      },
      {
        id: 'analytics',
        basis: 'consent',
        services: [
          {
            id: 'matomo',
            provider: 'InnoCraft (Matomo)',
            country: 'NZ',
            safeguard: 'adequacy',
            storage: [{ name: '_pk_id.*', type: 'cookie', retention: 'P13M' }],
          },
        ],
      },
      {
        id: 'marketing',
        basis: 'consent',
        services: [
          {
            id: 'youtube',
            name: 'YouTube',
            provider: 'Google Ireland Ltd.',
            country: 'US',
            safeguard: 'adequacy',
            storage: [
              { name: 'VISITOR_INFO1_LIVE', type: 'cookie', retention: 'P6M', party: 'third' },
            ],
          },
        ],
      },
    ],
  };
  if (inline)
    result.texts = {
      [lang]: JSON.parse(await readFile(join(root, 'locales', `${lang}.json`), 'utf8')),
    };
  return result;
}

async function page(lang) {
  const words = site[lang] ?? { title: 'Bakkerij Voorbeeld', body: '' };
  // JSON inside <script type="application/json"> is data, not code; escape "<" so it cannot close the tag.
  const json = JSON.stringify(await config(lang)).replace(/</g, '\\u003c');
  const dir = ['ar', 'he', 'fa', 'ur'].includes(lang.split('-')[0]) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title}</title><link rel="stylesheet" href="/screenshots/site.css">
<script type="application/json" id="keuze-config">${json}</script><script src="/dist/keuze.min.js"></script></head>
<body><header class="site"><strong>Bakkerij Voorbeeld</strong></header><main><h1>${words.title}</h1><p>${words.body}</p></main></body></html>`;
}

const requested = [];
const CSP = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
};
const server = await serveStatic({
  root,
  async route(url, _request, response) {
    requested.push(url.pathname);
    const match = url.pathname.match(/^\/page\/([\w-]+)\.html$/);
    if (!match) return false;
    response.writeHead(200, { ...CSP, 'content-type': 'text/html; charset=utf-8' });
    response.end(await page(match[1]));
    return true;
  },
  // Serve locales/ as dist/locales/ too, so this works before the build copies them.
  rewrite: (path) => path.replace(/^\/dist\/locales\//, '/locales/'),
  headers: () => CSP,
});
const base = server.origin;

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: CHROMIUM_ARGS,
});
await mkdir(out, { recursive: true });
const problems = [];
try {
  for (const lang of langs) {
    const expected = JSON.parse(await readFile(join(root, 'locales', `${lang}.json`), 'utf8'))[
      'banner.accept'
    ];
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => problems.push(`${lang}: ${error.message}`));
    tab.on('console', (message) => {
      if (message.type() === 'error' && !message.location()?.url?.endsWith('/favicon.ico'))
        problems.push(`${lang}: ${message.text()}`);
    });
    await tab.setViewport({ width: 1024, height: 640, deviceScaleFactor: 1 });
    await tab.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await tab.goto(`${base}/page/${lang}.html`, { waitUntil: 'load' });
    await tab.waitForFunction(
      () => document.querySelector('keuze-banner')?.shadowRoot?.querySelector('[part~="base"]'),
      { timeout: 10000 },
    );
    // The banner must be in the page's language, not English that is later replaced.
    const shown = await tab
      .waitForFunction(
        (label) =>
          [...document.querySelectorAll('keuze-banner button')].some(
            (b) => b.textContent.trim() === label,
          ),
        { timeout: 5000 },
        expected,
      )
      .then(
        () => true,
        () => false,
      );
    if (!shown) problems.push(`${lang}: the banner has no "${expected}" button`);
    const dir = await tab.evaluate(() => {
      const banner = document.querySelector('keuze-banner');
      return getComputedStyle(banner.shadowRoot.querySelector('[part~="base"]')).direction;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const file = join(out, `banner-${lang}.png`);
    await tab.screenshot({ path: file });
    console.log(`saved ${file.slice(root.length)} (direction ${dir})`);
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const fetched = requested.filter((path) => path.includes('/locales/'));
console.log(`locale files fetched: ${fetched.length ? fetched.join(', ') : 'none'}`);
if (problems.length) {
  console.error(`Problems:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
