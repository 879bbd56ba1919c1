// Read-only lookups over a validated config, shared by the store, the
// elements, the notice and the integrations so they never disagree.
import type { Config, Purpose, Service, StorageItem } from './types.js';

export interface ServiceEntry {
  service: Service;
  purpose: Purpose;
}

export interface StorageRow {
  item: StorageItem;
  purpose: Purpose;
  service?: Service;
}

export function allServices(config: Config): ServiceEntry[] {
  return config.purposes.flatMap((purpose) =>
    (purpose.services ?? []).map((service) => ({ service, purpose })),
  );
}

export function findPurpose(config: Config, id: string): Purpose | undefined {
  return config.purposes.find((purpose) => purpose.id === id);
}

export function findService(config: Config, id: string): ServiceEntry | undefined {
  return allServices(config).find((entry) => entry.service.id === id);
}

/** Every storage item with its purpose and service; provider defaults to the service's. */
export function storageRows(config: Config): StorageRow[] {
  const rows: StorageRow[] = [];
  for (const purpose of config.purposes) {
    for (const item of purpose.storage ?? []) rows.push({ item, purpose });
    for (const service of purpose.services ?? []) {
      for (const item of service.storage ?? []) {
        rows.push({
          item: item.provider ? item : { ...item, provider: service.provider },
          purpose,
          service,
        });
      }
    }
  }
  return rows;
}
