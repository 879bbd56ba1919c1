// The lazy part `placeholder` of the script-tag build: the box that stands in for a blocked
// embed, loaded when the gate puts the first one in the page, and the message a
// "Cookie settings" link opens when the config was refused. Its strings come
// with it (the build moves the `placeholder.*` keys here).
import texts from 'virtual:keuze-part-texts/placeholder';
import { registerTranslation } from '../core/locale.js';
import { KeuzePlaceholder } from '../elements/placeholder/placeholder.js';
import { KeuzeUnavailable } from '../elements/unavailable/unavailable.js';

for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
if (!customElements.get('keuze-placeholder'))
  customElements.define('keuze-placeholder', KeuzePlaceholder);
if (!customElements.get('keuze-unavailable'))
  customElements.define('keuze-unavailable', KeuzeUnavailable);
