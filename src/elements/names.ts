// Display names shared by the banner, the centre and the placeholder, so they never disagree.
import type { Purpose, Service } from '../core/types.js';
import { parseDuration } from '../core/config/duration.js';
import type { LocalizeController } from './localize.js';

/** A purpose's name: the config's, else the default for well-known ids, else its id. */
export function purposeName(purpose: Purpose, localize: LocalizeController): string {
  const configured = localize.text(purpose.name);
  if (configured) return configured;
  const key = `purpose.${purpose.id}.name` as const;
  const fallback = localize.t(key);
  return fallback === key ? purpose.id : fallback;
}

export function purposeDescription(purpose: Purpose, localize: LocalizeController): string {
  const configured = localize.text(purpose.description);
  if (configured) return configured;
  const key = `purpose.${purpose.id}.description` as const;
  const fallback = localize.t(key);
  return fallback === key ? '' : fallback;
}

export function serviceName(service: Service, localize: LocalizeController): string {
  return localize.text(service.name) || service.provider || service.id;
}

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

/** A deletion period in words: `P13M` → "13 months", `session` → "When you close the browser". */
export function retention(value: string, localize: LocalizeController): string {
  if (value === 'session') return localize.t('centre.retention.session');
  const duration = parseDuration(value);
  if (!duration) return value;
  const amounts = [
    duration.years,
    duration.months,
    duration.weeks,
    duration.days,
    duration.hours,
    duration.minutes,
    duration.seconds,
  ];
  const parts = amounts.flatMap((amount, index) => {
    if (!amount) return [];
    try {
      return [
        new Intl.NumberFormat(localize.lang, {
          style: 'unit',
          unit: UNITS[index],
          unitDisplay: 'long',
        }).format(amount),
      ];
    } catch {
      return [`${amount} ${UNITS[index]}`];
    }
  });
  return parts.length ? localize.list(parts) : value;
}
