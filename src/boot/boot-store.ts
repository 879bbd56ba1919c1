// The banner's store until the engine arrives. It reads the stored decision
// itself (a returning visitor must not see the banner flash) and hands every
// action to the engine's ConsentStore, loading the engine first when needed.
import type { Config, DecisionLayer, StoredState } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { expiryOf } from '../core/decision.js';
import { consentIds } from '../core/model.js';
import { createStore, get } from 'idb-keyval';

const MAX_EXPIRY_MS = 400 * 24 * 3600 * 1000; // as decision.ts: a longer one was tampered with

/**
 * Whether a stored record holds a decision that is still valid for this config:
 * the same rules as decision.ts' validity(), without its checks of every field —
 * the engine reads the record again and asks anew when it is corrupt.
 */
function holds(raw: unknown, config: Config, now: number): boolean {
  try {
    const state = raw as StoredState;
    const decision = state.current;
    if (state.version !== 1 || !decision || decision.revision !== config.revision) return false;
    const decided = Date.parse(decision.decidedAt);
    const ends = Math.min(
      Date.parse(decision.expiresAt),
      expiryOf(config, new Date(decided)).getTime(),
    );
    const known = { ...decision.purposes, ...decision.services };
    return (
      ends > now && ends - decided <= MAX_EXPIRY_MS && consentIds(config).every((id) => id in known)
    );
  } catch {
    return false;
  }
}

// Both places the engine's default adapter writes to (storage/indexeddb.ts and
// storage/local.ts), read without their write paths; storage that fails or
// hangs simply holds nothing here — the engine reads again and reports why.
function readIndexedDB(): Promise<unknown> {
  return new Promise((resolve) => {
    setTimeout(resolve, 2000);
    try {
      get('consent', createStore('keuze', 'state')).then(resolve, () => resolve(undefined));
    } catch {
      resolve(undefined);
    }
  });
}

async function readLocalStorage(): Promise<unknown> {
  try {
    return JSON.parse(localStorage.getItem('keuze:consent') ?? 'null');
  } catch {
    return undefined;
  }
}

export class BootStore extends EventTarget implements BannerStore {
  readonly config: Config;
  readonly gpc: boolean;
  readonly ready: Promise<void>;
  status: BannerStore['status'] = 'loading';
  needsDecision = false;
  locale: string;

  constructor(
    config: Config,
    private readonly engineStore: () => Promise<ConsentStore | undefined>,
    locale: string,
  ) {
    super();
    this.config = config;
    this.locale = locale;
    this.gpc =
      config.gpc !== false &&
      (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
    this.ready = Promise.all([readIndexedDB(), readLocalStorage()])
      .then((records) => !records.some((record) => holds(record, config, Date.now())))
      .then((needed) => {
        this.needsDecision = needed;
        this.status = 'ready';
        this.dispatchEvent(new Event('ready'));
      });
  }

  private async act(action: (store: ConsentStore) => Promise<unknown>): Promise<unknown> {
    const store = await this.engineStore();
    if (!store) return undefined;
    store.locale = this.locale;
    return action(store);
  }

  acceptAll(layer?: DecisionLayer): Promise<unknown> {
    this.decided();
    return this.act((store) => store.acceptAll(layer));
  }

  rejectAll(layer?: DecisionLayer): Promise<unknown> {
    this.decided();
    return this.act((store) => store.rejectAll(layer));
  }

  /** The banner answers the click at once; the engine records the choice when it is there. */
  private decided(): void {
    this.needsDecision = false;
    this.dispatchEvent(new Event('change'));
  }

  requestOpen(opener: Element | null = null): void {
    void this.act(async (store) => store.requestOpen(opener));
  }
}
