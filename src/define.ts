// Registers every Keuze element, once: loading the bundle twice never throws.
import { KeuzeBanner } from './elements/banner/banner.js';
import { KeuzeCentre } from './elements/centre/centre.js';
import { KeuzeReopen } from './elements/reopen/reopen.js';
import { KeuzePlaceholder } from './elements/placeholder/placeholder.js';
import { KeuzeNotice } from './elements/notice/notice.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['keuze-banner', KeuzeBanner],
  ['keuze-centre', KeuzeCentre],
  ['keuze-reopen', KeuzeReopen],
  ['keuze-placeholder', KeuzePlaceholder],
  ['keuze-notice', KeuzeNotice],
];

// Under server-side rendering there is no registry: importing this module does nothing there.
if (typeof customElements !== 'undefined') {
  for (const [name, constructor] of elements) {
    if (!customElements.get(name)) customElements.define(name, constructor);
  }
}

export { KeuzeBanner, KeuzeCentre, KeuzeReopen, KeuzePlaceholder, KeuzeNotice };
// What the script tag does for a site's own bundle: mount banner, centre and
// re-open button and wire `[data-keuze-open]` links.
export { mountUI, type MountOptions } from './elements/mount.js';
