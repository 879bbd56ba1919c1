import { expect, waitUntil, aTimeout, oneEvent } from '@open-wc/testing';
import { cleanupSettled, startIntegrations } from '../../../src/core/integrations/index.js';
import {
  domainsOf,
  pathsOf,
  removeStorage,
  withdrawnIds,
} from '../../../src/core/integrations/cleanup.js';
import { Gate } from '../../../src/core/gate.js';
import { ConsentStore } from '../../../src/core/store.js';
import { MemoryAdapter } from '../../../src/core/storage/memory.js';
import type { Config } from '../../../src/core/types.js';
import {
  clearCookies,
  cookieNames,
  disposeStores,
  loadedStore,
  siteConfig,
  validated,
} from './helpers.js';

declare global {
  interface Window {
    __matomoRuns?: number;
  }
}

const FIXTURE_DIR = '/test/core/integrations/fixtures';

function setCookie(name: string, path = '/'): void {
  document.cookie = `${name}=1; path=${path}; max-age=3600`;
}

/** Cookies as seen by a page under another path (a same-origin iframe). */
async function cookiesAt(path: string): Promise<string[]> {
  const frame = document.createElement('iframe');
  frame.src = `${path}/blank.html`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const names = cookieNames(frame.contentDocument!);
  frame.remove();
  return names;
}

describe('withdrawal clean-up', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    clearCookies();
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    disposeStores();
    clearCookies();
    document.cookie = `path_hint=; max-age=0; path=${FIXTURE_DIR}`;
    localStorage.clear();
    sessionStorage.clear();
  });

  it('deletes the cookies of a withdrawn purpose, matching patterns such as _pk_id.*', async () => {
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('_pk_id.1.a1b2');
    setCookie('_pk_ses.1.a1b2');
    setCookie('_hjSession_123');
    await store.save({ analytics: false }, 'centre');
    await cleanupSettled(store);
    expect(cookieNames()).not.to.include.members(['_pk_id.1.a1b2']);
    expect(cookieNames()).not.to.include('_pk_ses.1.a1b2');
    expect(cookieNames()).not.to.include('_hjSession_123');
  });

  it('leaves necessary, undeclared and still-granted cookies alone', async () => {
    const store = await loadedStore(siteConfig(), { gpc: false });
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('session_id');
    setCookie('site_theme');
    setCookie('_pk_id.1.a1b2');
    setCookie('VISITOR_INFO1_LIVE');
    await store.save({ marketing: false });
    await cleanupSettled(store);
    expect(cookieNames()).to.include.members(['session_id', 'site_theme', '_pk_id.1.a1b2']);
    expect(cookieNames()).not.to.include('VISITOR_INFO1_LIVE');
  });

  it('removes only the withdrawn service when its purpose stays granted', async () => {
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.save({ analytics: true });
    setCookie('_pk_id.1.a1b2');
    setCookie('_hjSession_123');
    await store.save({ hotjar: false });
    await cleanupSettled(store);
    expect(cookieNames()).to.include('_pk_id.1.a1b2');
    expect(cookieNames()).not.to.include('_hjSession_123');
  });

  it('keeps a cookie that a still-granted service also declares', async () => {
    const config: Config = siteConfig();
    // Two services that share Google's _ga cookie.
    config.purposes[2].services!.push({
      id: 'ga',
      provider: 'Google',
      storage: [{ name: '_ga*', type: 'cookie', retention: 'P2Y' }],
    });
    config.purposes[3].services!.push({
      id: 'ads',
      provider: 'Google',
      storage: [{ name: '_ga', type: 'cookie', retention: 'P2Y' }],
    });
    const store = await loadedStore(config, { gpc: false });
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('_ga');
    setCookie('_ga_XYZ123');
    await store.save({ analytics: false });
    await cleanupSettled(store);
    expect(cookieNames()).to.include('_ga');
    expect(cookieNames()).not.to.include('_ga_XYZ123');
  });

  it('removes declared localStorage and sessionStorage keys', async () => {
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.acceptAll();
    localStorage.setItem('mtm_consent', '1');
    localStorage.setItem('mtm_cookie_consent', '1');
    localStorage.setItem('site_cart', '3 items');
    sessionStorage.setItem('hjViewportId', 'abc');
    await store.withdraw('centre');
    await cleanupSettled(store);
    expect(localStorage.getItem('mtm_consent')).to.equal(null);
    expect(localStorage.getItem('mtm_cookie_consent')).to.equal(null);
    expect(localStorage.getItem('site_cart')).to.equal('3 items');
    expect(sessionStorage.getItem('hjViewportId')).to.equal(null);
  });

  it('deletes a cookie set on a declared path the current page cannot see', async () => {
    const config = siteConfig();
    config.purposes[2].services![0].storage!.push({
      name: 'path_hint',
      type: 'cookie',
      retention: 'P1M',
      path: FIXTURE_DIR,
    });
    document.cookie = `path_hint=1; path=${FIXTURE_DIR}; max-age=3600`;
    expect(await cookiesAt(FIXTURE_DIR)).to.include('path_hint');
    const store = await loadedStore(config);
    stop = startIntegrations(store);
    await store.acceptAll();
    await store.withdraw();
    await cleanupSettled(store);
    expect(await cookiesAt(FIXTURE_DIR)).not.to.include('path_hint');
  });

  it('clears storage that was written before a first refusal', async () => {
    setCookie('_pk_id.1.early');
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.rejectAll('banner');
    await cleanupSettled(store);
    expect(cookieNames()).not.to.include('_pk_id.1.early');
  });

  it('applies the decision at once and removes the storage after it', async () => {
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('_pk_id.1.a1b2');
    await store.save({ analytics: false });
    // The visitor's click paints first: in this task nothing is removed yet.
    expect(store.granted('analytics')).to.equal(false);
    expect(cookieNames()).to.include('_pk_id.1.a1b2');
    await waitUntil(
      () => !cookieNames().includes('_pk_id.1.a1b2'),
      'the cookie of the withdrawn purpose should go',
    );
  });

  it('finishes the clean-up when the visitor leaves the page right after deciding', async () => {
    const store = await loadedStore(siteConfig());
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('_pk_id.1.a1b2');
    localStorage.setItem('mtm_consent', '1');
    const changed = oneEvent(store, 'change');
    void store.save({ analytics: false });
    await changed;
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(cookieNames()).not.to.include('_pk_id.1.a1b2');
    expect(localStorage.getItem('mtm_consent')).to.equal(null);
  });

  it('spares the storage of a purpose granted again before its clean-up ran', async () => {
    const store = await loadedStore(siteConfig(), { gpc: false });
    stop = startIntegrations(store);
    setCookie('_pk_id.1.a1b2');
    setCookie('VISITOR_INFO1_LIVE');
    await store.rejectAll('banner');
    await store.save({ analytics: true, marketing: false }, 'centre');
    await cleanupSettled(store);
    expect(cookieNames()).to.include('_pk_id.1.a1b2');
    expect(cookieNames()).not.to.include('VISITOR_INFO1_LIVE');
  });

  it('deletes nothing when a decision expires: the visitor is simply asked again', async () => {
    let now = new Date('2026-11-02T10:00:00Z');
    const store = await loadedStore(siteConfig({ expiry: 'PT1S' as string }), { now: () => now });
    stop = startIntegrations(store);
    await store.acceptAll();
    setCookie('_pk_id.1.a1b2');
    now = new Date('2026-11-02T10:00:05Z');
    await waitUntil(() => !store.get().decided, 'the decision should expire', { timeout: 3000 });
    await cleanupSettled(store);
    expect(cookieNames()).to.include('_pk_id.1.a1b2');
  });

  it("also clears this tab's sessionStorage when another tab withdraws", async () => {
    const name = `keuze-cleanup-${Math.random()}`;
    const config = validated(siteConfig());
    // Two tabs of one site share its storage; the message only says where to look.
    const storage = new MemoryAdapter();
    const here = new ConsentStore(config, { adapter: storage, channel: name });
    const there = new ConsentStore(config, { adapter: storage, channel: name });
    await Promise.all([here.load(), there.load()]);
    stop = startIntegrations(here);
    await there.acceptAll();
    await waitUntil(() => here.get().decided, 'this tab should hear the decision');
    sessionStorage.setItem('hjViewportId', 'abc');
    await there.save({ analytics: false });
    await waitUntil(
      () => sessionStorage.getItem('hjViewportId') === null,
      'sessionStorage key should be removed',
    );
    here.dispose();
    there.dispose();
  });

  it('reports what it removed and what it could not', () => {
    setCookie('_pk_id.1.a1b2');
    const report = removeStorage([
      { name: '_pk_id.*', type: 'cookie', retention: 'P13M' },
      { name: 'absent', type: 'cookie', retention: 'P13M' },
    ]);
    expect(report.removed).to.deep.equal(['cookie:_pk_id.1.a1b2']);
    expect(report.remaining).to.deep.equal([]);
  });

  it('targets the host and each parent domain, and the page path and its parents', () => {
    expect(domainsOf('shop.www.voorbeeld.nl')).to.deep.equal([
      'shop.www.voorbeeld.nl',
      'www.voorbeeld.nl',
      'voorbeeld.nl',
    ]);
    expect(domainsOf('localhost')).to.deep.equal([]);
    expect(domainsOf('127.0.0.1')).to.deep.equal([]);
    expect(pathsOf('/winkel/mand/item')).to.deep.equal(['/', '/winkel', '/winkel/mand']);
  });

  it('treats only ids that went from granted to refused as withdrawn after a decision', () => {
    const previous = {
      decided: true,
      purposes: { a: true, b: false, c: true },
      services: { s: true },
    };
    const next = {
      decided: true,
      purposes: { a: false, b: false, c: true },
      services: { s: false },
    };
    expect(withdrawnIds(previous, next)).to.deep.equal(['a', 's']);
  });

  describe('with reloadOnWithdraw', () => {
    it('reloads once, after the withdrawal is stored', async () => {
      const adapter = new MemoryAdapter();
      const store = new ConsentStore(validated(siteConfig({ reloadOnWithdraw: true })), {
        adapter,
        channel: false,
      });
      await store.load();
      let storedAtReload: unknown;
      let reloads = 0;
      stop = startIntegrations(store, {
        reload: () => {
          reloads += 1;
          void adapter.get().then((state) => (storedAtReload = state));
        },
      });
      await store.acceptAll();
      expect(reloads).to.equal(0);
      await store.save({ analytics: false });
      await waitUntil(() => reloads === 1, 'the page should reload');
      await waitUntil(() => storedAtReload !== undefined);
      const stored = storedAtReload as { current: { purposes: Record<string, boolean> } };
      expect(stored.current.purposes.analytics).to.equal(false);
      await aTimeout(50);
      expect(reloads).to.equal(1);
      store.dispose();
    });

    it('does not reload on a first refusal or on giving more consent', async () => {
      const store = await loadedStore(siteConfig({ reloadOnWithdraw: true }));
      let reloads = 0;
      stop = startIntegrations(store, { reload: () => (reloads += 1) });
      await store.rejectAll();
      await store.save({ analytics: true });
      await aTimeout(50);
      expect(reloads).to.equal(0);
    });

    it('does not reload when the option is off', async () => {
      const store = await loadedStore(siteConfig());
      let reloads = 0;
      stop = startIntegrations(store, { reload: () => (reloads += 1) });
      await store.acceptAll();
      await store.withdraw();
      await aTimeout(50);
      expect(reloads).to.equal(0);
    });
  });

  it('removes the cookies a gated script set, and the script does not run again', async () => {
    window.__matomoRuns = 0;
    const host = document.createElement('div');
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.dataset.consent = 'matomo';
    script.textContent = `
      document.cookie = '_pk_id.1.f00d=visitor; path=/; max-age=3600';
      document.cookie = '_pk_ses.1.f00d=1; path=/; max-age=1800';
      window.__matomoRuns += 1;`;
    host.append(script);
    document.body.append(host);

    const config = validated(siteConfig({ reloadOnWithdraw: true }));
    const adapter = new MemoryAdapter();
    const store = new ConsentStore(config, { adapter, channel: false });
    await store.load();
    const gate = new Gate(store, host);
    gate.start();
    let reloaded = false;
    let cookiesAtReload: string[] = [];
    stop = startIntegrations(store, {
      reload: () => {
        reloaded = true;
        cookiesAtReload = cookieNames();
      },
    });

    await store.acceptAll('banner');
    await waitUntil(() => window.__matomoRuns === 1, 'the gated script should run after consent');
    expect(cookieNames()).to.include.members(['_pk_id.1.f00d', '_pk_ses.1.f00d']);

    await store.withdraw('centre');
    await waitUntil(() => reloaded, 'the page should reload');
    // Gone before the reload: the reloaded page has no withdrawal to clean up after.
    expect(cookiesAtReload).not.to.include('_pk_id.1.f00d');
    expect(cookiesAtReload).not.to.include('_pk_ses.1.f00d');

    // The reloaded page: same markup, the stored withdrawal, a new store and gate.
    gate.stop();
    stop();
    stop = undefined;
    store.dispose();
    const fresh = host.cloneNode(true) as HTMLElement;
    host.replaceWith(fresh);
    const next = new ConsentStore(config, { adapter, channel: false });
    await next.load();
    const nextGate = new Gate(next, fresh);
    nextGate.start();
    await aTimeout(50);
    expect(window.__matomoRuns).to.equal(1);
    expect(cookieNames()).not.to.include('_pk_id.1.f00d');
    nextGate.stop();
    next.dispose();
    fresh.remove();
  });
});
