// The lazy part dist/keuze-centre.js: the cookie centre, loaded on the first
// "Settings" click (or when the pointer or focus comes near one).
import { KeuzeCentre } from '../elements/centre/centre.js';

if (!customElements.get('keuze-centre')) customElements.define('keuze-centre', KeuzeCentre);
