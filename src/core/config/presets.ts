// Services that name a catalogue entry: `{ "id": "ga", "preset": "google-analytics-4" }`.
// Resolving fills in the preset's provider, country, privacy URL, descriptions and
// storage table; every field the config gives itself wins. Only the named presets
// are fetched, in parallel, so a visitor never downloads the whole catalogue.
import type { Service } from '../types.js';
import { type Issue, at, isRecord, suggest } from './check.js';

/** One file of catalogue/services/ (catalogue/build.mjs writes them). */
export interface Preset {
  preset: string;
  curated: boolean;
  name: string;
  /** The purpose a site most likely files it under. */
  purpose: 'necessary' | 'functional' | 'analytics' | 'marketing';
  /** Where its scripts, frames and requests come from. */
  hosts: string[];
  service: Omit<Service, 'id'>;
}

/** Gets a preset by id; undefined when the catalogue has no such preset. */
export type FetchPreset = (id: string) => Promise<Preset | undefined>;

export interface ResolveOptions {
  /** Every preset id, for "did you mean" when a name is unknown (asked only then). */
  known?: () => Promise<readonly string[]> | readonly string[];
}

/** Storage names the catalogue knows (catalogue/names.json): for debug diagnostics only. */
export interface PresetHints {
  /** Preset id → its display name. */
  services: Record<string, string>;
  /** Storage name or pattern → preset id. */
  names: Record<string, string>;
}

/** Where presets come from: `keuze.init(config, { presets })`. */
export interface PresetSource extends ResolveOptions {
  fetch: FetchPreset;
  /** The name → preset map; loaded only when the config says `"debug": true`. */
  hints?: () => Promise<PresetHints | undefined>;
}

export interface ResolveResult {
  /** The config with every preset filled in (unchanged where nothing was named). */
  config: unknown;
  errors: Issue[];
}

interface Named {
  path: string;
  purpose: number;
  index: number;
  service: Record<string, unknown> & { preset: string };
}

function named(input: unknown): Named[] {
  if (!isRecord(input) || !Array.isArray(input.purposes)) return [];
  const found: Named[] = [];
  input.purposes.forEach((purpose, p) => {
    if (!isRecord(purpose) || !Array.isArray(purpose.services)) return;
    purpose.services.forEach((service, index) => {
      if (isRecord(service) && service.preset !== undefined)
        found.push({
          path: at(at(at('purposes', p), 'services'), index),
          purpose: p,
          index,
          service: service as Named['service'],
        });
    });
  });
  return found;
}

/** Whether any service of the config names a preset. */
export function hasPresets(input: unknown): boolean {
  return named(input).length > 0;
}

/** The preset's fields under the config's own: the config wins field by field (the validator copies the result). */
export function applyPreset(service: Record<string, unknown>, preset: Preset): Service {
  return { ...preset.service, ...service } as unknown as Service;
}

/**
 * Fills in every service that names a preset. Never throws: an unknown name, a
 * preset that cannot be fetched or a malformed one is an error with its path.
 */
export async function resolvePresets(
  input: unknown,
  fetchPreset: FetchPreset,
  options: ResolveOptions = {},
): Promise<ResolveResult> {
  const services = named(input);
  if (services.length === 0) return { config: input, errors: [] };
  const errors: Issue[] = [];
  const error = (path: string, message: string) =>
    errors.push({ path, message, severity: 'error' });

  const ids = [...new Set(services.map(({ service }) => service.preset))].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  const fetched = new Map<string, Preset | undefined | Error>();
  await Promise.all(
    ids.map((id) =>
      fetchPreset(id).then(
        (preset) => fetched.set(id, preset),
        (failure: unknown) =>
          fetched.set(id, failure instanceof Error ? failure : new Error(String(failure))),
      ),
    ),
  );
  let known: readonly string[] | undefined;
  const config = structuredClone(input) as { purposes: Array<{ services: unknown[] }> };
  for (const { path, service, index, purpose } of services) {
    const where = at(path, 'preset');
    const id = service.preset;
    if (typeof id !== 'string' || id === '') {
      error(
        where,
        `expected the id of a catalogue preset such as "google-analytics-4", got ${JSON.stringify(id)}`,
      );
      continue;
    }
    const preset = fetched.get(id);
    if (preset instanceof Error) {
      error(where, `the preset "${id}" could not be loaded: ${preset.message}`);
      continue;
    }
    if (!preset || !isRecord(preset.service)) {
      known ??= await Promise.resolve(options.known?.() ?? []).catch(() => []);
      const hint = suggest(id, known);
      error(
        where,
        hint
          ? `unknown preset "${id}": did you mean "${hint}"?`
          : `unknown preset "${id}" (see catalogue/index.json for the known ones)`,
      );
      continue;
    }
    config.purposes[purpose].services[index] = applyPreset(service, preset);
  }
  return { config, errors };
}

/**
 * The script-tag build's fetcher: `catalogue/<id>.json` beside the script, copied
 * there by the build. A 404 means "no such preset"; anything else is an error.
 */
export function presetsBeside(base: string, timeout = 10_000): PresetSource {
  const load = async (file: string): Promise<unknown> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      const response = await fetch(new URL(`catalogue/${file}`, base), {
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    fetch: async (id) =>
      /^[a-z0-9][a-z0-9-]*$/.test(id)
        ? ((await load(`${id}.json`)) as Preset | undefined)
        : undefined,
    known: async () => ((await load('ids.json')) as string[] | undefined) ?? [],
    hints: async () => (await load('names.json')) as PresetHints | undefined,
  };
}
