// The first layer's share of mountUI: the banner, fed by the BootStore, and
// `[data-keuze-open]` links that already work. When the engine's store exists,
// the banner is handed over to it and mountUI (engine) takes over the rest.
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { storeContext } from '../elements/context.js';

type Callback = (store: unknown, unsubscribe?: () => void) => void;
interface Request extends Event {
  context?: unknown;
  callback?: Callback;
  subscribe?: boolean;
}

/**
 * Adds <keuze-banner> (unless the page placed one) and answers its store request
 * with `store`. Returns the hand-over: pass the engine's store to move every
 * subscriber to it, or nothing to take the banner away (the config was refused).
 */
export function mountBanner(
  store: BannerStore,
  open: () => void,
  root: HTMLElement = document.body,
): (engine?: ConsentStore) => void {
  const { config } = store;
  let banner = root.querySelector('keuze-banner');
  const added = !banner;
  if (!banner) {
    banner = document.createElement('keuze-banner');
    if (config.theme) banner.setAttribute('theme', config.theme);
    if (config.layout) banner.setAttribute('layout', config.layout);
  }
  const subscribers = new Map<Callback, () => void>();
  const handleRequest = (event: Event) => {
    const request = event as Request;
    if (request.context !== storeContext || !request.callback) return;
    event.stopPropagation();
    const callback = request.callback;
    const unsubscribe = () => subscribers.delete(callback);
    if (request.subscribe) subscribers.set(callback, unsubscribe);
    callback(store, unsubscribe);
  };
  const handleClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    const opener = event
      .composedPath()
      .some((node) => node instanceof Element && node.hasAttribute('data-keuze-open'));
    if (!opener) return;
    event.preventDefault();
    open();
  };
  root.addEventListener('context-request', handleRequest);
  document.addEventListener('click', handleClick);
  if (added) root.prepend(banner);

  return (engine) => {
    root.removeEventListener('context-request', handleRequest);
    document.removeEventListener('click', handleClick);
    if (!engine) {
      if (added) banner.remove();
      return;
    }
    for (const [callback, unsubscribe] of subscribers) callback(engine, unsubscribe);
  };
}
