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

/** A JavaScript identifier: the data layer is `window[name]`. */
export const DATA_LAYER_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * Whether `window[name]` may be the data layer (made an array when it is none).
 * Never a name the browser or the page already uses for something else
 * (`location`, `name`, `keuze`): an array the site made (`dataLayer`) is shared.
 */
export function dataLayerNameFits(name: string, win?: object): boolean {
  return (
    DATA_LAYER_NAME.test(name) &&
    name !== 'keuze' &&
    !(win && name in win && !Array.isArray((win as Record<string, unknown>)[name]))
  );
}
