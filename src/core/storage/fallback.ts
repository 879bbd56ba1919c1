import type { StoredState } from '../types.js';
import type { StorageAdapter } from './adapter.js';
import { IndexedDBAdapter } from './indexeddb.js';
import { LocalStorageAdapter } from './local.js';
import { MemoryAdapter } from './memory.js';
import { isNewer, readStoredState } from '../decision.js';

export type FallbackListener = (from: string, to: string, error: unknown) => void;

/**
 * Tries each adapter in turn and stays on the first that works, so a failing
 * IndexedDB (private mode, blocked storage, quota) never breaks the page.
 * Reads look at every reachable adapter and take the newest record, so a
 * decision written to the fallback is not shadowed by an older one.
 */
export class FallbackAdapter implements StorageAdapter {
  private index = 0;

  constructor(
    private readonly adapters: StorageAdapter[],
    private readonly onFallback: FallbackListener = () => {},
  ) {}

  get name(): string {
    return this.adapters[this.index].name;
  }

  private async run<T>(operation: (adapter: StorageAdapter) => Promise<T>): Promise<T> {
    for (;;) {
      const adapter = this.adapters[this.index];
      try {
        return await operation(adapter);
      } catch (error) {
        if (this.index >= this.adapters.length - 1) throw error;
        this.index += 1;
        this.onFallback(adapter.name, this.adapters[this.index].name, error);
      }
    }
  }

  async get(): Promise<unknown> {
    const first = await this.run((adapter) => adapter.get());
    let best = first;
    for (const adapter of this.adapters.slice(this.index + 1)) {
      if (adapter instanceof MemoryAdapter) continue;
      try {
        const other = await adapter.get();
        if (other === undefined) continue;
        const a = readStoredState(other);
        const b = readStoredState(best);
        if (!a.problem && (b.problem || best === undefined || isNewer(a.state, b.state)))
          best = other;
      } catch {
        // an unreachable fallback simply has nothing newer
      }
    }
    return best;
  }

  async set(state: StoredState): Promise<void> {
    await this.run((adapter) => adapter.set(state));
  }

  async clear(): Promise<void> {
    await this.run((adapter) => adapter.clear());
    for (const adapter of this.adapters.slice(this.index + 1)) {
      await adapter.clear().catch(() => undefined);
    }
  }
}

/** IndexedDB, then localStorage, then memory. */
export function defaultAdapter(onFallback?: FallbackListener, database = 'keuze'): FallbackAdapter {
  return new FallbackAdapter(
    [
      new IndexedDBAdapter(database),
      new LocalStorageAdapter(`${database}:consent`),
      new MemoryAdapter(),
    ],
    onFallback,
  );
}
