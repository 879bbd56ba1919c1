// The banner's store until the engine arrives. It reads the stored decision
// itself (a returning visitor must not see the banner flash) and hands every
// action to the engine's ConsentStore, loading the engine first when needed.
import type { Config, DecisionLayer, StoredState } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { consentIds } from '../core/model.js';
import { gpcSignal } from '../core/page.js';

/**
 * Whether a stored record may hold a decision that is still valid for this
 * config: the same revision, not past its `expiresAt`, every consent purpose
 * and service answered (decision.ts' validity, without the checks of a
 * shortened `expiry` or a tampered date). It errs only towards "holds": the
 * engine, which loads at once for a returning visitor, checks again and shows
 * the banner when the decision does not hold after all.
 */
function holds(raw: unknown, now: number, config: Config): boolean {
  try {
    const { version, current } = raw as StoredState;
    return (
      version === 1 &&
      current?.revision === config.revision &&
      Date.parse(current.expiresAt) > now &&
      consentIds(config).every((id) => id in current.purposes || id in current.services)
    );
  } catch {
    return false; // not a record at all
  }
}

// Both places the engine's default adapter writes to (storage/indexeddb.ts and
// storage/local.ts), read without their write paths; storage that fails or
// hangs simply holds nothing here — the engine reads again and reports why.
function readIndexedDB(): Promise<unknown> {
  return new Promise((resolve) => {
    const nothing = () => resolve(undefined);
    setTimeout(nothing, 2000);
    try {
      const open = indexedDB.open('keuze');
      // A first visit creates the database as the engine's idb-keyval store would, with its object store.
      open.onupgradeneeded = () => open.result.createObjectStore('state');
      open.onerror = nothing;
      open.onsuccess = () => {
        const db = open.result;
        try {
          const read = db.transaction('state').objectStore('state').get('consent');
          read.onsuccess = () => resolve(read.result);
          read.onerror = nothing;
        } catch {
          nothing();
        }
        db.close(); // once the read has finished; the engine opens its own connection
      };
    } catch {
      nothing();
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
  /** Set by the banner before a decision; until then the engine's store keeps its own language. */
  locale = '';

  readonly #engineStore: () => Promise<ConsentStore | undefined>;

  constructor(config: Config, engineStore: () => Promise<ConsentStore | undefined>) {
    super();
    this.#engineStore = engineStore;
    this.config = config;
    this.gpc = config.gpc !== false && gpcSignal();
    this.ready = Promise.all([readIndexedDB(), readLocalStorage()])
      .then((records) => !records.some((record) => holds(record, Date.now(), config)))
      .then((needed) => {
        this.needsDecision = needed;
        this.status = 'ready';
        this.dispatchEvent(new Event('ready'));
      });
  }

  async #act(action: (store: ConsentStore) => Promise<unknown>): Promise<unknown> {
    const store = await this.#engineStore();
    if (!store) return undefined;
    if (this.locale) store.locale = this.locale;
    return action(store);
  }

  acceptAll(layer?: DecisionLayer): Promise<unknown> {
    this.#decided();
    return this.#act((store) => store.acceptAll(layer));
  }

  rejectAll(layer?: DecisionLayer): Promise<unknown> {
    this.#decided();
    return this.#act((store) => store.rejectAll(layer));
  }

  /** The banner answers the click at once; the engine records the choice when it is there. */
  #decided(): void {
    this.needsDecision = false;
    this.dispatchEvent(new Event('change'));
  }

  requestOpen(opener: Element | null = null): void {
    void this.#act(async (store) => store.requestOpen(opener));
  }
}
