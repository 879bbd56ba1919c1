// Language lookup shared by the elements and the notice. Pure: no Lit, no DOM.
// A widget embedded in someone else's page cannot use a page-global i18n
// library, so the lookup is small and explicit: nl-BE → nl → en.
import type { LocalizedText } from './types.js';
import { en } from './dictionaries.js';

/** A flat dictionary: `"banner.accept": "Accept all"`. */
export type Translation = Readonly<Record<string, string>>;

/** The language every lookup falls back to last. */
const FALLBACK_LOCALE = 'en';

const translations = new Map<string, Translation>([['en', en]]);

/** Called after every registerTranslation, so the elements re-render in the new words. */
export const translationListeners = new Set<() => void>();

/** Adds (or extends) a language, e.g. from a site's own `locales/de.json`. */
export function registerTranslation(lang: string, dictionary: Translation): void {
  const key = lang.toLowerCase();
  translations.set(key, { ...translations.get(key), ...dictionary });
  translationListeners.forEach((listener) => listener());
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
  const parts = (requested ?? '')
    .trim()
    .toLowerCase()
    .replace(/_/g, '-')
    .split('-')
    .filter(Boolean);
  const chain = parts.map((_, index) => parts.slice(0, parts.length - index).join('-'));
  // The set keeps the first place of a tag: `en-GB` → `en-gb`, `en`.
  return [...new Set([...chain, FALLBACK_LOCALE])];
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
 * A config text in the given language, with the tag of the language it is in
 * (none for a plain string): a map by the language's fallback chain, then
 * English, then its first entry.
 */
export function localizedText(
  localized: LocalizedText | undefined | null,
  lang: string,
): { text: string; lang?: string } {
  if (localized == null) return { text: '' };
  if (typeof localized === 'string') return { text: localized };
  const entries = Object.entries(localized);
  for (const wanted of fallbackChain(lang)) {
    const found = entries.find(([tag]) => tag.toLowerCase() === wanted);
    if (found) return { text: found[1], lang: found[0] };
  }
  return entries.length ? { text: entries[0][1], lang: entries[0][0] } : { text: '' };
}

/**
 * The language a config text is shown in when that is not `lang` (an English-only
 * description on a Dutch page: `en`), for its element's `lang` attribute so screen
 * readers pronounce it right; undefined when it is the same (`nl-BE` and `nl` are).
 */
export function foreignLang(
  localized: LocalizedText | undefined | null,
  lang: string,
): string | undefined {
  const found = localizedText(localized, lang);
  const base = (tag: string) => tag.split('-')[0].toLowerCase();
  return found.text && found.lang && base(found.lang) !== base(lang) ? found.lang : undefined;
}

/** A config text in the given language (see localizedText). */
export function text(localized: LocalizedText | undefined | null, lang: string): string {
  return localizedText(localized, lang).text;
}

/**
 * Like format, for templates: the text's pieces with each `{name}` replaced by its
 * value as it is (an element, say), unknown ones left visible.
 */
export function fill(template: string, params: Readonly<Record<string, unknown>>): unknown[] {
  return template
    .split(/\{(\w+)\}/)
    .map((part, index) =>
      index % 2 === 0 ? part : Object.hasOwn(params, part) ? params[part] : `{${part}}`,
    );
}

/** Fills `{name}` placeholders; unknown ones are left visible so a missing value is noticed. */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
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

// ---------------------------------------------------------------------------
// On-demand loading. The script-tag build fetches a language as JSON from beside
// itself (`dist/locales/<lang>.json`); the npm build imports it (a chunk the
// site's bundler emits, see bundled-locales.js) unless the site names a base URL.

/** The locale files Keuze ships (locales/*.json), by lower-case tag → file name. */
const shipped = new Map(
  'ar bg cs da de el en es et fi fr fr-BE ga hr hu it lt lv mt nl nl-BE pl pt ro sk sl sv'
    .split(' ')
    .map((file) => [file.toLowerCase(), file]),
);

let localeBase: string | undefined;
/** How the npm build gets a shipped file without a base URL. */
type LocaleImporter = (file: string) => Promise<unknown> | undefined;
let localeImporter: LocaleImporter | undefined;
/** Per file (lower-case tag): its download, settled with the dictionary or null. Each file is fetched once. */
const downloads = new Map<string, Promise<Translation | null>>();
/** Requested languages (lower-case) whose load has settled. */
const settled = new Set<string>();

/**
 * Where `locales/<lang>.json` files are fetched from: a folder URL such as
 * `https://cdn.example/keuze/locales/`. The script-tag build sets it to the
 * `locales/` folder beside keuze.min.js; `null` turns fetching off.
 */
export function setLocaleBase(url: string | URL | null | undefined): void {
  localeBase = url == null ? undefined : new URL(String(url), globalThis.location?.href).href;
}

/** The npm build's way to load a shipped file when no base URL is set. */
export function setLocaleImporter(importer: LocaleImporter | undefined): void {
  localeImporter = importer;
}

/** The folder languages are fetched from, if any. */
export function getLocaleBase(): string | undefined {
  return localeBase;
}

/**
 * The language a request can be answered in (lower-case): the first tag of its
 * fallback chain that is registered, or shipped when there is somewhere to fetch
 * it from. English, always registered, ends every chain.
 */
export function loadableLocale(requested: string): string {
  return (
    fallbackChain(requested).find(
      (tag) =>
        translations.has(tag) ||
        ((localeBase !== undefined || localeImporter !== undefined) && shipped.has(tag)),
    ) ?? FALLBACK_LOCALE
  );
}

/** The files `lang` still needs, base language first: `nl-BE` → `nl`, `nl-be`. */
function missingFiles(lang: string): string[] {
  return localeBase !== undefined || localeImporter !== undefined
    ? fallbackChain(lang)
        .reverse()
        .filter((tag) => shipped.has(tag) && !translations.has(tag))
    : [];
}

/** True when nothing `lang` needs is still on its way (it arrived, failed, or cannot be fetched). */
export function isLocaleLoaded(lang: string): boolean {
  return !missingFiles(lang).length || settled.has(lang.toLowerCase());
}

/** A shipped file's dictionary, fetched once; null (reported once) when it cannot be had. */
function download(tag: string): Promise<Translation | null> {
  let pending = downloads.get(tag);
  if (!pending) {
    const file = shipped.get(tag)!;
    pending =
      localeBase === undefined && localeImporter
        ? importDictionary(file, localeImporter)
        : fetchDictionary(new URL(`${file}.json`, localeBase).href);
    downloads.set(tag, pending);
  }
  return pending;
}

async function fetchDictionary(url: string): Promise<Translation | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const dictionary: unknown = await response.json();
    if (!isDictionary(dictionary)) throw new Error('not a flat JSON object of strings');
    return dictionary;
  } catch (error) {
    return unloadable(url, error);
  }
}

async function importDictionary(
  file: string,
  importer: LocaleImporter,
): Promise<Translation | null> {
  try {
    const dictionary: unknown = await importer(file);
    if (!isDictionary(dictionary)) throw new Error('not in this build');
    return dictionary;
  } catch (error) {
    return unloadable(`locales/${file}.json`, error);
  }
}

/** Reports once that a language file could not be had; English fills in. */
function unloadable(source: string, error: unknown): null {
  console.warn(
    `[keuze] The language file ${source} could not be loaded (${(error as Error).message}); English is shown instead.`,
  );
  return null;
}

function isDictionary(value: unknown): value is Translation {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/**
 * Makes `lang` available: fetches what it needs unless registered already, the
 * base language before a regional file (`nl`, then `nl-BE`; both requests start
 * at once, and each file is fetched once however often it is asked for). A
 * regional file is only an override, so it is used only on top of its base
 * language. Resolves true when the language's words are there, false when a
 * file failed (English fills the gaps) or there is nowhere to fetch from.
 */
export async function loadLocale(lang: string): Promise<boolean> {
  const files = missingFiles(lang);
  if (!files.length) return hasWords(lang);
  // Start every request now; download() hands out each file's one request.
  files.forEach(download);
  let complete = true;
  for (const tag of files) {
    const dictionary = await download(tag);
    // A regional file only on top of its base language.
    if (dictionary && (!tag.includes('-') || translations.has(tag.split('-')[0]))) {
      if (!translations.has(tag)) registerTranslation(tag, dictionary);
    } else complete = false;
  }
  settled.add(lang.toLowerCase());
  return complete && hasWords(lang);
}

/** Whether the language (at least its base) has a dictionary: `nl-BE` needs `nl`. */
function hasWords(lang: string): boolean {
  return translations.has(fallbackChain(lang)[0].split('-')[0]);
}
