// The `engine` part of the script-tag build: everything after the first layer
// (validation, the store, the gate, the integrations, the re-open button, and
// the loader of the other parts). src/embed.ts imports it once the banner has
// shown, or at once for a returning visitor, whose gated content must run.
import '../core/lit-policy.js'; // first: Lit must find the `keuze` Trusted Types policy
import texts from 'virtual:keuze-part-texts/engine';
import { registerTranslation, setLocaleBase } from '../core/locale.js';
import { setDefaultPresets } from '../core/keuze.js';
import './define-embed.js';

export { keuze } from '../core/keuze.js';
export { mountUI } from '../elements/mount.js';
export { useNonce } from './loader.js';
export { showUnavailable } from './define-embed.js';

setLocaleBase(new URL('locales/', import.meta.url));
// A service that names a catalogue preset fetches only that file: catalogue/<id>.json beside the script.
setDefaultPresets(import.meta.url);
for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
