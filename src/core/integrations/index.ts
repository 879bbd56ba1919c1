// The integrations: Google Consent Mode, withdrawal clean-up, the proof-of-consent
// log and diagnostics. `keuze.init` calls beforeLoad (synchronously, before the
// stored decision is read), then startIntegrations once the store has loaded.
import type { Config, Finding } from '../types.js';
import type { ConsentStore, StoreChangeDetail } from '../store.js';
import { pushConsentModeDefault, resolveConsentMode } from './consent-mode.js';
import { earlyTagEntries, pushConsentModeUpdate } from './consent-mode-update.js';
import { CleanupQueue, withdrawnIds, type CleanupReport } from './cleanup.js';
import { ConsentLog, textsHash, type ConsentLogOptions } from './log.js';
import { diagnoseConfig, diagnoseStorage } from './diagnostics.js';

export { isPattern, matchesName, patternToRegExp } from './patterns.js';
export { diagnoseConfig } from './diagnostics.js';
export { CONSENT_MODE_KEYS } from './consent-mode-keys.js';
export {
  DEFAULT_CONSENT_MODE_MAP,
  pushConsentModeDefault,
  resolveConsentMode,
} from './consent-mode.js';
export { consentModeState } from './consent-mode-update.js';
export { ConsentLog, IdbOutbox, MemoryOutbox, textsHash, toLogRecord } from './log.js';
export { removeStorage, withdrawnIds } from './cleanup.js';

/**
 * Runs synchronously while the script runs, before any stored decision is read:
 * the Consent Mode default must be in the data layer before any Google tag.
 * Safe on a config that failed validation (it then still denies everything).
 */
export function beforeLoad(config: Config): void {
  const consentMode = resolveConsentMode(config);
  if (consentMode) pushConsentModeDefault(consentMode);
}

export interface IntegrationOptions {
  /** How the page reloads after a withdrawal (tests replace it). */
  reload?: () => void;
  /** Options of the proof-of-consent log (tests pass an outbox and short delays). */
  log?: ConsentLogOptions;
}

interface Running {
  log?: ConsentLog;
  cleanup: CleanupQueue;
  lastCleanup?: CleanupReport;
}

const running = new WeakMap<ConsentStore, Running>();

/** Connects the integrations to a loaded store; returns a function that disconnects them. */
export function startIntegrations(
  store: ConsentStore,
  options: IntegrationOptions = {},
): () => void {
  const config = store.config;
  const consentMode = resolveConsentMode(config);
  const state: Running = {
    cleanup: new CleanupQueue(
      config,
      () => store.get(),
      (report) => {
        state.lastCleanup = report;
        if (config.debug && report.removed.length > 0)
          console.info('[keuze] removed after withdrawal:', report.removed.join(', '));
      },
    ),
  };
  running.set(store, state);

  if (consentMode) {
    pushConsentModeDefault(consentMode); // no-op when beforeLoad already pushed it
    const consent = store.get();
    // A returning visitor's decision goes out at once, well inside wait_for_update.
    if (consent.decided) pushConsentModeUpdate(consentMode, consent, { gpc: store.gpc });
  }

  if (config.log && typeof config.log.endpoint === 'string' && config.log.endpoint) {
    state.log = new ConsentLog(config.log.endpoint, options.log);
    void state.log.flush(true); // records a previous page could not deliver
  }

  const reload = options.reload ?? (() => window.location.reload());
  let reloadWhenShown: (() => void) | undefined;

  const handleChange = (event: Event): void => {
    const detail = (event as CustomEvent<StoreChangeDetail>).detail;
    const { consent, previous, changed, source } = detail;

    if (consentMode) pushConsentModeUpdate(consentMode, consent, { changed, gpc: store.gpc });

    // Only the tab where the decision was taken logs it: the others hear it by broadcast.
    const record = consent.record;
    const log = state.log;
    const logged =
      log && source === 'local' && record && record.id !== previous.record?.id
        ? log
            .record(record, textsHash(config, record.locale, record.layer))
            .then(() => log.settled(record.id))
            .catch(() => {})
        : Promise.resolve();

    // An expired decision is not a withdrawal: the visitor is asked again, nothing is deleted.
    if (source === 'expiry') return;
    const withdrawn = withdrawnIds(previous, consent);
    // Cookies and localStorage are shared, so the deciding tab removes them;
    // other tabs repeat it (idempotent) for their own sessionStorage.
    state.cleanup.changed(withdrawn);
    const tookBack =
      previous.decided && withdrawn.some((id) => previous.purposes[id] || previous.services[id]);
    if (!config.reloadOnWithdraw || !tookBack) return;
    if (source === 'tab' && document.visibilityState === 'hidden') {
      // A background tab reloads when the visitor comes back to it, not under their hands elsewhere.
      if (!reloadWhenShown) {
        reloadWhenShown = () => {
          if (document.visibilityState !== 'visible') return;
          document.removeEventListener('visibilitychange', reloadWhenShown!);
          reload();
        };
        document.addEventListener('visibilitychange', reloadWhenShown);
      }
      return;
    }
    // Reload once the decision is stored, its storage removed and its log record
    // delivered (or, after 2 s, safe in the outbox: its keepalive request outlives the page).
    void Promise.all([logged, whenPersisted(store), state.cleanup.settled()]).then(reload);
  };
  store.addEventListener('change', handleChange);
  // A visitor who leaves right after deciding: the clean-up finishes before the page goes.
  const finishCleanup = (): void => state.cleanup.finishNow();
  window.addEventListener('pagehide', finishCleanup);

  let debugTimer: ReturnType<typeof setTimeout> | undefined;
  const handleLoad = (): void => {
    debugTimer = setTimeout(() => printDiagnostics(store), 0);
  };
  if (config.debug) {
    // At once for what is there now, and after the page's own scripts have loaded.
    printDiagnostics(store);
    if (document.readyState !== 'complete')
      window.addEventListener('load', handleLoad, { once: true });
  }

  return () => {
    store.removeEventListener('change', handleChange);
    window.removeEventListener('pagehide', finishCleanup);
    state.cleanup.finishNow();
    window.removeEventListener('load', handleLoad);
    clearTimeout(debugTimer);
    if (reloadWhenShown) document.removeEventListener('visibilitychange', reloadWhenShown);
    state.log?.stop();
    if (running.get(store) === state) running.delete(store);
  };
}

/** Resolves once the storage of every withdrawal so far is removed (it goes after the next paint). */
export function cleanupSettled(store: ConsentStore): Promise<void> {
  return running.get(store)?.cleanup.settled() ?? Promise.resolve();
}

/** The integrations' findings; `keuze.diagnostics()` adds the engine's own. */
export function diagnose(store: ConsentStore): Finding[] {
  const config = store.config;
  const findings = [
    ...diagnoseConfig(config),
    ...diagnoseStorage({ config, consent: store.get() }),
  ];
  const consentMode = resolveConsentMode(config);
  if (consentMode) {
    const early = earlyTagEntries(consentMode);
    if (early > 0) {
      findings.push({
        level: 'error',
        code: 'consent-mode-late',
        message: `${early} Google tag command(s) were in ${consentMode.dataLayerName} before the Consent Mode default: place the Keuze script above the Google tag or Tag Manager snippet.`,
        path: 'googleConsentMode',
      });
    }
  }
  const state = running.get(store);
  if (state?.log && state.log.pending > 0) {
    findings.push({
      level: 'info',
      code: 'log-pending',
      message: `${state.log.pending} consent record(s) could not be delivered to ${state.log.endpoint} yet; they are retried.`,
      path: 'log.endpoint',
    });
  }
  if (state?.lastCleanup && state.lastCleanup.remaining.length > 0) {
    findings.push({
      level: 'warning',
      code: 'cleanup-incomplete',
      message: `After the last withdrawal these cookies could not be removed: ${state.lastCleanup.remaining.join(', ')}. Declare their "domain" and "path", or they are HttpOnly and the server must expire them.`,
    });
  }
  return findings;
}

/**
 * Resolves once the store has written the decision that was just applied: a
 * reload before that would lose the withdrawal. The change event fires before
 * the write starts, so this looks one microtask later.
 */
async function whenPersisted(store: ConsentStore): Promise<void> {
  await Promise.resolve();
  await store.settled();
}

function printDiagnostics(store: ConsentStore): void {
  const findings = diagnose(store);
  const title = `[keuze] diagnostics: ${findings.length === 0 ? 'no findings' : `${findings.length} finding(s)`}`;
  if (findings.length === 0) {
    console.info(title);
    return;
  }
  console.groupCollapsed(title);
  for (const finding of findings) {
    const line = `${finding.code}${finding.path ? ` (${finding.path})` : ''}: ${finding.message}`;
    if (finding.level === 'error') console.error(line);
    else if (finding.level === 'warning') console.warn(line);
    else console.info(line);
  }
  console.groupEnd();
}
