// The lazy part dist/keuze-notice.js: the privacy notice, loaded when a
// <keuze-notice> element is in the page.
import { KeuzeNotice } from '../elements/notice/notice.js';

if (!customElements.get('keuze-notice')) customElements.define('keuze-notice', KeuzeNotice);
