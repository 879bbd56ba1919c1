import { expect } from '@open-wc/testing';
import { beforeLoad, startIntegrations } from '../../../src/core/integrations/index.js';
import { ConsentStore } from '../../../src/core/store.js';
import { MemoryAdapter } from '../../../src/core/storage/memory.js';
import { disposeStores, loadedStore, siteConfig, validated } from './helpers.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

function lastUpdate(): Record<string, unknown> {
  const updates = (window.dataLayer ?? [])
    .map((entry) => Array.from(entry as ArrayLike<unknown>))
    .filter((c) => c[0] === 'consent' && c[1] === 'update');
  return updates.at(-1)?.[2] as Record<string, unknown>;
}

/** Sets navigator.globalPrivacyControl as a browser with the signal on does. */
function signal(value: boolean | undefined): void {
  if (value === undefined)
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  else Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });
}

describe('Global Privacy Control', () => {
  let stop: (() => void) | undefined;

  afterEach(() => {
    stop?.();
    stop = undefined;
    signal(undefined);
    disposeStores();
    delete window.dataLayer;
  });

  it("is read from the browser's navigator.globalPrivacyControl and recorded in the decision", async () => {
    signal(true);
    const store = new ConsentStore(validated(siteConfig()), {
      adapter: new MemoryAdapter(),
      channel: false,
    });
    await store.load();
    expect(store.gpc).to.equal(true);
    const decision = await store.acceptAll('banner');
    expect(decision.gpc).to.equal(true);
    expect(store.receipt().current?.gpc).to.equal(true);
    store.dispose();
  });

  it('is recorded as absent when the browser sends no signal', async () => {
    signal(false);
    const store = await loadedStore(siteConfig());
    expect(store.gpc).to.equal(false);
    expect((await store.acceptAll()).gpc).to.equal(false);
  });

  it('is ignored when the site sets gpc: false', async () => {
    signal(true);
    const store = await loadedStore(siteConfig({ gpc: false }));
    expect(store.gpc).to.equal(false);
    expect(store.granted('functional')).to.equal(true);
  });

  it('counts as an objection to legitimate-interest purposes before any choice', async () => {
    const store = await loadedStore(siteConfig(), { gpc: true });
    expect(store.granted('functional')).to.equal(false);
    expect(store.granted('chat')).to.equal(false);
    expect(store.granted('necessary')).to.equal(true);
  });

  it('refuses a purpose marked as sale or sharing even when the visitor accepts all', async () => {
    const store = await loadedStore(siteConfig(), { gpc: true });
    const decision = await store.acceptAll('banner');
    expect(decision.purposes.marketing).to.equal(false);
    expect(decision.services.youtube).to.equal(false);
    expect(decision.purposes.analytics).to.equal(true);
  });

  it('leaves a sale-or-sharing purpose to the visitor when no signal is sent', async () => {
    const store = await loadedStore(siteConfig(), { gpc: false });
    expect((await store.acceptAll()).purposes.marketing).to.equal(true);
  });

  it('keeps Google advertising keys denied under the signal while analytics is granted', async () => {
    const config = siteConfig({ googleConsentMode: true });
    beforeLoad(validated(config));
    const store = await loadedStore(config, { gpc: true });
    stop = startIntegrations(store);
    await store.acceptAll('banner');
    expect(lastUpdate()).to.include({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
    const event = (window.dataLayer ?? [])
      .filter((e) => (e as { event?: string }).event === 'keuze-change')
      .at(-1) as {
      keuze: { gpc: boolean };
    };
    expect(event.keuze.gpc).to.equal(true);
  });

  it('keeps functionality keys denied when the signal objects and the visitor only accepts analytics', async () => {
    const config = siteConfig({ googleConsentMode: true });
    beforeLoad(validated(config));
    const store = await loadedStore(config, { gpc: true });
    stop = startIntegrations(store);
    await store.save({ analytics: true }, 'centre');
    expect(lastUpdate()).to.include({
      analytics_storage: 'granted',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
    });
  });
});
