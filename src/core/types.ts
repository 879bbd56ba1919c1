// The model shared by the engine, the elements and the site's own code.
// Names marked "contract" in design.md are public: keep them as written.
import type { NoticeConfig } from './notice/types.js';

/** A visible text: one string for every language, or a map from language tag to string. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** The legal basis of a purpose (contract). */
export type Basis = 'necessary' | 'consent' | 'legitimate-interest';

/** Where a storage item lives on the visitor's device (contract). */
export type StorageType = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB' | 'pixel';

/** One row of the cookie centre's table: a cookie or other storage item (contract). */
export interface StorageItem {
  /** Exact name, or a pattern where `*` matches any run of characters. */
  name: string;
  type: StorageType;
  /** Who sets it; defaults to the service's provider. */
  provider?: string;
  /** What it is for. */
  purpose?: LocalizedText;
  /** Deletion period: an ISO 8601 duration (`P13M`, `PT30M`) or `"session"`. */
  retention: string;
  /** First party (the site's own domain) or third party. Defaults to first. */
  party?: 'first' | 'third';
  /** Cookie domain when it is not the current host (e.g. `.example.nl`). */
  domain?: string;
  /** Cookie path when it is not `/`. */
  path?: string;
  /**
   * Why this item needs no consent although its purpose rests on legitimate
   * interest (ePrivacy Art. 5(3); Telecommunicatiewet 11.7a): without it, Keuze
   * warns on the console at every page load. See docs/notice.md.
   */
  exemption?: ConsentExemption;
}

/** The two exemptions from consent for device storage in ePrivacy Art. 5(3). */
export interface ConsentExemption {
  /**
   * `strictly-necessary`: strictly necessary for a service the visitor explicitly asked for;
   * `transmission`: only to carry out the transmission of a communication.
   */
  ground: 'strictly-necessary' | 'transmission';
  /** Why, in words the notice shows ("Keeps your shopping basket while you order"). */
  reason: LocalizedText;
}

/** A third party or tool under a purpose (contract). */
export interface Service {
  id: string;
  /** The catalogue entry it was filled in from (catalogue/services/<preset>.json). */
  preset?: string;
  provider: string;
  name?: LocalizedText;
  description?: LocalizedText;
  /** URL of the provider's privacy policy. */
  privacyPolicy?: string;
  /** Where the data goes (ISO 3166 alpha-2 code or a name). */
  country?: string;
  /** The transfer safeguard when the country is outside the EEA. */
  safeguard?: 'adequacy' | 'scc' | 'bcr' | 'consent' | 'other' | string;
  storage?: StorageItem[];
}

/** Why something is stored or read on the visitor's device (contract). */
export interface Purpose {
  id: string;
  basis: Basis;
  name?: LocalizedText;
  description?: LocalizedText;
  /** Why this purpose is strictly necessary (required for `necessary`). */
  justification?: LocalizedText;
  /** The purpose sells or shares personal data: a GPC signal refuses it. */
  saleOrSharing?: boolean;
  services?: Service[];
  /** Storage items of the site itself that belong to no third-party service. */
  storage?: StorageItem[];
}

export interface Controller {
  name: string;
  [key: string]: unknown;
}

/** Google Consent Mode v2 keys. */
export type ConsentModeKey =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentModeOptions {
  /** Purpose or service id → the Consent Mode keys it grants. */
  map?: Record<string, ConsentModeKey[]>;
  /** Milliseconds tags wait for the first update. Default 500. */
  waitForUpdate?: number;
  /** ISO 3166-2 regions the default applies to. */
  region?: string[];
  adsDataRedaction?: boolean;
  urlPassthrough?: boolean;
  /** Name of the data layer array. Default `dataLayer`. */
  dataLayerName?: string;
}

export interface LogOptions {
  /** URL the decision records are POSTed to. */
  endpoint: string;
}

export interface ApiOptions {
  /**
   * Let `keuze.acceptAll()` and `keuze.save()` grant without a user activation
   * (a fresh click or key press). Only for a custom UI that calls them from its
   * own handlers after the activation has run out. Default false.
   */
  grantWithoutActivation?: boolean;
}

export type Layout = 'bar' | 'box' | 'modal';
export type Theme = 'light' | 'dark' | 'auto';

export interface ReopenOptions {
  position?: 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';
}

/** The site owner's config (contract: these keys and meanings). */
export interface Config {
  /** The policy revision; a new one asks every visitor again. */
  revision: string;
  controller?: Controller;
  /** Where the privacy notice lives, and (see the notice module) what it says. */
  notice?: NoticeConfig;
  /** How long a decision holds: ISO 8601 duration, default `P6M`, at most `P13M`. */
  expiry?: string;
  purposes: Purpose[];
  googleConsentMode?: boolean | ConsentModeOptions;
  log?: LogOptions;
  /** How the JavaScript API may be used. */
  api?: ApiOptions;
  debug?: boolean;
  layout?: Layout;
  theme?: Theme;
  /** A language tag, or `"auto"` (nearest `lang`, then the browser's languages). */
  locale?: string;
  /** Languages the site offers; the visitor may switch among them. */
  locales?: string[];
  /** Per-language overrides of any UI string: `{ "nl": { "banner.title": "…" } }`. */
  texts?: Record<string, Record<string, string>>;
  /** The floating re-open button: `false` turns it off. */
  reopen?: boolean | ReopenOptions;
  /** Reload the page after a withdrawal so scripts that already ran stop. */
  reloadOnWithdraw?: boolean;
  /** Honour the Global Privacy Control signal. Default true. */
  gpc?: boolean;
}

/** How a decision was taken (contract). */
export type DecisionMethod = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'objection';

/** Where a decision was taken (contract). */
export type DecisionLayer = 'banner' | 'centre' | 'placeholder' | 'api';

/** One decision, as stored and as shown in the receipt (contract). */
export interface Decision {
  /** Random UUID. */
  id: string;
  /**
   * Random UUID shared by every decision of this browser: the visitor's history
   * on the site owner's receiver. Absent on records stored before it existed.
   */
  consentId?: string;
  /** UTC ISO timestamp. */
  decidedAt: string;
  expiresAt: string;
  revision: string;
  configHash: string;
  method: DecisionMethod;
  layer: DecisionLayer;
  locale: string;
  /** A Global Privacy Control signal was present. */
  gpc: boolean;
  purposes: Record<string, boolean>;
  services: Record<string, boolean>;
}

/** What is kept on the device: the current decision and the earlier ones. */
export interface StoredState {
  version: 1;
  current: Decision | null;
  /** Earlier decisions, newest first, bounded. */
  history: Decision[];
  /** When this state was written (a decision or a reset): orders writes from several tabs. */
  updatedAt?: string;
}

/** A snapshot of the consent state (contract). */
export interface Consent {
  decided: boolean;
  purposes: Record<string, boolean>;
  services: Record<string, boolean>;
  record?: Decision;
}

export interface ChangeDetail {
  consent: Consent;
  previous: Consent;
  /** Ids of purposes and services whose state changed. */
  changed: string[];
}

export type VisibleLayer = 'banner' | 'centre';

export interface ErrorDetail {
  message: string;
  path?: string;
}

/** Public events dispatched on `document` (contract). */
export interface KeuzeEventMap {
  'keuze-ready': CustomEvent<{ consent: Consent }>;
  'keuze-change': CustomEvent<ChangeDetail>;
  'keuze-show': CustomEvent<{ layer: VisibleLayer }>;
  'keuze-hide': CustomEvent<{ layer: VisibleLayer }>;
  'keuze-error': CustomEvent<ErrorDetail>;
}

declare global {
  // Merging into the DOM's map is what makes document.addEventListener('keuze-change', …) typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends KeuzeEventMap {}
}

/** A finding of `keuze.diagnostics()`. */
export interface Finding {
  level: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  path?: string;
}
