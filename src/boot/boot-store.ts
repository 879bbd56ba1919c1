// The banner's store until the engine arrives. It judges the stored decision
// that src/embed.ts read (the engine's reader, storage/fallback.ts, read once,
// handed to the engine's ConsentStore too) by the engine's rule (decision.ts'
// validity), so a returning visitor never sees the banner flash.
// Every action goes to that store, loading the engine first when needed.
import type { Config, DecisionLayer } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { readStoredState, validity } from '../core/decision.js';
import { DECISION_COOKIE } from '../core/storage/decision-cookie-name.js';
import { gpcSignal } from '../core/page.js';

/**
 * Whether the page carries the server-set decision cookie: the engine may restore
 * a decision from it (Safari deleted storage), so only the engine can say whether
 * the banner is needed.
 */
function hasDecisionCookie(): boolean {
  try {
    return document.cookie.includes(`${DECISION_COOKIE}=`);
  } catch {
    return false; // a sandboxed frame has no cookies
  }
}

/** Whether the stored record holds a decision that is still valid for this (not yet validated) config. */
function holdsDecision(raw: unknown, config: Config): boolean {
  try {
    return validity(readStoredState(raw).state, config, new Date()) === 'valid';
  } catch {
    return false; // a config the engine will refuse: it takes the banner away again
  }
}

export class BootStore extends EventTarget implements BannerStore {
  readonly config: Config;
  readonly gpc: boolean;
  readonly ready: Promise<void>;
  /** The stored record as read. */
  readonly record: Promise<unknown>;
  status: BannerStore['status'] = 'loading';
  needsDecision = false;
  /** Set by the banner before a decision; until then the engine's store keeps its own language. */
  locale = '';

  readonly #engineStore: () => Promise<ConsentStore | undefined>;
  readonly #refused: (opener: Element | null) => void;

  /**
   * `refused` answers a click the engine cannot take (it refused the config): the
   * banner showed before that verdict, and the visitor must learn their click did nothing.
   */
  constructor(
    config: Config,
    engineStore: () => Promise<ConsentStore | undefined>,
    record: Promise<unknown>,
    refused: (opener: Element | null) => void = () => undefined,
  ) {
    super();
    this.#engineStore = engineStore;
    this.#refused = refused;
    this.config = config;
    this.gpc = config.gpc !== false && gpcSignal();
    this.record = record;
    this.ready = this.record
      .catch(() => undefined)
      .then(async (raw) => {
        this.needsDecision = !holdsDecision(raw, config);
        if (this.needsDecision && hasDecisionCookie()) {
          // Wait for the engine's verdict rather than flash a banner it takes away again.
          const store = await this.#engineStore();
          this.needsDecision = store?.needsDecision ?? false;
        }
        this.status = 'ready';
        this.dispatchEvent(new Event('ready'));
      });
  }

  async #act(
    action: (store: ConsentStore) => Promise<unknown>,
    opener: Element | null = null,
  ): Promise<unknown> {
    const store = await this.#engineStore();
    if (!store) return this.#refused(opener);
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
    void this.#act(async (store) => store.requestOpen(opener), opener);
  }
}
