// Withdrawal clean-up: when a purpose or service loses consent, the first-party
// storage it declared is removed from the device. Scripts that already ran may
// write again; that is what the `reloadOnWithdraw` option is for.
import type { Config, Consent, Purpose, Service, StorageItem, StorageType } from '../types.js';
import { matchesName } from './patterns.js';

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

/** Deletes the given storage items from this page's device storage, sparing names a kept item matches. */
export function removeStorage(
  items: StorageItem[],
  win: Window = window,
  keep: StorageItem[] = [],
): CleanupReport {
  const kept = (type: StorageType, name: string) =>
    keep.some((item) => item.type === type && matchesName(item.name, name));
  const doc = win.document;
  const removed: string[] = [];
  const present = cookieNames(doc);
  const domains = domainsOf(win.location.hostname);
  const pagePaths = pathsOf(win.location.pathname);
  const cookieTargets: string[] = [];

  for (const item of items) {
    if (item.party === 'third') continue; // another site's cookies are out of reach
    switch (item.type) {
      case 'cookie': {
        const names = present.filter((name) => matchesName(item.name, name));
        // An exact name may be set on a path this page cannot see: expire it anyway.
        if (!item.name.includes('*') && !names.includes(item.name)) names.push(item.name);
        for (let i = names.length - 1; i >= 0; i--)
          if (kept('cookie', names[i])) names.splice(i, 1);
        const paths = new Set(pagePaths);
        if (item.path) paths.add(item.path);
        const scopes = new Set<string | undefined>([undefined, ...domains]);
        if (item.domain) scopes.add(item.domain.replace(/^\./, ''));
        for (const name of names) {
          for (const path of paths)
            for (const domain of scopes) expireCookie(doc, name, path, domain);
          if (present.includes(name)) removed.push(`cookie:${name}`);
          cookieTargets.push(name);
        }
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
      case 'indexedDB':
        if (!kept('indexedDB', item.name)) removeDatabases(win, item.name);
        break;
      default:
        break; // pixels store nothing of their own on this origin
    }
  }
  const after = cookieNames(doc);
  return { removed, remaining: after.filter((name) => cookieTargets.includes(name)) };
}

function removeDatabases(win: Window, declared: string): void {
  const idb = win.indexedDB;
  if (!idb) return;
  if (!declared.includes('*')) {
    idb.deleteDatabase(declared);
    return;
  }
  // databases() is missing in older browsers; a pattern then cannot be resolved.
  idb
    .databases?.()
    .then((list) => {
      for (const db of list)
        if (db.name && matchesName(declared, db.name)) idb.deleteDatabase(db.name);
    })
    .catch(() => {});
}
