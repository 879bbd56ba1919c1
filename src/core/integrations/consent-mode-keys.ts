// The Google Consent Mode v2 keys, once: the first layer's default denies them
// (consent-mode.ts), the validator checks a config's map against them
// (config/validate.ts). A module of its own so the engine's validator does not
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
