// No tracking before consent, proven on a page whose gated trackers try to set
// cookies, write localStorage, sessionStorage and IndexedDB, send beacons, fetch
// and load pixels and embeds. Network (the server's own log and the page's
// resource timing) and storage are watched in the real browser.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Keuze } from '../../src/core/keuze.js';
import { openSite as open } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  __tracked?: string[];
}

const PAGE = '/test/e2e/pages/hardening-tracking.html';
const CHANNEL = 'hardening-track';
/** Storage Keuze itself uses to remember the choice: strictly necessary, declared. */
const OWN = /^keuze/;

/** Every state the test looked at, for the closing count. */
export const statesChecked: string[] = [];

async function openSite(): Promise<{ frame: HTMLIFrameElement; site: SiteWindow }> {
  const { frame, site } = await open<SiteWindow>(PAGE);
  await waitUntil(
    () =>
      shadow(site, 'keuze-banner', '[data-keuze-action="reject-all"]') || site.keuze.get().decided,
    'no banner',
  );
  return { frame, site };
}

function shadow(site: SiteWindow, host: string, selector: string): HTMLElement | null {
  return (
    site.document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(selector) ??
    site.document.querySelector(host)?.querySelector<HTMLElement>(selector) ?? // slotted buttons
    null
  );
}

function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Footprint {
  cookies: string[];
  local: string[];
  session: string[];
  databases: string[];
  requests: string[];
  resources: string[];
}

/** What the page left on the device and sent over the network, Keuze's own record excepted. */
async function footprint(site: SiteWindow): Promise<Footprint> {
  const hits = (await (await fetch(`/__sink/${CHANNEL}/hits`)).json()) as Array<{ path: string }>;
  const databases = (await indexedDB.databases())
    .map((db) => db.name ?? '')
    .filter((name) => !OWN.test(name) && !name.startsWith('keuze-'));
  return {
    cookies: site.document.cookie
      ? site.document.cookie
          .split('; ')
          .map((c) => c.split('=')[0])
          .filter((n) => !OWN.test(n))
      : [],
    local: Object.keys(site.localStorage).filter((key) => !OWN.test(key)),
    session: Object.keys(site.sessionStorage).filter((key) => !OWN.test(key)),
    databases,
    requests: hits.map((hit) => hit.path),
    resources: site.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      // The bundle itself, and the dev server's live-reload socket it appends to every page it serves.
      .filter((path) => !path.startsWith('/dist/') && !path.startsWith('/__web-dev-server')),
  };
}

const NOTHING: Footprint = {
  cookies: [],
  local: [],
  session: [],
  databases: [],
  requests: [],
  resources: [],
};

async function expectNothing(site: SiteWindow, state: string): Promise<void> {
  await settle();
  statesChecked.push(state);
  expect(await footprint(site), state).to.deep.equal(NOTHING);
  expect(site.__tracked, state).to.equal(undefined);
}

async function wipe(): Promise<void> {
  await fetch(`/__sink/${CHANNEL}/clear`);
  for (const name of document.cookie.split('; ').map((c) => c.split('=')[0])) {
    if (name) document.cookie = `${name}=; max-age=0; path=/`;
  }
  localStorage.clear();
  sessionStorage.clear();
  for (const name of ['keuze', 'tracker-db']) {
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

describe('no tracking before consent, on a page whose trackers try everything', () => {
  beforeEach(wipe);
  afterEach(async () => {
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    await wipe();
  });

  it('stores and sends nothing non-essential before any decision, even after scrolling', async () => {
    const { site } = await openSite();
    await expectNothing(site, 'before any decision');
    site.scrollTo(0, 2000);
    site.dispatchEvent(new Event('scroll'));
    await expectNothing(site, 'after scrolling');
    expect(site.keuze.get().decided).to.equal(false);
  });

  it('stores and sends nothing after Escape on the banner', async () => {
    const { site } = await openSite();
    shadow(site, 'keuze-banner', '[data-keuze-action="accept-all"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await expectNothing(site, 'after Escape on the banner');
    expect(site.keuze.get().decided).to.equal(false);
  });

  it('stores and sends nothing after the cookie centre is opened and closed, by its close button or by Escape', async () => {
    const { site } = await openSite();
    shadow(site, 'keuze-banner', '[data-keuze-action="open-centre"]')!.click();
    await waitUntil(() => shadow(site, 'keuze-centre', 'dialog[open]'), 'the centre did not open');
    shadow(site, 'keuze-centre', '[part~="close-button"]')!.click();
    await waitUntil(
      () => !shadow(site, 'keuze-centre', 'dialog[open]'),
      'the centre did not close',
    );
    await expectNothing(site, 'after closing the cookie centre');
    site.document.querySelector<HTMLElement>('[data-keuze-open]')!.click();
    await waitUntil(
      () => shadow(site, 'keuze-centre', 'dialog[open]'),
      'the centre did not open again',
    );
    await sendKeys({ press: 'Escape' });
    await waitUntil(
      () => !shadow(site, 'keuze-centre', 'dialog[open]'),
      'Escape did not close the centre',
    );
    await expectNothing(site, 'after Escape in the cookie centre');
    expect(site.keuze.get().decided).to.equal(false);
  });

  it('stores and sends nothing after "reject all", and nothing on the next page either', async () => {
    const first = await openSite();
    shadow(first.site, 'keuze-banner', '[data-keuze-action="reject-all"]')!.click();
    await waitUntil(() => first.site.keuze.get().decided, 'the reject was not recorded');
    await expectNothing(first.site, 'after reject all');
    first.frame.remove();
    const next = await openSite();
    expect(next.site.keuze.get().decided).to.equal(true);
    await expectNothing(next.site, 'on the next page after reject all');
  });

  it('lets every tracker store and send once the visitor accepts', async () => {
    const { site } = await openSite();
    shadow(site, 'keuze-banner', '[data-keuze-action="accept-all"]')!.click();
    await waitUntil(() => (site.__tracked ?? []).length === 2, 'the gated scripts did not run');
    await waitUntil(
      async () => (await footprint(site)).requests.length >= 5,
      'not every request arrived',
      { timeout: 4000 },
    );
    await settle();
    statesChecked.push('after accept all');
    const seen = await footprint(site);
    expect(seen.cookies).to.include('_pk_id.1.abcd');
    expect(seen.local).to.include('ad_id');
    expect(seen.session).to.include('ad_session');
    expect(seen.databases).to.include('tracker-db');
    const requests = seen.requests.join(' ');
    for (const expected of [
      'beacon?matomo',
      'collect?matomo',
      'pixel.gif?script',
      'pixel.gif?img',
      '/embed',
    ]) {
      expect(requests).to.contain(expected);
    }
  });

  it('removes the declared cookies and web storage when the visitor withdraws, and sends nothing more', async () => {
    const { site } = await openSite();
    await site.keuze.acceptAll();
    await waitUntil(() => (site.__tracked ?? []).length === 2, 'the gated scripts did not run');
    await waitUntil(
      () => site.localStorage.getItem('ad_id') !== null && site.document.cookie.includes('_pk_id'),
    );
    site.document.querySelector<HTMLElement>('[data-keuze-open]')!.click();
    await waitUntil(
      () => shadow(site, 'keuze-centre', '[data-keuze-action="reject-all"]'),
      'the centre did not open',
    );
    shadow(site, 'keuze-centre', '[data-keuze-action="reject-all"]')!.click();
    await waitUntil(
      () => site.keuze.granted('analytics') === false,
      'the withdrawal was not recorded',
    );
    // The storage goes just after the decision, once the page has painted.
    await waitUntil(async () => {
      const { cookies, local, session } = await footprint(site);
      return cookies.length + local.length + session.length === 0;
    }, 'the declared storage was not removed');
    await settle(); // requests the trackers had in flight arrive before the sink is cleared
    await fetch(`/__sink/${CHANNEL}/clear`);
    const after = await footprint(site);
    statesChecked.push('after withdrawal');
    expect(after.cookies, 'cookies after withdrawal').to.deep.equal([]);
    expect(after.local, 'localStorage after withdrawal').to.deep.equal([]);
    expect(after.session, 'sessionStorage after withdrawal').to.deep.equal([]);
    // The next page after the withdrawal: nothing runs, nothing is sent.
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    const next = await openSite();
    await settle();
    statesChecked.push('on the next page after withdrawal');
    const later = await footprint(next.site);
    expect(later.requests).to.deep.equal([]);
    expect(later.cookies).to.deep.equal([]);
    expect(next.site.__tracked).to.equal(undefined);
  });

  it('deletes a declared IndexedDB database when the visitor withdraws', async () => {
    const { site } = await openSite();
    await site.keuze.acceptAll();
    await waitUntil(
      async () => (await footprint(site)).databases.includes('tracker-db'),
      'the tracker database was not created',
    );
    await site.keuze.save({ marketing: false, analytics: false });
    await waitUntil(
      async () => (await footprint(site)).databases.length === 0,
      'declared "tracker-db" (type indexedDB) is still on the device',
    );
  });

  after(() => {
    console.log(
      `[hardening] no-tracking states checked: ${statesChecked.length} (${statesChecked.join('; ')})`,
    );
  });
});
