// The script-tag build on a phone-sized screen: the page opened in a frame of
// that size, which is its viewport in every engine. This is how WebKit tests
// small screens, since its WebDriver cannot resize the window below ~447 px;
// Chromium and Firefox run it too. Dutch, whose longer words wrap worst.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import { openSite } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
}

/** axe-core, once loaded into the page. */
interface Axe {
  run: (
    context: unknown,
    options: unknown,
  ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }>;
}

const PAGE = '/test/e2e/pages/small-screens.html';

async function forgetDecision(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

function inShadow(site: SiteWindow, host: string, selector: string): HTMLElement {
  const found = site.document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector} in <${host}>`);
  return found;
}

/** Opens the page at `width` × `height` and waits until the banner shows, in Dutch. */
async function openAt(width: number, height: number): Promise<SiteWindow> {
  const { site } = await openSite<SiteWindow>(PAGE, { width, height });
  expect(site.innerWidth, 'the frame is the viewport').to.equal(width);
  await waitUntil(
    () =>
      site.document
        .querySelector('keuze-banner [data-keuze-action="reject-all"]')
        ?.textContent?.includes('Alles weigeren'),
    'the banner never showed in Dutch',
    { timeout: 5000 },
  );
  return site;
}

/** Every button of `host` is at least 24 × 24 px (WCAG 2.5.8). */
function expectTargetsAtLeast24(site: SiteWindow, host: string): void {
  // The banner's decision buttons live in its light DOM, the centre's in its shadow root.
  const element = site.document.querySelector(host)!;
  const buttons = [
    ...element.querySelectorAll('button'),
    ...element.shadowRoot!.querySelectorAll('button'),
  ];
  expect(buttons.length).to.be.greaterThan(0);
  for (const button of buttons) {
    const rect = button.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not shown
    expect(rect.width, button.outerHTML).to.be.at.least(24);
    expect(rect.height, button.outerHTML).to.be.at.least(24);
  }
}

/** Runs axe inside the page (loaded there, as it must run in the document it checks). */
async function expectAccessible(site: SiteWindow): Promise<void> {
  const page = site as unknown as { axe?: Axe };
  if (!page.axe) {
    const script = site.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
    site.document.head.append(script);
    await loaded;
  }
  const result = await page.axe!.run(site.document, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
  });
  const report = result.violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');
  expect(result.violations, report).to.deep.equal([]);
}

describe('the script-tag build on a small screen', () => {
  beforeEach(forgetDecision);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('shows the banner at 320 px without horizontal scroll, with targets of 24 × 24 px', async () => {
    const site = await openAt(320, 640);
    expect(site.document.documentElement.scrollWidth).to.be.at.most(320);
    const bar = inShadow(site, 'keuze-banner', '[part~="base"]').getBoundingClientRect();
    expect(bar.right).to.be.at.most(320);
    expectTargetsAtLeast24(site, 'keuze-banner');
  });

  it('fits the cookie centre into 320 px with a storage table open', async () => {
    const site = await openAt(320, 640);
    site.keuze.open();
    await waitUntil(
      () => site.document.querySelector('keuze-centre')?.shadowRoot?.querySelector('dialog')?.open,
      'the cookie centre never opened',
      { timeout: 5000 },
    );
    inShadow(site, 'keuze-centre', '[data-purpose="analytics"] [part~="storage-toggle"]').click();
    await new Promise((resolve) => site.requestAnimationFrame(resolve));
    await new Promise((resolve) => site.requestAnimationFrame(resolve));
    expect(site.document.documentElement.scrollWidth).to.be.at.most(320);
    expect(inShadow(site, 'keuze-centre', 'dialog').getBoundingClientRect().right).to.be.at.most(
      320,
    );
    expectTargetsAtLeast24(site, 'keuze-centre');
  });

  it('keeps the cookie centre usable at 400 % zoom (320 × 256): content room, every button reachable', async () => {
    const site = await openAt(320, 256);
    site.keuze.open();
    await waitUntil(
      () => site.document.querySelector('keuze-centre')?.shadowRoot?.querySelector('dialog')?.open,
      'the cookie centre never opened',
      { timeout: 5000 },
    );
    const dialog = inShadow(site, 'keuze-centre', 'dialog');
    const body = inShadow(site, 'keuze-centre', '[part~="body"]');
    // The box that scrolls the purposes, and what stays on screen while it does.
    const scroller = body.scrollHeight > body.clientHeight + 1 ? body : dialog;
    const kept = ['[part~="header"]', '[part~="footer"]']
      .map((selector) => inShadow(site, 'keuze-centre', selector))
      .filter((part) => scroller === body || site.getComputedStyle(part).position === 'sticky')
      .reduce((sum, part) => sum + part.getBoundingClientRect().height, 0);
    const room = Math.min(scroller.clientHeight, 256) - kept;
    expect(room, `${room} px for the content`).to.be.at.least(128);
    const root = site.document.querySelector('keuze-centre')!.shadowRoot!;
    for (const action of ['accept-all', 'reject-all', 'save']) {
      const button = inShadow(site, 'keuze-centre', `[data-keuze-action="${action}"]`);
      button.scrollIntoView({ block: 'nearest' });
      await new Promise((resolve) => site.requestAnimationFrame(resolve));
      const rect = button.getBoundingClientRect();
      expect(rect.top, `${action} top`).to.be.at.least(0);
      expect(rect.bottom, `${action} bottom`).to.be.at.most(256.5);
      const hit = root.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      expect(hit === button || button.contains(hit), `${action} is covered`).to.equal(true);
    }
  });

  it('is accessible at 360 px wide', async () => {
    const site = await openAt(360, 740);
    await expectAccessible(site);
  });
});
