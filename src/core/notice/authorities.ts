// Presets for the supervisory authorities Dutch and Belgian sites name most,
// so a site owner writes `"authority": "nl-ap"` instead of copying addresses.
// Addresses and URLs as published by the authorities; check them yearly.
import type { Authority } from './types.js';

export const AUTHORITIES: Readonly<Record<string, Authority>> = {
  'nl-ap': {
    name: {
      nl: 'Autoriteit Persoonsgegevens',
      en: 'Dutch Data Protection Authority (Autoriteit Persoonsgegevens)',
    },
    address: 'Postbus 93374\n2509 AJ Den Haag\nNederland',
    url: 'https://autoriteitpersoonsgegevens.nl',
    complaintUrl:
      'https://autoriteitpersoonsgegevens.nl/nl/zelf-doen/privacyrechten/klacht-indienen-bij-de-ap',
    phone: '+31 88 1805 250',
  },
  'be-gba': {
    name: {
      nl: 'Gegevensbeschermingsautoriteit',
      'nl-BE': 'Gegevensbeschermingsautoriteit',
      fr: 'Autorité de protection des données',
      de: 'Datenschutzbehörde',
      en: 'Belgian Data Protection Authority',
    },
    address: {
      nl: 'Drukpersstraat 35\n1000 Brussel\nBelgië',
      fr: 'Rue de la Presse 35\n1000 Bruxelles\nBelgique',
      en: 'Rue de la Presse 35\n1000 Brussels\nBelgium',
    },
    url: 'https://www.gegevensbeschermingsautoriteit.be',
    complaintUrl: 'https://www.gegevensbeschermingsautoriteit.be/burger/acties/klacht-indienen',
    phone: '+32 2 274 48 00',
  },
};

export const AUTHORITY_PRESETS = Object.keys(AUTHORITIES);

/** The authority a notice names: a preset looked up, an object as given. */
export function resolveAuthority(value: string | Authority | undefined): Authority | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return AUTHORITIES[value];
  return value;
}
