// Mounts the visitor's UI for the script-tag build (src/embed.ts calls it after keuze.init).
import type { ConsentStore } from '../core/store.js';
import { provideStore } from './context.js';
import { openerOf } from './events.js';
import { keepRoomForBanner } from './banner-room.js';

export interface MountOptions {
  /** `"none"` mounts nothing: the site has its own UI on the API (`data-ui="none"`). */
  ui?: string;
  /** Where to mount; default `document.body`. */
  root?: HTMLElement;
}

const mounted = new WeakMap<HTMLElement, () => void>();

/**
 * Adds <keuze-banner>, <keuze-centre> and (unless `config.reopen === false`) <keuze-reopen>
 * once, provides the store to every Keuze element in the page, and makes every
 * `[data-keuze-open]` element open the cookie centre. Returns a function that undoes it.
 * Takes `keuze.store` as it is: undefined (a refused config) mounts nothing.
 */
export function mountUI(store: ConsentStore | undefined, options: MountOptions = {}): () => void {
  if (options.ui === 'none') return () => {};
  // `keuze.store` is undefined when the config was refused: nothing may ask for consent then.
  if (!store) return () => {};
  const root = options.root ?? document.body;
  const existing = mounted.get(root);
  if (existing) return existing;

  const unprovide = provideStore(root, store);
  const { config } = store;
  const added: HTMLElement[] = [];
  const ensure = <K extends 'keuze-banner' | 'keuze-centre' | 'keuze-reopen'>(
    tag: K,
    first = false,
  ) => {
    // A site may have placed the element itself (e.g. a footer <keuze-centre>): keep theirs.
    if (root.querySelector(tag)) return;
    const element = document.createElement(tag);
    if (config.theme) element.setAttribute('theme', config.theme);
    if (tag === 'keuze-banner' && config.layout) element.setAttribute('layout', config.layout);
    if (tag === 'keuze-reopen' && typeof config.reopen === 'object' && config.reopen.position) {
      element.setAttribute('position', config.reopen.position);
    }
    // The banner comes first in the document so keyboard and screen-reader users meet
    // it first, although it is drawn at the bottom; the others go last.
    if (first) root.prepend(element);
    else root.append(element);
    added.push(element);
  };
  ensure('keuze-banner', true);
  ensure('keuze-centre');
  if (config.reopen !== false) ensure('keuze-reopen');

  const handleClick = (event: MouseEvent) => {
    const opener = openerOf(event);
    if (!opener) return;
    event.preventDefault(); // a footer link "Cookie settings" opens the centre instead of navigating
    store.requestOpen(opener);
  };
  document.addEventListener('click', handleClick);
  const releaseRoom = keepRoomForBanner();

  const dispose = () => {
    releaseRoom();
    document.removeEventListener('click', handleClick);
    for (const element of added) element.remove();
    unprovide();
    mounted.delete(root);
  };
  mounted.set(root, dispose);
  return dispose;
}
