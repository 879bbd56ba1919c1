// The page's single store, for elements outside any context provider (a site
// that calls keuze.init from npm and places <keuze-centre> itself). A module of
// its own so that elements can find the store without importing the engine.
import type { ConsentStore } from './store.js';

let current: ConsentStore | undefined;

/** The store of `keuze.init`, if it has run. */
export function pageStore(): ConsentStore | undefined {
  return current;
}

/** Called by keuze.init once its store exists. */
export function setPageStore(store: ConsentStore): void {
  current = store;
}
