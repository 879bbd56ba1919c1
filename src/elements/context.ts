// How elements find the store: the context protocol (the `context-request`
// event of @lit/context) from a provider above them (mountUI provides it on
// <body>), else the page's single store `keuze.store`. The store is never
// replaced, only listened to: elements re-render on its events. The consumer is
// written out by hand so the banner, which ships first, needs no @lit/context code.
import type { Context, ContextCallback, ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentStore } from '../core/store.js';
import { pageStore } from '../core/page-store.js';
import type { BannerStore } from './banner/banner-store.js';

/**
 * The context key (what @lit/context's `createContext` returns). The value is a
 * ConsentStore; the banner also accepts a BannerStore (the script tag's stand-in).
 */
const storeContext = Symbol('keuze-store') as Context<symbol, BannerStore>;

/**
 * Provides a store to every Keuze element inside `element` (e.g. `document.body`),
 * speaking the context protocol directly so it can be removed again. Returns the
 * remover; given a successor, it also hands every subscribed element over to it
 * (the script tag's first layer hands its stand-in over to the engine's store).
 * Only <keuze-banner> accepts a BannerStore; the other elements need a ConsentStore.
 */
export function provideStore(
  element: HTMLElement,
  store: BannerStore,
): (successor?: BannerStore) => void {
  const subscribers = new Map<ContextCallback<BannerStore>, () => void>();
  const handle = (event: Event) => {
    const request = event as ContextEvent<typeof storeContext>;
    if (request.context !== storeContext) return;
    event.stopPropagation();
    const { callback } = request;
    const unsubscribe = () => void subscribers.delete(callback);
    if (request.subscribe) subscribers.set(callback, unsubscribe);
    callback(store, unsubscribe);
  };
  element.addEventListener('context-request', handle);
  return (successor) => {
    element.removeEventListener('context-request', handle);
    if (successor)
      for (const [callback, unsubscribe] of subscribers) callback(successor, unsubscribe);
  };
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element the store and re-renders it on every store event.
 * `onStore` runs once a store is known (e.g. to wait for `store.ready`).
 * `S` is the store type the element needs (ConsentStore unless it says otherwise).
 */
export class StoreController<S extends BannerStore = ConsentStore> implements ReactiveController {
  store?: S;
  readonly #host: Host;
  readonly #onStore?: (store: S) => void;
  #unsubscribe?: () => void;
  readonly #update = () => this.#host.requestUpdate();
  readonly #onPageReady = () => this.#adopt(pageStore() as S | undefined);
  // A stable identity: @lit/context's ContextRoot dedupes re-sent requests by callback.
  readonly #receive: ContextCallback<BannerStore> = (store, unsubscribe) => {
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.#adopt(store as S);
  };

  constructor(host: Host, onStore?: (store: S) => void) {
    this.#host = host;
    this.#onStore = onStore;
    host.addController(this);
  }

  hostConnected(): void {
    // The same event as @lit/context's ContextRequestEvent, which providers duck-type.
    const request: Partial<ContextEvent<typeof storeContext>> = {
      context: storeContext,
      contextTarget: this.#host,
      callback: this.#receive,
      subscribe: true,
    };
    this.#host.dispatchEvent(
      Object.assign(new Event('context-request', { bubbles: true, composed: true }), request),
    );
    if (this.store) {
      this.#listen(this.store);
      return;
    }
    this.#adopt(pageStore() as S | undefined);
    // A site may place elements in its markup before keuze.init has run.
    if (!this.store) document.addEventListener('keuze-ready', this.#onPageReady);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    document.removeEventListener('keuze-ready', this.#onPageReady);
    if (this.store) this.#unlisten(this.store);
  }

  #adopt(store: S | undefined): void {
    if (!store || store === this.store) return;
    if (this.store) this.#unlisten(this.store);
    this.store = store;
    document.removeEventListener('keuze-ready', this.#onPageReady);
    if (this.#host.isConnected) this.#listen(store);
    this.#onStore?.(store);
    this.#host.requestUpdate();
  }

  #listen(store: S): void {
    for (const type of ['change', 'ready']) store.addEventListener(type, this.#update);
  }

  #unlisten(store: S): void {
    for (const type of ['change', 'ready']) store.removeEventListener(type, this.#update);
  }
}
