// The integrations in the script-tag build, on plain pages as a site owner writes them.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  dataLayer: unknown[];
}

async function open(path: string): Promise<{ frame: HTMLIFrameElement; site: SiteWindow }> {
  const frame = document.createElement('iframe');
  frame.src = path;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const site = frame.contentWindow as SiteWindow;
  await waitUntil(() => site.keuze, 'window.keuze never appeared', { timeout: 5000 });
  await site.keuze.ready;
  return { frame, site };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

async function hits(channel: string): Promise<Array<{ method: string; body: string }>> {
  return (await fetch(`/__sink/${channel}/hits`)).json();
}

function cookieNames(doc: Document): string[] {
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);
}

describe('integrations in the script-tag build', () => {
  beforeEach(async () => {
    await Promise.all(
      ['integrations-log', 'integrations-tracker'].map((ch) => fetch(`/__sink/${ch}/clear`)),
    );
    localStorage.clear();
    for (const name of cookieNames(document)) document.cookie = `${name}=; max-age=0; path=/`;
    await deleteDatabase('keuze');
    await deleteDatabase('keuze-log');
  });

  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('puts the Consent Mode default before the Google tag placed after the script', async () => {
    const { site } = await open('/test/e2e/pages/integrations-consent-mode.html');
    const entries = site.dataLayer.map((entry) => Array.from(entry as ArrayLike<unknown>));
    expect(entries[0].slice(0, 2)).to.deep.equal(['consent', 'default']);
    expect(entries[0][2]).to.include({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      wait_for_update: 700,
    });
    expect(entries[1][0]).to.equal('js');
    expect(site.keuze.diagnostics().some((f) => f.code === 'consent-mode-late')).to.equal(false);
  });

  it("pushes the visitor's choice as an update and a keuze-change event", async () => {
    const { site } = await open('/test/e2e/pages/integrations-consent-mode.html');
    await site.keuze.acceptAll();
    const updates = site.dataLayer
      .map((entry) => Array.from(entry as ArrayLike<unknown>))
      .filter((c) => c[0] === 'consent' && c[1] === 'update');
    expect(updates.at(-1)![2]).to.include({ analytics_storage: 'granted' });
    const events = site.dataLayer.filter((e) => (e as { event?: string }).event === 'keuze-change');
    expect(events).to.have.length(1);
  });

  it("pushes a returning visitor's decision on the next page before the first tag waits out", async () => {
    const first = await open('/test/e2e/pages/integrations-consent-mode.html');
    await first.site.keuze.save({ analytics: true });
    first.frame.remove();
    const { site } = await open('/test/e2e/pages/integrations-consent-mode.html');
    const updates = site.dataLayer
      .map((entry) => Array.from(entry as ArrayLike<unknown>))
      .filter((c) => c[0] === 'consent' && c[1] === 'update');
    expect(updates).to.have.length(1);
    expect(updates[0][2]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });
  });

  it("has a returning visitor's decision in the data layer before a gated Google tag runs", async () => {
    const first = await open('/test/e2e/pages/integrations-consent-mode.html');
    await first.site.keuze.save({ analytics: true });
    first.frame.remove();
    const { site } = await open('/test/e2e/pages/integrations-consent-mode.html');
    const tag = site as SiteWindow & { updateBeforeTag?: boolean };
    await waitUntil(() => tag.updateBeforeTag !== undefined, 'the gated tag never ran');
    expect(tag.updateBeforeTag).to.equal(true);
  });

  it('removes the cookies of a gated script on withdrawal, reloads, and the script does not run again', async () => {
    const { frame, site } = await open('/test/e2e/pages/integrations-withdraw.html');
    await site.keuze.acceptAll();
    await waitUntil(
      async () => (await hits('integrations-tracker')).length === 1,
      'the tracker should run once',
    );
    await waitUntil(
      () => cookieNames(site.document).includes('_pk_id.1.e2e'),
      'the tracker cookie should be set',
    );

    const reloaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    await site.keuze.save({ analytics: false });
    await reloaded;
    const after = frame.contentWindow as SiteWindow;
    await waitUntil(() => after.keuze, 'Keuze should start again after the reload');
    await after.keuze.ready;

    expect(after.keuze.granted('analytics')).to.equal(false);
    expect(cookieNames(after.document)).not.to.include('_pk_id.1.e2e');
    expect(cookieNames(after.document)).not.to.include('_pk_ses.1.e2e');
    expect((await hits('integrations-tracker')).length).to.equal(1);

    // Both decisions reached the proof-of-consent log, once each, even across the reload.
    await waitUntil(
      async () => (await hits('integrations-log')).length >= 2,
      'both records should arrive',
      {
        timeout: 5000,
      },
    );
    const records = (await hits('integrations-log')).map((hit) => JSON.parse(hit.body));
    expect(records.map((r) => r.method).sort()).to.deep.equal(['accept-all', 'withdraw']);
    expect(new Set(records.map((r) => r.id)).size).to.equal(2);
  });
});
