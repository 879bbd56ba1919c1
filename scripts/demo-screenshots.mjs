#!/usr/bin/env node
// Screenshots of the demo site for the README: screenshots/demo-*.png.
// Starts the demo server on a free port, drives Debian's Chromium with playwright-core.
// Run: npm run build && node scripts/demo-screenshots.mjs
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../demo/server.mjs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const out = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

const demo = await startDemo({ port: 0, quiet: true });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, '--hide-scrollbars'],
});

async function visitor(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  return { context, page };
}
const ready = (page) => page.waitForFunction(() => window.keuze?.store?.status === 'ready');
const shot = async (page, name) => {
  await page.waitForTimeout(400); // the panel polls the server once a second
  await page.screenshot({ path: `${out}${name}` });
  console.log(`screenshots/${name}`);
};

try {
  // 1. First visit: the banner over the home page, the live panel beside it.
  {
    const { context, page } = await visitor();
    await page.goto(`${demo.url}/`);
    await ready(page);
    await page.locator('keuze-banner [data-keuze-action="accept-all"]').waitFor();
    await shot(page, 'demo-home-banner.png');

    // 2. The cookie centre, opened from the banner's settings button.
    await page.locator('keuze-banner [data-keuze-action="open-centre"]').click();
    await page.locator('keuze-centre [data-keuze-action="save"]').waitFor();
    await shot(page, 'demo-centre.png');
    await context.close();
  }
  // 3. The article after "Reject all": the video waits behind its placeholder.
  {
    const { context, page } = await visitor();
    await page.goto(`${demo.url}/article`);
    await ready(page);
    await page.locator('keuze-banner [data-keuze-action="reject-all"]').click();
    await page.locator('keuze-placeholder').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await shot(page, 'demo-article-placeholder.png');

    // 4. The privacy notice, from the same config.
    await page.goto(`${demo.url}/privacy`);
    await ready(page);
    await page.locator('keuze-notice h1').waitFor();
    await shot(page, 'demo-privacy-notice.png');
    await context.close();
  }
  // 5. The config builder with one mistake, so the error at the field shows.
  {
    const { context, page } = await visitor({ width: 1280, height: 1000 });
    await page.goto(`${demo.url}/builder.html`);
    await page.locator('#issues .status--ok').waitFor();
    await page.locator('[data-path="controller.name"]').fill('Bakkerij Voorbeeld B.V.');
    await page.locator('[data-path="expiry"]').fill('P2Y');
    await page.locator('[data-field="expiry"] .field__error').waitFor();
    await shot(page, 'demo-builder.png');
    await context.close();
  }
} finally {
  await browser.close();
  demo.server.close();
}
