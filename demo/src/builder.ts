// The config builder (demo/builder.html): a form for the controller, purposes and
// their basis, services, storage items, languages, layout and theme. Every edit is
// checked with the widget's own validateConfig (and its notice section with
// validateNoticeConfig, as <keuze-notice> checks it), errors are shown at the field they
// belong to, the banner and cookie centre are previewed live, and the finished
// snippet (config + script tag) can be copied. Static: it needs no server.
// The DOM is built with createElement/textContent only: nothing typed into the form
// is ever parsed as markup.
import { validateConfig } from '../../src/core/config/validate.js';
import { validateNoticeConfig } from '../../src/core/notice/validate.js';
import type { Issue } from '../../src/core/config/check.js';
import type { Basis, Config, LocalizedText, StorageType } from '../../src/core/types.js';
import type { Preset } from '../../src/core/config/presets.js';
import { mountCataloguePicker } from './catalogue-picker.js';

type Text = Record<string, string>;

interface StorageDraft {
  name: string;
  type: StorageType;
  retention: string;
  party: 'first' | 'third';
  purpose: Text;
}

interface ServiceDraft {
  id: string;
  provider: string;
  name: Text;
  privacyPolicy: string;
  country: string;
  safeguard: string;
  storage: StorageDraft[];
}

interface PurposeDraft {
  id: string;
  basis: Basis;
  name: Text;
  description: Text;
  justification: Text;
  services: ServiceDraft[];
  storage: StorageDraft[];
}

interface Draft {
  revision: string;
  controller: string;
  noticeUrl: string;
  expiry: string;
  languages: string[];
  locale: string;
  layout: 'bar' | 'box' | 'modal';
  theme: 'light' | 'dark' | 'auto';
  googleConsentMode: boolean;
  logEndpoint: string;
  scriptUrl: string;
  purposes: PurposeDraft[];
  /** The config loaded with "Load a config": every key the form does not show is kept from it. */
  imported?: Record<string, unknown>;
}

/** Languages the widget ships (locales/*.json). */
const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['nl', 'Nederlands'],
];
const BASES: Array<[Basis, string]> = [
  ['necessary', 'Strictly necessary (always on)'],
  ['consent', 'Consent (off until the visitor opts in)'],
  ['legitimate-interest', 'Legitimate interest (on; the visitor may object)'],
];
const STORAGE_TYPES: StorageType[] = [
  'cookie',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'pixel',
];

const today = new Date().toISOString().slice(0, 10);

const storage = (
  name: string,
  type: StorageType,
  retention: string,
  purpose: Text = {},
): StorageDraft => ({
  name,
  type,
  retention,
  party: 'first',
  purpose,
});

function example(): Draft {
  return {
    revision: today,
    controller: 'Voorbeeld B.V.',
    noticeUrl: '/privacy',
    expiry: 'P6M',
    languages: ['en', 'nl'],
    locale: 'auto',
    layout: 'bar',
    theme: 'light',
    googleConsentMode: false,
    logEndpoint: '',
    scriptUrl: '/keuze/keuze.min.js',
    purposes: [
      {
        id: 'necessary',
        basis: 'necessary',
        name: {},
        description: {},
        justification: {
          en: 'Remembers your cookie choice.',
          nl: 'Onthoudt uw cookiekeuze.',
        },
        services: [],
        storage: [
          storage('keuze', 'indexedDB', 'P13M', { en: 'Your cookie choice', nl: 'Uw cookiekeuze' }),
        ],
      },
      {
        id: 'analytics',
        basis: 'consent',
        name: { en: 'Statistics', nl: 'Statistieken' },
        description: {},
        justification: {},
        services: [
          {
            id: 'matomo',
            provider: 'Voorbeeld B.V. (Matomo)',
            name: {},
            privacyPolicy: '',
            country: 'NL',
            safeguard: '',
            storage: [
              storage('_pk_id.*', 'cookie', 'P13M', {
                en: 'Recognises a returning visitor',
                nl: 'Herkent een terugkerende bezoeker',
              }),
              storage('_pk_ses.*', 'cookie', 'PT30M'),
            ],
          },
        ],
        storage: [],
      },
    ],
  };
}

// ---------------------------------------------------------------------------
// Draft → config

function text(value: Text, languages: string[]): LocalizedText | undefined {
  const filled = languages.filter((lang) => value[lang]?.trim());
  if (filled.length === 0) return undefined;
  if (languages.length === 1) return value[filled[0]].trim();
  return Object.fromEntries(filled.map((lang) => [lang, value[lang].trim()]));
}

/** Drops undefined and empty-string members, so the snippet holds only what the owner filled in. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}

function storageConfig(item: StorageDraft, languages: string[]): Record<string, unknown> {
  return compact({
    name: item.name.trim(),
    type: item.type,
    purpose: text(item.purpose, languages),
    retention: item.retention.trim(),
    party: item.party === 'third' ? 'third' : undefined,
  });
}

export function toConfig(draft: Draft): Record<string, unknown> {
  const loadedHas = (key: string) => draft.imported !== undefined && key in draft.imported;
  const langs = draft.languages.length ? draft.languages : ['en'];
  const purposes = draft.purposes.map((purpose) =>
    compact({
      id: purpose.id.trim(),
      basis: purpose.basis,
      name: text(purpose.name, langs),
      description: text(purpose.description, langs),
      justification: purpose.basis === 'necessary' ? text(purpose.justification, langs) : undefined,
      services: purpose.services.length
        ? purpose.services.map((service) =>
            compact({
              id: service.id.trim(),
              provider: service.provider.trim(),
              name: text(service.name, langs),
              privacyPolicy: service.privacyPolicy.trim(),
              country: service.country.trim(),
              safeguard: service.safeguard,
              storage: service.storage.length
                ? service.storage.map((item) => storageConfig(item, langs))
                : undefined,
            }),
          )
        : undefined,
      storage: purpose.storage.length
        ? purpose.storage.map((item) => storageConfig(item, langs))
        : undefined,
    }),
  );
  const built = compact({
    revision: draft.revision.trim(),
    controller: draft.controller.trim() ? { name: draft.controller.trim() } : undefined,
    notice: draft.noticeUrl.trim() ? { url: draft.noticeUrl.trim() } : undefined,
    // Defaults are left out, unless a loaded config spelled them out.
    expiry:
      draft.expiry.trim() && (draft.expiry.trim() !== 'P6M' || loadedHas('expiry'))
        ? draft.expiry.trim()
        : undefined,
    locale: langs.length === 1 ? langs[0] : draft.locale,
    locales: langs.length > 1 ? langs : undefined,
    layout: draft.layout === 'bar' && !loadedHas('layout') ? undefined : draft.layout,
    theme: draft.theme,
    googleConsentMode: draft.googleConsentMode || undefined,
    log: draft.logEndpoint.trim() ? { endpoint: draft.logEndpoint.trim() } : undefined,
    purposes,
  });
  return draft.imported ? keepLoaded(draft.imported, built) : built;
}

// ---------------------------------------------------------------------------
// Keys the form does not show survive a load: the form's values are laid over the
// loaded config, purposes and services matched by id, storage items by name.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Texts in languages the form does not show are kept beside the form's. */
function mergeText(loaded: unknown, built: unknown): unknown {
  if (!isObject(loaded)) return built;
  const others = Object.entries(loaded).filter(([lang]) => !draft.languages.includes(lang));
  if (!others.length) return built;
  const own = typeof built === 'string' ? { [draft.languages[0]]: built } : built;
  return { ...Object.fromEntries(others), ...(isObject(own) ? own : {}) };
}
const TEXT_FIELDS = ['name', 'description', 'justification', 'purpose'];

/** `built` over `loaded`: the keys in `managed` come from the form only (absent there: removed). */
function overlay(loaded: unknown, built: Json, managed: readonly string[]): Json {
  const kept = isObject(loaded) ? { ...loaded } : {};
  for (const key of managed) delete kept[key];
  const result: Json = { ...kept, ...built };
  for (const key of TEXT_FIELDS) {
    if (managed.includes(key) && isObject(loaded)) {
      const text = mergeText(loaded[key], built[key]);
      if (text === undefined) delete result[key];
      else result[key] = text;
    }
  }
  return result;
}

function overlayList(
  loaded: unknown,
  built: unknown,
  key: 'id' | 'name',
  merge: (loaded: Json | undefined, built: Json) => Json,
): Json[] | undefined {
  if (!Array.isArray(built)) return undefined;
  return (built as Json[]).map((item) =>
    merge(
      listOf(loaded).find((candidate) => candidate[key] === item[key]),
      item,
    ),
  );
}

const STORAGE_FIELDS = ['name', 'type', 'retention', 'party', 'purpose'] as const;
const SERVICE_FIELDS = [
  'id',
  'provider',
  'name',
  'privacyPolicy',
  'country',
  'safeguard',
  'storage',
];
const PURPOSE_FIELDS = [
  'id',
  'basis',
  'name',
  'description',
  'justification',
  'services',
  'storage',
];
const CONFIG_FIELDS = ['revision', 'expiry', 'locale', 'locales', 'layout', 'theme', 'purposes'];

const mergeStorage = (loaded: Json | undefined, built: Json) =>
  overlay(loaded, built, STORAGE_FIELDS);

function mergeService(loaded: Json | undefined, built: Json): Json {
  const storage = overlayList(loaded?.storage, built.storage, 'name', mergeStorage);
  return compact(overlay(loaded, { ...built, storage }, SERVICE_FIELDS));
}

function mergePurpose(loaded: Json | undefined, built: Json): Json {
  const services = overlayList(loaded?.services, built.services, 'id', mergeService);
  const storage = overlayList(loaded?.storage, built.storage, 'name', mergeStorage);
  return compact(overlay(loaded, { ...built, services, storage }, PURPOSE_FIELDS));
}

/** The form's config laid over the loaded one, so nothing the form does not show is lost. */
function keepLoaded(loaded: Json, built: Json): Json {
  /** An object the form shows one field of (`controller.name`, `notice.url`, `log.endpoint`). */
  const partly = (key: string, field: string) => {
    const value = built[key];
    if (value === undefined)
      return isObject(loaded[key]) ? overlay(loaded[key], {}, [field]) : undefined;
    return isObject(value) ? overlay(loaded[key], value, [field]) : value;
  };
  const notice = partly('notice', 'url');
  const consentMode =
    built.googleConsentMode && isObject(loaded.googleConsentMode)
      ? loaded.googleConsentMode
      : built.googleConsentMode;
  return compact({
    ...overlay(loaded, built, CONFIG_FIELDS),
    controller: partly('controller', 'name'),
    notice: notice && Object.keys(notice).length ? notice : undefined,
    log: built.log,
    googleConsentMode: consentMode,
    purposes: overlayList(loaded.purposes, built.purposes, 'id', mergePurpose),
  });
}

/** The snippet to paste into every page: the config as an inline JSON block, then the script. */
export function snippet(config: Record<string, unknown>, scriptUrl: string): string {
  // `<` escaped: the JSON can never close its own <script> element.
  const json = JSON.stringify(config, null, 2).replace(/</g, '\\u003c');
  const src = (scriptUrl.trim() || '/keuze/keuze.min.js').replace(/["<>]/g, encodeURIComponent);
  return `<script type="application/json" id="keuze-config">\n${json}\n</script>\n<script src="${src}"></script>\n`;
}

// ---------------------------------------------------------------------------
// Config → draft (for "load a config")

function fromText(value: unknown, languages: string[]): Text {
  if (typeof value === 'string') return Object.fromEntries(languages.map((lang) => [lang, value]));
  if (value && typeof value === 'object') return { ...(value as Text) };
  return {};
}

function fromStorage(item: Record<string, unknown>, languages: string[]): StorageDraft {
  return {
    name: String(item.name ?? ''),
    type: (item.type as StorageType) ?? 'cookie',
    retention: String(item.retention ?? ''),
    party: item.party === 'third' ? 'third' : 'first',
    purpose: fromText(item.purpose, languages),
  };
}

function fromConfig(input: Record<string, unknown>): Draft {
  const base = example();
  const locales = Array.isArray(input.locales) ? (input.locales as string[]) : [];
  const languages = locales.length
    ? locales.filter((l) => LANGUAGES.some(([code]) => code === l))
    : [];
  if (!languages.length)
    languages.push(
      typeof input.locale === 'string' && input.locale !== 'auto'
        ? input.locale.split('-')[0]
        : 'en',
    );
  const list = (value: unknown) =>
    Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  return {
    ...base,
    revision: String(input.revision ?? base.revision),
    controller: String((input.controller as { name?: string } | undefined)?.name ?? ''),
    noticeUrl: String((input.notice as { url?: string } | undefined)?.url ?? ''),
    expiry: String(input.expiry ?? 'P6M'),
    languages,
    locale: typeof input.locale === 'string' ? input.locale : 'auto',
    layout: (input.layout as Draft['layout']) ?? 'bar',
    theme: (input.theme as Draft['theme']) ?? 'light',
    googleConsentMode: Boolean(input.googleConsentMode),
    logEndpoint: String((input.log as { endpoint?: string } | undefined)?.endpoint ?? ''),
    purposes: list(input.purposes).map((purpose) => ({
      id: String(purpose.id ?? ''),
      basis: (purpose.basis as Basis) ?? 'consent',
      name: fromText(purpose.name, languages),
      description: fromText(purpose.description, languages),
      justification: fromText(purpose.justification, languages),
      storage: list(purpose.storage).map((item) => fromStorage(item, languages)),
      services: list(purpose.services).map((service) => ({
        id: String(service.id ?? ''),
        provider: String(service.provider ?? ''),
        name: fromText(service.name, languages),
        privacyPolicy: String(service.privacyPolicy ?? ''),
        country: String(service.country ?? ''),
        safeguard: String(service.safeguard ?? ''),
        storage: list(service.storage).map((item) => fromStorage(item, languages)),
      })),
    })),
  };
}

// ---------------------------------------------------------------------------
// The form

let draft = example();
let fieldCount = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** One labelled control with room for its error message; `path` is the config path it fills. */
function field(
  label: string,
  path: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  const id = `f${++fieldCount}`;
  control.id = id;
  control.dataset.path = path;
  const error = el('p', { class: 'field__error', id: `${id}-error`, hidden: '' });
  const describedBy = [`${id}-error`];
  let hintNode: HTMLElement | null = null;
  if (hint) {
    hintNode = el('p', { class: 'field__hint', id: `${id}-hint`, text: hint });
    describedBy.push(`${id}-hint`);
  }
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return el(
    'div',
    { class: 'field', 'data-field': path },
    el('label', { for: id, text: label }),
    control,
    hintNode,
    error,
  );
}

function input(
  value: string,
  onInput: (value: string) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
  const node = el('input', { type: 'text', ...attrs });
  node.value = value;
  node.addEventListener('input', () => {
    onInput(node.value);
    changed();
  });
  return node;
}

function select<T extends string>(
  value: T,
  options: Array<[T, string]>,
  onChange: (value: T) => void,
  rerender = false,
): HTMLSelectElement {
  const node = el('select');
  for (const [optionValue, label] of options) {
    const option = el('option', { value: optionValue, text: label });
    option.selected = optionValue === value;
    node.append(option);
  }
  node.addEventListener('change', () => {
    onChange(node.value as T);
    if (rerender) renderForm(node.dataset.path);
    else changed();
  });
  return node;
}

function checkbox(
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
  path?: string,
): HTMLElement {
  const box = el('input', { type: 'checkbox' });
  box.checked = checked;
  if (path) box.dataset.path = path;
  box.addEventListener('change', () => onChange(box.checked));
  return el('label', { class: 'check' }, box, ` ${label}`);
}

/** One input per chosen language for a visible text. */
function textFields(label: string, path: string, value: Text, hint?: string): HTMLElement[] {
  const languages = draft.languages.length ? draft.languages : ['en'];
  return languages.map((lang) => {
    const suffix = languages.length > 1 ? ` (${lang})` : '';
    const control = input(value[lang] ?? '', (v) => (value[lang] = v), { lang });
    return field(
      `${label}${suffix}`,
      languages.length > 1 ? `${path}.${lang}` : path,
      control,
      hint,
    );
  });
}

function button(label: string, onClick: () => void, cls = 'small'): HTMLButtonElement {
  const node = el('button', { type: 'button', class: cls, text: label });
  node.addEventListener('click', onClick);
  return node;
}

function storageRows(items: StorageDraft[], path: string, owner: string): HTMLElement {
  const rows = items.map((item, index) => {
    const at = `${path}[${index}]`;
    return el(
      'fieldset',
      { class: 'storage', 'data-field': at },
      el('legend', { text: `Storage item ${index + 1}${item.name ? `: ${item.name}` : ''}` }),
      el(
        'div',
        { class: 'row' },
        field(
          'Name',
          `${at}.name`,
          input(item.name, (v) => (item.name = v), { spellcheck: 'false' }),
          '* matches anything: _ga_*',
        ),
        field(
          'Type',
          `${at}.type`,
          select(
            item.type,
            STORAGE_TYPES.map((t) => [t, t] as [StorageType, string]),
            (v) => (item.type = v),
          ),
        ),
        field(
          'Deletion period',
          `${at}.retention`,
          input(item.retention, (v) => (item.retention = v), { spellcheck: 'false' }),
          'P13M, PT30M or session',
        ),
        field(
          'Party',
          `${at}.party`,
          select(
            item.party,
            [
              ['first', 'first'],
              ['third', 'third'],
            ],
            (v) => (item.party = v),
          ),
        ),
      ),
      ...textFields('What it is for', `${at}.purpose`, item.purpose),
      button(`Remove storage item ${index + 1}`, () => {
        items.splice(index, 1);
        renderForm();
      }),
    );
  });
  const add = button(`Add a storage item to ${owner}`, () => {
    items.push(storage('', 'cookie', ''));
    renderForm(`${path}[${items.length - 1}].name`);
  });
  return el('div', { class: 'storage-list', 'data-field': path }, ...rows, add);
}

function serviceBlock(
  purpose: PurposeDraft,
  service: ServiceDraft,
  path: string,
  index: number,
): HTMLElement {
  return el(
    'fieldset',
    { class: 'service', 'data-field': path },
    el('legend', { text: `Service ${index + 1}${service.id ? `: ${service.id}` : ''}` }),
    el(
      'div',
      { class: 'row' },
      field(
        'Id',
        `${path}.id`,
        input(service.id, (v) => (service.id = v), { spellcheck: 'false' }),
        'Used in data-consent="…"',
      ),
      field(
        'Provider',
        `${path}.provider`,
        input(service.provider, (v) => (service.provider = v)),
      ),
    ),
    ...textFields('Name', `${path}.name`, service.name),
    el(
      'div',
      { class: 'row' },
      field(
        'Privacy policy URL',
        `${path}.privacyPolicy`,
        input(service.privacyPolicy, (v) => (service.privacyPolicy = v), {
          type: 'url',
          spellcheck: 'false',
        }),
      ),
      field(
        'Country',
        `${path}.country`,
        input(service.country, (v) => (service.country = v)),
        'e.g. NL, US',
      ),
      field(
        'Transfer safeguard',
        `${path}.safeguard`,
        select(
          service.safeguard,
          [
            ['', 'none needed (EEA)'],
            ['adequacy', 'adequacy decision'],
            ['scc', 'standard contractual clauses'],
            ['bcr', 'binding corporate rules'],
            ['consent', 'explicit consent'],
            ['other', 'other'],
          ],
          (v) => (service.safeguard = v),
        ),
      ),
    ),
    storageRows(service.storage, `${path}.storage`, service.id || `service ${index + 1}`),
    button(`Remove service ${service.id || index + 1}`, () => {
      purpose.services.splice(index, 1);
      renderForm();
    }),
  );
}

function purposeBlock(purpose: PurposeDraft, index: number): HTMLElement {
  const path = `purposes[${index}]`;
  const label = purpose.id || `purpose ${index + 1}`;
  return el(
    'fieldset',
    { class: 'purpose', 'data-field': path },
    el('legend', { text: `Purpose ${index + 1}: ${label}` }),
    el(
      'div',
      { class: 'row' },
      field(
        'Id',
        `${path}.id`,
        input(purpose.id, (v) => (purpose.id = v), { spellcheck: 'false' }),
        'necessary, analytics, marketing… (well-known ids get default texts)',
      ),
      field(
        'Legal basis',
        `${path}.basis`,
        select(purpose.basis, BASES, (v) => (purpose.basis = v), true),
        purpose.basis === 'legitimate-interest'
          ? 'Storing or reading on the device needs consent unless strictly necessary (ePrivacy Art. 5(3)): Keuze warns on the console at every page load for each storage item here that does not say why it is exempt ("exemption" in the JSON; docs/notice.md).'
          : undefined,
      ),
    ),
    ...textFields('Name', `${path}.name`, purpose.name),
    ...textFields('Description', `${path}.description`, purpose.description),
    ...(purpose.basis === 'necessary'
      ? textFields(
          'Why it is strictly necessary',
          `${path}.justification`,
          purpose.justification,
          'Required for a necessary purpose.',
        )
      : []),
    el('h4', { text: 'Storage of the site itself' }),
    storageRows(purpose.storage, `${path}.storage`, label),
    el('h4', { text: 'Services' }),
    el(
      'div',
      { class: 'services', 'data-field': `${path}.services` },
      ...purpose.services.map((service, i) =>
        serviceBlock(purpose, service, `${path}.services[${i}]`, i),
      ),
    ),
    button(`Add a service to ${label}`, () => {
      purpose.services.push({
        id: '',
        provider: '',
        name: {},
        privacyPolicy: '',
        country: '',
        safeguard: '',
        storage: [],
      });
      renderForm(`${path}.services[${purpose.services.length - 1}].id`);
    }),
    index > 0
      ? button(`Move ${label} up`, () => {
          draft.purposes.splice(index - 1, 0, ...draft.purposes.splice(index, 1));
          renderForm();
        })
      : null,
    button(`Remove purpose ${label}`, () => {
      draft.purposes.splice(index, 1);
      renderForm();
    }),
  );
}

function siteSection(): HTMLElement {
  return el(
    'fieldset',
    { class: 'site' },
    el('legend', { text: 'Site' }),
    el(
      'div',
      { class: 'row' },
      field(
        'Controller (who asks)',
        'controller.name',
        input(draft.controller, (v) => (draft.controller = v)),
      ),
      field(
        'Privacy statement URL',
        'notice.url',
        input(draft.noticeUrl, (v) => (draft.noticeUrl = v), { spellcheck: 'false' }),
      ),
    ),
    el(
      'div',
      { class: 'row' },
      field(
        'Policy revision',
        'revision',
        input(draft.revision, (v) => (draft.revision = v)),
        'Change it to ask every visitor again.',
      ),
      field(
        'Ask again after',
        'expiry',
        input(draft.expiry, (v) => (draft.expiry = v), { spellcheck: 'false' }),
        'ISO 8601 duration, at most P13M',
      ),
    ),
  );
}

function lookSection(): HTMLElement {
  const languages = el(
    'div',
    { class: 'field', 'data-field': 'locales' },
    el('span', { class: 'label', text: 'Languages' }),
    ...LANGUAGES.map(([code, name]) =>
      checkbox(
        `${name} (${code})`,
        draft.languages.includes(code),
        (on) => {
          draft.languages = LANGUAGES.map(([c]) => c).filter((c) =>
            c === code ? on : draft.languages.includes(c),
          );
          renderForm();
        },
        'locales',
      ),
    ),
  );
  return el(
    'fieldset',
    { class: 'look' },
    el('legend', { text: 'Languages, layout and theme' }),
    languages,
    el(
      'div',
      { class: 'row' },
      draft.languages.length > 1
        ? field(
            'Language shown',
            'locale',
            select(
              draft.locale,
              [['auto', "the page's lang"], ...LANGUAGES],
              (v) => (draft.locale = v),
            ),
          )
        : null,
      field(
        'Layout',
        'layout',
        select(
          draft.layout,
          [
            ['bar', 'bar at the bottom'],
            ['box', 'box in a corner'],
            ['modal', 'modal (blocks the page)'],
          ],
          (v) => (draft.layout = v),
        ),
      ),
      field(
        'Theme',
        'theme',
        select(
          draft.theme,
          [
            ['light', 'light'],
            ['dark', 'dark'],
            ['auto', "follow the visitor's setting"],
          ],
          (v) => (draft.theme = v),
        ),
      ),
    ),
    el(
      'div',
      { class: 'row' },
      field(
        'Proof-of-consent endpoint (optional)',
        'log.endpoint',
        input(draft.logEndpoint, (v) => (draft.logEndpoint = v), { spellcheck: 'false' }),
        'Each decision is POSTed here as JSON.',
      ),
      field(
        'Where you host keuze.min.js',
        'scriptUrl',
        input(draft.scriptUrl, (v) => (draft.scriptUrl = v), { spellcheck: 'false' }),
      ),
    ),
    checkbox('Google Consent Mode v2', draft.googleConsentMode, (on) => {
      draft.googleConsentMode = on;
      changed();
    }),
  );
}

function renderForm(focusPath?: string): void {
  const form = document.getElementById('builder-form')!;
  const scroll = window.scrollY;
  fieldCount = 0;
  form.replaceChildren(
    siteSection(),
    lookSection(),
    el('h2', { text: 'Purposes' }),
    ...draft.purposes.map(purposeBlock),
    button(
      'Add a purpose',
      () => {
        draft.purposes.push({
          id: '',
          basis: 'consent',
          name: {},
          description: {},
          justification: {},
          services: [],
          storage: [],
        });
        renderForm(`purposes[${draft.purposes.length - 1}].id`);
      },
      'add',
    ),
  );
  window.scrollTo(0, scroll);
  if (focusPath) form.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusPath)}"]`)?.focus();
  changed(true);
}

// ---------------------------------------------------------------------------
// Validation at the field, preview, snippet

let timer = 0;
let lastIssues: Issue[] = [];

function changed(now = false): void {
  clearTimeout(timer);
  if (now) update();
  else timer = window.setTimeout(update, 150);
}

/** The control an issue belongs to: the field with its exact path, else the nearest enclosing block. */
function targetOf(path: string): HTMLElement | null {
  const form = document.getElementById('builder-form')!;
  let current = path;
  while (current) {
    const exact = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(current)}"]`);
    if (exact) return exact.closest<HTMLElement>('[data-field]') ?? exact;
    // A text given per language: the issue may name the text or one of its languages.
    const partial = form.querySelector<HTMLElement>(`[data-path^="${CSS.escape(current)}."]`);
    if (partial && current === path) return partial.closest<HTMLElement>('[data-field]');
    const block = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(current)}"]`);
    if (block) return block;
    const parent = current.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === current) break; // a top-level key the form has no field for
    current = parent;
  }
  return null;
}

function showIssues(issues: Issue[]): void {
  const form = document.getElementById('builder-form')!;
  for (const node of form.querySelectorAll<HTMLElement>('.field__error, .block__error'))
    node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.has-error')) node.classList.remove('has-error');

  const summary = document.getElementById('issues')!;
  const items: HTMLElement[] = [];
  for (const issue of issues) {
    const target = targetOf(issue.path);
    const message = `${issue.severity === 'error' ? '' : 'Warning: '}${issue.message}`;
    const control = target?.querySelector<HTMLElement>('input, select, textarea') ?? null;
    if (target?.classList.contains('field') && control) {
      const note = el('p', {
        class: `field__error ${issue.severity}`,
        id: `${control.id}-error`,
        text: message,
      });
      target.append(note);
      if (issue.severity === 'error') control.setAttribute('aria-invalid', 'true');
      target.classList.add('has-error');
    } else if (target) {
      target.insertBefore(
        el('p', { class: `block__error ${issue.severity}`, text: `${issue.path}: ${message}` }),
        target.children[1] ?? null,
      );
      target.classList.add('has-error');
    }
    const go = el('button', {
      type: 'button',
      class: 'link',
      text: `${issue.path || 'config'}: ${message}`,
    });
    go.addEventListener('click', () => (control ?? target)?.focus());
    items.push(el('li', { class: issue.severity }, go));
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  summary.replaceChildren(
    el('p', {
      class: errors ? 'status status--error' : 'status status--ok',
      text: errors
        ? `${errors} ${errors === 1 ? 'problem' : 'problems'} to fix before the snippet works.`
        : items.length
          ? `The config is valid; read the ${items.length === 1 ? 'warning' : `${items.length} warnings`} below.`
          : 'The config is valid.',
    }),
    items.length ? el('ul', {}, ...items) : '',
  );
}

function update(): void {
  const config = toConfig(draft);
  const checked = validateConfig(config);
  // keuze.init leaves the notice section to <keuze-notice>: check it here too, so the
  // builder never calls a config valid whose privacy page would show no notice.
  // Its warnings name what GDPR Art. 13 asks of the notice and this one leaves out.
  const controllerName = isObject(config.controller) ? config.controller.name : undefined;
  const notice = validateNoticeConfig(config.notice, {
    controllerName: typeof controllerName === 'string' ? controllerName : undefined,
  });
  const result = { ...checked, ok: checked.ok && notice.ok };
  lastIssues = [...checked.errors, ...notice.errors, ...checked.warnings, ...notice.warnings];
  showIssues(lastIssues);
  const code = document.getElementById('snippet')!;
  const copy = document.getElementById('copy') as HTMLButtonElement;
  const status = document.getElementById('copy-status')!;
  status.textContent = '';
  if (result.ok && result.config) {
    code.textContent = snippet(config, draft.scriptUrl);
    copy.disabled = false;
    document.body.dataset.valid = 'true';
    preview(result.config);
  } else {
    code.textContent = snippet(config, draft.scriptUrl);
    copy.disabled = true;
    document.body.dataset.valid = 'false';
    document.getElementById('preview-paused')!.hidden = false;
  }
}

let previewConfig: Config | undefined;
const loaded = new Set<string>();

function previewLang(): string {
  if (draft.languages.length === 1) return draft.languages[0];
  const chosen = (document.getElementById('preview-lang') as HTMLSelectElement | null)?.value;
  return chosen && draft.languages.includes(chosen) ? chosen : (draft.languages[0] ?? 'en');
}

function preview(config: Config): void {
  previewConfig = config;
  document.getElementById('preview-paused')!.hidden = true;
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-view]')) {
    if (!loaded.has(frame.dataset.view!)) continue; // it asks for the config once it has loaded
    frame.contentWindow?.postMessage({ type: 'keuze-preview', config, lang: previewLang() }, '*');
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const frame = [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-view]')].find(
    (f) => f.contentWindow === event.source,
  );
  if (!frame) return;
  if (event.data?.type === 'keuze-preview-loaded') {
    loaded.add(frame.dataset.view!);
    if (previewConfig)
      frame.contentWindow?.postMessage(
        { type: 'keuze-preview', config: previewConfig, lang: previewLang() },
        '*',
      );
  }
  if (event.data?.type === 'keuze-preview-rendered')
    frame.dataset.rendered = String(event.data.revision);
});

async function copySnippet(): Promise<void> {
  const value = document.getElementById('snippet')!.textContent ?? '';
  const status = document.getElementById('copy-status')!;
  try {
    await navigator.clipboard.writeText(value);
    status.textContent = 'Copied. Paste it into the <head> of every page.';
  } catch {
    // No clipboard permission (e.g. a file:// page in some browsers): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('snippet')!);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    status.textContent =
      'Your browser blocked the clipboard: the snippet is selected, press Ctrl+C (⌘C).';
  }
}

function loadConfig(): void {
  const area = document.getElementById('import-json') as HTMLTextAreaElement;
  const status = document.getElementById('import-status')!;
  try {
    const parsed = JSON.parse(area.value) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('expected a JSON object');
    draft = {
      ...fromConfig(parsed as Record<string, unknown>),
      scriptUrl: draft.scriptUrl,
      imported: parsed as Record<string, unknown>,
    };
    status.textContent =
      'Loaded. Keys this form does not show (the notice, texts, options) are kept as they were.';
    renderForm();
  } catch (error) {
    status.textContent = `Not loaded: ${(error as Error).message}`;
  }
}

/** Adds catalogue presets as services, each under the purpose it suggests (added when missing). */
function addPresets(presets: Preset[]): string {
  const placed: string[] = [];
  for (const preset of presets) {
    let purpose = draft.purposes.find((p) => p.id === preset.purpose);
    if (!purpose) {
      purpose = {
        ...fromConfig({ purposes: [{ id: preset.purpose }] }).purposes[0],
        basis: preset.purpose === 'necessary' ? 'necessary' : 'consent',
      };
      draft.purposes.push(purpose);
    }
    if (purpose.services.some((service) => service.id === preset.preset)) continue;
    const [service] = fromConfig({
      locales: draft.languages,
      purposes: [{ services: [{ ...preset.service, id: preset.preset }] }],
    }).purposes[0].services;
    purpose.services.push(service);
    placed.push(`${preset.name} → ${purpose.id}`);
  }
  renderForm();
  return placed.length > 0 ? `Added ${placed.join(', ')}.` : 'Already in the config.';
}

function start(): void {
  mountCataloguePicker(document.getElementById('import-title')!.closest('section')!, {
    base: new URL('/keuze/catalogue/', location.href),
    onAdd: addPresets,
  });
  document.getElementById('copy')!.addEventListener('click', () => void copySnippet());
  document.getElementById('import')!.addEventListener('click', loadConfig);
  document.getElementById('reset-example')!.addEventListener('click', () => {
    draft = example(); // forgets a loaded config too
    renderForm();
  });
  const lang = document.getElementById('preview-lang') as HTMLSelectElement | null;
  lang?.addEventListener('change', () => previewConfig && preview(previewConfig));
  renderForm();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
