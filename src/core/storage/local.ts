import type { StoredState } from '../types.js';
import type { StorageAdapter } from './adapter.js';

/** localStorage under one key: the fallback when IndexedDB is missing or fails. */
export class LocalStorageAdapter implements StorageAdapter {
  readonly name = 'localStorage';

  constructor(private readonly key = 'keuze:consent') {}

  async get(): Promise<unknown> {
    const raw = globalThis.localStorage.getItem(this.key);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return raw; // a corrupt value is handed on, so it is reported as corrupt, not as missing
    }
  }

  async set(state: StoredState): Promise<void> {
    globalThis.localStorage.setItem(this.key, JSON.stringify(state));
  }

  async clear(): Promise<void> {
    globalThis.localStorage.removeItem(this.key);
  }
}
