// Durations and dates in the visitor's language, with Intl: for the cookie
// centre and the notice. Kept out of locale.ts, which the first layer carries.
import { parseDuration } from './config/duration.js';
import { lookup } from './locale.js';

const UNITS = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
] as const;

// Intl formatters per language (and unit): building one costs far more than using it,
// and a storage table can hold thousands of deletion periods.
const formatters = new Map<string, Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>(
  key: string,
  create: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

/**
 * An ISO 8601 duration in words: `P13M` → "13 months" / "13 maanden" / "13 miesięcy",
 * `P1Y6M` → "1 year and 6 months". Plural rules come from Intl, so Slavic and
 * Arabic forms are right. `"session"` is the dictionary's word; anything else
 * that is no duration is returned as given.
 */
export function formatDuration(
  iso: string,
  lang: string,
  overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string {
  if (iso === 'session') return lookup('centre.retention.session', lang, overrides);
  const duration = parseDuration(iso);
  if (!duration) return iso;
  const parts = UNITS.flatMap(([field, unit]) => {
    const amount = duration[field];
    if (!amount) return [];
    try {
      return [
        cached(
          `unit ${lang} ${unit}`,
          () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }),
        ).format(amount),
      ];
    } catch {
      return [`${amount} ${unit}${amount === 1 ? '' : 's'}`];
    }
  });
  if (parts.length === 0) return iso;
  try {
    return cached(
      `list ${lang}`,
      () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }),
    ).format(parts);
  } catch {
    return parts.join(', ');
  }
}

/** A date (and, unless `dateOnly`, its time) in the visitor's language: "22 november 2026 om 10:15". */
export function formatDate(value: string | Date, lang: string, dateOnly = false): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return cached(
      `${dateOnly ? 'date' : 'datetime'} ${lang}`,
      () =>
        new Intl.DateTimeFormat(
          lang,
          dateOnly ? { dateStyle: 'long' } : { dateStyle: 'long', timeStyle: 'short' },
        ),
    ).format(date);
  } catch {
    return date.toISOString();
  }
}
