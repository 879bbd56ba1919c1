// window.keuze in the script-tag build. The same API as the engine's Keuze
// (src/core/keuze.ts), answered by the first layer until the engine has loaded:
// the config is read and the Consent Mode default pushed at once, the banner
// shows from a BootStore, and the engine (validation, store, gate,
// integrations, Lit and the other elements) loads after the banner has
// painted — at once for a returning visitor, whose gated content must run.
import type { Keuze, InitOptions } from '../core/keuze.js';
import type { Consent, Decision, Finding } from '../core/types.js';
import type { ConsentStore } from '../core/store.js';
import type { mountUI } from '../elements/mount.js';
import { resolveConsentMode, pushConsentModeDefault } from '../core/integrations/consent-mode.js';
import { showableConfig } from './first-look.js';
import { BootStore } from './boot-store.js';
import { closedConsent, listen } from '../core/page.js';

/** What dist/keuze-engine.js leaves on window.__keuze.engine. */
export interface Engine {
  keuze: Keuze;
  mountUI: typeof mountUI;
}

export type PublicKeuze = { [K in keyof Keuze]: Keuze[K] };

export class BootKeuze implements PublicKeuze {
  readonly ready: Promise<Consent>;
  /** The banner's store while the engine loads; undefined when the config cannot show a banner. */
  boot?: BootStore;
  /** Whether init (or fail) has been called. */
  started = false;
  #engine?: Keuze;
  #loading?: Promise<Keuze>;
  #resolveReady!: (consent: Consent) => void;
  #release!: () => void;
  readonly #released = new Promise<void>((resolve) => (this.#release = resolve));

  readonly #load: () => Promise<Engine>;

  constructor(load: () => Promise<Engine>) {
    this.#load = load;
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
    if (showableConfig(input)) {
      const boot = new BootStore(input, () => this.#engineStore());
      this.boot = boot;
      // A returning visitor's gated content waits for the engine: load it at once.
      void boot.ready.then(() => {
        if (!boot.needsDecision) void this.now();
      });
    } else {
      void this.now(); // the engine names what is wrong
    }
    return this.#begin((keuze) => keuze.init(input, options));
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

  open(): void {
    const opener = document.activeElement;
    void this.#afterInit(async (keuze) => keuze.store?.requestOpen(opener));
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
