import type { StoredState } from '../types.js';
import type { StorageAdapter } from './adapter.js';

/** Keeps the decision for this page only: the last resort, and the unit tests' adapter. */
export class MemoryAdapter implements StorageAdapter {
  readonly name = 'memory';
  private value: unknown;

  constructor(initial?: unknown) {
    this.value = initial;
  }

  async get(): Promise<unknown> {
    return this.value === undefined ? undefined : structuredClone(this.value);
  }

  async set(state: StoredState): Promise<void> {
    this.value = structuredClone(state);
  }

  async clear(): Promise<void> {
    this.value = undefined;
  }
}
