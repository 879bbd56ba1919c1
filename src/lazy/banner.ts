// The `banner` part of the script-tag build, the first layer: the banner (Lit)
// and its stand-in store, which reads the stored decision. src/embed.ts
// imports it as soon as it runs.
import '../core/lit-policy.js'; // first: Lit must find the `keuze` Trusted Types policy
import { setLocaleBase } from '../core/locale.js';
import { KeuzeBanner } from '../elements/banner/banner.js';

export { BootStore } from '../boot/boot-store.js';
export { mountBanner } from '../boot/mount.js';

setLocaleBase(new URL('locales/', import.meta.url));
if (!customElements.get('keuze-banner')) customElements.define('keuze-banner', KeuzeBanner);
