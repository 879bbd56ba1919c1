// The script-tag build, loaded into plain HTML pages exactly as a site owner
// would, with its real network and storage.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import { hits, openSite as open } from '../helpers/site.js';
import { idbGet, idbPut } from '../helpers/stored-record.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  __inlineRan?: number | boolean;
  __refusedRan?: boolean;
  __sinkScript?: number;
  __errors?: Array<{ message: string; path?: string }>;
}

/** The banner's "Accept all" (a light-DOM button: privacy tools find it there). */
function acceptButton(site: Window): HTMLButtonElement | null {
  return site.document.querySelector<HTMLButtonElement>(
    'keuze-banner [data-keuze-action="accept-all"]',
  );
}

describe('the script-tag build on a plain page', () => {
  beforeEach(async () => {
    await fetch('/__sink/embed-inline/clear');
    localStorage.clear();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('keuze');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  });

  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('reads an inline config, exposes window.keuze and shows the banner', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    expect(site.keuze.get().decided).to.equal(false);
    const banner = site.document.querySelector('keuze-banner');
    expect(banner, 'the banner was mounted').to.exist;
    expect(site.document.querySelector('keuze-centre'), 'the cookie centre was mounted').to.exist;
  });

  it('keeps a space between the banner sentence and its privacy link, as built and minified', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    const banner = site.document.querySelector('keuze-banner')!;
    const link = () => banner.shadowRoot?.querySelector('[part="notice-link"]');
    await waitUntil(link, 'the banner shows no privacy link');
    const words = link()!.textContent!.trim();
    const sentence = link()!.parentElement!.textContent!.replace(/\s+/g, ' ').trim();
    expect(sentence.endsWith(` ${words}`), sentence).to.equal(true);
  });

  it('runs nothing gated before a decision and sends nothing', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(site.__inlineRan).to.equal(undefined);
    expect(site.__sinkScript).to.equal(undefined);
    expect(site.__refusedRan).to.equal(undefined);
    expect(await hits('embed-inline')).to.deep.equal([]);
  });

  it('runs the gated scripts, in order, once the visitor accepts', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await site.keuze.acceptAll();
    await waitUntil(() => site.__inlineRan === 1, 'the inline analytics script did not run');
    expect(site.__sinkScript).to.equal(1); // the external one finished before the inline one ran
    expect(await hits('embed-inline')).to.have.length(1);
    expect(site.__refusedRan).to.equal(undefined);
  });

  it('runs the "refused" alternative after reject, and nothing else', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await site.keuze.rejectAll();
    await waitUntil(() => site.__refusedRan === true, 'the !analytics script did not run');
    expect(site.__inlineRan).to.equal(undefined);
    expect(await hits('embed-inline')).to.deep.equal([]);
  });

  it('remembers the decision on the next page load: no banner, scripts run at once', async () => {
    const first = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await first.site.keuze.acceptAll();
    first.frame.remove();
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    expect(site.keuze.get().decided).to.equal(true);
    await waitUntil(() => site.__inlineRan === 1, 'the stored decision did not run the scripts');
  });

  it('asks again when the stored decision was for an earlier revision, and records the new choice', async () => {
    const first = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await first.site.keuze.acceptAll();
    first.frame.remove();
    // As a decision taken under an earlier revision of the config was stored.
    const record = (await idbGet('keuze')) as {
      current: object;
    };
    await idbPut('keuze', { ...record, current: { ...record.current, revision: '2020-01-01' } });
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    const accept = () => acceptButton(site);
    await waitUntil(() => accept()?.checkVisibility(), 'the banner did not ask again');
    expect(site.keuze.get().decided).to.equal(false);
    expect(site.__inlineRan).to.equal(undefined);
    accept()!.click();
    await waitUntil(() => site.__inlineRan === 1, 'the new choice did not run the scripts');
    expect(site.keuze.get().record?.revision).to.not.equal('2020-01-01');
  });

  it('shows the banner again on a returning visit once the visitor resets their choice', async () => {
    const first = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    await first.site.keuze.rejectAll();
    first.frame.remove();
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-inline.html');
    const accept = () => acceptButton(site);
    expect(accept()?.checkVisibility() ?? false, 'the banner showed on a returning visit').to.equal(
      false,
    );
    await site.keuze.reset();
    await waitUntil(() => accept()?.checkVisibility(), 'the banner did not ask again');
  });

  it('loads the config from data-config', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-url.html');
    expect(site.keuze.store!.config.controller!.name).to.equal('Voorbeeld B.V.');
    await site.keuze.save({ analytics: true });
    await waitUntil(() => site.__inlineRan === true);
  });

  it('fails closed on an invalid config: keuze-error names the field and nothing gated runs', async () => {
    const { site } = await open<SiteWindow>('/test/e2e/pages/embed-invalid.html');
    expect(site.__errors!.map((e) => e.path)).to.include('purposes[0].basis');
    expect(site.document.querySelector('keuze-banner')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(site.__inlineRan).to.equal(undefined);
  });
});
