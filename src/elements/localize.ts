// A per-element localize controller. @lit/localize is page-global (and throws
// when configured twice), which an embeddable widget cannot afford.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizedText } from '../core/types.js';
import { availableLocales, format, isRtl, lookup, resolveLocale, text } from '../core/locale.js';

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
  | `purpose.${string}`;

interface Source {
  /** `config.locale` ("auto" or absent: the nearest `lang`). */
  locale?: string;
  /** `config.texts`: per-language overrides. */
  texts?: Record<string, Record<string, string>>;
}

type Host = ReactiveControllerHost & HTMLElement;

// One observer for the whole page: a change of <html lang> re-renders every element.
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function observeDocumentLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'dir'],
  });
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
  private readonly source: () => Source | undefined;

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

  /** The resolved language: config, else the nearest `lang`, else the browser's; nl-BE → nl → en. */
  get lang(): string {
    const configured = this.source()?.locale;
    const requested =
      configured && configured !== 'auto'
        ? configured
        : nearestLang(this.host) ||
          (typeof navigator !== 'undefined' ? navigator.language : '') ||
          'en';
    const available = availableLocales();
    const resolved = resolveLocale(requested, available);
    // Keep the region when the site has overrides for it (nl-BE may say "u kan").
    const overrides = this.source()?.texts ?? {};
    const exact = Object.keys(overrides).find(
      (tag) => tag.toLowerCase() === requested.toLowerCase(),
    );
    const lower = requested.toLowerCase();
    return exact ?? (lower.startsWith(`${resolved.toLowerCase()}-`) ? requested : resolved);
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

  /** A list in the language's style: "a, b and c". */
  list(items: string[]): string {
    try {
      return new Intl.ListFormat(this.lang, { style: 'long', type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  date(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(this.lang, { dateStyle: 'long', timeStyle: 'short' }).format(
        date,
      );
    } catch {
      return date.toISOString();
    }
  }

  /** A country name for an ISO 3166 alpha-2 code; other values as given. */
  country(value: string): string {
    if (!/^[A-Za-z]{2}$/.test(value)) return value;
    try {
      return new Intl.DisplayNames(this.lang, { type: 'region' }).of(value.toUpperCase()) ?? value;
    } catch {
      return value;
    }
  }
}
