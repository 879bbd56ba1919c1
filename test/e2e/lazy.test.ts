// The script-tag build's module graph: a first visit requests the banner's
// files and the engine's (at low priority) and runs the engine after the banner
// has shown; the cookie centre arrives when asked for, the notice when the page
// has a <keuze-notice>, the placeholder with a blocked embed — each with every
// file it needs requested at once. The files of each part come from the graph
// the build wrote (dist/keuze-graph.json). Real built files, real network,
// pages loaded in an iframe exactly as a site serves them.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import { openSite as open } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  PointerEvent: typeof PointerEvent;
  __violations?: unknown[];
  __shownAt?: number;
  __engineAtShow?: boolean;
  __partsAtShow?: string[];
  __errors?: string[];
}

type Part = 'banner' | 'engine' | 'centre' | 'notice' | 'placeholder';
let graph: Record<Part, string[]>;

async function openSite(path: string): Promise<SiteWindow> {
  return (await open<SiteWindow>(path)).site;
}

/** The files of these parts, as paths, sorted. */
function filesOf(...parts: Part[]): string[] {
  return [...new Set(parts.flatMap((part) => graph[part].map((file) => `/dist/${file}`)))].sort();
}

/** Every file of the module graph the page has requested, once each, sorted. */
function requested(site: SiteWindow): string[] {
  const paths = site.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /^\/dist\/keuze-[\w-]+\.js$/.test(path));
  return [...new Set(paths)].sort();
}

/** The files requested beyond the first layer and the engine, which every page loads. */
function parts(site: SiteWindow): string[] {
  const always = filesOf('banner', 'engine');
  return requested(site).filter((path) => !always.includes(path));
}

/**
 * The files requested beyond the first layer, the engine and the centre: on a first visit
 * the centre comes ahead once the page is idle (the banner's "Settings" button is there).
 */
function partsBesidesCentre(site: SiteWindow): string[] {
  const centre = partFiles('centre');
  return parts(site).filter((path) => !centre.includes(path));
}

/** The files a lazy part needs beyond the first layer and the engine. */
function partFiles(...names: Part[]): string[] {
  const always = filesOf('banner', 'engine');
  return filesOf(...names).filter((path) => !always.includes(path));
}

function inShadow(
  site: SiteWindow,
  host: string,
  selector: string,
): HTMLElement | null | undefined {
  const element = site.document.querySelector(host);
  // In the shadow root, or slotted from the light DOM (the banner's buttons).
  return (
    element?.shadowRoot?.querySelector<HTMLElement>(selector) ??
    element?.querySelector<HTMLElement>(selector)
  );
}

async function forgetDecision(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('the script-tag build loads the cookie centre and the notice only when needed', () => {
  before(async () => {
    graph = await (await fetch('/__raw/dist/keuze-graph')).json();
  });
  beforeEach(forgetDecision);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('shows the banner on a first visit before the engine runs, and without the centre or the notice', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(
      () => inShadow(site, 'keuze-banner', '[data-keuze-action="accept-all"]'),
      'the banner never rendered',
    );
    expect(site.__shownAt, 'keuze-show').to.be.a('number');
    expect(site.__engineAtShow, 'the engine ran before the banner showed').to.equal(false);
    expect(site.__partsAtShow, 'files requested before the banner showed').to.deep.equal([]);
  });

  it('fetches the centre once the banner is up and the page idle, before any click, without opening it', async () => {
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(() => site.customElements.get('keuze-centre'), 'the centre never came ahead', {
      timeout: 8000,
    });
    expect(parts(site)).to.deep.equal(partFiles('centre')); // not the notice
    const links = [...site.document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
    for (const path of partFiles('centre')) {
      const link = links.find((candidate) => new URL(candidate.href).pathname === path);
      expect(link?.getAttribute('fetchpriority'), path).to.equal('low');
    }
    expect(site.document.querySelector('keuze-centre')?.hasAttribute('open')).to.equal(false);
    expect(inShadow(site, 'keuze-banner', '[data-keuze-action="accept-all"]')).to.exist;
    // The first click opens it without another request.
    inShadow(site, 'keuze-banner', '[data-keuze-action="open-centre"]')!.click();
    await waitUntil(
      () => inShadow(site, 'keuze-centre', 'dialog[open] [role="switch"]'),
      'the centre never opened',
      { timeout: 5000 },
    );
    expect(parts(site)).to.deep.equal(partFiles('centre'));
  });

  it('does not fetch the centre ahead for a returning visitor', async () => {
    const first = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(() => first.keuze.store, 'the engine never started');
    await first.keuze.acceptAll();
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await site.keuze.ready;
    // Longer than the idle wait a first visit's banner gives the centre (1 s without requestIdleCallback).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(parts(site)).to.deep.equal([]);
    expect(site.customElements.get('keuze-centre')).to.equal(undefined);
  });

  it('a returning visitor: the engine at once, every file requested in the first round, each once', async () => {
    const first = await openSite('/test/e2e/pages/lazy-shop.html');
    await waitUntil(() => first.keuze.store, 'the engine never started');
    await first.keuze.acceptAll();
    const site = await openSite('/test/e2e/pages/lazy-shop.html');
    await site.keuze.ready;
    expect(site.__shownAt).to.equal(undefined);
    expect(site.keuze.get().purposes.analytics).to.equal(true);
    // Every file of the banner and the engine was asked for at once, none after another had
    // been parsed: the page holds a modulepreload link for each, and nothing else was fetched.
    const preloaded = [
      ...site.document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]'),
    ]
      .map((link) => new URL(link.href).pathname)
      .sort();
    expect(preloaded).to.deep.equal(filesOf('banner', 'engine'));
    expect(requested(site)).to.deep.equal(filesOf('banner', 'engine'));
  });

  it('gives a returning visitor the re-open button without downloading any part', async () => {
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
    expect(parts(site)).to.deep.equal(partFiles('centre'));
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
    expect(partsBesidesCentre(site)).to.deep.equal(partFiles('notice'));
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
    expect(partsBesidesCentre(site)).to.deep.equal(partFiles('notice'));
  });

  it('shows a placeholder for a blocked embed, loaded with it, and "allow" loads the embed', async () => {
    await fetch('/__sink/lazy-embed/clear');
    const site = await openSite('/test/e2e/pages/lazy-embed.html');
    await waitUntil(
      () => inShadow(site, 'keuze-placeholder', '[part~="allow-button"]'),
      'the placeholder never rendered',
      { timeout: 5000 },
    );
    expect(partsBesidesCentre(site)).to.deep.equal(partFiles('placeholder'));
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
    expect(parts(site)).to.deep.equal(partFiles('centre', 'notice', 'placeholder'));
    expect(site.__violations).to.deep.equal([]);
    expect(site.__errors).to.deep.equal([]);
  });
});
