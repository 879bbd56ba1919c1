import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
const root = '/work/wt/speed';
const server = createServer((req, res) => {
  const path = root + new URL(req.url, 'http://x').pathname;
  if (!existsSync(path)) { res.writeHead(404); return res.end(); }
  const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.json') ? 'application/json' : 'text/html';
  res.writeHead(200, { 'content-type': type }); res.end(readFileSync(path));
}).listen(8124);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto('http://localhost:8124/test/e2e/pages/hardening-tracking.html');
await page.waitForTimeout(1500);
console.log(await page.evaluate(() => [...document.querySelectorAll('keuze-banner button')].map(b => [String(b.offsetParent), getComputedStyle(b).position, b.innerText])));
console.log(await page.evaluate(() => { const b = document.querySelector('keuze-banner'); const cs = getComputedStyle(b); return { pos: cs.position, display: cs.display, offsetParent: String(b.offsetParent), inner: b.innerText, rect: JSON.stringify(b.getBoundingClientRect()), docText: document.documentElement.innerText.slice(0, 300) }; }));
await browser.close(); server.close();
