// The page's single store, for elements outside any context provider
// (e.g. a site that calls keuze.init from npm and places <keuze-centre> itself).
import type { ConsentStore } from '../core/store.js';
import { keuze } from '../core/keuze.js';

/** The store of `keuze.init`, if it has run. */
export function pageStore(): ConsentStore | undefined {
  return keuze.store;
}
