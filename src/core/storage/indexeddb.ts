import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { StoredState } from '../types.js';
import type { StorageAdapter } from './adapter.js';

/** How long an IndexedDB request may hang (blocked upgrades, broken private modes) before we fall back. */
const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`IndexedDB ${what} timed out`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The default: a database of Keuze's own through idb-keyval. */
export class IndexedDBAdapter implements StorageAdapter {
  readonly name = 'indexedDB';
  private store?: UseStore;

  constructor(
    private readonly database = 'keuze',
    private readonly key = 'consent',
  ) {}

  private use(): UseStore {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    this.store ??= createStore(this.database, 'state');
    return this.store;
  }

  async get(): Promise<unknown> {
    return withTimeout(get(this.key, this.use()), 'read');
  }

  async set(state: StoredState): Promise<void> {
    await withTimeout(set(this.key, state, this.use()), 'write');
  }

  async clear(): Promise<void> {
    await withTimeout(del(this.key, this.use()), 'delete');
  }
}
