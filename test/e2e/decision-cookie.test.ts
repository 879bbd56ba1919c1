// Safari deletes what scripts store after 7 days without a visit; a cookie the
// site's server set survives. The script-tag build on a real page, with real
// IndexedDB and real cookies: the decision comes back from the cookie when it
// should, and never when it should not.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import type { Decision, StoredState } from '../../src/core/types.js';
import { DECISION_COOKIE, decisionCookie } from '../../src/core/storage/decision-cookie.js';
import { openSite } from '../helpers/site.js';
import { idbGet } from '../helpers/stored-record.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  __inlineRan?: number;
  __refusedRan?: boolean;
  __shown: string[];
}

// Its own page and sink channel: other suites count the gated script's requests on theirs.
const PAGE = '/test/e2e/pages/decision-cookie.html';

/** What Safari does after 7 days without a visit: script-written storage is gone. */
async function deleteScriptStorage(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

const closeSites = () => document.querySelectorAll('iframe').forEach((frame) => frame.remove());

/** A first visit that decides; returns the record as the widget POSTs it. */
async function decideOnFirstVisit(action: 'acceptAll' | 'rejectAll'): Promise<Decision> {
  const { site } = await openSite<SiteWindow>(PAGE);
  await site.keuze[action]();
  await site.keuze.store!.settled();
  const record = site.keuze.get().record!;
  closeSites();
  return record;
}

/** The site's server answered a request with Set-Cookie (plain http here, so without Secure). */
function serverSets(record: unknown): void {
  document.cookie = decisionCookie(record, { secure: false });
}

function bannerOpen(site: SiteWindow): boolean {
  const banner = site.document.querySelector('keuze-banner') as
    (Element & { open?: boolean }) | null;
  return banner?.open === true;
}

/** The decision in the widget's database. */
async function storedDecision(): Promise<Decision | null | undefined> {
  return ((await idbGet('keuze')) as StoredState | undefined)?.current;
}

describe('the decision kept in the server-set cookie', () => {
  beforeEach(deleteScriptStorage);
  afterEach(async () => {
    closeSites();
    document.cookie = `${DECISION_COOKIE}=; Max-Age=0; Path=/`;
    await deleteScriptStorage();
  });

  it('brings a returning visitor’s decision back: the gated script runs, the banner never shows, and it is stored again', async () => {
    const record = await decideOnFirstVisit('acceptAll');
    await deleteScriptStorage();
    serverSets(record);

    const { site } = await openSite<SiteWindow>(PAGE);
    await waitUntil(() => site.__inlineRan === 1, 'the gated script did not run', {
      timeout: 5000,
    });
    expect(site.keuze.get().record?.id).to.equal(record.id);
    expect((await storedDecision())?.id).to.equal(record.id);
    // The first layer waited for the engine's verdict: not even a flash of the banner.
    await site.keuze.store!.settled();
    expect(bannerOpen(site)).to.equal(false);
    expect(site.__shown).to.deep.equal([]);
  });

  it('shows the banner when the cookie’s decision has expired', async () => {
    const record = await decideOnFirstVisit('acceptAll');
    await deleteScriptStorage();
    const expired = {
      ...record,
      decidedAt: new Date(Date.now() - 200 * 24 * 3600 * 1000).toISOString(),
      expiresAt: new Date(Date.now() - 60 * 1000).toISOString(),
    };
    // No server sets an expired record (decisionCookie refuses); a cookie jar may still hold one.
    const value = btoa(JSON.stringify(expired))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    document.cookie = `${DECISION_COOKIE}=${value}; Path=/`;

    const { site } = await openSite<SiteWindow>(PAGE);
    await waitUntil(() => bannerOpen(site), 'the banner did not show', { timeout: 5000 });
    expect(site.keuze.get().decided).to.equal(false);
    expect(site.__inlineRan).to.equal(undefined);
  });

  it('shows the banner when the cookie holds a decision for another version of the notice', async () => {
    const record = await decideOnFirstVisit('acceptAll');
    await deleteScriptStorage();
    serverSets({ ...record, revision: '2025-01-01' });

    const { site } = await openSite<SiteWindow>(PAGE);
    await waitUntil(() => bannerOpen(site), 'the banner did not show', { timeout: 5000 });
    expect(site.keuze.get().decided).to.equal(false);
    expect(site.__inlineRan).to.equal(undefined);
  });

  it('is cleared when the visitor resets, so the next visit asks again', async () => {
    const record = await decideOnFirstVisit('acceptAll');
    await deleteScriptStorage();
    serverSets(record);
    const { site } = await openSite<SiteWindow>(PAGE);
    await waitUntil(() => site.keuze.get().decided, 'the decision was not restored', {
      timeout: 5000,
    });

    await site.keuze.reset();
    await site.keuze.store!.settled();
    expect(document.cookie).not.to.contain(`${DECISION_COOKIE}=`);
    await waitUntil(() => bannerOpen(site), 'the banner did not come back', { timeout: 5000 });
    closeSites();

    const next = await openSite<SiteWindow>(PAGE);
    await waitUntil(() => bannerOpen(next.site), 'the next visit did not ask', { timeout: 5000 });
    expect(next.site.keuze.get().decided).to.equal(false);
  });
});
