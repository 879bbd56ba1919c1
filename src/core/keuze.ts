// The page's Keuze: one object per page (window.keuze in the script-tag build,
// the `keuze` export on npm). It validates the config, owns the store, starts
// the gate and the integrations, and turns store events into the public
// `keuze-*` events on document. An invalid config fails closed: nothing is
// granted and nothing gated runs.
import type { Config, Consent, Decision, ErrorDetail, Finding, KeuzeEventMap } from './types.js';
import { formatIssue, validateConfig, type ValidationResult } from './config/validate.js';
import { isRecord } from './config/check.js';
import { hasPresets, presetsBeside, resolvePresets, type PresetSource } from './config/presets.js';
import { ConsentStore, type StoreChangeDetail, type StoreOptions } from './store.js';
import { Gate, standInForRefused } from './gate.js';
import { beforeLoad, diagnose, diagnoseConfig, startIntegrations } from './integrations/index.js';
import { usePresetHints } from './integrations/diagnostics.js';
import { setPageStore } from './page-store.js';
import { closedConsent, initialLocale, listen } from './page.js';

export type KeuzeEventName = keyof KeuzeEventMap;
type ShortName = KeuzeEventName extends `keuze-${infer Rest}` ? Rest : never;

export interface InitOptions extends StoreOptions {
  /** Where gated content is looked for. Default: document. */
  root?: Document;
  /** Start the gate (default true). A site that gates by itself may turn it off. */
  gate?: boolean;
  /**
   * Where services that name a catalogue preset get it from: a source, or the URL
   * of a file beside which `catalogue/<id>.json` lies (the script-tag build).
   */
  presets?: PresetSource | string;
}

let defaultPresets: PresetSource | string | undefined;

/** Where `init` gets presets when its options name none (the script-tag engine: beside the script). */
export function setDefaultPresets(source: PresetSource | string): void {
  defaultPresets = source;
}

let showUnavailable: ((opener: Element | null) => void) | undefined;

/** What open() shows the visitor when the config was refused (the script-tag engine: <keuze-unavailable>). */
export function setUnavailableMessage(show: (opener: Element | null) => void): void {
  showUnavailable = show;
}

function emit<K extends KeuzeEventName>(type: K, detail: KeuzeEventMap[K]['detail']): void {
  if (typeof document === 'undefined') return;
  document.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

export class Keuze {
  /** Resolves once the stored decision was read (or the config was refused: then nothing is granted). */
  readonly ready: Promise<Consent>;
  private resolveReady!: (consent: Consent) => void;
  private current?: ConsentStore;
  private validation?: ValidationResult;
  private stops: Array<() => void> = [];
  private initialising?: Promise<Consent>;
  /** Where gated content is (default: document), or false when the site turned the gate off. */
  private gateRoot?: Document | false;

  constructor() {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** The store, for elements and custom UIs; undefined before init or when the config was refused. */
  get store(): ConsentStore | undefined {
    return this.current;
  }

  /**
   * Validates the config and starts Keuze. Runs the synchronous part (validation,
   * Consent Mode default) before its first await. A second call is ignored with a
   * warning and returns the first call's result.
   */
  init(input: unknown, options: InitOptions = {}): Promise<Consent> {
    if (this.initialising) {
      console.warn('[keuze] init() was called again; the first config stays in force.');
      return this.initialising;
    }
    this.gateRoot = options.gate === false ? false : options.root;
    const presets = options.presets ?? defaultPresets;
    const source = typeof presets === 'string' ? presetsBeside(presets) : presets;
    // Debug mode only: the catalogue's name map, so diagnostics can say which preset an undeclared name belongs to.
    if (source?.hints && isRecord(input) && input.debug === true)
      void source.hints().then(usePresetHints, () => undefined);
    if (source && hasPresets(input)) {
      // Google tags placed after us must see the default now, not after the presets arrive.
      if (isRecord(input) && input.googleConsentMode) beforeLoad(input as unknown as Config);
      const rest = { ...options, presets: undefined };
      this.initialising = resolvePresets(input, source.fetch, source).then(({ config, errors }) =>
        errors.length > 0
          ? this.refuse((this.validation = { ok: false, errors, warnings: [] }))
          : this.start(config, rest),
      );
      return this.initialising;
    }
    return this.start(input, options);
  }

  private start(input: unknown, options: InitOptions): Promise<Consent> {
    const result = validateConfig(input);
    this.validation = result;
    for (const warning of result.warnings) console.warn(`[keuze] config ${formatIssue(warning)}`);
    if (!result.ok || !result.config) {
      // Google tags placed after us must still see "denied" when our config is broken.
      if (isRecord(input) && input.googleConsentMode) beforeLoad(input as unknown as Config);
      this.initialising = Promise.resolve(this.refuse(result));
      return this.initialising;
    }
    const config = result.config;
    // On every page load, not only in diagnostics(): device storage on legitimate interest is a legal risk the owner must see.
    for (const finding of diagnoseConfig(config))
      if (finding.code === 'legitimate-interest-storage')
        console.warn(`[keuze] config ${finding.path}: ${finding.message}`);
    beforeLoad(config);
    const store = new ConsentStore(config, { locale: initialLocale(config), ...options });
    this.current = store;
    setPageStore(store);
    store.addEventListener('change', (event) => {
      const { consent, previous, changed } = (event as CustomEvent<StoreChangeDetail>).detail;
      emit('keuze-change', { consent, previous, changed });
    });
    store.addEventListener('error', (event) => {
      const { message } = (event as CustomEvent<ErrorDetail>).detail;
      if (config.debug) console.warn(`[keuze] ${message}`);
    });
    this.initialising = store.load().then((consent) => {
      // First: a returning visitor's Consent Mode update must be in the data layer before a
      // gated Google tag runs.
      this.stops.push(startIntegrations(store));
      if (options.gate !== false) {
        const gate = new Gate(store, options.root ?? document);
        gate.start();
        this.stops.push(() => gate.stop());
      }
      this.resolveReady(consent);
      emit('keuze-ready', { consent });
      return consent;
    });
    return this.initialising;
  }

  /** Stops before starting, e.g. when the config could not be loaded. Nothing is granted. */
  fail(message: string, path = 'config'): Promise<Consent> {
    if (this.initialising) return this.initialising;
    const result: ValidationResult = {
      ok: false,
      errors: [{ path, message, severity: 'error' }],
      warnings: [],
    };
    this.validation = result;
    this.initialising = Promise.resolve(this.refuse(result));
    return this.initialising;
  }

  private refuse(result: ValidationResult): Consent {
    const lines = result.errors.map(formatIssue);
    console.error(
      `[keuze] Keuze did not start, so nothing that needs consent will run:\n  ${lines.join('\n  ')}`,
    );
    for (const issue of result.errors)
      emit('keuze-error', { message: formatIssue(issue), path: issue.path });
    const root = this.gateRoot ?? (typeof document !== 'undefined' ? document : false);
    if (root) standInForRefused(root);
    this.resolveReady(this.get());
    emit('keuze-ready', { consent: this.get() });
    return this.get();
  }

  /** A snapshot of the consent state. */
  get(): Consent {
    return this.current ? this.current.get() : closedConsent();
  }

  granted(id: string): boolean {
    return this.current?.granted(id) ?? false;
  }

  /** Resolves when the purpose or service is granted (never, if the config was refused). */
  whenGranted(id: string): Promise<void> {
    if (this.current) return this.current.whenGranted(id);
    return this.ready.then(() =>
      this.current ? this.current.whenGranted(id) : new Promise<void>(() => {}),
    );
  }

  acceptAll(): Promise<Decision> {
    return this.with((store) => store.acceptAll('api'));
  }

  rejectAll(): Promise<Decision> {
    return this.with((store) => store.rejectAll('api'));
  }

  save(choices: Record<string, boolean>): Promise<Decision> {
    return this.with((store) => store.save(choices, 'api'));
  }

  /**
   * Opens the cookie centre (when the UI is mounted); focus goes back to `opener`
   * (default: the focused element) when it closes. With a refused config: a console
   * error, and the visitor sees that the settings are unavailable.
   */
  open(
    opener: Element | null = typeof document !== 'undefined' ? document.activeElement : null,
  ): void {
    if (this.current) return this.current.requestOpen(opener);
    console.error(
      this.validation
        ? '[keuze] keuze.open(): the cookie settings cannot open because the config was refused (see keuze.diagnostics()).'
        : '[keuze] keuze.open(): Keuze is not initialised: call keuze.init(config) first.',
    );
    if (this.validation) showUnavailable?.(opener);
  }

  /** Forgets the decision and asks again. */
  reset(): Promise<void> {
    return this.with((store) => store.reset());
  }

  /** Listens to `keuze-change` (or `change`, `ready`, `show`, `hide`, `error`); returns a function that stops. */
  on<K extends KeuzeEventName | ShortName>(
    type: K,
    listener: (event: KeuzeEventMap[K extends ShortName ? `keuze-${K}` : K]) => void,
  ): () => void {
    return listen(type, listener as unknown as EventListener);
  }

  /** The current decision and its history, as JSON. */
  receipt(): string {
    const receipt = this.current?.receipt() ?? { current: null, history: [] };
    return JSON.stringify(
      {
        controller: this.current?.config.controller?.name ?? null,
        revision: this.current?.config.revision ?? null,
        ...receipt,
      },
      null,
      2,
    );
  }

  /** Findings about the config, storage and what the page stores. */
  diagnostics(): Finding[] {
    const findings: Finding[] = [];
    for (const issue of this.validation?.errors ?? []) {
      findings.push({
        level: 'error',
        code: 'config-invalid',
        message: formatIssue(issue),
        path: issue.path,
      });
    }
    for (const issue of this.validation?.warnings ?? []) {
      findings.push({
        level: 'warning',
        code: 'config-unknown-key',
        message: formatIssue(issue),
        path: issue.path,
      });
    }
    if (this.current) findings.push(...this.current.findings, ...diagnose(this.current));
    return findings;
  }

  /** Runs a store action, or rejects with the reason there is no store. */
  private with<T>(action: (store: ConsentStore) => Promise<T>): Promise<T> {
    if (this.current) return action(this.current);
    return Promise.reject(
      new Error(
        this.validation
          ? 'Keuze did not start: the config is invalid (see keuze.diagnostics()).'
          : 'Keuze is not initialised: call keuze.init(config) first.',
      ),
    );
  }
}

/** The page's single Keuze. */
export const keuze = /* @__PURE__ */ new Keuze();
