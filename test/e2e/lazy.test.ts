// The script-tag build's layers: a first visit downloads only keuze.min.js
// before the banner shows, and the engine (dist/keuze-engine.js) after; the
// cookie centre (dist/keuze-centre.js) arrives when asked for, the notice
// (dist/keuze-notice.js) when the page has a <keuze-notice>, each after Lit
// (dist/keuze-lit.js), which nothing else needs. Real built files,
// real network, pages loaded in an iframe exactly as a site serves them.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import { openSite as open } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  PointerEvent: typeof PointerEvent;
  __violations?: unknown[];
  __shownAt?: number;
  __errors?: string[];
}

async function openSite(path: string): Promise<SiteWindow> {
  return (await open<SiteWindow>(path)).site;
}

/** The lazy parts this page has requested so far (the engine, which every page loads, aside). */
function parts(site: SiteWindow): string[] {
  return site.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/keuze-[a-z]+\.js$/.test(path) && path !== '/dist/keuze-engine.js');
}

/** When the page asked for the engine (ms since navigation), or undefined. */
function engineRequestedAt(site: SiteWindow): number | undefined {
  return site.performance
    .getEntriesByType('resource')
    .find((entry) => new URL(entry.name).pathname === '/dist/keuze-engine.js')?.startTime;
}

function inShadow(
  site: SiteWindow,
  host: string,
  selector: string,
): HTMLElement | null | undefined {
  return site.document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(selector);
}

async function forgetDecision(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('the script-tag build loads the cookie centre and the notice only when needed', () => {
  beforeEach(forgetDecision);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('shows the banner on a first visit before the engine, and without the centre or the notice', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(
      () => inShadow(site, 'keuze-banner', '[data-keuze-action="accept-all"]'),
      'the banner never rendered',
    );
    await waitUntil(() => engineRequestedAt(site) !== undefined, 'the engine never loaded');
    expect(site.__shownAt, 'keuze-show').to.be.a('number');
    expect(engineRequestedAt(site)).to.be.at.least(site.__shownAt!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(parts(site)).to.deep.equal([]);
    expect(site.customElements.get('keuze-centre')).to.equal(undefined);
  });

  it('loads the engine at once for a returning visitor, whose gated content must run', async () => {
    const first = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(() => first.keuze.store, 'the engine never started');
    await first.keuze.acceptAll();
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await site.keuze.ready;
    expect(site.__shownAt).to.equal(undefined);
    expect(site.keuze.get().purposes.analytics).to.equal(true);
  });

  it('gives a returning visitor the re-open button without downloading Lit or any part', async () => {
    const first = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(() => first.keuze.store, 'the engine never started');
    await first.keuze.acceptAll();
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(
      () => inShadow(site, 'keuze-reopen', 'button'),
      'the re-open button never rendered',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(parts(site)).to.deep.equal([]);
  });

  it('opens the cookie centre from the footer link, loading it on the first click', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    site.document.querySelector<HTMLElement>('[data-keuze-open]')!.click();
    await waitUntil(
      () => inShadow(site, 'keuze-centre', 'dialog[open] [role="switch"]'),
      'the centre never opened',
      { timeout: 5000 },
    );
    expect(parts(site)).to.deep.equal(['/dist/keuze-lit.js', '/dist/keuze-centre.js']);
    // Its words came with it: no untranslated key shows.
    const words = site.document.querySelector('keuze-centre')!.shadowRoot!.textContent!;
    expect(words).not.to.match(/\bcentre\.[a-zA-Z]/);
  });

  it("opens the cookie centre from the banner's settings button, and saving there records the choice", async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(
      () => inShadow(site, 'keuze-banner', '[data-keuze-action="open-centre"]'),
      'the banner never rendered',
    );
    inShadow(site, 'keuze-banner', '[data-keuze-action="open-centre"]')!.click();
    await waitUntil(
      () => inShadow(site, 'keuze-centre', 'dialog[open] [role="switch"]:not([disabled])'),
      'the centre never opened',
      { timeout: 5000 },
    );
    inShadow(site, 'keuze-centre', '[role="switch"]:not([disabled])')!.click();
    inShadow(site, 'keuze-centre', '[data-keuze-action="save"]')!.click();
    await waitUntil(() => site.keuze.get().decided, 'no decision was recorded');
    expect(site.keuze.granted('analytics')).to.equal(true);
    expect(site.keuze.receipt()).to.contain('"layer": "centre"');
  });

  it('fetches the centre ahead of the click when the pointer reaches the settings link', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    const link = site.document.querySelector<HTMLElement>('[data-keuze-open]')!;
    link.dispatchEvent(new site.PointerEvent('pointerover', { bubbles: true, composed: true }));
    await waitUntil(() => site.customElements.get('keuze-centre'), 'the centre was not preloaded', {
      timeout: 5000,
    });
    expect(site.document.querySelector('keuze-centre')?.hasAttribute('open')).to.equal(false); // loaded, not opened
  });

  it('opens the centre with keuze.open() before it was ever loaded', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    site.keuze.open();
    await waitUntil(
      () => inShadow(site, 'keuze-centre', 'dialog[open]'),
      'the centre never opened',
      { timeout: 5000 },
    );
  });

  it('renders the privacy notice on a page that has <keuze-notice>, and nowhere else loads it', async () => {
    const site = await openSite('/test/e2e/pages/lazy-privacy.html');
    await waitUntil(
      () => site.document.querySelector('keuze-notice')?.querySelector('h2'),
      'the notice never rendered',
      { timeout: 5000 },
    );
    expect(parts(site)).to.deep.equal(['/dist/keuze-lit.js', '/dist/keuze-notice.js']);
    const words = site.document.querySelector('keuze-notice')!.textContent!;
    expect(words).to.contain('Voorbeeld B.V.');
    expect(words).not.to.match(/\bnotice\.[a-zA-Z]/); // its headings came with it
  });

  it('loads the notice when a script adds <keuze-notice> later', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    site.document.body.append(site.document.createElement('keuze-notice'));
    await waitUntil(
      () => site.document.querySelector('keuze-notice')?.querySelector('h2'),
      'the notice never rendered',
      { timeout: 5000 },
    );
    expect(parts(site)).to.deep.equal(['/dist/keuze-lit.js', '/dist/keuze-notice.js']);
  });

  it('shows a placeholder for a blocked embed, loaded with it, and "allow" loads the embed', async () => {
    await fetch('/__sink/lazy-embed/clear');
    const site = await openSite('/test/e2e/pages/lazy-embed.html');
    await waitUntil(
      () => inShadow(site, 'keuze-placeholder', '[part~="allow-button"]'),
      'the placeholder never rendered',
      { timeout: 5000 },
    );
    expect(parts(site)).to.deep.equal(['/dist/keuze-placeholder.js']);
    const words = site.document.querySelector('keuze-placeholder')!.shadowRoot!.textContent!;
    expect(words).not.to.match(/\bplaceholder\.[a-zA-Z]/); // its words came with it
    expect(await (await fetch('/__sink/lazy-embed/hits')).json()).to.deep.equal([]);
    inShadow(site, 'keuze-placeholder', '[part~="allow-button"]')!.click();
    await waitUntil(
      async () => (await (await fetch('/__sink/lazy-embed/hits')).json()).length > 0,
      'the embed never loaded',
      { timeout: 5000 },
    );
    expect(site.keuze.granted('matomo')).to.equal(true);
  });

  it('loads the centre under a strict CSP with Trusted Types without a single violation', async () => {
    const site = await openSite('/test/e2e/pages/hardening-csp.html');
    site.document.querySelector<HTMLElement>('[data-keuze-open]')!.click();
    await waitUntil(
      () => inShadow(site, 'keuze-centre', 'dialog[open] [role="switch"]'),
      'the centre never opened',
      { timeout: 5000 },
    );
    // This page also has a notice and a blocked embed, so all three parts load through the policy.
    expect([...parts(site)].sort()).to.deep.equal([
      '/dist/keuze-centre.js',
      '/dist/keuze-lit.js',
      '/dist/keuze-notice.js',
      '/dist/keuze-placeholder.js',
    ]);
    expect(site.__violations).to.deep.equal([]);
    expect(site.__errors).to.deep.equal([]);
  });
});
