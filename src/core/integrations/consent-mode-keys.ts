// The Google Consent Mode v2 keys and the rule for the data layer's name, once:
// the first layer's default uses them (consent-mode.ts), the validator checks a
// config against them (config/validate.ts). A module of its own so the engine's validator does not
// ask the first layer for it, which would make the first layer expose it.
import type { ConsentModeKey } from '../types.js';

export const CONSENT_MODE_KEYS: readonly ConsentModeKey[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Why a name may not be the data layer, or undefined when it may. The layer is
 * `window[name]`, made an array when it is none: a name the browser or the
 * page already uses for something else (`location`, `name`, `keuze`) would be
 * overwritten. An array the site made itself (`dataLayer`) is shared.
 */
export function dataLayerNameProblem(name: string, win?: object): string | undefined {
  if (!IDENTIFIER.test(name)) return 'a JavaScript identifier';
  if (name === 'keuze') return 'a name other than "keuze" (the Keuze API)';
  if (win && name in win && !Array.isArray((win as Record<string, unknown>)[name]))
    return `a name that is not already a property of window (window.${name} exists), or an array the site made`;
  return undefined;
}
