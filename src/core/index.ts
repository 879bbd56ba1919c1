import { setLocaleImporter } from './locale.js';
import { importLocale } from './bundled-locales.js';

// The core entry: the consent engine without any element or Lit, for sites
// that bring their own UI.
export { keuze, Keuze, type InitOptions, type KeuzeEventName } from './keuze.js';
export {
  ConsentStore,
  StoreStatus,
  type StoreOptions,
  type StoreChangeDetail,
  type ChangeSource,
} from './store.js';
export { validateConfig, formatIssue, type ValidationResult } from './config/validate.js';
export { matchesName } from './integrations/patterns.js';
export {
  resolvePresets,
  hasPresets,
  applyPreset,
  presetsBeside,
  type Preset,
  type FetchPreset,
  type PresetSource,
  type ResolveOptions,
  type ResolveResult,
} from './config/presets.js';
export type { Issue } from './config/check.js';
export { parseDuration } from './config/duration.js';
export { isSafeUrl } from './config/safe-url.js';
export {
  allServices,
  findPurpose,
  findService,
  storageRows,
  type StorageRow,
  type ServiceEntry,
} from './model.js';
export { thirdParties } from './third-parties.js';
export type { StorageAdapter } from './storage/adapter.js';
export { MemoryAdapter } from './storage/memory.js';
export { LocalStorageAdapter } from './storage/local.js';
export { IndexedDBAdapter } from './storage/indexeddb.js';
export { FallbackAdapter, defaultAdapter } from './storage/fallback.js';
export {
  DECISION_COOKIE,
  decisionCookie,
  readDecisionCookie,
  type DecisionCookieOptions,
} from './storage/decision-cookie.js';
export { Gate } from './gate.js';
export { registerTranslation, setLocaleBase, loadLocale, resolveLocale } from './locale.js';
export { formatDuration, formatDate } from './format.js';
export { validateNoticeConfig, type NoticeValidationResult } from './notice/validate.js';
export * from './types.js';

// The npm build loads a visitor's language as a chunk of the site's own bundle.
setLocaleImporter(importLocale);
