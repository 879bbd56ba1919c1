// dist/keuze-engine.js: everything after the first layer. Loaded by the boot
// (src/embed.ts) through src/lazy/loader.ts; it shares the boot's stateful
// modules (locale registry, store context, Trusted Types policy, loader) through
// window.__keuze and adds its own there for the lazy parts.
import { shared } from 'virtual:keuze-shared';
import texts from 'virtual:keuze-part-texts';
import { registerTranslation } from '../core/locale.js';
import { keuze } from '../core/keuze.js';
import { mountUI } from '../elements/mount.js';
import './define-embed.js';

for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
Object.assign((window as unknown as { __keuze: object }).__keuze, shared, {
  engine: { keuze, mountUI },
});
