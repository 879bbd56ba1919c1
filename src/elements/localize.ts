// A per-element localize controller. @lit/localize is page-global (and throws
// when configured twice), which an embeddable widget cannot afford.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizedText } from '../core/types.js';
import {
  fallbackChain,
  foreignLang,
  format,
  isLocaleLoaded,
  isRtl,
  loadLocale,
  loadableLocale,
  lookup,
  text,
  translationListeners,
} from '../core/locale.js';

/**
 * A UI string key of locales/en.json, by namespace. (Not `keyof typeof en`: importing
 * the JSON into the type program would break the declaration layout; see core/dictionaries.js.)
 */
export type TextKey =
  | `banner.${string}`
  | `centre.${string}`
  | `gpc.${string}`
  | `reopen.${string}`
  | `placeholder.${string}`
  | `unavailable.${string}`
  | `purpose.${string}`;

interface Source {
  /** `config.locale` ("auto" or absent: the nearest `lang`, then the browser's). */
  locale?: string;
  /** `config.locales`: the languages the site enables; nothing else is shown or loaded. */
  locales?: string[];
  /** `config.texts`: per-language overrides. */
  texts?: Record<string, Record<string, string>>;
}

type Host = ReactiveControllerHost & HTMLElement;

/** How long an element waits for its language before it shows English instead. */
const LOCALE_WAIT_MS = 3000;

// One registry for the whole page: a change of <html lang>, an arriving
// dictionary or the visitor's choice re-renders every element.
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;
const refreshAll = () => hosts.forEach((host) => host.requestUpdate());

function observeDocumentLang(): void {
  if (observer) return;
  observer = new MutationObserver(refreshAll);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'dir'],
  });
  translationListeners.add(refreshAll);
}

// The visitor's choice in the cookie centre, per config (so per store), for
// this page only: keeping it longer would be storage on the device; the
// decision's own `locale` field records it.
const chosen = new WeakMap<object, string>();
// Languages whose wait is over: loaded, failed, or shown in English until their words arrive.
const waitIsOver = new Set<string>();

/** Loads a language, waiting at most LOCALE_WAIT_MS: false when it failed or took longer. */
const loadInTime = (lang: string): Promise<boolean> =>
  Promise.race([
    loadLocale(lang),
    new Promise<boolean>((resolve) => setTimeout(resolve, LOCALE_WAIT_MS, false)),
  ]);

/**
 * The visitor chose a language (the cookie centre's switcher): every element
 * that uses this config re-renders in it once its dictionary has loaded.
 */
export async function chooseLocale(config: object, lang: string): Promise<boolean> {
  // Load first, then switch: the elements change language in one step, never via English.
  const loaded = await loadInTime(lang);
  chosen.set(config, lang);
  refreshAll();
  return loaded;
}

/**
 * The enabled language that answers a request: `nl-BE` → `nl-BE` if enabled,
 * else `nl`; `nl` → the first enabled `nl-…`. English only when asked for: the
 * implicit `en` fallback is the caller's last resort.
 */
function matchEnabled(requested: string, enabled: readonly string[]): string | undefined {
  const byLower = new Map(enabled.map((tag) => [tag.toLowerCase(), tag]));
  const chain = fallbackChain(requested);
  // The chain ends in English: for an English request (en, en-GB…) its own base, else only
  // the implicit fallback, which must not beat the visitor's next language.
  const asked = /^en(-|$)/.test(chain[0]) ? chain : chain.slice(0, -1);
  for (const tag of asked) {
    const found = byLower.get(tag);
    if (found) return found;
  }
  const base = asked[asked.length - 1];
  return base ? enabled.find((tag) => tag.toLowerCase().startsWith(`${base}-`)) : undefined;
}

/** The browser's languages; empty ones are dropped with the other empty candidates. */
function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The nearest `lang` attribute, walking up through shadow roots. */
export function nearestLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

export class LocalizeController implements ReactiveController {
  private readonly host: Host;
  protected readonly source: () => Source | undefined;
  private readonly waiting = new Set<string>();
  /** The language, worked out once per update: a render asks for it with every text. */
  private renderLang?: string;
  private updating = false;

  constructor(host: Host, source: () => Source | undefined) {
    this.host = host;
    this.source = source;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    observeDocumentLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  hostUpdate(): void {
    this.updating = true;
    this.renderLang = undefined;
  }

  hostUpdated(): void {
    this.updating = false;
    this.renderLang = undefined;
  }

  /**
   * The language to show, in this order: the visitor's choice in the cookie
   * centre, the config's `locale` (unless "auto"), the nearest `lang`
   * attribute, the browser's languages, English. With `config.locales` only those are
   * candidates (nl-BE → nl; else English if enabled, else the first enabled);
   * without, any registered or fetchable language (nl-BE → nl → en).
   */
  get lang(): string {
    if (!this.updating) return this.resolveLang();
    return (this.renderLang ??= this.resolveLang());
  }

  private resolveLang(): string {
    const source = this.source();
    const configured = source?.locale && source.locale !== 'auto' ? source.locale : undefined;
    const candidates = [
      // WeakMap.get answers undefined for a missing config.
      chosen.get(source as object),
      configured,
      nearestLang(this.host),
      ...browserLanguages(),
      'en',
    ].filter((tag): tag is string => Boolean(tag));
    const enabled = source?.locales?.length ? source.locales : undefined;
    if (enabled) {
      for (const candidate of candidates) {
        const match = matchEnabled(candidate, enabled);
        if (match) return match;
      }
      return enabled[0];
    }
    const requested = candidates[0];
    const resolved = loadableLocale(requested);
    // Keep the region when the site has overrides for it (nl-BE may say "u kan").
    const lower = requested.toLowerCase();
    const exact = Object.keys(source?.texts ?? {}).find((tag) => tag.toLowerCase() === lower);
    return exact ?? (lower.startsWith(`${resolved}-`) ? requested : resolved);
  }

  /**
   * Whether the words of the current language are here (or will not come: the
   * fetch failed, or took longer than LOCALE_WAIT_MS, so English shows).
   * Asking starts the load; the host re-renders when it settles.
   */
  get ready(): boolean {
    const lang = this.lang;
    if (isLocaleLoaded(lang) || waitIsOver.has(lang)) return true;
    if (!this.waiting.has(lang)) {
      this.waiting.add(lang);
      // Loaded or not, the wait is over: words that arrive later re-render every element anyway.
      void loadInTime(lang).then(() => {
        waitIsOver.add(lang);
        this.host.requestUpdate();
      });
    }
    return false;
  }

  /** Resolves once the current language is `ready` (at most LOCALE_WAIT_MS). */
  async whenReady(): Promise<void> {
    if (!this.ready) await loadInTime(this.lang);
  }

  get dir(): 'ltr' | 'rtl' {
    return isRtl(this.lang) ? 'rtl' : 'ltr';
  }

  /** A UI string with `{placeholder}` values filled in. */
  t(key: TextKey, params?: Record<string, string | number>): string {
    return format(lookup(key, this.lang, this.source()?.texts), params);
  }

  /** A config text in the current language. */
  text(value: LocalizedText | undefined): string {
    return text(value, this.lang);
  }

  /** The language of a config text when it is not the current one (see foreignLang), for `lang`. */
  langOf(value: LocalizedText | undefined): string | undefined {
    return foreignLang(value, this.lang);
  }

  /** A list in the language's style: "a, b and c". */
  list(items: string[]): string {
    return this.listParts(items)
      .map((part) => part.value)
      .join('');
  }

  /** The pieces of list(): each item (`element`) and the words between (`literal`). */
  listParts(items: string[]): Array<{ type: string; value: string }> {
    try {
      // The defaults: a long conjunction.
      return new Intl.ListFormat(this.lang).formatToParts(items);
    } catch {
      return items.flatMap((value, index) => [
        ...(index ? [{ type: 'literal', value: ', ' }] : []),
        { type: 'element', value },
      ]);
    }
  }
}
