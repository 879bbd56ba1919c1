// window.keuze in the script-tag build (src/embed.ts, a classic script). The
// same API as the engine's Keuze (src/core/keuze.ts), answered here until the
// engine has loaded: the Consent Mode default is pushed at once, the banner
// shows from a BootStore (the `banner` part), and the engine (validation,
// store, gate, integrations, the other elements) runs after the banner has
// painted — at once for a returning visitor, whose gated content must run.
import type { Keuze, InitOptions } from '../core/keuze.js';
import type { Consent, Decision, Finding } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { BootStore } from './boot-store.js';
import { resolveConsentMode, pushConsentModeDefault } from '../core/integrations/consent-mode.js';
import { isRecord } from '../core/config/check.js';
import { duplicateIds } from '../core/config/ids.js';
import { closedConsent, listen } from '../core/page.js';
import { readStoredState } from '../core/decision.js';

/** The `engine` part's exports (src/lazy/engine.ts). */
export type Engine = typeof import('../lazy/engine.js');
/** The `banner` part's exports (src/lazy/banner.ts). */
export type FirstLayer = typeof import('../lazy/banner.js');

const BASES = ['necessary', 'consent', 'legitimate-interest'];

/**
 * Whether the banner can be shown from this config while the engine loads. The
 * engine validates everything and removes the banner when the config is
 * refused; the first layer never grants or runs anything, so a config that
 * passes here but fails there still fails closed.
 */
function showableConfig(input: unknown): input is BootStore['config'] {
  return (
    isRecord(input) &&
    typeof input.revision === 'string' &&
    Array.isArray(input.purposes) &&
    input.purposes.length > 0 &&
    input.purposes.every(
      (purpose) =>
        isRecord(purpose) &&
        typeof purpose.id === 'string' &&
        BASES.includes(purpose.basis as string),
    ) &&
    // Cheap, and a banner the engine takes away again would swallow the visitor's click.
    duplicateIds(input).length === 0
  );
}

export type PublicKeuze = { [K in keyof Keuze]: Keuze[K] };

export class BootKeuze implements PublicKeuze {
  readonly ready: Promise<Consent>;
  /**
   * The banner's store while the engine loads: undefined when the config cannot show a
   * banner, resolves to undefined when a decision is stored (the engine decides).
   */
  boot?: Promise<BootStore | undefined>;
  /** Whether init (or fail) has been called. */
  started = false;
  #engine?: Keuze;
  #loading?: Promise<Keuze>;
  #resolveReady!: (consent: Consent) => void;
  #release!: () => void;
  readonly #released = new Promise<void>((resolve) => (this.#release = resolve));

  readonly #load: () => Promise<Engine>;
  readonly #loadFirstLayer?: () => Promise<FirstLayer>;
  /** The stored record, read once by src/embed.ts; the banner and the engine take it. */
  readonly #record?: Promise<unknown>;
  /**
   * Whether that record holds a decision (valid or not: the engine judges it). False
   * when it holds none or could not be read. Undefined without a record.
   */
  readonly decided?: Promise<boolean>;

  /**
   * Without `loadFirstLayer` (`data-ui="none"`) there is no banner. Without
   * `record` the engine reads the stored decision itself.
   */
  constructor(
    load: () => Promise<Engine>,
    loadFirstLayer?: () => Promise<FirstLayer>,
    record?: Promise<unknown>,
  ) {
    this.#load = load;
    this.#loadFirstLayer = loadFirstLayer;
    this.#record = record;
    this.decided = record?.then(
      (raw) => readStoredState(raw).state.current !== null,
      () => false,
    );
    this.ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  /** The engine's store, once it has loaded. */
  get store(): ConsentStore | undefined {
    return this.#engine?.store;
  }

  /** Loads the engine now (a visitor acted, or gated content must run). */
  now(): Promise<Keuze> {
    this.#release();
    this.#loading ??= this.#load().then((engine) => (this.#engine = engine.keuze));
    // A failed download may succeed on a later attempt (the loader forgets it).
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  init(input: unknown, options: InitOptions = {}): Promise<Consent> {
    if (this.started) {
      console.warn('[keuze] init() was called again; the first config stays in force.');
      return this.ready;
    }
    // Google tags placed after us must see the default now, even for a config the engine will
    // refuse. The engine's push is then a no-op: consent-mode.ts remembers the data layer.
    // resolveConsentMode reads `input?.googleConsentMode`, so any value is safe to pass.
    const consentMode = resolveConsentMode(input as never);
    if (consentMode) pushConsentModeDefault(consentMode);
    // The engine's store takes the record read already, rather than reading it again.
    const record = this.#record;
    const engineOptions = record ? { ...options, firstRead: record } : options;
    const loadFirstLayer = this.#loadFirstLayer;
    const decided = this.decided;
    if (!loadFirstLayer || !decided || !showableConfig(input)) {
      void this.now(); // no banner to show, or the engine names what is wrong
      return this.#begin((keuze) => keuze.init(input, engineOptions));
    }
    // A stored decision: the engine judges it and runs the gate (src/embed.ts loads it at once),
    // and the banner's part is not evaluated at all. None, or an unreadable record: the banner
    // shows from the boot store while the engine loads.
    const boot = decided
      .then((stored) => (stored ? undefined : loadFirstLayer()))
      .then(
        (layer) =>
          layer &&
          new layer.BootStore(
            input,
            () => this.#engineStore(),
            // A click on the banner before the engine refused the config: say so, never lose it.
            (opener) =>
              void this.#load().then(
                (engine) => engine.showUnavailable(opener),
                () => undefined,
              ),
          ),
      );
    this.boot = boot;
    // A returning visitor's gated content waits for the engine: load it at once.
    void boot.then(
      async (store) => {
        if (store) await store.ready;
        if (!store?.needsDecision) void this.now();
      },
      () => void this.now(), // no banner: the engine reads and decides alone
    );
    return this.#begin((keuze) => keuze.init(input, engineOptions));
  }

  /** Runs the engine's init (or fail) once the engine may load; `ready` settles with its answer. */
  #begin(start: (keuze: Keuze) => Promise<Consent>): Promise<Consent> {
    this.started = true;
    this.#released
      .then(() => this.now())
      .then(start)
      .then(this.#resolveReady, () => this.#resolveReady(closedConsent()));
    return this.ready;
  }

  /** The engine's store once init has finished there (undefined when the config was refused). */
  #engineStore(): Promise<ConsentStore | undefined> {
    void this.now();
    return this.ready.then(() => this.#engine?.store);
  }

  /** Lets the engine load when the page has nothing better to do (the banner has shown). */
  whenIdle(): void {
    const idle = (globalThis as { requestIdleCallback?: (f: () => void, o: object) => void })
      .requestIdleCallback;
    const go = () => void this.now();
    // After the banner's entrance (180 ms by default): evaluating the engine must not jank it.
    setTimeout(() => (idle ? idle(go, { timeout: 500 }) : go()), 250);
  }

  fail(message: string, path?: string): Promise<Consent> {
    if (this.started) return this.ready;
    void this.now();
    return this.#begin((keuze) => keuze.fail(message, path));
  }

  get(): Consent {
    return this.#engine?.get() ?? closedConsent();
  }

  granted(id: string): boolean {
    return this.#engine?.granted(id) ?? false;
  }

  whenGranted(id: string): Promise<void> {
    return this.ready.then(() => this.#engine?.whenGranted(id) ?? new Promise<void>(() => {}));
  }

  acceptAll(): Promise<Decision> {
    return this.#afterInit((keuze) => keuze.acceptAll());
  }

  rejectAll(): Promise<Decision> {
    return this.#afterInit((keuze) => keuze.rejectAll());
  }

  save(choices: Record<string, boolean>): Promise<Decision> {
    return this.#afterInit((keuze) => keuze.save(choices));
  }

  open(opener: Element | null = document.activeElement): void {
    // Never an uncaught error: a failed download is reported where it happened (src/embed.ts).
    this.#afterInit(async (keuze) => keuze.open(opener)).catch(() => undefined);
  }

  reset(): Promise<void> {
    return this.#afterInit((keuze) => keuze.reset());
  }

  on: Keuze['on'] = (type, listener) => listen(type, listener as unknown as EventListener);

  receipt(): string {
    return this.#engine
      ? this.#engine.receipt()
      : JSON.stringify({ controller: null, revision: null, current: null, history: [] }, null, 2);
  }

  diagnostics(): Finding[] {
    return this.#engine?.diagnostics() ?? [];
  }

  /** An API call: the engine loads now, and the call runs once init has finished there. */
  #afterInit<T>(action: (keuze: Keuze) => Promise<T>): Promise<T> {
    const engine = this.now();
    return (this.started ? this.ready : Promise.resolve()).then(() => engine).then(action);
  }
}
