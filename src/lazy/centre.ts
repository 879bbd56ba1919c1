// The lazy part `centre` of the script-tag build: the cookie centre, loaded on the first
// "Settings" click (or when the pointer or focus comes near one). Its UI
// strings come with it (the build moves the `centre.*` keys here).
import texts from 'virtual:keuze-part-texts/centre';
import { registerTranslation } from '../core/locale.js';
import { KeuzeCentre } from '../elements/centre/centre.js';

for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
if (!customElements.get('keuze-centre')) customElements.define('keuze-centre', KeuzeCentre);
