// Loads the lazy parts of the script-tag build (the cookie centre, the notice,
// the placeholder) from the module graph: every file of the part is requested
// at once (modulepreload), then the part is imported. The nonce comes from the
// main script (src/embed.ts calls useNonce), so a strict CSP allows the links.
import { preload, type Part } from './chunks.js';

export type LazyPart = Exclude<Part, 'banner' | 'engine'>;

const imports: Record<LazyPart, () => Promise<unknown>> = {
  centre: () => import('./centre.js'),
  notice: () => import('./notice.js'),
  placeholder: () => import('./placeholder.js'),
};

let nonce = '';

/** The main script's nonce, for the modulepreload links of the parts. */
export function useNonce(value: string): void {
  nonce = value;
}

/** Loads a part; resolves when its elements are defined. `ahead`: not asked for yet, low priority. */
export function loadPart(part: LazyPart, ahead = false): Promise<unknown> {
  preload(part, import.meta.url, nonce, ahead);
  return imports[part]();
}

/** A part that did not arrive is something the site owner must see: console and `keuze-error`. */
export function reportLoadError(part: string, error: Error): void {
  const message = `The ${part} could not be loaded (${error.message}).`;
  console.error(`[keuze] ${message}`);
  document.dispatchEvent(
    new CustomEvent('keuze-error', { detail: { message }, bubbles: true, composed: true }),
  );
}
