// The builder's catalogue picker: search the service catalogue and add a service
// with one click, or add every known service a `keuze scan --json` report found.
// The builder inlines each preset (authoring-time resolution), so the snippet it
// produces needs no catalogue at run time. It reads the catalogue's index from
// beside the widget (/keuze/catalogue/index.json); a site's visitors never do.
// DOM from createElement/textContent only.
import type { Preset } from '../../src/core/config/presets.js';

interface IndexEntry {
  id: string;
  name: string;
  curated: boolean;
  purpose: Preset['purpose'];
  provider: string;
  hosts: string[];
  storage: string[];
}

export interface PickerOptions {
  /** The catalogue folder: index.json and <id>.json live there. */
  base: URL;
  /** Adds the presets to the draft; returns what the site owner should read (where they went). */
  onAdd: (presets: Preset[]) => string;
}

const MAX_RESULTS = 12;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') element.textContent = value;
    else element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

/** Best matches first: the name or id starting with the query, then containing it, curated first. */
export function search(index: IndexEntry[], query: string): IndexEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const score = (entry: IndexEntry): number => {
    const name = entry.name.toLowerCase();
    let value = -1;
    if (name.startsWith(q) || entry.id.startsWith(q)) value = 3;
    else if (name.includes(q) || entry.id.includes(q)) value = 2;
    else if (
      entry.provider.toLowerCase().includes(q) ||
      entry.hosts.some((host) => host.includes(q)) ||
      entry.storage.some((name) => name.toLowerCase().startsWith(q))
    )
      value = 1;
    return value < 0 ? value : value * 2 + Number(entry.curated);
  };
  return index
    .map((entry) => ({ entry, score: score(entry) }))
    .filter(({ score }) => score >= 0)
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, MAX_RESULTS)
    .map(({ entry }) => entry);
}

/** The curated services a scan report (`keuze scan --json`) matched, in the order found. */
export function servicesOfScan(report: unknown): string[] {
  if (!report || typeof report !== 'object') throw new Error('expected the JSON of keuze scan');
  const { items, requests } = report as { items?: unknown; requests?: unknown };
  if (!Array.isArray(items) || !Array.isArray(requests))
    throw new Error('expected the JSON of keuze scan --json (with "items" and "requests")');
  const ids = new Set<string>();
  for (const finding of [...items, ...requests] as Array<{
    service?: { id?: unknown; curated?: unknown } | null;
  }>) {
    const service = finding?.service;
    if (service?.curated === true && typeof service.id === 'string') ids.add(service.id);
  }
  return [...ids];
}

export function mountCataloguePicker(before: Element, { base, onAdd }: PickerOptions): void {
  const status = el('span', { role: 'status', id: 'catalogue-status' });
  const query = el('input', {
    id: 'catalogue-search',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Hotjar, youtube, _ga, connect.facebook.net…',
  });
  const results = el('ul', { id: 'catalogue-results', class: 'catalogue-results' });
  const scan = el('textarea', { id: 'catalogue-scan', rows: '3', spellcheck: 'false' });
  const importScan = el('button', { type: 'button', text: 'Add the services of this scan' });
  before.before(
    el(
      'section',
      { class: 'card', 'aria-labelledby': 'catalogue-title' },
      el('h2', { id: 'catalogue-title', text: 'Add a known service' }),
      el('p', {
        text: 'One click adds a known service with its provider, privacy policy and every cookie with its deletion period, under the purpose it usually serves. Check what it adds.',
      }),
      el('label', { for: 'catalogue-search', text: 'Search the catalogue' }),
      query,
      results,
      el('label', { for: 'catalogue-scan', text: 'Or paste the JSON of npx keuze scan --json' }),
      scan,
      el('div', { class: 'actions' }, importScan, status),
    ),
  );

  let index: Promise<IndexEntry[]> | undefined;
  const loadIndex = (): Promise<IndexEntry[]> => {
    index ??= fetch(new URL('index.json', base))
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<{ services: IndexEntry[] }>;
      })
      .then((catalogue) => catalogue.services);
    index.catch(() => (index = undefined));
    return index;
  };
  const loadPreset = async (id: string): Promise<Preset> => {
    const response = await fetch(new URL(`${id}.json`, base));
    if (!response.ok) throw new Error(`${id}: HTTP ${response.status}`);
    return (await response.json()) as Preset;
  };
  const add = async (ids: string[]): Promise<void> => {
    try {
      status.textContent = onAdd(await Promise.all(ids.map(loadPreset)));
    } catch (error) {
      status.textContent = `Not added: ${(error as Error).message}`;
    }
  };

  const show = async (): Promise<void> => {
    let found: IndexEntry[];
    try {
      found = search(await loadIndex(), query.value);
    } catch (error) {
      status.textContent = `The catalogue could not be loaded (${(error as Error).message}).`;
      return;
    }
    results.replaceChildren(
      ...found.map((entry) =>
        el(
          'li',
          {},
          el('strong', { text: entry.name }),
          ` — ${entry.provider}; ${entry.purpose}${entry.curated ? '' : ' (uncurated: check it)'} `,
          (() => {
            const addButton = el('button', {
              type: 'button',
              class: 'small',
              'data-preset': entry.id,
              text: `Add ${entry.name}`,
            });
            addButton.addEventListener('click', () => void add([entry.id]));
            return addButton;
          })(),
        ),
      ),
    );
    if (query.value.trim() && found.length === 0) status.textContent = 'No service found.';
    else status.textContent = '';
  };
  query.addEventListener('input', () => void show());

  importScan.addEventListener('click', () => {
    let ids: string[];
    try {
      ids = servicesOfScan(JSON.parse(scan.value));
    } catch (error) {
      status.textContent = `Not added: ${(error as Error).message}`;
      return;
    }
    if (ids.length === 0) status.textContent = 'The scan found no service the catalogue knows.';
    else void add(ids);
  });
}
