// dist/keuze-engine.js: everything after the first layer. Loaded by the boot
// (src/embed.ts) through src/lazy/loader.ts; it shares the boot's stateful
// modules (locale registry, store context, Trusted Types policy, loader) through
// window.__keuze and adds its own there for the lazy parts.
import { shared } from 'virtual:keuze-shared';
import texts from 'virtual:keuze-part-texts';
import { registerTranslation } from '../core/locale.js';
import { keuze, setDefaultPresets } from '../core/keuze.js';
import { partUrl } from './loader.js';
import { mountUI } from '../elements/mount.js';
import './define-embed.js';

// A service that names a catalogue preset fetches only that file: dist/catalogue/<id>.json beside the script.
setDefaultPresets(partUrl('engine'));
for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
Object.assign((window as unknown as { __keuze: object }).__keuze, shared, {
  engine: { keuze, mountUI },
});
