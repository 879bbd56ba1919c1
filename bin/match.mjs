// Matching what a scan saw to the catalogue and to the site's own config, and
// deciding what may be there before the visitor decided.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matchesName } from '../dist/npm/core.js';

const CATALOGUE = fileURLToPath(new URL('../catalogue/', import.meta.url));

/** Keuze's own storage: its decision (IndexedDB `keuze`, the `keuze:` fallback keys) and log queue. */
const OWN = /^keuze([:\-_.]|$)/i;

export function loadCatalogue(dir = CATALOGUE) {
  const index = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8'));
  const preset = (id) => JSON.parse(readFileSync(`${dir}/services/${id}.json`, 'utf8'));
  // Curated services first: their names are checked; an uncurated match is only a hint.
  const services = [...index.services].sort((a, b) => Number(b.curated) - Number(a.curated));
  return { services, preset, ids: index.services.map((s) => s.id) };
}

function hostMatches(pattern, host) {
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** The catalogue services a storage item's name belongs to: curated ones, else uncurated. */
export function servicesForName(catalogue, name) {
  const hits = catalogue.services.filter((s) => s.storage.some((d) => matchesName(d, name)));
  const curated = hits.filter((s) => s.curated);
  return curated.length > 0 ? curated : hits;
}

export function servicesForHost(catalogue, host) {
  return catalogue.services.filter((s) => s.curated && s.hosts.some((h) => hostMatches(h, host)));
}

/** Where the site's own config declares a storage name: { purpose, basis, service } or undefined. */
export function declaredIn(config, type, name) {
  for (const purpose of config?.purposes ?? []) {
    const owners = [
      ...(purpose.storage ?? []).map((item) => ({ item })),
      ...(purpose.services ?? []).flatMap((service) =>
        (service.storage ?? []).map((item) => ({ item, service })),
      ),
    ];
    const owner = owners.find(({ item }) => item.type === type && matchesName(item.name, name));
    if (owner)
      return {
        purpose: purpose.id,
        basis: purpose.basis,
        service: owner.service?.id,
        item: { name: owner.item.name, type: owner.item.type, retention: owner.item.retention },
      };
  }
  return undefined;
}

/** Is the site's own Keuze storage. */
export function isOwn(type, name) {
  return OWN.test(name) && ['indexedDB', 'localStorage', 'sessionStorage', 'cookie'].includes(type);
}

/**
 * May this be on the device, or sent, before a decision?
 * - declared in the site's config: yes when its purpose is necessary or legitimate
 *   interest (on by default, the visitor may object), no when it needs consent;
 * - else known to the curated catalogue: no for analytics and marketing, a warning
 *   for functional, yes for necessary;
 * - else unknown: listed as undeclared, not counted.
 */
export function verdict({ declared, services }) {
  if (declared) return declared.basis === 'consent' ? 'needs-consent' : 'allowed';
  const curated = services.filter((s) => s.curated);
  if (curated.length === 0) return 'unknown';
  if (curated.some((s) => s.purpose === 'necessary')) return 'allowed';
  if (curated.every((s) => s.purpose === 'analytics' || s.purpose === 'marketing'))
    return 'needs-consent';
  return 'functional';
}
