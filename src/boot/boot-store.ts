// The banner's store until the engine arrives. src/boot/facade.ts makes one only
// when the stored record (read once by src/embed.ts) holds no decision, so the
// banner can show before the engine has loaded; a stored decision, still valid
// or not, is the engine's to judge. Every action goes to the engine's store,
// loading the engine first when needed.
import type { Config, DecisionLayer } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
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

export class BootStore extends EventTarget implements BannerStore {
  readonly config: Config;
  readonly gpc: boolean;
  readonly ready: Promise<void>;
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
    refused: (opener: Element | null) => void = () => undefined,
  ) {
    super();
    this.#engineStore = engineStore;
    this.#refused = refused;
    this.config = config;
    this.gpc = config.gpc !== false && gpcSignal();
    // After construction, so a listener added now hears `ready`.
    this.ready = Promise.resolve().then(async () => {
      // Wait for the engine's verdict rather than flash a banner it takes away again.
      this.needsDecision = hasDecisionCookie()
        ? ((await engineStore())?.needsDecision ?? false)
        : true;
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
