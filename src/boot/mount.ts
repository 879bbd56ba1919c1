// The first layer's share of mountUI: the banner, fed by the BootStore, and
// `[data-keuze-open]` links that already work. When the engine's store exists,
// the banner is handed over to it and mountUI (engine) takes over the rest.
import type { ConsentStore } from '../core/store.js';
import type { BannerStore } from '../elements/banner/banner-store.js';
import { provideStore } from '../elements/context.js';
import { openerOf } from '../elements/events.js';
import { keepRoomForBanner } from '../elements/banner-room.js';

/**
 * Adds <keuze-banner> (unless the page placed one) and provides `store` to it.
 * Returns the hand-over: pass the engine's store to move every subscriber to it,
 * or nothing to take the banner away (the config was refused).
 */
export function mountBanner(
  store: BannerStore,
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
  const handleClick = (event: MouseEvent) => {
    const opener = openerOf(event);
    if (!opener) return;
    event.preventDefault(); // a footer link "Cookie settings" opens the centre instead of navigating
    store.requestOpen(opener);
  };
  const stopProviding = provideStore(root, store);
  document.addEventListener('click', handleClick);
  if (added) root.prepend(banner);
  // Until the engine's mountUI keeps the room itself (WCAG 2.4.11, see banner-room.ts).
  const releaseRoom = keepRoomForBanner();

  return (engine) => {
    releaseRoom();
    stopProviding(engine);
    document.removeEventListener('click', handleClick);
    if (!engine && added) banner.remove();
  };
}
