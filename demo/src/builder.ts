// The config builder (demo/builder.html): a form for the controller, purposes and
// their basis, services, storage items, the privacy notice, languages and text
// overrides, options, layout, theme and button colours. Every edit is checked with the
// widget's own validateConfig (and its notice section with validateNoticeConfig, as
// <keuze-notice> checks it), errors are shown at the field they belong to, the banner,
// cookie centre and notice are previewed live, and the finished snippet (config +
// script tag) can be copied, with the CSS for the colours. Static: it needs no server.
// The DOM is built with createElement/textContent only: nothing typed into the form
// is ever parsed as markup.
import { validateConfig } from '../../src/core/config/validate.js';
import { validateNoticeConfig } from '../../src/core/notice/validate.js';
import type { Issue } from '../../src/core/config/check.js';
import type { Basis, Config, LocalizedText, StorageType } from '../../src/core/types.js';
import type { Preset } from '../../src/core/config/presets.js';
import type { Transfer } from '../../src/core/notice/types.js';
import { AUTHORITY_PRESETS } from '../../src/core/notice/authorities.js';
import {
  LEGAL_BASES,
  RECIPIENT_ROLES,
  RETENTION_ANCHORS,
  RIGHTS,
  SAFEGUARDS,
} from '../../src/core/notice/validate.js';
import { en as ENGLISH } from '../../src/core/dictionaries.js';
import { mountCataloguePicker } from './catalogue-picker.js';
import { deriveTransfers, type ServiceFacts } from './transfers.js';
import { contrast, hoverShade, parseHex } from './contrast.js';

type Text = Record<string, string>;

interface StorageDraft {
  name: string;
  type: StorageType;
  retention: string;
  party: 'first' | 'third';
  purpose: Text;
  /** Why it needs no consent under a legitimate-interest purpose (ePrivacy Art. 5(3)); '' none. */
  exemptionGround: '' | 'strictly-necessary' | 'transmission';
  exemptionReason: Text;
}

interface ServiceDraft {
  id: string;
  provider: string;
  name: Text;
  description: Text;
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
  /** true: a Global Privacy Control signal refuses it; left out unless given. */
  saleOrSharing?: boolean;
  services: ServiceDraft[];
  storage: StorageDraft[];
}

interface TextOverride {
  lang: string;
  key: string;
  value: string;
}

interface Draft {
  revision: string;
  controller: string;
  /**
   * `config.notice` itself: each notice control reads and writes its own path in it, so
   * whatever the form does not show stays exactly as it was loaded.
   */
  notice: Json;
  /** The owner writes notice.transfers; otherwise it is derived from the services. */
  transfersByHand: boolean;
  expiry: string;
  languages: string[];
  locale: string;
  layout: 'bar' | 'box' | 'modal';
  theme: 'light' | 'dark' | 'auto';
  /** Button colour and its text colour: CSS custom properties, not config keys. */
  accent: string;
  buttonText: string;
  /** config.texts as rows, in order. */
  texts: TextOverride[];
  /** `reopen`, `reloadOnWithdraw` and `gpc` as the config gives them (absent: the defaults). */
  options: Json;
  googleConsentMode: boolean;
  logEndpoint: string;
  scriptUrl: string;
  purposes: PurposeDraft[];
  /** The config loaded with "Load a config": every key the form does not show is kept from it. */
  imported?: Record<string, unknown>;
}

/** Languages the widget ships (locales/*.json), each named in itself. */
const LANGUAGES: Array<[string, string]> = [
  'ar bg cs da de el en es et fi fr fr-BE ga hr hu it lt lv mt nl nl-BE pl pt ro sk sl sv',
]
  .flatMap((codes) => codes.split(' '))
  .map((code) => [code, new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code]);
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
  exemptionGround: '',
  exemptionReason: {},
});

function example(): Draft {
  return {
    revision: today,
    controller: 'Voorbeeld B.V.',
    notice: { url: '/privacy' },
    transfersByHand: false,
    expiry: 'P6M',
    languages: ['en', 'nl'],
    locale: 'auto',
    layout: 'bar',
    theme: 'light',
    accent: '',
    buttonText: '#ffffff',
    texts: [],
    options: {},
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
            description: {},
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
    exemption: item.exemptionGround
      ? compact({ ground: item.exemptionGround, reason: text(item.exemptionReason, languages) })
      : undefined,
  });
}

/** Each service with where it sits and the facts the transfers table is made of. */
function serviceFacts(purposes: PurposeDraft[]): ServiceFacts[] {
  return purposes.flatMap((purpose, i) =>
    purpose.services.map((service, j) => ({
      path: `purposes[${i}].services[${j}]`,
      provider: service.provider,
      country: service.country,
      safeguard: service.safeguard,
    })),
  );
}

/** The notice as the form holds it, with the transfers derived from the services unless written by hand. */
function noticeConfig(draft: Draft): Json | undefined {
  const notice = structuredClone(draft.notice);
  if (!draft.transfersByHand) {
    const { transfers } = deriveTransfers(serviceFacts(draft.purposes));
    if (transfers.length) notice.transfers = transfers;
    else delete notice.transfers;
  }
  // The first controller entity takes controller.name when the form gave it no name of its own.
  const entities = notice.controllers;
  if (Array.isArray(entities) && isObject(entities[0]) && entities[0].name === undefined) {
    if (Object.keys(entities[0]).length === 0) entities.splice(0, 1);
    else entities[0] = { name: draft.controller.trim() || undefined, ...entities[0] };
    if (entities.length === 0) delete notice.controllers;
  }
  return Object.keys(notice).length ? notice : undefined;
}

/** config.texts from the override rows; the last row wins for a language and key. */
function textsConfig(rows: TextOverride[]): Json | undefined {
  const texts: Record<string, Record<string, string>> = {};
  for (const { lang, key, value } of rows) {
    if (!lang || !key) continue;
    (texts[lang] ??= {})[key] = value;
  }
  return Object.keys(texts).length ? texts : undefined;
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
      saleOrSharing: purpose.saleOrSharing,
      services: purpose.services.length
        ? purpose.services.map((service) =>
            compact({
              id: service.id.trim(),
              provider: service.provider.trim(),
              name: text(service.name, langs),
              description: text(service.description, langs),
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
    notice: noticeConfig(draft),
    // Defaults are left out, unless a loaded config spelled them out.
    expiry:
      draft.expiry.trim() && (draft.expiry.trim() !== 'P6M' || loadedHas('expiry'))
        ? draft.expiry.trim()
        : undefined,
    locale: langs.length === 1 ? langs[0] : draft.locale,
    locales: langs.length > 1 ? langs : undefined,
    layout: draft.layout === 'bar' && !loadedHas('layout') ? undefined : draft.layout,
    theme: draft.theme,
    texts: textsConfig(draft.texts),
    ...draft.options,
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

const STORAGE_FIELDS = ['name', 'type', 'retention', 'party', 'purpose', 'exemption'] as const;
const SERVICE_FIELDS = [
  'id',
  'provider',
  'name',
  'description',
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
  'saleOrSharing',
  'services',
  'storage',
];
const OPTION_KEYS = ['reopen', 'reloadOnWithdraw', 'gpc'] as const;
const CONFIG_FIELDS = [
  'revision',
  'expiry',
  'locale',
  'locales',
  'layout',
  'theme',
  'texts',
  ...OPTION_KEYS,
  'purposes',
];

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
  const consentMode =
    built.googleConsentMode && isObject(loaded.googleConsentMode)
      ? loaded.googleConsentMode
      : built.googleConsentMode;
  return compact({
    ...overlay(loaded, built, CONFIG_FIELDS),
    controller: partly('controller', 'name'),
    notice: built.notice,
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
    exemptionGround: isObject(item.exemption)
      ? ((item.exemption.ground as StorageDraft['exemptionGround']) ?? '')
      : '',
    exemptionReason: fromText(
      isObject(item.exemption) ? item.exemption.reason : undefined,
      languages,
    ),
  };
}

function fromConfig(input: Record<string, unknown>): Draft {
  const base = example();
  const locales = Array.isArray(input.locales) ? (input.locales as string[]) : [];
  const shipped = (tag: string) => LANGUAGES.some(([code]) => code === tag);
  const languages = locales.filter(shipped);
  if (!languages.length) {
    const tag = typeof input.locale === 'string' && input.locale !== 'auto' ? input.locale : 'en';
    languages.push(shipped(tag) ? tag : tag.split('-')[0]);
  }
  const texts = isObject(input.texts) ? input.texts : {};
  const list = (value: unknown) =>
    Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  return {
    ...base,
    revision: String(input.revision ?? base.revision),
    controller: String((input.controller as { name?: string } | undefined)?.name ?? ''),
    notice: isObject(input.notice) ? structuredClone(input.notice) : {},
    options: Object.fromEntries(
      OPTION_KEYS.filter((key) => input[key] !== undefined).map((key) => [
        key,
        structuredClone(input[key]),
      ]),
    ),
    transfersByHand: isObject(input.notice) && input.notice.transfers !== undefined,
    texts: Object.entries(texts).flatMap(([lang, strings]) =>
      Object.entries(isObject(strings) ? strings : {}).map(([key, value]) => ({
        lang,
        key,
        value: String(value),
      })),
    ),
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
      saleOrSharing: typeof purpose.saleOrSharing === 'boolean' ? purpose.saleOrSharing : undefined,
      storage: list(purpose.storage).map((item) => fromStorage(item, languages)),
      services: list(purpose.services).map((service) => ({
        id: String(service.id ?? ''),
        provider: String(service.provider ?? ''),
        name: fromText(service.name, languages),
        description: fromText(service.description, languages),
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

/** `legitimate`: the items belong to a legitimate-interest purpose, so each may state its exemption. */
function storageRows(
  items: StorageDraft[],
  path: string,
  owner: string,
  legitimate = false,
): HTMLElement {
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
      ...(legitimate || item.exemptionGround
        ? [
            field(
              'Needs no consent because',
              `${at}.exemption.ground`,
              select(
                item.exemptionGround,
                [
                  ['', 'not exempt (Keuze warns at every page load)'],
                  ['strictly-necessary', 'strictly necessary for what the visitor asked for'],
                  ['transmission', 'only carries out a transmission'],
                ],
                (v) => (item.exemptionGround = v),
                true,
              ),
              'ePrivacy Art. 5(3): without consent, only these two exemptions allow storing on a device.',
            ),
            ...(item.exemptionGround
              ? textFields('Why it is exempt', `${at}.exemption.reason`, item.exemptionReason)
              : []),
          ]
        : []),
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
    ...textFields('What it does', `${path}.description`, service.description),
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
    storageRows(
      service.storage,
      `${path}.storage`,
      service.id || `service ${index + 1}`,
      purpose.basis === 'legitimate-interest',
    ),
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
    purpose.basis === 'necessary'
      ? null
      : checkbox(
          'It sells or shares personal data: a Global Privacy Control signal refuses it',
          purpose.saleOrSharing === true,
          (on) => {
            purpose.saleOrSharing = on ? true : undefined;
            changed();
          },
          `${path}.saleOrSharing`,
        ),
    ...(purpose.basis === 'necessary'
      ? textFields(
          'Why it is strictly necessary',
          `${path}.justification`,
          purpose.justification,
          'Required for a necessary purpose.',
        )
      : []),
    el('h4', { text: 'Storage of the site itself' }),
    storageRows(purpose.storage, `${path}.storage`, label, purpose.basis === 'legitimate-interest'),
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
        description: {},
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

// ---------------------------------------------------------------------------
// The notice (config.notice): each control reads and writes one path of draft.notice.

type Key = string | number;

function pathText(keys: Key[]): string {
  return keys.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`),
    'notice',
  );
}

function getAt(keys: Key[]): unknown {
  let value: unknown = draft.notice;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<Key, unknown>)[key];
  }
  return value;
}

/**
 * Sets one path (creating objects on the way); `undefined` removes it, and objects
 * left empty by that go too. Array items stay: the owner removes them with their button.
 */
function setAt(keys: Key[], value: unknown): void {
  let parent: Record<Key, unknown> = draft.notice;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    const next = parent[key];
    if (next === null || typeof next !== 'object')
      parent[key] = typeof keys[i + 1] === 'number' ? [] : {};
    parent = parent[key] as Record<Key, unknown>;
  }
  const last = keys[keys.length - 1];
  // An item of a list stays in its place (empty, which the check reports) until removed.
  if (value === undefined && typeof last === 'number') parent[last] = '';
  else if (value === undefined) delete parent[last];
  else parent[last] = value;
  for (let depth = keys.length - 1; depth > 0; depth--) {
    const holder = getAt(keys.slice(0, depth));
    if (typeof keys[depth - 1] === 'number' || !isObject(holder)) break;
    if (Object.keys(holder).length > 0) break;
    const owner = depth === 1 ? draft.notice : (getAt(keys.slice(0, depth - 1)) as Json);
    delete owner[keys[depth - 1] as string];
  }
}

function noticeInput(
  label: string,
  keys: Key[],
  hint?: string,
  attrs: Record<string, string> = {},
): HTMLElement {
  const value = getAt(keys);
  const asNumber = attrs.type === 'number';
  return field(
    label,
    pathText(keys),
    input(
      value === undefined ? '' : String(value),
      (v) => setAt(keys, v.trim() === '' ? undefined : asNumber ? Number(v) : v.trim()),
      { spellcheck: 'false', ...attrs },
    ),
    hint,
  );
}

/** A visible text of the notice: one control per language, a textarea when `long`. */
function noticeText(label: string, keys: Key[], hint?: string, long = false): HTMLElement[] {
  const languages = draft.languages.length ? draft.languages : ['en'];
  const read = (lang: string): string => {
    const value = getAt(keys);
    if (typeof value === 'string') return value;
    return isObject(value) && typeof value[lang] === 'string' ? value[lang] : '';
  };
  const write = (lang: string, typed: string): void => {
    const value = getAt(keys) === '' ? undefined : getAt(keys);
    const text = typed.trim();
    if (languages.length === 1 && !isObject(value)) {
      setAt(keys, text || undefined);
      return;
    }
    // One string was every language's text: it stays theirs, except the one typed in.
    const byLanguage: Json = isObject(value)
      ? { ...value }
      : typeof value === 'string'
        ? Object.fromEntries(languages.map((l) => [l, value]))
        : {};
    if (text) byLanguage[lang] = text;
    else delete byLanguage[lang];
    setAt(keys, Object.keys(byLanguage).length ? byLanguage : undefined);
  };
  return languages.map((lang) => {
    const control = long
      ? el('textarea', { rows: '3', lang })
      : el('input', { type: 'text', lang });
    control.value = read(lang);
    control.addEventListener('input', () => {
      write(lang, control.value);
      changed();
    });
    const multi = languages.length > 1;
    return field(
      `${label}${multi ? ` (${lang})` : ''}`,
      multi ? `${pathText(keys)}.${lang}` : pathText(keys),
      control,
      hint,
    );
  });
}

/** A select over a notice path: '' leaves the key out. `decode` turns the option into the value. */
function noticeSelect(
  label: string,
  keys: Key[],
  options: Array<[string, string]>,
  hint?: string,
  decode: (value: string) => unknown = (v) => v,
  encode: (value: unknown) => string = (v) => (v === undefined ? '' : String(v)),
): HTMLElement {
  return field(
    label,
    pathText(keys),
    select(encode(getAt(keys)), options, (v) => setAt(keys, v === '' ? undefined : decode(v))),
    hint,
  );
}

const YES_NO: Array<[string, string]> = [
  ['', 'not stated'],
  ['false', 'no'],
  ['true', 'yes'],
];
const yesNo = (v: string): boolean => v === 'true';

function noticeCheck(label: string, keys: Key[]): HTMLElement {
  return checkbox(
    label,
    getAt(keys) !== undefined && getAt(keys) !== false,
    (on) => {
      setAt(keys, on ? true : undefined);
      changed();
    },
    pathText(keys),
  );
}

/** A comma-separated list of codes (regions, countries). */
function noticeCodes(label: string, keys: Key[], hint: string): HTMLElement {
  const value = getAt(keys);
  return field(
    label,
    pathText(keys),
    input(
      Array.isArray(value) ? value.join(', ') : '',
      (v) => {
        const codes = v
          .split(/[\s,]+/)
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean);
        setAt(keys, codes.length ? codes : undefined);
      },
      { spellcheck: 'false' },
    ),
    hint,
  );
}

/** The items of an array path, each in its own fieldset, with add and remove buttons. */
function noticeList(
  keys: Key[],
  noun: string,
  item: (at: Key[], index: number) => Array<HTMLElement | null>,
  fresh: () => unknown,
  /** The field focused in a new item; none: the item's own control. */
  focusKey?: string,
): HTMLElement {
  const items = Array.isArray(getAt(keys)) ? (getAt(keys) as unknown[]) : [];
  const owner = ownerOf(keys);
  return el(
    'div',
    { class: 'notice-list', 'data-field': pathText(keys) },
    ...items.map((_, index) =>
      el(
        'fieldset',
        { class: 'notice-item', 'data-field': pathText([...keys, index]) },
        el('legend', { text: `${noun} ${index + 1}` }),
        ...item([...keys, index], index),
        button(`Remove ${noun.toLowerCase()} ${index + 1}${owner && ` of ${owner}`}`, () => {
          const list = getAt(keys) as unknown[];
          list.splice(index, 1);
          if (list.length === 0) setAt(keys, undefined);
          renderForm();
        }),
      ),
    ),
    button(
      `Add ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun.toLowerCase()}${owner && ` to ${owner}`}`,
      () => {
        const list = Array.isArray(getAt(keys)) ? (getAt(keys) as unknown[]) : [];
        list.push(fresh());
        setAt(keys, list);
        const added: Key[] = [...keys, list.length - 1];
        renderForm(pathText(focusKey ? [...added, focusKey] : added));
      },
    ),
  );
}

const ITEM_NAMES: Record<string, string> = { activities: 'activity', sections: 'section' };

/** The item a nested list belongs to ("activity 2"), so its buttons' names are unique. */
function ownerOf(keys: Key[]): string {
  for (let i = keys.length - 1; i > 0; i--) {
    const index = keys[i];
    if (typeof index === 'number') return `${ITEM_NAMES[keys[i - 1]] ?? keys[i - 1]} ${index + 1}`;
  }
  return '';
}

/** A list of texts (paragraphs, data categories): one item per text, each in every language. */
function noticeTexts(label: string, keys: Key[], noun: string, long = false): HTMLElement {
  return el(
    'div',
    { class: 'field-group' },
    el('h4', { text: label }),
    noticeList(
      keys,
      noun,
      (at) => noticeText(noun, at, undefined, long),
      () => '',
    ),
  );
}

/** The path of the DPO's contact: `dpo`, or its first item when the config lists several. */
const dpoKeys = (): Key[] => (Array.isArray(draft.notice.dpo) ? ['dpo', 0] : ['dpo']);

function contactRows(keys: Key[], who: string): HTMLElement {
  return el(
    'div',
    { class: 'row' },
    noticeInput(`${who}: e-mail`, [...keys, 'email'], undefined, { type: 'email' }),
    noticeInput(`${who}: phone`, [...keys, 'phone'], undefined, { type: 'tel' }),
    noticeInput(`${who}: web page or form`, [...keys, 'url'], undefined, { type: 'url' }),
  );
}

function activityFields(at: Key[]): Array<HTMLElement | null> {
  const bases = getAt([...at, 'basis']);
  const chosen = Array.isArray(bases) ? bases : bases === undefined ? [] : [bases];
  const setBases = (next: unknown[]) =>
    setAt([...at, 'basis'], next.length === 0 ? undefined : next.length === 1 ? next[0] : next);
  const purposeIds = draft.purposes.map((purpose) => purpose.id.trim()).filter(Boolean);
  const covered = getAt([...at, 'cookiePurposes']);
  const coveredIds = Array.isArray(covered) ? covered : [];
  return [
    el(
      'div',
      { class: 'row' },
      noticeInput('Id', [...at, 'id'], 'e.g. orders, newsletter'),
      ...noticeText('Name', [...at, 'name']),
    ),
    ...noticeText('Why (the purpose)', [...at, 'purpose']),
    el(
      'div',
      { class: 'field checks', 'data-field': pathText([...at, 'basis']) },
      el('span', { class: 'label', text: 'Legal basis (GDPR Art. 6(1))' }),
      ...LEGAL_BASES.map((basis) =>
        checkbox(
          basis,
          chosen.includes(basis),
          (on) => {
            setBases(LEGAL_BASES.filter((b) => (b === basis ? on : chosen.includes(b))));
            renderForm(`${pathText([...at, 'basis'])}.${basis}`);
          },
          `${pathText([...at, 'basis'])}.${basis}`,
        ),
      ),
    ),
    ...noticeText(
      'The interest, contract or obligation',
      [...at, 'basisDetail'],
      'Art. 13(1)(d): name the legitimate interest when that is the basis.',
    ),
    el(
      'div',
      { class: 'row' },
      noticeInput('Kept for', [...at, 'retention', 'duration'], 'ISO 8601, e.g. P2Y'),
      noticeSelect(
        'Counted from',
        [...at, 'retention', 'from'],
        [['', 'collection (default)'], ...RETENTION_ANCHORS.map((a): [string, string] => [a, a])],
      ),
    ),
    ...noticeText('Or: how long, in words', [...at, 'retention', 'text']),
    noticeTexts('Data it uses', [...at, 'dataCategories'], 'Data category'),
    noticeTexts('Whose data', [...at, 'dataSubjects'], 'Data subject'),
    noticeTexts('Where the data comes from, if not the visitor', [...at, 'sources'], 'Source'),
    el('h4', { text: 'Recipients of this activity' }),
    recipientList([...at, 'recipients']),
    ...noticeText(
      'Must the data be given, and what if not',
      [...at, 'requirement'],
      'Art. 13(2)(e)',
    ),
    purposeIds.length
      ? el(
          'div',
          { class: 'field checks', 'data-field': pathText([...at, 'cookiePurposes']) },
          el('span', { class: 'label', text: 'Cookie purposes it covers' }),
          ...purposeIds.map((id) =>
            checkbox(
              id,
              coveredIds.includes(id),
              (on) => {
                const next = purposeIds.filter((p) => (p === id ? on : coveredIds.includes(p)));
                setAt([...at, 'cookiePurposes'], next.length ? next : undefined);
                renderForm(`${pathText([...at, 'cookiePurposes'])}.${id}`);
              },
              `${pathText([...at, 'cookiePurposes'])}.${id}`,
            ),
          ),
        )
      : null,
  ];
}

/** The derived transfers, read-only; update() redraws it as the services change. */
function transfersTable(transfers: Transfer[]): HTMLTableElement {
  const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
  return el(
    'table',
    { class: 'derived', id: 'derived-transfers' },
    el('caption', { text: 'Transfers outside the EEA, from the services above' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Recipients' }),
        el('th', { scope: 'col', text: 'Country' }),
        el('th', { scope: 'col', text: 'Safeguard' }),
      ),
    ),
    el(
      'tbody',
      {},
      ...(transfers.length
        ? transfers.map((transfer) =>
            el(
              'tr',
              {},
              el('td', { text: String(transfer.recipients ?? '') }),
              el('td', {
                text: (transfer.countries ?? [])
                  .map((code) => `${countryNames.of(code) ?? code} (${code})`)
                  .join(', '),
              }),
              el('td', { text: SAFEGUARD_LABELS[transfer.safeguard] }),
            ),
          )
        : [
            el(
              'tr',
              {},
              el('td', { colspan: '3', text: 'No service sends data outside the EEA.' }),
            ),
          ]),
    ),
  );
}

function recipientList(keys: Key[]): HTMLElement {
  return noticeList(
    keys,
    'Recipient',
    (at) => [
      ...noticeText('Name or category', [...at, 'name']),
      noticeSelect(
        'Role',
        [...at, 'role'],
        [['', 'not stated'], ...RECIPIENT_ROLES.map((r): [string, string] => [r, r])],
      ),
      ...noticeText('What they do with it', [...at, 'description']),
    ],
    () => ({}),
    'name',
  );
}

/** The transfers table: derived from the services (read-only), or written by hand. */
function transfersPart(): Array<HTMLElement | null> {
  const derived = deriveTransfers(serviceFacts(draft.purposes));
  const byHand = checkbox(
    'Write the transfers myself instead of deriving them from the services',
    draft.transfersByHand,
    (on) => {
      draft.transfersByHand = on;
      // Starting by hand from what the services say; back to derived forgets the typed rows.
      const { transfers } = deriveTransfers(serviceFacts(draft.purposes));
      if (on && transfers.length) draft.notice.transfers = transfers;
      if (!on) delete draft.notice.transfers;
      renderForm('transfersByHand');
    },
    'transfersByHand',
  );
  const table = transfersTable(derived.transfers);
  return [
    el('h3', { text: 'Transfers outside the EEA' }),
    el('div', { 'data-field': 'notice.transfers' }),
    el(
      'div',
      { class: 'table-scroll' },
      table,
      el('p', {
        class: 'field__hint',
        text: draft.transfersByHand
          ? 'What the services say, for comparison: the notice shows the transfers you write below.'
          : 'Read-only: it follows each service’s country and safeguard, and goes into the notice as notice.transfers.',
      }),
    ),
    byHand,
    draft.transfersByHand
      ? noticeList(
          ['transfers'],
          'Transfer',
          (at) => [
            el(
              'div',
              { class: 'row' },
              noticeCodes('Countries', [...at, 'countries'], 'ISO codes: US, GB'),
              noticeSelect(
                'Safeguard',
                [...at, 'safeguard'],
                SAFEGUARDS.map((s): [string, string] => [s, SAFEGUARD_LABELS[s]]),
              ),
            ),
            ...noticeText('Recipients there', [...at, 'recipients']),
            ...noticeText('More about the safeguard', [...at, 'detail']),
            el(
              'div',
              { class: 'row' },
              noticeInput('A copy of it from: e-mail', [...at, 'copy', 'email'], undefined, {
                type: 'email',
              }),
              noticeInput('…or web page', [...at, 'copy', 'url'], undefined, { type: 'url' }),
            ),
          ],
          () => ({ safeguard: 'scc' }),
          'countries',
        )
      : null,
    ...noticeText(
      'Said about transfers in general',
      ['transferNote'],
      'e.g. "We do not transfer personal data outside the EEA."',
    ),
  ];
}

const SAFEGUARD_LABELS: Record<string, string> = {
  adequacy: 'adequacy decision',
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  dpf: 'EU-US Data Privacy Framework',
  derogation: 'derogation (Art. 49)',
  consent: 'explicit consent',
  'codes-of-conduct': 'approved code of conduct',
  certification: 'approved certification',
  none: 'no safeguard',
};

/** Parts of the notice the site owner has opened; they stay open as the form redraws. */
const openParts = new Set<string>();

/**
 * The notice's fields as collapsible parts (native <details>, keyboard operable): a
 * new part starts at each h3, whose text becomes its summary.
 */
function parts(firstTitle: string, nodes: Array<HTMLElement | null>): HTMLElement[] {
  const groups: Array<{ title: string; nodes: HTMLElement[] }> = [{ title: firstTitle, nodes: [] }];
  for (const node of nodes) {
    if (!node) continue;
    if (node.tagName === 'H3') groups.push({ title: node.textContent ?? '', nodes: [] });
    else groups[groups.length - 1].nodes.push(node);
  }
  return groups.map(({ title, nodes: children }) => {
    const details = el(
      'details',
      { class: 'part', 'data-part': title },
      el('summary', {}, el('span', { text: title }), el('span', { class: 'part__issues' })),
      ...children,
    );
    details.open = openParts.has(title);
    details.addEventListener('toggle', () =>
      details.open ? openParts.add(title) : openParts.delete(title),
    );
    return details;
  });
}

/** Opens the collapsed parts around a control, so it can take focus. */
function reveal(node: Element | null): void {
  for (let part = node?.closest('details'); part; part = part.parentElement?.closest('details')) {
    part.open = true;
    if (part.dataset.part) openParts.add(part.dataset.part);
  }
}

function noticeSection(): HTMLElement {
  const authority = getAt(['authority']);
  return el(
    'fieldset',
    { class: 'notice', id: 'notice-section' },
    el('legend', { text: 'Privacy notice' }),
    el('p', {
      class: 'field__hint',
      text: 'What <keuze-notice> shows on your privacy page besides the cookie declaration. The Check panel names each item GDPR Art. 13 requires that is still missing; each part below says how many of its fields need a look.',
    }),
    ...parts('Title and introduction', [
      ...noticeText('Title', ['title'], 'Default: "Privacy statement" in the visitor’s language.'),
      noticeTexts('Opening paragraphs', ['intro'], 'Opening paragraph', true),
      el('h3', { text: 'Who you are' }),
      el('div', { 'data-field': 'notice.controllers' }), // where "no controller" warnings go
      ...noticeText('Controller: address', ['controllers', 0, 'address'], undefined, true),
      contactRows(['controllers', 0], 'Controller'),
      el(
        'div',
        { class: 'row' },
        noticeInput('Controller: company number', ['controllers', 0, 'companyNumber'], 'KvK, KBO…'),
        noticeInput('Controller: country', ['controllers', 0, 'country'], 'ISO code, e.g. NL'),
      ),
      ...noticeText(
        'When another entity is the controller',
        ['controllerNote'],
        'e.g. the subsidiary you contract with',
      ),
      el('h3', { text: 'Data protection officer and privacy contact' }),
      ...noticeText('DPO: name', [...dpoKeys(), 'name']),
      contactRows(dpoKeys(), 'DPO'),
      el(
        'div',
        { class: 'row' },
        noticeInput('Privacy contact: e-mail (if not the DPO)', ['contact', 'email'], undefined, {
          type: 'email',
        }),
      ),
      el('h3', { text: 'Representatives (GDPR Art. 27)' }),
      noticeList(
        ['representatives'],
        'Representative',
        (at) => [
          ...noticeText('Name', [...at, 'name']),
          el(
            'div',
            { class: 'row' },
            noticeInput('E-mail', [...at, 'email'], undefined, { type: 'email' }),
            noticeInput('Phone', [...at, 'phone'], undefined, { type: 'tel' }),
            noticeCodes('Where it represents you', [...at, 'regions'], 'EU, UK, CH…'),
          ),
          ...noticeText('Address', [...at, 'address'], undefined, true),
        ],
        () => ({ regions: ['EU'] }),
        'name',
      ),
      el('h3', { text: 'What you process, why, on what basis, how long' }),
      noticeList(['activities'], 'Activity', activityFields, () => ({}), 'id'),
      ...noticeText(
        'Legal bases, said for all activities',
        ['basisNote'],
        'Only when the statement does not give a basis per activity.',
      ),
      ...noticeText('Retention, for every activity', ['retention', 'text']),
      el('h4', { text: 'Recipients (of every activity)' }),
      recipientList(['recipients']),
      noticeSelect(
        'Special categories of data (Art. 9)',
        ['specialCategories'],
        YES_NO,
        undefined,
        yesNo,
        (v) => (typeof v === 'boolean' ? String(v) : ''),
      ),
      ...transfersPart(),
      el('h3', { text: 'Rights and complaints' }),
      el(
        'div',
        { class: 'row' },
        noticeInput('Exercise rights by e-mail', ['rights', 'exercise', 'email'], undefined, {
          type: 'email',
        }),
        noticeInput('…or with a form (URL)', ['rights', 'exercise', 'form'], undefined, {
          type: 'url',
        }),
        noticeInput('Answered within', ['rights', 'responseTime'], 'ISO 8601, e.g. P1M'),
      ),
      noticeCheck('Exercising a right is free', ['rights', 'free']),
      noticeCheck('We check the identity of who asks', ['rights', 'identityCheck']),
      rightsList(),
      ...noticeText('More about your rights', ['rights', 'note']),
      noticeSelect(
        'Supervisory authority',
        ['authority'],
        [
          ['', 'none named'],
          ...AUTHORITY_PRESETS.map((id): [string, string] => [id, id]),
          ...(isObject(authority)
            ? [['custom', 'as in the loaded config'] as [string, string]]
            : []),
        ],
        'Where a visitor may complain (Art. 13(2)(d)).',
        (v) => (v === 'custom' ? authority : v),
        (v) => (isObject(v) ? 'custom' : v === undefined ? '' : String(v)),
      ),
      ...noticeText('Your own complaint route', ['complaint'], undefined, true),
      el('h3', { text: 'Children and automated decisions' }),
      el(
        'div',
        { class: 'row' },
        noticeInput('Minimum age', ['children', 'minimumAge'], 'years', {
          type: 'number',
          min: '1',
          max: '21',
          inputmode: 'numeric',
        }),
        noticeSelect(
          'Automated decisions (Art. 22)',
          ['automatedDecisions', 'used'],
          YES_NO,
          undefined,
          yesNo,
        ),
        noticeSelect('Profiling', ['automatedDecisions', 'profiling'], YES_NO, undefined, yesNo),
      ),
      noticeCheck('Younger children only with a parent’s consent', ['children', 'parentalConsent']),
      ...noticeText(
        'The logic and its consequences',
        ['automatedDecisions', 'description'],
        'Required when decisions are automated (Art. 13(2)(f)).',
        true,
      ),
      el('h3', { text: 'Security' }),
      noticeTexts('How the data is protected', ['security'], 'Security paragraph', true),
      el('h3', { text: 'Your own sections' }),
      noticeList(
        ['sections'],
        'Section',
        (at) => [
          noticeInput('Id', [...at, 'id'], 'the anchor, e.g. social-media'),
          ...noticeText('Title', [...at, 'title']),
          noticeTexts('Paragraphs', [...at, 'body'], 'Paragraph', true),
        ],
        () => ({ body: [''] }),
        'id',
      ),
      el('h3', { text: 'Dates and changes' }),
      el(
        'div',
        { class: 'row' },
        noticeInput('In force from', ['effectiveDate'], 'YYYY-MM-DD'),
        noticeInput('Last updated', ['lastUpdated'], 'YYYY-MM-DD'),
      ),
      ...noticeText('How changes are announced', ['changesNote']),
      ...noticeText(
        'What changed materially (shown at the top)',
        ['materialChange', 'summary'],
        undefined,
        true,
      ),
      noticeInput(
        'Shown for (days)',
        ['materialChange', 'days'],
        'default 30, from “In force from”',
        {
          type: 'number',
          min: '1',
          max: '366',
          inputmode: 'numeric',
        },
      ),
      el('h4', { text: 'Previous versions' }),
      noticeList(
        ['previousVersions'],
        'Previous version',
        (at) => [
          el(
            'div',
            { class: 'row' },
            noticeInput('Date', [...at, 'date'], 'YYYY-MM-DD'),
            noticeInput('URL', [...at, 'url'], undefined, { type: 'url' }),
          ),
        ],
        () => ({}),
        'date',
      ),
    ]),
  );
}

/** The rights the notice lists: all when none is ticked (the notice's default). */
function rightsList(): HTMLElement {
  const listed = getAt(['rights', 'list']);
  const chosen = Array.isArray(listed) ? listed : [];
  const path = pathText(['rights', 'list']);
  return el(
    'div',
    { class: 'field checks', 'data-field': path },
    el('span', { class: 'label', text: 'Rights listed (all of them when none is ticked)' }),
    ...RIGHTS.map((right) =>
      checkbox(
        right,
        chosen.includes(right),
        (on) => {
          const next = RIGHTS.filter((r) => (r === right ? on : chosen.includes(r)));
          setAt(['rights', 'list'], next.length ? next : undefined);
          renderForm(`${path}.${right}`);
        },
        `${path}.${right}`,
      ),
    ),
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
      noticeInput('Privacy statement URL', ['url']),
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
    { class: 'field languages', 'data-field': 'locales' },
    el('span', { class: 'label', text: 'Languages' }),
    ...LANGUAGES.map(([code, name]) =>
      checkbox(
        `${name} (${code})`,
        draft.languages.includes(code),
        (on) => {
          draft.languages = LANGUAGES.map(([c]) => c).filter((c) =>
            c === code ? on : draft.languages.includes(c),
          );
          renderForm(`locales.${code}`);
        },
        `locales.${code}`,
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
    el(
      'div',
      { class: 'row' },
      optionSelect(
        'Re-open button',
        'reopen',
        [
          ['', 'shown (default: bottom left)'],
          ['bottom-left', 'bottom left'],
          ['bottom-right', 'bottom right'],
          ['top-left', 'top left'],
          ['top-right', 'top right'],
          ['off', 'not shown: link "Cookie settings" yourself'],
        ],
        (v) => (v === 'off' ? false : { position: v }),
        (v) => (v === false ? 'off' : isObject(v) ? String(v.position ?? '') : ''),
        'Visitors must be able to change their choice on every page.',
      ),
      optionSelect(
        'Global Privacy Control',
        'gpc',
        [
          ['', 'honoured (default)'],
          ['false', 'ignored'],
        ],
        () => false,
        (v) => (v === false ? 'false' : ''),
        'Honoured, the signal refuses purposes that sell or share data.',
      ),
    ),
    checkbox(
      'Reload the page after a withdrawal, so scripts that already ran stop',
      draft.options.reloadOnWithdraw === true,
      (on) => {
        if (on) draft.options.reloadOnWithdraw = true;
        else delete draft.options.reloadOnWithdraw;
        changed();
      },
      'reloadOnWithdraw',
    ),
    el('h3', { text: 'Button colours' }),
    el(
      'div',
      { class: 'row' },
      colourField(
        'Button colour (accent)',
        'style.accent',
        draft.accent,
        (v) => (draft.accent = v),
      ),
      colourField(
        'Button text colour',
        'style.buttonText',
        draft.buttonText,
        (v) => (draft.buttonText = v),
      ),
    ),
    el('p', {
      class: 'field__hint',
      text: 'Colours are CSS custom properties, not config keys: copy the CSS under the snippet into your stylesheet. Empty keeps the default colours.',
    }),
  );
}

/** A select over a top-level option: '' leaves it out (the widget's default). */
function optionSelect(
  label: string,
  key: (typeof OPTION_KEYS)[number],
  options: Array<[string, string]>,
  decode: (value: string) => unknown,
  encode: (value: unknown) => string,
  hint?: string,
): HTMLElement {
  return field(
    label,
    key,
    select(encode(draft.options[key]), options, (v) => {
      if (v === '') delete draft.options[key];
      else draft.options[key] = decode(v);
    }),
    hint,
  );
}

/** A hex colour typed as text, with a swatch of what it reads. */
function colourField(
  label: string,
  path: string,
  value: string,
  onInput: (value: string) => void,
): HTMLElement {
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  const paint = (colour: string) =>
    parseHex(colour)
      ? swatch.style.setProperty('background', colour.trim())
      : swatch.style.removeProperty('background');
  paint(value);
  const control = input(
    value,
    (v) => {
      onInput(v);
      paint(v);
    },
    { spellcheck: 'false', placeholder: '#1f3a5f', autocomplete: 'off' },
  );
  const node = field(label, path, control, 'Hex, e.g. #0b5d3b');
  const wrap = el('span', { class: 'colour' });
  control.replaceWith(wrap);
  wrap.append(control, swatch);
  return node;
}

/** The UI keys a site may override (locales/en.json), for the override picker. */
const TEXT_KEYS = Object.keys(ENGLISH);

function textsSection(): HTMLElement {
  const rows = draft.texts.map((row, index) => {
    const at = `texts[${index}]`;
    const shown = LANGUAGES.some(([code]) => code === row.lang)
      ? LANGUAGES
      : [[row.lang, row.lang] as [string, string], ...LANGUAGES];
    const keys = TEXT_KEYS.includes(row.key) ? TEXT_KEYS : [row.key, ...TEXT_KEYS];
    return el(
      'fieldset',
      { class: 'text-override', 'data-field': at },
      el('legend', { text: `Text override ${index + 1}` }),
      el(
        'div',
        { class: 'row' },
        field(
          'Language',
          `${at}.lang`,
          select(
            row.lang,
            shown.map(([code, name]): [string, string] => [code, `${name} (${code})`]),
            (v) => (row.lang = v),
          ),
        ),
        field(
          'Text',
          `${at}.key`,
          select(
            row.key,
            keys.map((key): [string, string] => [key, key]),
            (v) => (row.key = v),
            true,
          ),
          ENGLISH[row.key] ? `English: ${ENGLISH[row.key]}` : undefined,
        ),
      ),
      field(
        'Your wording',
        `texts.${row.lang}.${row.key}`,
        input(row.value, (v) => (row.value = v)),
      ),
      button(`Remove text override ${index + 1}`, () => {
        draft.texts.splice(index, 1);
        renderForm();
      }),
    );
  });
  return el(
    'fieldset',
    { class: 'texts', 'data-field': 'texts' },
    el('legend', { text: 'Your own wording for the banner and centre' }),
    el('p', {
      class: 'field__hint',
      text: 'Replace any text of the widget in any of its languages (config.texts). {controller} and {purposes} are filled in.',
    }),
    ...rows,
    button('Add a text override', () => {
      draft.texts.push({ lang: draft.languages[0] ?? 'en', key: 'banner.title', value: '' });
      renderForm(`texts.${draft.texts[draft.texts.length - 1].lang}.banner.title`);
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
    noticeSection(),
    textsSection(),
  );
  renderPreviewLanguages();
  window.scrollTo(0, scroll);
  // A text given per language: its first language's control.
  const target = focusPath
    ? form.querySelector<HTMLElement>(
        `[data-path="${CSS.escape(focusPath)}"], [data-path^="${CSS.escape(focusPath)}."]`,
      )
    : null;
  reveal(target);
  target?.focus();
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
    go.addEventListener('click', () => {
      reveal(control ?? target);
      (control ?? target)?.focus();
    });
    items.push(el('li', { class: issue.severity }, go));
  }
  for (const part of form.querySelectorAll<HTMLDetailsElement>('details.part')) {
    const errors = part.querySelectorAll('.field__error.error, .block__error.error').length;
    const warnings = part.querySelectorAll('.field__error.warning, .block__error.warning').length;
    const badge = part.querySelector('.part__issues')!;
    badge.textContent = [
      errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '',
      warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    badge.className = `part__issues${errors ? ' error' : warnings ? ' warning' : ''}`;
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

/** The theme's background behind the buttons (the tokens' defaults). */
const BACKGROUND = { light: '#ffffff', dark: '#1c1f26' };

/** The button colours as custom properties of the theme the config shows, or undefined. */
function buttonTokens(): Array<[string, string]> | undefined {
  const accent = draft.accent.trim();
  if (!parseHex(accent)) return undefined;
  const text = parseHex(draft.buttonText) ? draft.buttonText.trim() : '#ffffff';
  const prefix = draft.theme === 'dark' ? '--keuze-dark-color' : '--keuze-color';
  return [
    [`${prefix}-button`, accent],
    [`${prefix}-button-text`, text],
    [`${prefix}-button-hover`, hoverShade(accent, text) ?? accent],
  ];
}

/** The CSS the site owner adds to their stylesheet for the button colours. */
export function stylesheet(tokens: Array<[string, string]>): string {
  const lines = tokens.map(([name, value]) => `  ${name}: ${value};`).join('\n');
  return `keuze-banner,\nkeuze-centre,\nkeuze-reopen,\nkeuze-placeholder {\n${lines}\n}\n`;
}

/** What the builder itself checks beyond the validators: colours and derived transfers. */
function builderIssues(): Issue[] {
  const issues: Issue[] = [];
  const warn = (path: string, message: string) =>
    issues.push({ path, message, severity: 'warning' });
  for (const [path, value] of [
    ['style.accent', draft.accent],
    ['style.buttonText', draft.buttonText],
  ] as const)
    if (value.trim() && !parseHex(value))
      warn(path, `${JSON.stringify(value)} is not a hex colour such as #1f3a5f: it is left out`);
  const tokens = buttonTokens();
  if (tokens) {
    const [[, accent], [, text]] = tokens;
    const background = draft.theme === 'dark' ? BACKGROUND.dark : BACKGROUND.light;
    const onButton = contrast(accent, text)!;
    if (onButton < 4.5)
      warn(
        'style.accent',
        `button text ${text} on ${accent} has a contrast of ${onButton.toFixed(2)}:1; WCAG 1.4.3 asks at least 4.5:1: pick a darker or lighter colour, or another text colour`,
      );
    const edge = contrast(accent, background)!;
    if (edge < 3)
      warn(
        'style.accent',
        `the buttons stand out from the ${background} background by ${edge.toFixed(2)}:1; WCAG 1.4.11 asks at least 3:1`,
      );
  }
  if (!draft.transfersByHand) {
    const derived = deriveTransfers(serviceFacts(draft.purposes));
    document.getElementById('derived-transfers')?.replaceWith(transfersTable(derived.transfers));
    for (const problem of derived.problems) warn(problem.path, problem.message);
  }
  return issues;
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
  lastIssues = [
    ...checked.errors,
    ...notice.errors,
    ...checked.warnings,
    ...notice.warnings,
    ...builderIssues(),
  ];
  showIssues(lastIssues);
  const code = document.getElementById('snippet')!;
  const copy = document.getElementById('copy') as HTMLButtonElement;
  const status = document.getElementById('copy-status')!;
  status.textContent = '';
  const tokens = buttonTokens();
  const css = document.getElementById('stylesheet')!;
  css.textContent = tokens ? stylesheet(tokens) : '';
  css.closest<HTMLElement>('.stylesheet')!.hidden = !tokens;
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

function previewMessage(config: Config) {
  return { type: 'keuze-preview', config, lang: previewLang(), tokens: buttonTokens() ?? [] };
}

function preview(config: Config): void {
  previewConfig = config;
  document.getElementById('preview-paused')!.hidden = true;
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-view]')) {
    if (!loaded.has(frame.dataset.view!)) continue; // it asks for the config once it has loaded
    frame.contentWindow?.postMessage(previewMessage(config), '*');
  }
}

/** The preview's language choice offers the config's languages. */
function renderPreviewLanguages(): void {
  const choice = document.getElementById('preview-lang') as HTMLSelectElement | null;
  if (!choice) return;
  const current = choice.value;
  choice.replaceChildren(
    ...draft.languages.map((code) => {
      const option = el('option', {
        value: code,
        text: LANGUAGES.find(([c]) => c === code)?.[1] ?? code,
      });
      option.selected = code === current;
      return option;
    }),
  );
  choice.closest('label')!.hidden = draft.languages.length < 2;
}

window.addEventListener('message', (event: MessageEvent) => {
  const frame = [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-view]')].find(
    (f) => f.contentWindow === event.source,
  );
  if (!frame) return;
  if (event.data?.type === 'keuze-preview-loaded') {
    loaded.add(frame.dataset.view!);
    if (previewConfig) frame.contentWindow?.postMessage(previewMessage(previewConfig), '*');
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
      accent: draft.accent, // colours are not in a config
      buttonText: draft.buttonText,
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
