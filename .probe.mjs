import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
const root = '/work/wt/speed';
const server = createServer((req, res) => {
  const path = root + new URL(req.url, 'http://x').pathname;
  if (!existsSync(path)) { res.writeHead(404); return res.end(); }
  const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.json') ? 'application/json' : 'text/html';
  res.writeHead(200, { 'content-type': type }); res.end(readFileSync(path));
}).listen(8123);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('requestfailed', (r) => console.log('failed:', r.url(), r.failure()?.errorText));
await page.goto('http://localhost:8123/' + (process.argv[2] ?? 'test/e2e/pages/embed-inline.html'));
await page.waitForTimeout(2500);
console.log(await page.evaluate(() => document.querySelector('keuze-banner')?.shadowRoot?.textContent?.slice(0, 200)));
await browser.close(); server.close();
