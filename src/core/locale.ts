// Language lookup shared by the elements and the notice. Pure: no Lit, no DOM.
// A widget embedded in someone else's page cannot use a page-global i18n
// library, so the lookup is small and explicit: nl-BE → nl → en.
import type { LocalizedText } from './types.js';
import { en, nl } from './dictionaries.js';

/** A flat dictionary: `"banner.accept": "Accept all"`. */
export type Translation = Readonly<Record<string, string>>;

/** The language every lookup falls back to last. */
export const FALLBACK_LOCALE = 'en';

const translations = new Map<string, Translation>([
  ['en', en],
  ['nl', nl],
]);

/** Adds (or extends) a language, e.g. from a site's own `locales/de.json`. */
export function registerTranslation(lang: string, dictionary: Translation): void {
  const key = lang.toLowerCase();
  translations.set(key, { ...(translations.get(key) ?? {}), ...dictionary });
}

/** Languages with a registered dictionary. */
export function availableLocales(): string[] {
  return [...translations.keys()];
}

/** The dictionary of one language, exactly (no fallback). */
export function translation(lang: string): Translation | undefined {
  return translations.get(lang.toLowerCase());
}

/**
 * The chain of tags to try for a requested language: `nl-BE` → `nl-BE`, `nl`, then `en`.
 * Tags are compared case-insensitively and returned lower-case.
 */
export function fallbackChain(requested: string | undefined | null): string[] {
  const chain: string[] = [];
  const parts = (requested ?? '')
    .trim()
    .toLowerCase()
    .replace(/_/g, '-')
    .split('-')
    .filter(Boolean);
  for (let length = parts.length; length > 0; length--)
    chain.push(parts.slice(0, length).join('-'));
  if (!chain.includes(FALLBACK_LOCALE)) chain.push(FALLBACK_LOCALE);
  return chain;
}

/**
 * The best available language for a request: the first tag of its fallback chain
 * that is available. Returns the tag as spelled in `available`.
 */
export function resolveLocale(
  requested: string | undefined | null,
  available: readonly string[] = availableLocales(),
): string {
  const byLower = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  for (const tag of fallbackChain(requested)) {
    const found = byLower.get(tag);
    if (found) return found;
  }
  return available[0] ?? FALLBACK_LOCALE;
}

/**
 * A config text in the given language: a plain string as is; a map by the
 * language's fallback chain, then English, then its first entry.
 */
export function text(localized: LocalizedText | undefined | null, lang: string): string {
  if (localized == null) return '';
  if (typeof localized === 'string') return localized;
  const byLower = new Map(
    Object.entries(localized).map(([tag, value]) => [tag.toLowerCase(), value]),
  );
  for (const tag of fallbackChain(lang)) {
    const found = byLower.get(tag);
    if (found !== undefined) return found;
  }
  const first = Object.values(localized)[0];
  return first ?? '';
}

/** Fills `{name}` placeholders; unknown ones are left visible so a missing value is noticed. */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/**
 * Looks up a UI string: the site's override for the language (by fallback chain),
 * then the dictionaries (by fallback chain). Returns the key itself when nothing has it.
 */
export function lookup(
  key: string,
  lang: string,
  overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string {
  const byLower = new Map(
    Object.entries(overrides ?? {}).map(([tag, value]) => [tag.toLowerCase(), value]),
  );
  // Per tag, the override first: an English override must not beat the Dutch dictionary for a Dutch visitor.
  for (const tag of fallbackChain(lang)) {
    const override = byLower.get(tag)?.[key];
    if (typeof override === 'string') return override;
    const value = translations.get(tag)?.[key];
    if (value !== undefined) return value;
  }
  return key;
}

/** True when the language is written right to left. */
export function isRtl(lang: string): boolean {
  return ['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'].includes(
    lang.toLowerCase().split('-')[0],
  );
}
