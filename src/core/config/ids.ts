// The one rule for ids: unique across purposes and services. The validator
// reports it; the first layer of the script-tag build (src/boot/facade.ts) asks
// it before it shows a banner for a config the engine has not validated yet.
import { at, isRecord } from './check.js';

export interface DuplicateId {
  id: string;
  /** Where the id is used again. */
  path: string;
  /** Where it was used first. */
  earlier: string;
}

/** Every id used more than once among the purposes and services of a (not yet validated) config. */
export function duplicateIds(input: unknown): DuplicateId[] {
  const seen = new Map<string, string>();
  const duplicates: DuplicateId[] = [];
  const claim = (path: string, owner: unknown): void => {
    if (!isRecord(owner) || typeof owner.id !== 'string') return;
    const { id } = owner;
    const idPath = at(path, 'id');
    const earlier = seen.get(id);
    if (earlier) duplicates.push({ id, path: idPath, earlier });
    else seen.set(id, idPath);
  };
  const purposes = isRecord(input) && Array.isArray(input.purposes) ? input.purposes : [];
  purposes.forEach((purpose: unknown, index) => {
    const path = at('purposes', index);
    claim(path, purpose);
    const services = isRecord(purpose) && Array.isArray(purpose.services) ? purpose.services : [];
    services.forEach((service: unknown, i) => claim(at(at(path, 'services'), i), service));
  });
  return duplicates;
}
