import { expect } from '@open-wc/testing';
import { beforeLoad, startIntegrations, diagnose } from '../../../src/core/integrations/index.js';
import { ConsentStore } from '../../../src/core/store.js';
import { MemoryAdapter } from '../../../src/core/storage/memory.js';
import type { ConsentModeOptions } from '../../../src/core/types.js';
import { disposeStores, loadedStore, siteConfig, validated } from './helpers.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
    [name: `layer${string}`]: unknown[] | undefined;
  }
}

/** Entries that are gtag commands (pushed as `arguments`), as plain arrays. */
function commands(layer: unknown[] = window.dataLayer ?? []): unknown[][] {
  return layer
    .filter((entry) => Object.prototype.toString.call(entry) === '[object Arguments]')
    .map((entry) => Array.from(entry as ArrayLike<unknown>));
}

function consentCommands(kind: 'default' | 'update', layer?: unknown[]): Record<string, unknown>[] {
  return commands(layer)
    .filter((c) => c[0] === 'consent' && c[1] === kind)
    .map((c) => c[2] as Record<string, unknown>);
}

function events(
  layer: unknown[] = window.dataLayer ?? [],
): Array<{ event: string; keuze: Record<string, unknown> }> {
  return layer.filter(
    (entry): entry is { event: string; keuze: Record<string, unknown> } =>
      !!entry &&
      typeof entry === 'object' &&
      (entry as { event?: unknown }).event === 'keuze-change',
  );
}

const withConsentMode = (options: boolean | ConsentModeOptions = true) =>
  siteConfig({ googleConsentMode: options });

describe('Google Consent Mode v2', () => {
  let stop: (() => void) | undefined;

  beforeEach(() => {
    delete window.dataLayer;
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    disposeStores();
    delete window.dataLayer;
  });

  it('denies every key except security_storage by default, synchronously, before a tag placed after the script', () => {
    beforeLoad(validated(withConsentMode()));
    // What a Google tag snippet placed after the Keuze script does next:
    window.dataLayer!.push(['js', new Date()]);
    const first = commands()[0];
    expect(first.slice(0, 2)).to.deep.equal(['consent', 'default']);
    expect(first[2]).to.deep.equal({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
      wait_for_update: 500,
    });
  });

  it('pushes commands as arguments objects, the only form gtag.js reads', () => {
    beforeLoad(validated(withConsentMode()));
    expect(Object.prototype.toString.call(window.dataLayer![0])).to.equal('[object Arguments]');
  });

  it('applies the configured wait_for_update and region to the default', () => {
    beforeLoad(validated(withConsentMode({ waitForUpdate: 1200, region: ['NL', 'BE'] })));
    expect(consentCommands('default')[0]).to.include({ wait_for_update: 1200 });
    expect(consentCommands('default')[0].region).to.deep.equal(['NL', 'BE']);
  });

  it('sets neither ads_data_redaction nor url_passthrough unless asked', () => {
    beforeLoad(validated(withConsentMode()));
    expect(commands().filter((c) => c[0] === 'set')).to.deep.equal([]);
  });

  it('sets ads_data_redaction and url_passthrough when enabled', () => {
    beforeLoad(validated(withConsentMode({ adsDataRedaction: true, urlPassthrough: true })));
    expect(commands().filter((c) => c[0] === 'set')).to.deep.equal([
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
    ]);
  });

  it('pushes nothing when Consent Mode is not enabled', async () => {
    const config = siteConfig();
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    stop = startIntegrations(store);
    await store.acceptAll();
    expect(window.dataLayer).to.equal(undefined);
  });

  it('pushes the default only once when the script is loaded twice', () => {
    const config = validated(withConsentMode());
    beforeLoad(config);
    beforeLoad(config);
    expect(consentCommands('default')).to.have.length(1);
  });

  it('still denies everything when the config is invalid but asks for Consent Mode', () => {
    // keuze.init fails closed on an invalid config; Google tags must still see a denial.
    beforeLoad({ googleConsentMode: true, purposes: 'oops' } as never);
    expect(consentCommands('default')[0]).to.include({
      analytics_storage: 'denied',
      ad_storage: 'denied',
    });
  });

  it('uses a custom data layer name', () => {
    beforeLoad(validated(withConsentMode({ dataLayerName: 'layerShop' })));
    expect(consentCommands('default', window.layerShop)).to.have.length(1);
    expect(window.dataLayer).to.equal(undefined);
    delete window.layerShop;
  });

  it('grants the mapped keys and announces keuze-change when the visitor accepts all', async () => {
    const config = withConsentMode();
    beforeLoad(validated(config));
    const store = await loadedStore(config, { gpc: false });
    stop = startIntegrations(store);
    expect(consentCommands('update')).to.have.length(0); // no decision yet: the default holds
    await store.acceptAll('banner');
    expect(consentCommands('update').at(-1)).to.deep.equal({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'granted',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
      security_storage: 'granted',
    });
    const event = events().at(-1)!;
    expect(event.keuze.purposes).to.include({ analytics: true, marketing: true });
    expect(event.keuze.method).to.equal('accept-all');
    expect(event.keuze.changed).to.include('analytics');
  });

  it('puts the update before the keuze-change event, so tags fired by the event see it', async () => {
    const config = withConsentMode();
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    stop = startIntegrations(store);
    await store.save({ analytics: true });
    const layer = window.dataLayer!;
    const update = layer.findIndex(
      (e) =>
        Object.prototype.toString.call(e) === '[object Arguments]' &&
        (e as IArguments)[1] === 'update',
    );
    const event = layer.findIndex((e) => (e as { event?: string }).event === 'keuze-change');
    expect(update).to.be.greaterThan(-1);
    expect(event).to.equal(update + 1);
  });

  it('denies analytics_storage again when analytics is withdrawn', async () => {
    const config = withConsentMode();
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    stop = startIntegrations(store);
    await store.acceptAll();
    await store.save({ analytics: false });
    expect(consentCommands('update').at(-1)).to.include({
      analytics_storage: 'denied',
      ad_storage: 'granted',
    });
  });

  it('follows a custom purpose-to-key map, including service ids', async () => {
    const config = withConsentMode({
      map: { analytics: [], matomo: ['analytics_storage'], youtube: ['ad_storage'], marketing: [] },
    });
    beforeLoad(validated(config));
    const store = await loadedStore(config, { gpc: false });
    stop = startIntegrations(store);
    await store.save({ analytics: true, hotjar: false, matomo: false, marketing: true });
    expect(consentCommands('update').at(-1)).to.include({
      analytics_storage: 'denied',
      ad_storage: 'granted',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
    await store.save({ matomo: true });
    expect(consentCommands('update').at(-1)).to.include({ analytics_storage: 'granted' });
  });

  it("pushes a returning visitor's stored decision as an update as soon as it is read", async () => {
    const config = validated(withConsentMode());
    const adapter = new MemoryAdapter();
    const earlier = new ConsentStore(config, { adapter, channel: false, gpc: false });
    await earlier.load();
    await earlier.save({ analytics: true, marketing: false });
    earlier.dispose();

    delete window.dataLayer;
    const started = performance.now();
    beforeLoad(config);
    const store = new ConsentStore(config, { adapter, channel: false, gpc: false });
    await store.load();
    stop = startIntegrations(store);
    const elapsed = performance.now() - started;
    const updates = consentCommands('update');
    expect(updates).to.have.length(1);
    expect(updates[0]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });
    expect(elapsed).to.be.lessThan(500); // inside wait_for_update
    store.dispose();
  });

  it('restores the default denial when the decision is reset', async () => {
    const config = withConsentMode();
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    stop = startIntegrations(store);
    await store.acceptAll();
    await store.reset();
    expect(consentCommands('update').at(-1)).to.include({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      functionality_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('stops pushing updates once disconnected', async () => {
    const config = withConsentMode();
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    startIntegrations(store)();
    await store.acceptAll();
    expect(consentCommands('update')).to.have.length(0);
  });

  it('reports a Google tag that ran before the Consent Mode default', async () => {
    const config = withConsentMode();
    window.dataLayer = [];
    // The Google tag snippet placed above Keuze by mistake.
    const gtag: (...args: unknown[]) => void = function () {
      // eslint-disable-next-line prefer-rest-params
      window.dataLayer!.push(arguments);
    };
    gtag('js', new Date());
    beforeLoad(validated(config));
    const store = await loadedStore(config);
    const finding = diagnose(store).find((f) => f.code === 'consent-mode-late');
    expect(finding?.level).to.equal('error');
  });
});
