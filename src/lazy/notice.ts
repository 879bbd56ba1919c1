// The lazy part `notice` of the script-tag build: the privacy notice, loaded when a
// <keuze-notice> element is in the page. Its headings and labels come with it
// (the build moves the `notice.*` keys here).
import texts from 'virtual:keuze-part-texts/notice';
import { registerTranslation } from '../core/locale.js';
import { KeuzeNotice } from '../elements/notice/notice.js';

for (const [lang, dictionary] of Object.entries(texts)) registerTranslation(lang, dictionary);
if (!customElements.get('keuze-notice')) customElements.define('keuze-notice', KeuzeNotice);
