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
export type { Issue } from './config/check.js';
export { isSafeUrl, parseDuration } from './config/check.js';
export {
  allServices,
  findPurpose,
  findService,
  storageRows,
  type StorageRow,
  type ServiceEntry,
} from './model.js';
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
