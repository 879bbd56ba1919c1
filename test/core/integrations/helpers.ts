// Shared set-up for the integration suites: a real store over an in-memory
// adapter (or real IndexedDB), a normalised config, and cookie housekeeping.
import { ConsentStore, type StoreOptions } from '../../../src/core/store.js';
import { validateConfig } from '../../../src/core/config/validate.js';
import { MemoryAdapter } from '../../../src/core/storage/memory.js';
import type { Config } from '../../../src/core/types.js';

export function siteConfig(extra: Partial<Config> = {}): Config {
  return {
    revision: '2026-11-01',
    // The tests decide from script, as a site's custom UI would (see hardening/grants.test.ts).
    api: { grantWithoutActivation: true },
    controller: { name: 'Voorbeeld B.V.' },
    purposes: [
      {
        id: 'necessary',
        basis: 'necessary',
        justification: 'Stores your cookie choice.',
        storage: [{ name: 'session_id', type: 'cookie', retention: 'session' }],
      },
      {
        id: 'functional',
        basis: 'legitimate-interest',
        services: [{ id: 'chat', provider: 'Chat Co' }],
      },
      {
        id: 'analytics',
        basis: 'consent',
        services: [
          {
            id: 'matomo',
            provider: 'Matomo',
            storage: [
              { name: '_pk_id.*', type: 'cookie', retention: 'P13M' },
              { name: '_pk_ses.*', type: 'cookie', retention: 'PT30M' },
              { name: 'mtm_*', type: 'localStorage', retention: 'P13M' },
            ],
          },
          {
            id: 'hotjar',
            provider: 'Hotjar',
            storage: [
              { name: '_hjSession_*', type: 'cookie', retention: 'PT30M' },
              { name: 'hjViewportId', type: 'sessionStorage', retention: 'session' },
            ],
          },
        ],
      },
      {
        id: 'marketing',
        basis: 'consent',
        saleOrSharing: true,
        services: [
          {
            id: 'youtube',
            provider: 'Google',
            storage: [{ name: 'VISITOR_INFO1_LIVE', type: 'cookie', retention: 'P6M' }],
          },
        ],
      },
    ],
    ...extra,
  };
}

/** The config as keuze.init would hand it on: validated and normalised. */
export function validated(config: Config): Config {
  const result = validateConfig(config);
  if (!result.ok || !result.config) {
    throw new Error(
      `test config invalid: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  }
  return result.config;
}

const stores: ConsentStore[] = [];

/** A loaded store on a fresh in-memory adapter, alone (no tab channel) unless told. */
export async function loadedStore(
  config: Config,
  options: StoreOptions = {},
): Promise<ConsentStore> {
  const store = new ConsentStore(validated(config), {
    adapter: new MemoryAdapter(),
    channel: false,
    ...options,
  });
  stores.push(store);
  await store.load();
  return store;
}

export function disposeStores(): void {
  for (const store of stores.splice(0)) store.dispose();
}

export function cookieNames(doc: Document = document): string[] {
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);
}

/** Removes every cookie this page can see (host-only, path /). */
export function clearCookies(): void {
  for (const name of cookieNames()) document.cookie = `${name}=; max-age=0; path=/`;
}

/** Gives each test its own sink channel on the test server. */
export function channel(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface Hit {
  method: string;
  path: string;
  body: string;
  at: number;
  /** The Cookie and Referer headers the request carried ('' when none). */
  cookie: string;
  referer: string;
}

export async function hits(ch: string): Promise<Hit[]> {
  const response = await fetch(`/__sink/${ch}/hits`);
  return response.json();
}

export async function failNext(ch: string, times: number): Promise<void> {
  await fetch(`/__sink/${ch}/fail?times=${times}`);
}
