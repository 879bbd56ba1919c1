// Google Consent Mode v2. Google's tags read `gtag('consent', …)` commands from
// the data layer in order, so the default (everything denied) must be the first
// consent entry, pushed synchronously before any tag placed after our script.
// Each decision then pushes an update computed from a purpose → key map
// (consent-mode-update.ts: the default is the first layer's, the update the engine's).
import type { Config, ConsentModeKey, ConsentModeOptions } from '../types.js';
import { CONSENT_MODE_KEYS } from './consent-mode-keys.js';

/** Which purpose (or service) grants which keys, for the well-known purpose ids. */
export const DEFAULT_CONSENT_MODE_MAP: Readonly<Record<string, readonly ConsentModeKey[]>> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  functional: ['functionality_storage', 'personalization_storage'],
};

export type ConsentModeState = Record<ConsentModeKey, 'granted' | 'denied'>;

export interface ResolvedConsentMode {
  map: Record<string, readonly ConsentModeKey[]>;
  waitForUpdate: number;
  region?: string[];
  adsDataRedaction: boolean;
  urlPassthrough: boolean;
  dataLayerName: string;
}

const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * The Consent Mode options of a config, with defaults, or null when it is off.
 * Read defensively: this also runs on a config that failed validation, because
 * a page whose Google tags get no default at all would run them as if granted.
 */
export function resolveConsentMode(
  config: Partial<Config> | undefined,
): ResolvedConsentMode | null {
  const option = config?.googleConsentMode;
  if (!option) return null;
  const given: ConsentModeOptions = typeof option === 'object' ? option : {};
  const map: Record<string, readonly ConsentModeKey[]> = { ...DEFAULT_CONSENT_MODE_MAP };
  if (given.map && typeof given.map === 'object') {
    for (const [id, keys] of Object.entries(given.map)) {
      if (Array.isArray(keys)) map[id] = keys.filter((key) => CONSENT_MODE_KEYS.includes(key));
    }
  }
  const wait = given.waitForUpdate;
  return {
    map,
    waitForUpdate: typeof wait === 'number' && wait >= 0 && Number.isFinite(wait) ? wait : 500,
    region:
      Array.isArray(given.region) && given.region.length > 0
        ? given.region.filter((r) => typeof r === 'string')
        : undefined,
    adsDataRedaction: given.adsDataRedaction === true,
    urlPassthrough: given.urlPassthrough === true,
    dataLayerName:
      typeof given.dataLayerName === 'string' && NAME.test(given.dataLayerName)
        ? given.dataLayerName
        : 'dataLayer',
  };
}

export type DataLayer = unknown[];

/**
 * The data layer: the site's array, or a new one. Never a property `window`
 * already has for something else (`location`, `name`, `keuze`): overwriting it
 * would break the page, so that name gets a layer no tag reads (the validator
 * refuses such names; this holds even for a config that failed validation).
 */
export function dataLayerOf(name: string, win: Window): DataLayer {
  const host = win as unknown as Record<string, unknown>;
  const layer = (host[name] ??= []);
  return Array.isArray(layer) ? layer : [];
}

/**
 * gtag.js only reads commands pushed as an `arguments` object, not as an array,
 * so this is the same function as Google's snippet, bound to the chosen layer.
 * It does not replace a `window.gtag` the site defined.
 */
export function gtagFor(layer: DataLayer): (...args: unknown[]) => void {
  return function gtag() {
    // eslint-disable-next-line prefer-rest-params
    layer.push(arguments);
  };
}

/**
 * Marks a data layer that got our default, with how many entries it had then
 * (tags among them ran too early). On the layer itself, not in this module:
 * the script tag's first layer and its module graph each carry this module,
 * and the default must go in once between them (also when the script is
 * loaded twice).
 */
const DEFAULTED = Symbol.for('keuze.consentModeDefault');
type MarkedLayer = DataLayer & { [DEFAULTED]?: number };

export function deniedState(): ConsentModeState {
  return Object.fromEntries(
    CONSENT_MODE_KEYS.map((key) => [key, key === 'security_storage' ? 'granted' : 'denied']),
  ) as ConsentModeState;
}

/** Pushes `gtag('consent', 'default', …)` (and the `set` options) synchronously. */
export function pushConsentModeDefault(
  options: ResolvedConsentMode,
  win: Window = window,
): boolean {
  const layer: MarkedLayer = dataLayerOf(options.dataLayerName, win);
  if (DEFAULTED in layer) return false;
  Object.defineProperty(layer, DEFAULTED, { value: layer.length });
  const gtag = gtagFor(layer);
  const defaults: Record<string, unknown> = {
    ...deniedState(),
    wait_for_update: options.waitForUpdate,
  };
  if (options.region) defaults.region = options.region;
  gtag('consent', 'default', defaults);
  if (options.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (options.urlPassthrough) gtag('set', 'url_passthrough', true);
  return true;
}

/**
 * The entries that were in the data layer before our default. Only the
 * engine's diagnostics look at them (consent-mode-update.ts: earlyTagEntries).
 */
export function entriesBeforeDefault(
  options: Pick<ResolvedConsentMode, 'dataLayerName'>,
  win: Window = window,
): unknown[] {
  const layer = (win as unknown as Record<string, unknown>)[options.dataLayerName];
  return Array.isArray(layer) ? layer.slice(0, (layer as MarkedLayer)[DEFAULTED] ?? 0) : [];
}
