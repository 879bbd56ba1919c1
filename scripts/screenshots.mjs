#!/usr/bin/env node
// Saves PNG screenshots of the banner and the cookie centre (1280 and 360 px wide,
// light and dark) from demo/screenshot.html, which loads the built dist/keuze.min.js
// exactly as a site would. Run `npm run screenshots` (it builds first).
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'screenshots');

const chromium = findChromium();
if (!existsSync(join(root, 'dist/keuze.min.js'))) {
  console.error('dist/keuze.min.js is missing: run `npm run build` first.');
  process.exit(1);
}

// The same strict CSP a careful site would send: the widget must work under it.
const server = await serveStatic({
  root,
  headers: () => ({
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'sha256-ignored'; style-src 'self'; img-src 'self' data:",
  }),
});
const base = server.origin;

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: CHROMIUM_ARGS,
});
await mkdir(out, { recursive: true });
const saved = [];
const problems = [];
try {
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.location()?.url?.endsWith('/favicon.ico'))
          problems.push(`${width}/${scheme}: ${message.text()} ${message.location()?.url ?? ''}`);
      });
      page.on('pageerror', (error) => problems.push(`${width}/${scheme}: ${error.message}`));
      await page.setViewport({ width, height: width > 600 ? 800 : 740, deviceScaleFactor: 1 });
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: scheme },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ]);
      await page.goto(`${base}/demo/screenshot.html`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => document.querySelector('keuze-banner')?.shadowRoot?.querySelector('[part~="base"]'),
        { timeout: 10000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const name = (layer) => join(out, `${layer}-${width}-${scheme}.png`);
      await page.screenshot({ path: name('banner') });
      saved.push(name('banner'));
      await page.evaluate(() =>
        document.querySelector('keuze-banner [data-keuze-action="open-centre"]').click(),
      );
      await page.waitForFunction(() =>
        document.querySelector('keuze-centre')?.shadowRoot?.querySelector('dialog[open]'),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await page.screenshot({ path: name('centre') });
      saved.push(name('centre'));
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
for (const file of saved) console.log(`saved ${file.slice(root.length)}`);
if (problems.length) {
  console.error(`Page errors:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
