// Durations and dates in the visitor's language, with Intl: for the cookie
// centre and the notice. Kept out of locale.ts, which the first layer carries.
import { parseDuration } from './config/check.js';
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
        new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(amount),
      ];
    } catch {
      return [`${amount} ${unit}${amount === 1 ? '' : 's'}`];
    }
  });
  if (parts.length === 0) return iso;
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}

/** A date (and, unless `dateOnly`, its time) in the visitor's language: "22 november 2026 om 10:15". */
export function formatDate(value: string | Date, lang: string, dateOnly = false): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(
      lang,
      dateOnly ? { dateStyle: 'long' } : { dateStyle: 'long', timeStyle: 'short' },
    ).format(date);
  } catch {
    return date.toISOString();
  }
}
