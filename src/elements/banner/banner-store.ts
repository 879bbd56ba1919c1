import type { Config, DecisionLayer } from '../../core/types.js';

/**
 * What <keuze-banner> needs from a store: the first layer shows before the
 * engine has loaded, so in the script-tag build a small stand-in (src/boot/)
 * answers until the ConsentStore arrives. ConsentStore satisfies it as is.
 * Events: `change` and `ready` (the banner re-renders on both).
 */
export interface BannerStore extends EventTarget {
  readonly config: Config;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly ready: Promise<unknown>;
  /** No valid decision (none, expired, new revision, new consent purpose or service). */
  readonly needsDecision: boolean;
  /** A Global Privacy Control signal is honoured. */
  readonly gpc: boolean;
  /** The language recorded with the decision; the banner sets it to the language it shows. */
  locale: string;
  acceptAll(layer?: DecisionLayer): Promise<unknown>;
  rejectAll(layer?: DecisionLayer): Promise<unknown>;
  requestOpen(opener?: Element | null): void;
}
