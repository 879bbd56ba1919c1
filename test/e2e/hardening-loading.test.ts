// Loading behaviour of the script-tag build: loaded twice, two configs, a late
// config, head or end of body, defer or async, a page that calls init itself.
// Rule: the first copy and the first config win; the others are reported.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  __warnings: string[];
  __errors: Array<{ message: string; path?: string }>;
  __ready: number;
  __ran?: number;
}

const CONFIG = (revision: string) =>
  JSON.stringify({
    revision,
    api: { grantWithoutActivation: true },
    purposes: [
      { id: 'necessary', basis: 'necessary', justification: 'Stores your cookie choice.' },
      { id: 'analytics', basis: 'consent' },
    ],
  });
const inline = (revision = 'first') =>
  `<script type="application/json" id="keuze-config">${CONFIG(revision)}</script>`;
const BUNDLE = '<script src="/dist/keuze.min.js"></script>';
const GATED =
  '<script type="text/plain" data-consent="analytics">window.__ran = (window.__ran || 0) + 1;</script>';
const PROBE = `<script>
  window.__warnings = []; window.__errors = []; window.__ready = 0;
  const warn = console.warn; console.warn = (...args) => { window.__warnings.push(args.join(' ')); warn(...args); };
  document.addEventListener('keuze-error', (e) => window.__errors.push(e.detail));
  document.addEventListener('keuze-ready', () => window.__ready++);
</script>`;

/** Loads a page made of `head` and `body` markup; waits until Keuze is ready. */
async function page(head: string, body: string): Promise<SiteWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '1024px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html><html lang="en"><head>${PROBE}${head}</head><body><h1>Site</h1>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const site = frame.contentWindow as SiteWindow;
  await waitUntil(() => site.keuze, 'window.keuze never appeared', { timeout: 5000 });
  await site.keuze.ready;
  await new Promise((resolve) => setTimeout(resolve, 100));
  return site;
}

function banners(site: SiteWindow): number {
  return site.document.querySelectorAll('keuze-banner').length;
}

async function acceptRunsGatedOnce(site: SiteWindow): Promise<void> {
  expect(site.__ran).to.equal(undefined);
  await site.keuze.acceptAll();
  await waitUntil(() => site.__ran === 1, 'the gated script did not run');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(site.__ran, 'the gated script ran exactly once').to.equal(1);
}

describe('loading the script-tag build', () => {
  beforeEach(async () => {
    localStorage.clear();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('keuze');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  const placements: Array<[string, string, string]> = [
    ['in the head after the config', inline() + BUNDLE, GATED],
    [
      'in the head before the config (the config comes later in the body)',
      BUNDLE,
      inline() + GATED,
    ],
    ['at the end of the body', inline(), GATED + BUNDLE],
    [
      'with defer in the head',
      `${inline()}<script defer src="/dist/keuze.min.js"></script>`,
      GATED,
    ],
    [
      'with async in the head',
      `${inline()}<script async src="/dist/keuze.min.js"></script>`,
      GATED,
    ],
    [
      'with defer before a config at the end of the body',
      '<script defer src="/dist/keuze.min.js"></script>',
      GATED + inline(),
    ],
  ];
  for (const [where, head, body] of placements) {
    it(`works the same ${where}: one banner, one ready event, gated content after consent`, async () => {
      const site = await page(head, body);
      expect(site.__errors).to.deep.equal([]);
      expect(site.keuze.store?.config.revision).to.equal('first');
      await waitUntil(() => banners(site) === 1, 'no banner');
      expect(site.__ready).to.equal(1);
      await acceptRunsGatedOnce(site);
    });
  }

  it('keeps the first copy in charge when the script is loaded twice, and warns', async () => {
    const site = await page(inline() + BUNDLE + BUNDLE, GATED);
    const first = site.keuze;
    expect(site.__warnings.some((w) => w.includes('loaded twice'))).to.equal(true);
    expect(site.keuze).to.equal(first);
    expect(site.__ready, 'one keuze-ready, not two').to.equal(1);
    await waitUntil(() => banners(site) === 1, 'no banner');
    expect(banners(site)).to.equal(1);
    await acceptRunsGatedOnce(site);
  });

  it('uses the first of two inline configs and warns about the other', async () => {
    const site = await page(inline('first') + inline('second') + BUNDLE, GATED);
    expect(site.keuze.store?.config.revision).to.equal('first');
    expect(site.__warnings.some((w) => w.includes('2 configs'))).to.equal(true);
    expect(site.__errors).to.deep.equal([]);
  });

  it('uses data-config over an inline config and warns about the inline one', async () => {
    const site = await page(
      `${inline('inline')}<script src="/dist/keuze.min.js" data-config="/test/e2e/pages/embed-config.json"></script>`,
      '',
    );
    expect(site.keuze.store?.config.revision).not.to.equal('inline');
    expect(site.__warnings.some((w) => w.includes('data-config is used'))).to.equal(true);
  });

  it('mounts the UI for a page that calls keuze.init(config) itself before the document is ready', async () => {
    const site = await page(
      `${BUNDLE}<script>window.keuze.init(${CONFIG('from-init')});</script>`,
      GATED,
    );
    expect(site.keuze.store?.config.revision).to.equal('from-init');
    expect(site.__errors).to.deep.equal([]);
    await waitUntil(
      () => banners(site) === 1,
      'no banner for a page that initialised Keuze itself',
    );
    await acceptRunsGatedOnce(site);
  });

  it('fails closed, with an error that says what to add, when no config arrives by the time the document is ready', async () => {
    const site = await page(BUNDLE, GATED);
    expect(site.__errors).to.have.length(1);
    expect(site.__errors[0].message).to.contain('No config found');
    expect(banners(site)).to.equal(0);
    // A config added after that is too late: nothing starts, nothing gated runs.
    site.document.body.insertAdjacentHTML('beforeend', inline('too-late'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(site.keuze.store).to.equal(undefined);
    expect(site.__ran).to.equal(undefined);
  });

  it('mounts no UI with data-ui="none" and never fetches the banner, while the API and the gate work', async () => {
    const site = await page(
      inline() + '<script src="/dist/keuze.min.js" data-ui="none"></script>',
      GATED,
    );
    expect(site.__errors).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(banners(site)).to.equal(0);
    expect(site.document.querySelector('keuze-reopen, keuze-centre')).to.equal(null);
    const fetched = site.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname);
    expect(fetched).to.include('/dist/keuze-engine.js');
    expect(fetched).not.to.include('/dist/keuze-banner.js');
    await acceptRunsGatedOnce(site);
  });

  it('works when a tag manager inserts the script after the page loaded', async () => {
    const site = await page(
      inline(),
      `${GATED}<script>addEventListener('load', () => { const s = document.createElement('script'); s.src = '/dist/keuze.min.js'; document.head.append(s); });</script>`,
    );
    await waitUntil(() => banners(site) === 1, 'no banner');
    expect(site.__errors).to.deep.equal([]);
    await acceptRunsGatedOnce(site);
  });
});
