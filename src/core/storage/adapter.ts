// Where the decision is kept. The store talks to storage only through this.
import type { StoredState } from '../types.js';

export interface StorageAdapter {
  /** A short name for diagnostics: `indexedDB`, `localStorage`, `memory`. */
  readonly name: string;
  /** The stored value as found (unchecked), or undefined. */
  get(): Promise<unknown>;
  set(state: StoredState): Promise<void>;
  clear(): Promise<void>;
}
