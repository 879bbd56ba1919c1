// What the page's `keuze` answers before and after the engine: the first
// layer's facade (src/boot/facade.ts) and the engine's Keuze share these, so
// both give the same answers.
import type { Config, Consent } from './types.js';

/** The consent state before any decision is known, or when the config was refused: nothing granted. */
export function closedConsent(): Consent {
  return { decided: false, purposes: {}, services: {} };
}

/** The language recorded with a decision until the UI says otherwise. */
export function initialLocale(config: Pick<Config, 'locale'>): string {
  if (config.locale && config.locale !== 'auto') return config.locale;
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : '';
  return lang || 'en';
}

/** Whether the browser sends a Global Privacy Control signal. */
export function gpcSignal(): boolean {
  return (
    (globalThis.navigator as Navigator & { globalPrivacyControl?: boolean })
      ?.globalPrivacyControl === true
  );
}

/** `keuze.on`: listens on document to `keuze-<type>` (the prefix may be left out); returns a function that stops. */
export function listen(type: string, listener: EventListener): () => void {
  const name = type.startsWith('keuze-') ? type : `keuze-${type}`;
  document.addEventListener(name, listener);
  return () => document.removeEventListener(name, listener);
}

/**
 * Whether a person is acting right now: a click or key press on the page that
 * is still fresh (the browser's transient user activation, about 5 s). Where
 * the browser lacks `navigator.userActivation`, a trusted event being handled
 * right now counts.
 */
export function personActed(): boolean {
  const activation = (globalThis.navigator as Navigator & { userActivation?: UserActivation })
    ?.userActivation;
  if (activation) return activation.isActive;
  return (globalThis as { event?: Event }).event?.isTrusted === true;
}
