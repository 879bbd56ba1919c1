#!/usr/bin/env node
// Builds the service catalogue: our hand-curated services (catalogue/curated/*.json)
// plus every other platform of the Open Cookie Database, uncurated. The output is
// sorted and pretty-printed the same way every time, so a rebuild from the same
// inputs is byte-equal and a diff shows exactly what changed.
//
//   node catalogue/build.mjs [--source path/to/open-cookie-database.csv] [--out dir]
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, parseRetention, slug } from './ocd.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// The repository's sibling shared/ folder (a worktree sits one level deeper).
export const DEFAULT_SOURCE = ['../../shared', '../../../shared']
  .map((up) => resolve(here, up, 'data/open-cookie-database'))
  .find((dir) => existsSync(join(dir, 'open-cookie-database.csv')));

/** The OCD's categories → the purpose a site most likely declares. */
const CATEGORY_PURPOSE = {
  Functional: 'functional',
  Personalization: 'functional',
  Security: 'necessary',
  Analytics: 'analytics',
  Marketing: 'marketing',
};
const PURPOSE_RANK = ['marketing', 'analytics', 'functional', 'necessary'];

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byName = (a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0;

/** Cleans the OCD's Domain column: "youtube.com (3rd party) or .x.com" → ["youtube.com", "x.com"]. */
function domainsOf(text) {
  return [
    ...new Set(
      text
        .split(/\s+or\s+|,/)
        .map((part) =>
          part
            .replace(/\(3rd party\)/i, '')
            .trim()
            .replace(/^\./, '')
            .replace(/\.$/, ''),
        )
        .filter((part) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(part)),
    ),
  ].sort();
}

/** One OCD row as a Keuze storage item, or the reason it cannot be one. */
function itemOf(row) {
  const raw = row['Cookie / Data Key name'].trim();
  const name = row['Wildcard match'] === '1' && !raw.endsWith('*') ? `${raw}*` : raw;
  const retention = parseRetention(row['Retention period']);
  const party = domainsOf(row.Domain).length > 0 ? 'third' : 'first';
  return { name, retention, party, raw: row['Retention period'] };
}

function loadCurated(dir) {
  const entries = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const entry of JSON.parse(readFileSync(join(dir, file), 'utf8')))
      entries.push({ ...entry, file });
  }
  return entries;
}

function fail(message) {
  throw new Error(`catalogue: ${message}`);
}

/** A curated entry → the preset file: OCD facts picked by name, then our own items on top. */
function curatedPreset(entry, rowsByPlatform) {
  const items = new Map();
  for (const [platform, names] of Object.entries(entry.ocd ?? {})) {
    const rows = rowsByPlatform.get(platform) ?? fail(`${entry.id}: no OCD platform "${platform}"`);
    for (const wanted of names) {
      const row =
        rows.find((r) => r['Cookie / Data Key name'].trim() === wanted) ??
        fail(`${entry.id}: OCD platform "${platform}" has no "${wanted}"`);
      const item = itemOf(row);
      const own = (entry.storage ?? []).some(
        (s) =>
          (s.type ?? 'cookie') === 'cookie' && (s.name === item.name || s.replaces === item.name),
      );
      if (!own && item.retention === null)
        fail(
          `${entry.id}: "${wanted}" has retention "${item.raw}" in the OCD; give it one in "storage"`,
        );
      items.set(`cookie:${item.name}`, {
        name: item.name,
        retention: item.retention,
        party: item.party,
      });
    }
  }
  // Our own items: new ones, corrections of an OCD item of the same name, or a rename ("replaces").
  for (const { replaces, ...own } of entry.storage ?? []) {
    const type = own.type ?? 'cookie';
    // The database has cookies only: a correction of another type is a new item.
    const key = `${type}:${replaces ?? own.name}`;
    const base = items.get(key) ?? {};
    items.delete(key);
    items.set(`${type}:${own.name}`, { ...base, ...own });
  }
  const storage = [...items.values()]
    .map((item) => ({
      name: item.name,
      type: item.type ?? 'cookie',
      retention: item.retention,
      ...(item.party === 'third' ? { party: 'third' } : {}),
      ...(item.domain ? { domain: item.domain } : {}),
    }))
    .sort(byName);
  return {
    preset: entry.id,
    curated: true,
    name: entry.name,
    purpose: entry.purpose,
    hosts: [...(entry.hosts ?? [])].sort(),
    service: {
      provider: entry.provider,
      name: entry.name,
      description: entry.description,
      privacyPolicy: entry.privacyPolicy,
      country: entry.country,
      ...(entry.safeguard ? { safeguard: entry.safeguard } : {}),
      storage,
    },
    source: Object.keys(entry.ocd ?? {}).length > 0 ? 'ocd+curated' : 'curated',
  };
}

/** An OCD platform nobody curated → an uncurated preset; rows without a usable retention are listed apart. */
function uncuratedPreset(id, platform, rows) {
  const storage = [];
  const unknownRetention = [];
  const purposes = new Map();
  for (const row of rows) {
    const item = itemOf(row);
    const purpose = CATEGORY_PURPOSE[row.Category] ?? 'functional';
    purposes.set(purpose, (purposes.get(purpose) ?? 0) + 1);
    if (!item.name) continue;
    if (item.retention === null) {
      unknownRetention.push(item.name);
      continue;
    }
    if (storage.some((s) => s.name === item.name)) continue;
    storage.push({
      name: item.name,
      type: 'cookie',
      retention: item.retention,
      ...(item.party === 'third' ? { party: 'third' } : {}),
    });
  }
  // The most common category wins; ties go to the stricter purpose.
  const purpose = [...purposes.entries()].sort(
    (a, b) => b[1] - a[1] || PURPOSE_RANK.indexOf(a[0]) - PURPOSE_RANK.indexOf(b[0]),
  )[0][0];
  const controller = rows.map((r) => r['Data Controller'].trim()).find(Boolean) || platform;
  const privacy = rows
    .map((r) => r['User Privacy & GDPR Rights Portals'].trim())
    .find((url) => /^https?:\/\//.test(url));
  return {
    preset: id,
    curated: false,
    name: platform,
    purpose,
    hosts: [...new Set(rows.flatMap((r) => domainsOf(r.Domain)))].sort(),
    service: {
      provider: controller,
      name: platform,
      ...(privacy ? { privacyPolicy: privacy } : {}),
      storage: storage.sort(byName),
    },
    ...(unknownRetention.length > 0
      ? { unknownRetention: [...new Set(unknownRetention)].sort() }
      : {}),
    source: 'ocd',
  };
}

export function buildCatalogue({ source = DEFAULT_SOURCE, out = here } = {}) {
  if (!source) fail('the Open Cookie Database was not found: pass --source DIR');
  const rows = parseCsv(readFileSync(join(source, 'open-cookie-database.csv'), 'utf8'));
  const rowsByPlatform = new Map();
  for (const row of rows) {
    const platform = row.Platform.trim();
    if (!platform) continue;
    if (!rowsByPlatform.has(platform)) rowsByPlatform.set(platform, []);
    rowsByPlatform.get(platform).push(row);
  }

  const curated = loadCurated(join(here, 'curated'));
  const presets = new Map();
  const claimed = new Set();
  for (const entry of curated) {
    if (presets.has(entry.id)) fail(`duplicate curated id "${entry.id}" (${entry.file})`);
    presets.set(entry.id, curatedPreset(entry, rowsByPlatform));
    for (const platform of [...Object.keys(entry.ocd ?? {}), ...(entry.claims ?? [])])
      claimed.add(platform);
  }
  // Platforms that differ only in case or spelling ("CloudFlare", "Hubspot") merge by slug.
  const unclaimed = new Map();
  for (const [platform, platformRows] of [...rowsByPlatform.entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : 1,
  )) {
    if (claimed.has(platform)) continue;
    const id = slug(platform);
    if (!id) continue;
    const group = unclaimed.get(id) ?? { platform, rows: [] };
    group.rows.push(...platformRows);
    unclaimed.set(id, group);
  }
  for (const [id, group] of unclaimed) {
    if (presets.has(id)) continue; // the curated entry of the same name covers it
    presets.set(id, uncuratedPreset(id, group.platform, group.rows));
  }

  const services = join(out, 'services');
  rmSync(services, { recursive: true, force: true });
  mkdirSync(services, { recursive: true });
  const sorted = [...presets.values()].sort((a, b) => byId({ id: a.preset }, { id: b.preset }));
  for (const preset of sorted) writeFileSync(join(services, `${preset.preset}.json`), json(preset));

  const index = {
    about:
      'Keuze service catalogue. Facts from the Open Cookie Database (Apache-2.0, see NOTICE); descriptions and curation by Keuze.',
    services: sorted.map((preset) => ({
      id: preset.preset,
      name: preset.name,
      curated: preset.curated,
      purpose: preset.purpose,
      provider: preset.service.provider,
      hosts: preset.hosts,
      storage: preset.service.storage.map((item) => item.name),
    })),
  };
  writeFileSync(join(out, 'index.json'), json(index));
  // Every id, for the run-time "did you mean" when a config names an unknown preset.
  writeFileSync(join(out, 'ids.json'), `${JSON.stringify(sorted.map((p) => p.preset))}\n`);
  // The compact name → preset map the debug-only diagnostics fetch: what a page can
  // see of curated services (first-party cookies and storage), and their names.
  const hints = { services: {}, names: {} };
  for (const preset of sorted.filter((p) => p.curated)) {
    hints.services[preset.preset] = preset.name;
    for (const item of preset.service.storage)
      if (item.type !== 'pixel' && item.party !== 'third' && !(item.name in hints.names))
        hints.names[item.name] = preset.preset;
  }
  writeFileSync(join(out, 'names.json'), `${JSON.stringify(hints)}\n`);
  copyFileSync(join(source, 'LICENSE'), join(out, 'LICENSE-open-cookie-database'));
  return {
    curated: sorted.filter((p) => p.curated).length,
    uncurated: sorted.filter((p) => !p.curated).length,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (flag) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? resolve(process.argv[i + 1]) : undefined;
  };
  const counts = buildCatalogue({ source: arg('--source'), out: arg('--out') });
  console.log(`catalogue: ${counts.curated} curated, ${counts.uncurated} uncurated services`);
}
