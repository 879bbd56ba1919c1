// The notice's transfers table as the builder derives it from the services: one row
// per third country and safeguard, naming the providers that receive data there.
// The builder is the one reader of this fact: <keuze-notice> shows `notice.transfers`
// as written, so the builder writes the derived rows into the config it exports.
import type { Safeguard, Transfer } from '../../src/core/notice/types.js';

/** The EEA: the 27 EU member states plus Iceland, Liechtenstein and Norway. */
export const EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(
    ' ',
  ),
);

/** A service's safeguard (config.purposes[].services[].safeguard) as the notice names it. */
const NOTICE_SAFEGUARD: Record<string, Safeguard> = {
  adequacy: 'adequacy',
  scc: 'scc',
  bcr: 'bcr',
  consent: 'consent',
};

export interface ServiceFacts {
  /** Where the service sits in the config, e.g. purposes[1].services[0]. */
  path: string;
  provider: string;
  country: string;
  safeguard: string;
}

export interface DerivedTransfers {
  transfers: Transfer[];
  /** Services outside the EEA the table cannot describe truthfully, and why. */
  problems: Array<{ path: string; message: string }>;
}

export function deriveTransfers(services: ServiceFacts[]): DerivedTransfers {
  const rows = new Map<string, { country: string; safeguard: Safeguard; providers: string[] }>();
  const problems: DerivedTransfers['problems'] = [];
  for (const service of services) {
    const country = service.country.trim().toUpperCase();
    if (!country || EEA.has(country)) continue;
    if (!/^[A-Z]{2}$/.test(country)) {
      problems.push({
        path: `${service.path}.country`,
        message: `"${service.country}" is not an ISO 3166 code such as "US": the transfers table cannot tell whether data leaves the EEA`,
      });
      continue;
    }
    const safeguard = NOTICE_SAFEGUARD[service.safeguard];
    if (!safeguard) {
      problems.push({
        path: `${service.path}.safeguard`,
        message: service.safeguard
          ? `"${service.safeguard}" is not a safeguard the notice can name: pick one here, or write the transfers by hand`
          : `data goes to ${country}, outside the EEA, with no safeguard: the notice will say "No safeguard" (GDPR Art. 44)`,
      });
    }
    const key = `${country} ${safeguard ?? 'none'}`;
    const row = rows.get(key) ?? { country, safeguard: safeguard ?? 'none', providers: [] };
    const provider = service.provider.trim();
    if (provider && !row.providers.includes(provider)) row.providers.push(provider);
    rows.set(key, row);
  }
  const transfers = [...rows.values()].map((row): Transfer => ({
    countries: [row.country],
    safeguard: row.safeguard,
    ...(row.providers.length ? { recipients: row.providers.join(', ') } : {}),
  }));
  return { transfers, problems };
}
