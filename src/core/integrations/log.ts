// Proof of consent (GDPR 7(1)): every decision is POSTed to the site's endpoint.
// A record first goes into an outbox in IndexedDB and leaves it only when the
// server answered 2xx, so a failing network or server loses nothing: the record
// is retried with backoff, when the browser comes back online, and on the next
// page load. The record's random `id` lets the server drop a repeat delivery
// (a keepalive request may arrive after the page that sent it is gone).
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { Config, Decision, DecisionLayer } from '../types.js';
import { hashValue } from '../hash.js';
import { lookup, text, translation } from '../locale.js';
import { version } from '../version.js';

/**
 * What is sent: the decision's own fields, the widget's version and a hash of
 * the words shown, so the site owner can show what was agreed to. Never an IP
 * address or fingerprint.
 */
export type LogRecord = Pick<
  Decision,
  | 'id'
  | 'decidedAt'
  | 'expiresAt'
  | 'revision'
  | 'configHash'
  | 'method'
  | 'layer'
  | 'locale'
  | 'gpc'
  | 'purposes'
  | 'services'
> & {
  consentId: string;
  widgetVersion: string;
  textsHash: string;
};

/** The UI strings each layer shows (the cookie centre's too when the visitor decided there). */
const SHOWN_KEYS: Record<DecisionLayer, readonly string[]> = {
  banner: ['banner.', 'gpc.', 'purpose.'],
  centre: ['banner.', 'gpc.', 'purpose.', 'centre.'],
  placeholder: ['placeholder.', 'purpose.'],
  api: ['banner.', 'gpc.', 'purpose.'],
};

/**
 * A fingerprint of the words the visitor saw where they decided, in their
 * language after the site's overrides: the layer's UI strings and the config's
 * purpose and service texts. With the config (`configHash`) and the widget
 * version a site owner can rebuild them and show the hash matches.
 */
export function textsHash(config: Config, lang: string, layer: DecisionLayer): string {
  const prefixes = SHOWN_KEYS[layer] ?? SHOWN_KEYS.banner;
  const keys = Object.keys(translation('en') ?? {})
    .filter((key) => prefixes.some((prefix) => key.startsWith(prefix)))
    .sort();
  const strings = Object.fromEntries(keys.map((key) => [key, lookup(key, lang, config.texts)]));
  const purposes = config.purposes.map((purpose) => ({
    id: purpose.id,
    name: text(purpose.name, lang),
    description: text(purpose.description, lang),
    services: (purpose.services ?? []).map((service) => ({
      id: service.id,
      name: text(service.name, lang),
      description: text(service.description, lang),
    })),
  }));
  return hashValue({ lang, strings, purposes });
}

interface OutboxEntry {
  record: LogRecord;
  endpoint: string;
  attempts: number;
  /** Epoch ms before which no retry is made in this page. */
  nextAt: number;
}

/** Where undelivered records wait. */
export interface Outbox {
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
  all(): Promise<OutboxEntry[]>;
}

export function toLogRecord(decision: Decision, shownTextsHash: string): LogRecord {
  return {
    id: decision.id,
    // A decision stored before consent ids existed stands for itself.
    consentId: decision.consentId ?? decision.id,
    decidedAt: decision.decidedAt,
    expiresAt: decision.expiresAt,
    revision: decision.revision,
    configHash: decision.configHash,
    method: decision.method,
    layer: decision.layer,
    locale: decision.locale,
    gpc: decision.gpc,
    purposes: { ...decision.purposes },
    services: { ...decision.services },
    widgetVersion: version,
    textsHash: shownTextsHash,
  };
}

export class MemoryOutbox implements Outbox {
  private entries = new Map<string, OutboxEntry>();
  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.record.id, structuredClone(entry));
  }
  async remove(id: string): Promise<void> {
    this.entries.delete(id);
  }
  async all(): Promise<OutboxEntry[]> {
    return [...this.entries.values()].map((entry) => structuredClone(entry));
  }
}

/**
 * The outbox in IndexedDB (its own database, apart from the decision store).
 * If IndexedDB fails (blocked, private mode, quota) it falls back to memory for
 * the rest of the page: the records are still sent, only not kept across loads.
 */
export class IdbOutbox implements Outbox {
  private store: UseStore | undefined;
  private fallback: MemoryOutbox | undefined;

  constructor(
    readonly dbName = 'keuze-log',
    readonly storeName = 'outbox',
  ) {}

  /** True once IndexedDB failed and records are kept in memory only. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  private async run<T>(
    op: (store: UseStore) => Promise<T>,
    orElse: (memory: MemoryOutbox) => Promise<T>,
  ): Promise<T> {
    if (!this.fallback) {
      try {
        this.store ??= createStore(this.dbName, this.storeName);
        return await op(this.store);
      } catch {
        this.fallback = new MemoryOutbox();
      }
    }
    return orElse(this.fallback);
  }

  put(entry: OutboxEntry): Promise<void> {
    return this.run(
      (store) => set(entry.record.id, entry, store),
      (memory) => memory.put(entry),
    );
  }
  remove(id: string): Promise<void> {
    return this.run(
      (store) => del(id, store),
      (memory) => memory.remove(id),
    );
  }
  all(): Promise<OutboxEntry[]> {
    return this.run(
      async (store) => (await entries<string, OutboxEntry>(store)).map(([, entry]) => entry),
      (memory) => memory.all(),
    );
  }
}

export interface ConsentLogOptions {
  outbox?: Outbox;
  /** First retry delay in ms; doubles each attempt up to `maxDelay`. */
  baseDelay?: number;
  maxDelay?: number;
  /** Most records kept waiting; the oldest are dropped beyond it. */
  maxRecords?: number;
  win?: Window;
}

/** Sends decision records to one endpoint, each until the server accepted it. */
export class ConsentLog {
  readonly endpoint: string;
  private outbox: Outbox;
  private baseDelay: number;
  private maxDelay: number;
  private maxRecords: number;
  private win: Window;
  private flushing: Promise<void> | undefined;
  private again = false;
  private againForce = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = new Set<string>();
  /** The waiting records, mirrored in memory for page hide. */
  private waiting = new Map<string, OutboxEntry>();
  /** Ids delivered by this page: a stale outbox read must not send them again. */
  private done = new Set<string>();
  private stopped = false;
  /** Records known to be waiting, for diagnostics (updated after each flush). */
  pending = 0;

  constructor(endpoint: string, options: ConsentLogOptions = {}) {
    this.win = options.win ?? window;
    this.endpoint = new URL(endpoint, this.win.location.href).href;
    this.outbox = options.outbox ?? new IdbOutbox();
    this.baseDelay = options.baseDelay ?? 1000;
    this.maxDelay = options.maxDelay ?? 5 * 60_000;
    this.maxRecords = options.maxRecords ?? 200;
    this.win.addEventListener('online', this.handleOnline);
    this.win.addEventListener('pagehide', this.handlePageHide);
    this.win.document.addEventListener('visibilitychange', this.handleVisibility);
  }

  /** Stops listening and retrying; waiting records stay in the outbox for the next load. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.win.removeEventListener('online', this.handleOnline);
    this.win.removeEventListener('pagehide', this.handlePageHide);
    this.win.document.removeEventListener('visibilitychange', this.handleVisibility);
  }

  /**
   * Puts a decision in the outbox and tries to send it at once. Resolves once it
   * is safely stored. `shownTextsHash`: see textsHash().
   */
  async record(decision: Decision, shownTextsHash: string): Promise<void> {
    const entry: OutboxEntry = {
      record: toLogRecord(decision, shownTextsHash),
      endpoint: this.endpoint,
      attempts: 0,
      nextAt: 0,
    };
    this.waiting.set(entry.record.id, entry);
    await this.outbox.put(entry);
    void this.flush();
  }

  /**
   * Resolves true once the record was accepted by the server, false after
   * `timeout` ms. Used before a reload: a request cut off by the reload would
   * be sent again by the next page.
   */
  async settled(id: string, timeout = 2000): Promise<boolean> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if (this.done.has(id)) return true;
      if (!this.waiting.has(id) && !this.inFlight.has(id)) return this.done.has(id);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.done.has(id);
  }

  /** Sends every waiting record that is due (`force`: ignore the backoff). One flush at a time. */
  flush(force = false): Promise<void> {
    if (this.flushing) {
      this.again = true;
      this.againForce ||= force;
      return this.flushing;
    }
    this.flushing = this.withLock(() => this.flushOnce(force))
      .then((ran) => {
        // Another tab holds the log: look again shortly, in case our record was not in its read.
        if (!ran && !this.stopped) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.flush(), this.baseDelay);
        }
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.again && !this.stopped) {
          const force = this.againForce;
          this.again = false;
          this.againForce = false;
          void this.flush(force);
        }
      });
    return this.flushing;
  }

  /** Two tabs opened at once must not both send the same waiting record. */
  private async withLock(work: () => Promise<void>): Promise<boolean> {
    const locks = (this.win.navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks?.request) {
      await work();
      return true;
    }
    return locks.request('keuze-log', { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await work();
      return true;
    });
  }

  private async flushOnce(force: boolean): Promise<void> {
    let waiting = (await this.outbox.all()).filter(
      (entry) => entry.endpoint === this.endpoint && !this.done.has(entry.record.id),
    );
    waiting.sort((a, b) => a.record.decidedAt.localeCompare(b.record.decidedAt));
    if (waiting.length > this.maxRecords) {
      const dropped = waiting.slice(0, waiting.length - this.maxRecords);
      for (const entry of dropped) await this.outbox.remove(entry.record.id);
      waiting = waiting.slice(dropped.length);
    }
    for (const entry of waiting) this.waiting.set(entry.record.id, entry);
    const now = Date.now();
    let next = Infinity;
    for (const entry of waiting) {
      if (this.stopped) return;
      if (!force && entry.nextAt > now) {
        next = Math.min(next, entry.nextAt);
        continue;
      }
      if (this.inFlight.has(entry.record.id) || this.done.has(entry.record.id)) continue;
      if (await this.send(entry.record)) {
        await this.delivered(entry.record.id);
        continue;
      }
      entry.attempts += 1;
      const delay = Math.min(this.maxDelay, this.baseDelay * 2 ** (entry.attempts - 1));
      // Jitter keeps many visitors from retrying at the same moment after an outage.
      entry.nextAt = Date.now() + delay * (0.75 + Math.random() * 0.5);
      await this.outbox.put(entry);
      next = Math.min(next, entry.nextAt);
    }
    this.pending = this.waiting.size;
    clearTimeout(this.timer);
    if (next !== Infinity && !this.stopped) {
      this.timer = setTimeout(() => void this.flush(), Math.max(0, next - Date.now()));
    }
  }

  private async send(record: LogRecord): Promise<boolean> {
    this.inFlight.add(record.id);
    try {
      const response = await this.win.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(record),
        // Survives the page: a decision followed by a reload or navigation still arrives.
        keepalive: true,
        // The record says all the server needs: no session cookie, no page URL with its query.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
      return response.ok;
    } catch {
      return false; // offline, DNS, CORS, no fetch: the record waits
    } finally {
      this.inFlight.delete(record.id);
    }
  }

  /**
   * On page hide, hand every waiting record to the browser at once (from memory:
   * an IndexedDB read may not finish before the page is frozen). A keepalive
   * request outlives the page; the record stays in the outbox until a 2xx is
   * seen, so if the page is gone first the next load sends it again and the
   * server drops the repeat by its id.
   */
  private sendOnHide(): void {
    for (const entry of this.waiting.values()) {
      if (this.inFlight.has(entry.record.id) || this.done.has(entry.record.id)) continue;
      void this.send(entry.record).then((ok) => {
        if (ok) return this.delivered(entry.record.id);
      });
    }
  }

  private async delivered(id: string): Promise<void> {
    this.done.add(id);
    this.waiting.delete(id);
    await this.outbox.remove(id);
  }

  private handleOnline = (): void => {
    void this.flush(true);
  };

  private handlePageHide = (): void => {
    this.sendOnHide();
  };

  private handleVisibility = (): void => {
    if (this.win.document.visibilityState === 'hidden') this.sendOnHide();
  };
}
