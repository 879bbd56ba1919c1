// The consent store: an EventTarget that holds the decision, applies the pure
// decision functions, persists through a storage adapter and tells listeners.
// Elements and integrations subscribe to it; none of them touch storage.
import type {
  ChangeDetail,
  Config,
  Consent,
  Decision,
  DecisionLayer,
  ErrorDetail,
  Finding,
  StoredState,
} from './types.js';
import type { StorageAdapter } from './storage/adapter.js';
import { defaultAdapter } from './storage/fallback.js';
import { dropStaleCookie, restoreFromCookie } from './storage/decision-cookie.js';
import {
  type Action,
  type Choices,
  changedIds,
  choicesFor,
  consentOf,
  decide,
  forget,
  withoutExpired,
} from './choices.js';
import {
  EMPTY_STATE,
  expiresAt,
  isNewer,
  readStoredState,
  validity,
  type Validity,
} from './decision.js';
import { hashValue } from './hash.js';
import { TabChannel } from './tabs.js';
import { gpcSignal, personActed } from './page.js';

export const StoreStatus = {
  idle: 'idle',
  loading: 'loading',
  ready: 'ready',
  error: 'error',
} as const;
export type StoreStatus = (typeof StoreStatus)[keyof typeof StoreStatus];

export type ChangeSource = 'local' | 'tab' | 'expiry' | 'reset';

export interface StoreChangeDetail extends ChangeDetail {
  source: ChangeSource;
}

export interface StoreOptions {
  adapter?: StorageAdapter;
  now?: () => Date;
  /** Overrides the browser's Global Privacy Control signal. */
  gpc?: boolean;
  locale?: string;
  /** BroadcastChannel name for tab sync, or false to stay alone. */
  channel?: string | false;
  /** IndexedDB database name of the default adapter. */
  database?: string;
  /**
   * The stored record, already being read (the script tag's first layer reads
   * it to decide on the banner): used instead of a second read. A rejection
   * counts as an unreadable storage.
   */
  firstRead?: Promise<unknown>;
}

export interface StoreEventMap {
  change: CustomEvent<StoreChangeDetail>;
  ready: CustomEvent<{ consent: Consent }>;
  open: CustomEvent<{ opener: Element | null }>;
  error: CustomEvent<ErrorDetail>;
}

/** setTimeout's ceiling; longer expiries are checked again on the next load. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ConsentStore extends EventTarget {
  readonly config: Config;
  readonly configHash: string;
  readonly gpc: boolean;
  readonly ready: Promise<Consent>;
  status: StoreStatus = StoreStatus.idle;
  locale: string;
  /** Problems met while reading or writing storage, for diagnostics. */
  readonly findings: Finding[] = [];

  private state: StoredState = EMPTY_STATE;
  private consent: Consent;
  private readonly adapter: StorageAdapter;
  private readonly now: () => Date;
  private readonly channel?: TabChannel;
  private resolveReady!: (consent: Consent) => void;
  private writes: Promise<unknown> = Promise.resolve();
  private expiryTimer?: ReturnType<typeof setTimeout>;
  private loading?: Promise<Consent>;
  private firstRead?: Promise<unknown>;

  constructor(config: Config, options: StoreOptions = {}) {
    super();
    this.config = config;
    this.configHash = hashValue(config);
    this.now = options.now ?? (() => new Date());
    this.locale = options.locale ?? 'en';
    this.gpc = options.gpc ?? (config.gpc !== false && gpcSignal());
    this.adapter =
      options.adapter ??
      defaultAdapter(
        (from, to, error) =>
          this.report(
            'storage-fallback',
            `${from} failed (${describeError(error)}); using ${to} instead`,
          ),
        options.database,
      );
    this.consent = consentOf(EMPTY_STATE, config, this.gpc, this.now());
    this.firstRead = options.firstRead;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    if (options.channel !== false) {
      this.channel = new TabChannel(options.channel ?? 'keuze', () => this.receive());
    }
  }

  override addEventListener<K extends keyof StoreEventMap>(
    type: K,
    listener: (event: StoreEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: unknown,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  override removeEventListener<K extends keyof StoreEventMap>(
    type: K,
    listener: (event: StoreEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: unknown,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  /** Reads the stored decision once; later calls return the same promise. */
  load(): Promise<Consent> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<Consent> {
    this.status = StoreStatus.loading;
    let raw: unknown;
    try {
      raw = await (this.firstRead ?? this.adapter.get());
    } catch (error) {
      this.report(
        'storage-unavailable',
        `the consent record could not be read (${describeError(error)}); the visitor is asked again`,
      );
    }
    const { state: stored, problem, oversized } = readStoredState(raw, this.now());
    if (problem) this.report('storage-corrupt', problem);
    // Keuze's own record goes once it is older than declared (RECORD_RETENTION).
    const state = withoutExpired(stored, this.now());
    if (state === EMPTY_STATE && stored !== EMPTY_STATE) {
      this.writes = this.writes.then(() => this.adapter.clear()).catch(() => undefined);
    } else if (state !== stored || (oversized && !problem)) {
      // Written back bounded at once, so a grown record costs one slow read, not one per load.
      void this.persist(state);
    }
    if (state.current && state.current.configHash !== this.configHash) {
      // Same revision, other wording or details: the choice holds (a new consent purpose or
      // service asks again by itself, see validity()); a new revision asks everyone again.
      this.findings.push({
        level: 'info',
        code: 'config-changed',
        message: `the stored decision was made under another version of the config (hash ${state.current.configHash}, now ${this.configHash}) with the same revision; it holds. Change "revision" to ask every visitor again.`,
      });
    }
    // Safari may have deleted the stored decision; the site's server may have kept it in a cookie.
    const context = { config: this.config, configHash: this.configHash, now: this.now() };
    const restored = restoreFromCookie(state, context);
    if (restored) void this.persist(restored);
    this.state = restored ?? state;
    this.consent = consentOf(this.state, this.config, this.gpc, this.now());
    this.status = StoreStatus.ready;
    this.scheduleExpiry();
    this.resolveReady(this.get());
    this.dispatchEvent(new CustomEvent('ready', { detail: { consent: this.get() } }));
    return this.get();
  }

  /** A snapshot: changing it changes nothing. */
  get(): Consent {
    const { decided, purposes, services, record } = this.consent;
    const snapshot: Consent = { decided, purposes: { ...purposes }, services: { ...services } };
    if (record) snapshot.record = structuredClone(record);
    return snapshot;
  }

  /** Purpose or service id. Unknown ids are never granted. */
  granted(id: string): boolean {
    const { purposes, services } = this.consent;
    // Own keys only: `constructor` or `__proto__` are no ids of any config.
    if (Object.hasOwn(purposes, id)) return purposes[id] === true;
    return Object.hasOwn(services, id) && services[id] === true;
  }

  whenGranted(id: string): Promise<void> {
    if (this.status === StoreStatus.ready && this.granted(id)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.status === StoreStatus.ready && this.granted(id)) {
          this.removeEventListener('change', check);
          this.removeEventListener('ready', check);
          resolve();
        }
      };
      this.addEventListener('change', check);
      this.addEventListener('ready', check);
    });
  }

  /** Why the visitor must be asked, or 'valid' when the stored decision holds. */
  get validity(): Validity {
    return validity(this.state, this.config, this.now());
  }

  /** No decision holds (none yet, expired, new revision or new consent purpose): show the banner. */
  get needsDecision(): boolean {
    return this.status === StoreStatus.ready && !this.consent.decided;
  }

  /** Through the API (`layer` 'api') only while a person acts, unless the config allows it (`api.grantWithoutActivation`). */
  acceptAll(layer: DecisionLayer = 'api'): Promise<Decision> {
    return this.act({ type: 'accept-all' }, layer, personActed());
  }

  rejectAll(layer: DecisionLayer = 'api'): Promise<Decision> {
    return this.act({ type: 'reject-all' }, layer);
  }

  /**
   * Purpose and service ids; a service not named follows its purpose's choice.
   * One that turns anything on is a grant: see `acceptAll`.
   */
  save(choices: Record<string, boolean>, layer: DecisionLayer = 'api'): Promise<Decision> {
    return this.act({ type: 'save', choices: { ...choices } }, layer, personActed());
  }

  /** Refuses every consent-based purpose and service. */
  withdraw(layer: DecisionLayer = 'api'): Promise<Decision> {
    return this.act({ type: 'withdraw' }, layer);
  }

  /** Forgets the decision (kept in the history) so the visitor is asked again. */
  async reset(): Promise<void> {
    await this.load();
    await this.write(forget(this.state, this.now()), 'reset');
  }

  receipt(): { current: Decision | null; history: Decision[] } {
    return structuredClone({ current: this.state.current, history: this.state.history });
  }

  /** Asks the UI to open the cookie centre; `opener` gets focus back when it closes. */
  requestOpen(opener: Element | null = null): void {
    this.dispatchEvent(new CustomEvent('open', { detail: { opener } }));
  }

  /** Resolves once every decision taken so far is written to storage. */
  settled(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  /** Stops listening to other tabs and timers. */
  dispose(): void {
    this.channel?.close();
    clearTimeout(this.expiryTimer);
  }

  private async act(action: Action, layer: DecisionLayer, person = true): Promise<Decision> {
    await this.load();
    const current = { purposes: this.consent.purposes, services: this.consent.services };
    if (layer === 'api' && !person && this.config.api?.grantWithoutActivation !== true) {
      const next = choicesFor(action, this.config, this.gpc, current);
      if (action.type === 'accept-all' || grantsAnything(current, next)) {
        const message = `${action.type === 'save' ? 'save()' : 'acceptAll()'} was refused: the API grants consent only while a person acts (a click or key press). Call it from the handler of your own button, or set "api": { "grantWithoutActivation": true } in the config for a custom UI that calls it later.`;
        this.report('api-grant-refused', message);
        throw new Error(`[keuze] ${message}`);
      }
    }
    const next = decide(
      this.state,
      action,
      {
        config: this.config,
        configHash: this.configHash,
        now: this.now(),
        gpc: this.gpc,
        locale: this.locale,
        layer,
      },
      current,
    );
    await this.write(next, 'local');
    return structuredClone(next.current!);
  }

  /** Applies at once (the page must not wait for the disk), then persists in order. */
  private write(next: StoredState, source: ChangeSource): Promise<void> {
    this.apply(next, source);
    return this.persist(next);
  }

  /**
   * Stores, then tells the other tabs. Telling only after the write landed
   * means a tab that answers with a newer state always writes last.
   */
  private persist(state: StoredState): Promise<void> {
    dropStaleCookie(state);
    const done = this.writes.then(() => this.storeAndTell(state));
    this.writes = done;
    return done;
  }

  private async storeAndTell(state: StoredState): Promise<void> {
    try {
      await this.adapter.set(state);
    } catch (error) {
      this.report(
        'storage-write-failed',
        `the decision could not be stored (${describeError(error)}); it holds for this page only`,
      );
    }
    this.channel?.post();
  }

  private apply(next: StoredState, source: ChangeSource): void {
    const previous = this.consent;
    this.state = next;
    this.consent = consentOf(next, this.config, this.gpc, this.now());
    this.scheduleExpiry();
    const changed = changedIds(previous, this.consent);
    if (source === 'tab' && changed.length === 0 && previous.decided === this.consent.decided)
      return;
    this.emitChange(previous, changed, source);
  }

  private emitChange(previous: Consent, changed: string[], source: ChangeSource): void {
    const detail: StoreChangeDetail = {
      consent: this.get(),
      previous: structuredClone(previous),
      changed,
      source,
    };
    this.dispatchEvent(new CustomEvent('change', { detail }));
  }

  /**
   * Another tab says it wrote. The message carries nothing we trust: read the
   * decision from storage (after our own writes landed) and check it there.
   * Take it when it is newer; answer an older one with ours so both agree.
   */
  private receive(): void {
    if (this.status !== StoreStatus.ready) return;
    this.writes = this.writes.then(async () => {
      let raw: unknown;
      try {
        raw = await this.adapter.get();
      } catch {
        return; // unreadable now; the next load reads again
      }
      const { state, problem } = readStoredState(raw, this.now());
      if (problem) {
        this.report('storage-corrupt', problem);
        return;
      }
      if (state.updatedAt === this.state.updatedAt && state.current?.id === this.state.current?.id)
        return;
      if (isNewer(state, this.state)) this.apply(state, 'tab');
      else await this.storeAndTell(this.state);
    });
  }

  /** A decision that runs out while the page is open asks again without a reload. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const at = expiresAt(this.state, this.config);
    if (at === null || !this.consent.decided) return;
    const delay = at - this.now().getTime();
    if (delay > MAX_TIMER_MS) return;
    this.expiryTimer = setTimeout(
      () => {
        const previous = this.consent;
        this.consent = consentOf(this.state, this.config, this.gpc, this.now());
        if (previous.decided && !this.consent.decided)
          this.emitChange(previous, changedIds(previous, this.consent), 'expiry');
      },
      Math.max(0, delay),
    );
  }

  private report(code: string, message: string): void {
    this.findings.push({ level: 'warning', code, message });
    this.dispatchEvent(new CustomEvent('error', { detail: { message } }));
  }
}

/** Whether `next` turns on anything `current` has off. */
function grantsAnything(current: Choices, next: Choices): boolean {
  return (['purposes', 'services'] as const).some((kind) =>
    Object.entries(next[kind]).some(([id, on]) => on && current[kind][id] !== true),
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
