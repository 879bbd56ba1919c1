// Ids and names are the config's own: lookups by id never find what every
// object inherits, the data layer's name never overwrites a property of
// window, and a stored record costs the same however much was planted in it.
import { expect } from '@open-wc/testing';
import { Keuze } from '../../src/core/keuze.js';
import { ConsentStore } from '../../src/core/store.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { defaultAdapter } from '../../src/core/storage/fallback.js';
import { validateConfig } from '../../src/core/config/validate.js';
import {
  pushConsentModeDefault,
  resolveConsentMode,
} from '../../src/core/integrations/consent-mode.js';
import { MAX_RECORD_CHARS, decide } from '../../src/core/choices.js';
import { HISTORY_LIMIT, readStoredState } from '../../src/core/decision.js';
import type { Decision, StoredState } from '../../src/core/types.js';
import { exampleConfig, validConfig } from '../helpers/configs.js';
import { idbGet, idbPut } from '../helpers/stored-record.js';

const INHERITED = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
const REVISION = validConfig().revision;

function decision(id: string, decidedAt = new Date().toISOString(), flags = 4): Decision {
  const purposes: Record<string, boolean> = {
    necessary: true,
    functional: true,
    analytics: true,
    marketing: true,
  };
  for (let i = 4; i < flags; i += 1) purposes[`p${i}-${'x'.repeat(50)}`] = true;
  return {
    id,
    decidedAt,
    expiresAt: new Date(Date.parse(decidedAt) + 30 * 86400000).toISOString(),
    revision: REVISION,
    configHash: 'other-hash',
    method: 'accept-all',
    layer: 'banner',
    locale: 'en',
    gpc: false,
    purposes,
    services: { chat: true, matomo: true, youtube: true, pixel: true },
  };
}

describe('lookups by id use the config’s own ids only', () => {
  it('granted() is false for names every object inherits, before and after accepting all', async () => {
    const keuze = new Keuze();
    await keuze.init(exampleConfig(), {
      adapter: new MemoryAdapter(),
      channel: false,
      gate: false,
    });
    for (const id of INHERITED) expect(keuze.granted(id), id).to.equal(false);
    await keuze.acceptAll();
    for (const id of INHERITED) expect(keuze.granted(id), id).to.equal(false);
    expect(keuze.granted('analytics')).to.equal(true);
  });

  it('whenGranted() never resolves for them, even after accepting all', async () => {
    const keuze = new Keuze();
    await keuze.init(exampleConfig(), {
      adapter: new MemoryAdapter(),
      channel: false,
      gate: false,
    });
    const resolved: string[] = [];
    for (const id of INHERITED) void keuze.whenGranted(id).then(() => resolved.push(id));
    const analytics = keuze.whenGranted('analytics').then(() => resolved.push('analytics'));
    await keuze.acceptAll();
    await analytics;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resolved).to.deep.equal(['analytics']);
  });
});

describe('the data layer’s name', () => {
  function layerErrors(name: string): string[] {
    const raw = exampleConfig();
    raw.googleConsentMode = { dataLayerName: name };
    return validateConfig(raw).errors.map((e) => `${e.path}: ${e.message}`);
  }

  it('refuses names the browser or Keuze already uses', () => {
    for (const name of ['location', 'name', 'top', 'alert', 'document', 'keuze']) {
      const errors = layerErrors(name);
      expect(errors.length, name).to.equal(1);
      expect(errors[0], name).to.match(/^googleConsentMode\.dataLayerName: expected a name/);
    }
    expect(layerErrors('data layer')[0]).to.contain('a JavaScript identifier');
  });

  it('accepts a fresh name and an array the site made', () => {
    expect(layerErrors('siteLayer')).to.deep.equal([]);
    const site = window as unknown as Record<string, unknown>;
    site.existingSiteLayer = [];
    try {
      expect(layerErrors('existingSiteLayer')).to.deep.equal([]);
    } finally {
      delete site.existingSiteLayer;
    }
  });

  it('never overwrites such a property, even from a config that failed validation', () => {
    const site = window as unknown as Record<string, unknown>;
    const api = { acceptAll() {} };
    site.siteApi = api;
    const windowName = window.name;
    try {
      for (const name of ['name', 'siteApi']) {
        const options = resolveConsentMode({ googleConsentMode: { dataLayerName: name } })!;
        pushConsentModeDefault(options);
      }
      expect(window.name).to.equal(windowName);
      expect(site.siteApi).to.equal(api);
    } finally {
      delete site.siteApi;
    }
  });
});

describe('stored records are bounded', () => {
  it('reads at most HISTORY_LIMIT history entries of a record, however many it has', () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => decision(`h${i}`));
    let touched = 0;
    const history = new Proxy(entries, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) touched += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const { state } = readStoredState({ version: 1, current: null, history });
    expect(state.history.length).to.equal(HISTORY_LIMIT);
    expect(touched, 'history entries looked at').to.be.at.most(HISTORY_LIMIT);
  });

  it('trims a record with 200,000 history entries in IndexedDB on the next write', async () => {
    const database = `keuze-bounded-${Math.random().toString(36).slice(2)}`;
    const planted = Array.from({ length: 200_000 }, (_, i) => decision(`h${i}`));
    await idbPut(database, { version: 1, current: null, history: planted });
    const store = new ConsentStore(validConfig(), {
      adapter: defaultAdapter(undefined, database),
      channel: false,
      gpc: false,
    });
    const started = performance.now();
    await store.load();
    console.log(
      `[measure] loading a record with 200,000 history entries: ${Math.round(performance.now() - started)} ms`,
    );
    await store.settled();
    expect(
      ((await idbGet(database)) as StoredState).history.length,
      'trimmed right after the first read',
    ).to.be.at.most(HISTORY_LIMIT);
    await store.rejectAll('banner');
    await store.settled();
    const stored = (await idbGet(database)) as StoredState;
    expect(stored.history.length).to.be.at.most(HISTORY_LIMIT);
    store.dispose();
    indexedDB.deleteDatabase(database);
  });

  it(`keeps a written record under ${MAX_RECORD_CHARS} characters by dropping the oldest history`, () => {
    const heavy = Array.from({ length: HISTORY_LIMIT }, (_, i) =>
      decision(`big${i}`, undefined, 2000),
    );
    const state: StoredState = { version: 1, current: null, history: heavy };
    const config = validConfig();
    const next = decide(
      state,
      { type: 'reject-all' },
      { config, configHash: 'h', now: new Date(), gpc: false, locale: 'en', layer: 'banner' },
      { purposes: {}, services: {} },
    );
    expect(JSON.stringify(next).length).to.be.at.most(MAX_RECORD_CHARS);
    expect(next.history.length).to.be.greaterThan(0);
    expect(next.history[0].id).to.equal('big0'); // the newest stay
  });
});

describe('the config hash of a stored decision', () => {
  it('is compared: a decision under another config with the same revision holds and is reported', async () => {
    const store = new ConsentStore(validConfig(), {
      adapter: new MemoryAdapter({ version: 1, current: decision('old-config'), history: [] }),
      channel: false,
      gpc: false,
    });
    await store.load();
    expect(store.get().decided).to.equal(true);
    const finding = store.findings.find((f) => f.code === 'config-changed');
    expect(finding?.message).to.contain('another version of the config');
  });
});
