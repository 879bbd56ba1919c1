// Loads the script-tag build's lazy parts (dist/keuze-<part>.js) from beside
// the main script, once each. They are classic scripts, like the main one, so a
// page's CSP treats them alike: same origin as keuze.min.js, the main script's
// nonce copied, and the URL passed through the `keuze` Trusted Types policy.
import { trustedScriptURL } from '../core/trusted-types.js';

export type LazyPart = 'engine' | 'lit' | 'centre' | 'notice' | 'placeholder';

// document.currentScript is only set while the main script evaluates: remember it now.
const main =
  typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
const loading = new Map<LazyPart, Promise<void>>();
const ours = new WeakSet<Element>();

/** Whether a script element is one this loader added (the engine or a part). */
export function isOurScript(script: Element | null): boolean {
  return script !== null && ours.has(script);
}

/** Where the part lives: beside the main script (its `src`), else beside the page. */
export function partUrl(part: LazyPart): string {
  const base =
    main?.src ||
    document.querySelector<HTMLScriptElement>('script[src*="keuze"]')?.src ||
    document.baseURI;
  return new URL(`keuze-${part}.js`, base).href;
}

/** Loads a part once; resolves when its script has run (its elements are defined). */
export function loadPart(part: LazyPart): Promise<void> {
  let promise = loading.get(part);
  if (promise) return promise;
  promise = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    ours.add(script);
    const nonce = main?.nonce;
    if (nonce) script.nonce = nonce;
    script.async = true;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener(
      'error',
      () => {
        loading.delete(part); // a later attempt may succeed (flaky network)
        script.remove();
        reject(new Error(`The ${part} (${partUrl(part)}) could not be loaded.`));
      },
      { once: true },
    );
    script.src = trustedScriptURL(partUrl(part));
    document.head.append(script);
  });
  loading.set(part, promise);
  return promise;
}

/** A part that did not arrive is something the site owner must see: console and `keuze-error`. */
export function reportLoadError(error: Error): void {
  console.error(`[keuze] ${error.message}`);
  document.dispatchEvent(
    new CustomEvent('keuze-error', {
      detail: { message: error.message },
      bubbles: true,
      composed: true,
    }),
  );
}
