// How elements find the store: @lit/context from a provider above them (mountUI
// provides it on <body>), else the page's single store `keuze.store`. The store
// is never replaced, only listened to: elements re-render on its events.
import { createContext, ContextConsumer, type ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentStore } from '../core/store.js';
import { pageStore } from '../core/page-store.js';

export const storeContext = createContext<ConsentStore>(Symbol('keuze-store'));

/**
 * Provides a store to every Keuze element inside `element` (e.g. `document.body`),
 * speaking the context protocol directly so it can be removed again. Returns the remover.
 */
export function provideStore(element: HTMLElement, store: ConsentStore): () => void {
  const handle = (event: Event) => {
    const request = event as ContextEvent<typeof storeContext>;
    if (request.context !== storeContext) return;
    event.stopPropagation();
    // The store is never replaced, so a subscription needs no later updates.
    request.callback(store);
  };
  element.addEventListener('context-request', handle);
  return () => element.removeEventListener('context-request', handle);
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element the store and re-renders it on every store event.
 * `onStore` runs once a store is known (e.g. to wait for `store.ready`).
 */
export class StoreController implements ReactiveController {
  store?: ConsentStore;
  private readonly host: Host;
  private readonly onStore?: (store: ConsentStore) => void;
  private readonly update = () => this.host.requestUpdate();
  private readonly onPageReady = () => this.adopt(pageStore());

  constructor(host: Host, onStore?: (store: ConsentStore) => void) {
    this.host = host;
    this.onStore = onStore;
    // The consumer registers itself as a controller first, so it answers before hostConnected below.
    new ContextConsumer(host, {
      context: storeContext,
      subscribe: true,
      callback: (store) => this.adopt(store),
    });
    host.addController(this);
  }

  hostConnected(): void {
    if (this.store) {
      this.listen(this.store);
      return;
    }
    this.adopt(pageStore());
    // A site may place elements in its markup before keuze.init has run.
    if (!this.store) document.addEventListener('keuze-ready', this.onPageReady);
  }

  hostDisconnected(): void {
    document.removeEventListener('keuze-ready', this.onPageReady);
    if (this.store) this.unlisten(this.store);
  }

  private adopt(store: ConsentStore | undefined): void {
    if (!store || store === this.store) return;
    if (this.store) this.unlisten(this.store);
    this.store = store;
    document.removeEventListener('keuze-ready', this.onPageReady);
    if (this.host.isConnected) this.listen(store);
    this.onStore?.(store);
    this.host.requestUpdate();
  }

  private listen(store: ConsentStore): void {
    for (const type of ['change', 'ready']) store.addEventListener(type, this.update);
  }

  private unlisten(store: ConsentStore): void {
    for (const type of ['change', 'ready']) store.removeEventListener(type, this.update);
  }
}
