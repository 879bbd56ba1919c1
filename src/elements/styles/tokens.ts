// The design tokens (tokens.css.ts) as Lit CSS results, for the Lit elements.
import { unsafeCSS } from 'lit';
import { buttonsCss, tokensCss } from './tokens.css.js';

/** Defensive host reset plus the light and dark token sets. */
export const tokens = unsafeCSS(tokensCss);

/** Buttons: accept, reject, settings and save share one look (equal prominence). */
export const buttons = unsafeCSS(buttonsCss);
