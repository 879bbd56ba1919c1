// Withdrawal clean-up: when a purpose or service loses consent, the first-party
// storage it declared is removed from the device. Scripts that already ran may
// write again; that is what the `reloadOnWithdraw` option is for.
import type { Config, Consent, Purpose, Service, StorageItem, StorageType } from '../types.js';
import { SLICE_MS, afterNextPaint, yieldToMain } from '../main-thread.js';
import { isPattern, matchesName } from './patterns.js';

export interface OwnedItem {
  item: StorageItem;
  purpose: Purpose;
  service?: Service;
}

/** Every declared storage item with the purpose (and service) that owns it. */
export function ownedItems(config: Config): OwnedItem[] {
  const rows: OwnedItem[] = [];
  for (const purpose of config.purposes ?? []) {
    for (const item of purpose.storage ?? []) rows.push({ item, purpose });
    for (const service of purpose.services ?? []) {
      for (const item of service.storage ?? []) rows.push({ item, purpose, service });
    }
  }
  return rows;
}

function isGranted(consent: Consent, row: OwnedItem): boolean {
  if (row.purpose.basis === 'necessary') return true;
  if (consent.purposes[row.purpose.id] !== true) return false;
  return row.service ? consent.services[row.service.id] !== false : true;
}

/**
 * Ids (purposes and services) that went from granted to not granted. A first
 * decision counts every refused id, so storage that was written before the
 * visitor refused (by a tag that was not gated) goes too.
 */
export function withdrawnIds(previous: Consent, consent: Consent): string[] {
  const ids: string[] = [];
  const wasUndecided = !previous.decided;
  for (const kind of ['purposes', 'services'] as const) {
    for (const [id, now] of Object.entries(consent[kind])) {
      if (now) continue;
      if (wasUndecided || previous[kind][id] === true) ids.push(id);
    }
  }
  return ids;
}

export interface Removal {
  /** Items of withdrawn purposes and services. */
  remove: StorageItem[];
  /** Items of what is still granted: a concrete name they match is kept (`_ga` shared by two services). */
  keep: StorageItem[];
}

/** The storage items to remove: owned by a withdrawn id, and the ones to protect. */
export function itemsToRemove(config: Config, consent: Consent, withdrawn: string[]): Removal {
  const gone = new Set(withdrawn);
  const rows = ownedItems(config);
  return {
    remove: rows
      .filter((row) => !isGranted(consent, row))
      .filter(
        (row) =>
          gone.has(row.purpose.id) || (row.service !== undefined && gone.has(row.service.id)),
      )
      .map((row) => row.item),
    keep: rows.filter((row) => isGranted(consent, row)).map((row) => row.item),
  };
}

export interface CleanupReport {
  /** Names removed, as `type:name`. */
  removed: string[];
  /** Cookies still readable after every deletion attempt (set on a domain or path we cannot reach, or HttpOnly). */
  remaining: string[];
}

/** Cookie names visible to script on this page. */
export function cookieNames(doc: Document = document): string[] {
  if (!doc.cookie) return [];
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);
}

/** The host and every parent domain: a.b.example.nl → a.b.example.nl, b.example.nl, example.nl. */
export function domainsOf(hostname: string): string[] {
  // IP addresses and single-label hosts (localhost) only take host-only cookies.
  if (!hostname.includes('.') || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return [];
  const labels = hostname.split('.');
  const domains: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) domains.push(labels.slice(i).join('.'));
  return domains;
}

/** `/shop/cart/item` → `/`, `/shop`, `/shop/cart`: cookies set without a path default to the page's directory. */
export function pathsOf(pathname: string): string[] {
  const paths = ['/'];
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) paths.push(`/${parts.slice(0, i).join('/')}`);
  return paths;
}

function expireCookie(doc: Document, name: string, path: string, domain?: string): void {
  const secure = doc.location?.protocol === 'https:' ? '; Secure' : '';
  const scope = domain ? `; domain=${domain}` : '';
  doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}${scope}${secure}`;
  // A cookie set with a trailing slash on its path is a different cookie.
  if (path !== '/')
    doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}/${scope}${secure}`;
}

function removeKeys(
  storage: Storage | undefined,
  declared: string,
  label: StorageType,
  removed: string[],
  kept: (type: StorageType, name: string) => boolean,
): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && matchesName(declared, key) && !kept(label, key)) keys.push(key);
  }
  for (const key of keys) {
    storage.removeItem(key);
    removed.push(`${label}:${key}`);
  }
}

function safeStorage(get: () => Storage): Storage | undefined {
  try {
    return get();
  } catch {
    return undefined; // blocked storage (sandboxed iframe, strict privacy settings)
  }
}

/** Does a kept item match this name? Exact names by set lookup: a large config keeps thousands. */
function keeper(keep: StorageItem[]): (type: StorageType, name: string) => boolean {
  const exact = new Set<string>();
  const patterns: StorageItem[] = [];
  for (const item of keep) {
    if (isPattern(item.name)) patterns.push(item);
    else exact.add(`${item.type}:${item.name}`);
  }
  return (type, name) =>
    exact.has(`${type}:${name}`) ||
    patterns.some((item) => item.type === type && matchesName(item.name, name));
}

/**
 * The clean-up as a sequence of steps, one storage item each, so that it can
 * run in slices (CleanupQueue) or at once (removeStorage).
 */
function* removalSteps(
  items: StorageItem[],
  win: Window,
  keep: StorageItem[],
): Generator<void, CleanupReport, void> {
  const kept = keeper(keep);
  const doc = win.document;
  const removed: string[] = [];
  const presentNames = cookieNames(doc);
  const present = new Set(presentNames);
  const domains = domainsOf(win.location.hostname);
  const pagePaths = pathsOf(win.location.pathname);
  const cookieTargets = new Set<string>();
  let databases: Promise<IDBDatabaseInfo[]> | undefined; // listed once, for every pattern

  for (const item of items) {
    if (item.party === 'third') continue; // another site's cookies are out of reach
    switch (item.type) {
      case 'cookie': {
        const paths = new Set(pagePaths);
        if (item.path) paths.add(item.path);
        const scopes = new Set<string | undefined>([undefined, ...domains]);
        if (item.domain) scopes.add(item.domain.replace(/^\./, ''));
        const expire = (name: string, on: Iterable<string>): void => {
          for (const path of on) for (const domain of scopes) expireCookie(doc, name, path, domain);
          cookieTargets.add(name);
        };
        for (const name of presentNames) {
          if (!matchesName(item.name, name) || kept('cookie', name)) continue;
          expire(name, paths);
          removed.push(`cookie:${name}`);
        }
        // An exact name this page cannot see is on none of the paths it sees (its
        // own and their parents): only a declared path elsewhere can hold it.
        // Expiring it on every path too would only queue work for the cookie jar,
        // which holds up the page's next read of document.cookie.
        if (
          !isPattern(item.name) &&
          !present.has(item.name) &&
          item.path &&
          !pagePaths.includes(item.path) &&
          !kept('cookie', item.name)
        )
          expire(item.name, [item.path]);
        break;
      }
      case 'localStorage':
        removeKeys(
          safeStorage(() => win.localStorage),
          item.name,
          'localStorage',
          removed,
          kept,
        );
        break;
      case 'sessionStorage':
        removeKeys(
          safeStorage(() => win.sessionStorage),
          item.name,
          'sessionStorage',
          removed,
          kept,
        );
        break;
      case 'indexedDB': {
        const idb = win.indexedDB;
        if (!idb || kept('indexedDB', item.name)) break;
        if (!isPattern(item.name)) {
          idb.deleteDatabase(item.name);
          break;
        }
        // databases() is missing in older browsers; a pattern then cannot be resolved.
        databases ??= idb.databases?.() ?? Promise.resolve([]);
        databases
          .then((list) => {
            for (const db of list)
              if (db.name && matchesName(item.name, db.name)) idb.deleteDatabase(db.name);
          })
          .catch(() => {});
        break;
      }
      default:
        break; // pixels store nothing of their own on this origin
    }
    yield;
  }
  const after = cookieNames(doc);
  return { removed, remaining: after.filter((name) => cookieTargets.has(name)) };
}

function drain<T>(steps: Generator<void, T, void>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Deletes the given storage items from this page's device storage, sparing names a kept item matches. */
export function removeStorage(
  items: StorageItem[],
  win: Window = window,
  keep: StorageItem[] = [],
): CleanupReport {
  return drain(removalSteps(items, win, keep));
}

interface Running {
  ids: string[];
  steps: Generator<void, CleanupReport, void>;
}

/**
 * The withdrawal clean-ups of one page. A decision applies at once; its
 * clean-up waits until the visitor's click has painted, then runs in slices of
 * SLICE_MS, so thousands of declared items never hold up the page. It removes
 * what is not granted when it runs: a purpose granted again meanwhile keeps
 * its storage. Leaving the page finishes it at once.
 */
export class CleanupQueue {
  /** Withdrawn ids whose storage is still to go. */
  private readonly pending = new Set<string>();
  private running?: Running;
  private scheduled = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: Config,
    /** The decision as it is now. */
    private readonly consent: () => Consent,
    /** Told what each finished clean-up removed and what survived. */
    private readonly report: (report: CleanupReport) => void,
    private readonly win: Window = window,
  ) {}

  /** The decision changed and these ids were withdrawn (none: something may have been granted). */
  changed(withdrawn: string[]): void {
    for (const id of withdrawn) this.pending.add(id);
    // A clean-up under way starts over under the new decision (removing twice is harmless).
    if (this.running) for (const id of this.running.ids) this.pending.add(id);
    this.running = undefined;
    if (this.scheduled || this.pending.size === 0) return;
    this.scheduled = true;
    this.queue = this.queue
      .then(afterNextPaint)
      .then(() => this.run())
      .catch((error: unknown) => reportError(error));
  }

  /** Resolves once every clean-up asked for so far has finished. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The rest of the work now, in this task: the page is being left or the integrations stop. */
  finishNow(): void {
    const running = this.running;
    this.running = undefined;
    if (running) this.report(drain(running.steps));
    if (this.pending.size > 0) this.report(drain(this.start().steps));
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.pending.size === 0) return; // finished by finishNow
    const running = this.start();
    this.running = running;
    for (;;) {
      const until = performance.now() + SLICE_MS;
      let step = running.steps.next();
      while (!step.done && performance.now() < until) step = running.steps.next();
      if (step.done) {
        this.running = undefined;
        this.report(step.value);
        return;
      }
      await yieldToMain();
      if (this.running !== running) return; // started over, or finished at once
    }
  }

  private start(): Running {
    const ids = [...this.pending];
    this.pending.clear();
    const { remove, keep } = itemsToRemove(this.config, this.consent(), ids);
    return { ids, steps: removalSteps(remove, this.win, keep) };
  }
}
