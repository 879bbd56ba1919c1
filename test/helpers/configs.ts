// Configs shared by the tests: the example from the design card plus a
// marketing purpose with a video service, as a real site would have.
import type { Config } from '../../src/core/types.js';
import { validateConfig } from '../../src/core/config/validate.js';

export function exampleConfig(): Record<string, unknown> {
  return {
    revision: '2026-11-01',
    // These tests drive the API from script, as a site's custom UI would; the
    // rule that only a person grants is tested on its own (hardening/grants.test.ts).
    api: { grantWithoutActivation: true },
    controller: { name: 'Voorbeeld B.V.' },
    notice: { url: '/privacy' },
    expiry: 'P6M',
    purposes: [
      { id: 'necessary', basis: 'necessary', justification: 'Stores your cookie choice.' },
      {
        id: 'functional',
        basis: 'legitimate-interest',
        services: [
          {
            id: 'chat',
            provider: 'Chat Co',
            storage: [{ name: 'chat_pref', type: 'cookie', retention: 'P1M' }],
          },
        ],
      },
      {
        id: 'analytics',
        basis: 'consent',
        name: { en: 'Statistics', nl: 'Statistieken' },
        services: [
          {
            id: 'matomo',
            provider: 'Matomo',
            storage: [{ name: '_pk_id.*', type: 'cookie', retention: 'P13M' }],
          },
        ],
      },
      {
        id: 'marketing',
        basis: 'consent',
        saleOrSharing: true,
        services: [
          {
            id: 'youtube',
            provider: 'Google Ireland',
            privacyPolicy: 'https://policies.google.com/privacy',
            country: 'US',
            safeguard: 'scc',
          },
          {
            id: 'pixel',
            provider: 'Ad Co',
            storage: [{ name: 'ad_id', type: 'localStorage', retention: 'P3M' }],
          },
        ],
      },
    ],
  };
}

/** The example, validated and normalized, as the store receives it. */
export function validConfig(change?: (raw: Record<string, unknown>) => void): Config {
  const raw = exampleConfig();
  change?.(raw);
  const result = validateConfig(raw);
  if (!result.config) throw new Error(`test config invalid: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export function purposesOf(raw: Record<string, unknown>): Array<Record<string, unknown>> {
  return raw.purposes as Array<Record<string, unknown>>;
}
