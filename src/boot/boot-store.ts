// The banner's store until the engine arrives. It reads the stored decision
// itself (a returning visitor must not see the banner flash) and hands every
// action to the engine's ConsentStore, loading the engine first when needed.
import type { Config, DecisionLayer } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { readStoredState, validity } from '../core/decision.js';
import { defaultAdapter } from '../core/storage/fallback.js';

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
    this.ready = defaultAdapter()
      .get()
      .then(
        (value) => validity(readStoredState(value).state, config, new Date()) !== 'valid',
        () => true, // storage unavailable: ask; the engine reports why
      )
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
    return this.act((store) => store.acceptAll(layer));
  }

  rejectAll(layer?: DecisionLayer): Promise<unknown> {
    return this.act((store) => store.rejectAll(layer));
  }

  requestOpen(opener: Element | null = null): void {
    void this.act(async (store) => store.requestOpen(opener));
  }
}
