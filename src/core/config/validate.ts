// Config validation: one pass reports every problem with its path and what was
// expected; the result is a normalized deep copy so nothing downstream needs
// to guess defaults. An invalid config yields no config at all (fail closed).
import type { Config, Purpose, Service, StorageItem } from '../types.js';
import {
  type Issue,
  Issues,
  ID_PATTERN,
  at,
  checkBoolean,
  checkDuration,
  checkEnum,
  checkKeys,
  checkString,
  checkText,
  checkUrl,
  describe,
  expected,
  isLanguageTag,
  isRecord,
} from './check.js';
import { addDuration, parseDuration } from './duration.js';
import { duplicateIds } from './ids.js';
import { CONSENT_MODE_KEYS } from '../integrations/consent-mode-keys.js';

export interface ValidationResult {
  ok: boolean;
  /** The normalized config; present only when there are no errors. */
  config?: Config;
  errors: Issue[];
  warnings: Issue[];
}

export const BASES = ['necessary', 'consent', 'legitimate-interest'] as const;
export const STORAGE_TYPES = [
  'cookie',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'pixel',
] as const;
export const LAYOUTS = ['bar', 'box', 'modal'] as const;
export const THEMES = ['light', 'dark', 'auto'] as const;
export const DEFAULT_EXPIRY = 'P6M';
/** Regulators' ceiling for keeping a choice. */
export const MAX_EXPIRY_MONTHS = 13;

const CONFIG_KEYS = [
  'revision',
  'controller',
  'notice',
  'expiry',
  'purposes',
  'googleConsentMode',
  'log',
  'api',
  'debug',
  'layout',
  'theme',
  'locale',
  'locales',
  'texts',
  'reopen',
  'reloadOnWithdraw',
  'gpc',
  '$schema',
] as const;
const PURPOSE_KEYS = [
  'id',
  'basis',
  'name',
  'description',
  'justification',
  'saleOrSharing',
  'services',
  'storage',
];
const SERVICE_KEYS = [
  'id',
  'preset',
  'provider',
  'name',
  'description',
  'privacyPolicy',
  'country',
  'safeguard',
  'storage',
];
const STORAGE_KEYS = [
  'name',
  'type',
  'provider',
  'purpose',
  'retention',
  'party',
  'domain',
  'path',
  'exemption',
];
export const EXEMPTION_GROUNDS = ['strictly-necessary', 'transmission'] as const;
const CONSENT_MODE_OPTION_KEYS = [
  'map',
  'waitForUpdate',
  'region',
  'adsDataRedaction',
  'urlPassthrough',
  'dataLayerName',
];
const MAX_PURPOSES = 200;
const MAX_SERVICES = 2000;
const MAX_STORAGE_ITEMS = 20000;

class Validator {
  readonly issues = new Issues();
  private counts = { services: 0, storage: 0 };

  config(input: unknown): Config | undefined {
    const issues = this.issues;
    if (!isRecord(input)) {
      issues.error('', expected('a config object', input));
      return undefined;
    }
    checkKeys(issues, '', input, CONFIG_KEYS);
    checkString(issues, 'revision', input.revision, { required: true, max: 200 });

    const controller = this.controller(input.controller);
    this.notice(input.notice);

    let expiry = DEFAULT_EXPIRY;
    if (checkDuration(issues, 'expiry', input.expiry)) {
      expiry = input.expiry as string;
      const limit = addDuration(new Date(0), {
        years: 0,
        months: MAX_EXPIRY_MONTHS,
        weeks: 0,
        days: 0,
        hours: 0,
        minutes: 0,
        seconds: 0,
      });
      const asked = addDuration(new Date(0), parseDuration(expiry)!);
      // A duration too large for a Date (P999…9D) is NaN here: refuse it, or deciding would throw later.
      if (!Number.isFinite(asked.getTime()) || asked.getTime() > limit.getTime()) {
        issues.error(
          'expiry',
          `expected at most ${MAX_EXPIRY_MONTHS} months ("P13M"), got ${describe(expiry)}`,
        );
      } else if (asked.getTime() <= 0) {
        issues.error('expiry', `expected a positive duration, got ${describe(expiry)}`);
      }
    }

    const purposes = this.purposes(input.purposes);
    for (const { id, path, earlier } of duplicateIds(input)) {
      issues.error(
        path,
        `duplicate id ${JSON.stringify(id)}: already used at ${earlier}; ids must be unique across purposes and services`,
      );
    }

    checkEnum(issues, 'layout', input.layout, LAYOUTS);
    checkEnum(issues, 'theme', input.theme, THEMES);
    checkBoolean(issues, 'debug', input.debug);
    checkBoolean(issues, 'reloadOnWithdraw', input.reloadOnWithdraw);
    checkBoolean(issues, 'gpc', input.gpc);
    if (input.locale !== undefined && input.locale !== 'auto') {
      checkString(issues, 'locale', input.locale, {
        pattern: [
          /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
          'a language tag such as "nl" or "nl-BE", or "auto"',
        ],
      });
    }
    this.locales(input.locales);
    this.texts(input.texts);
    this.reopen(input.reopen);
    this.consentMode(input.googleConsentMode);
    this.log(input.log);
    this.api(input.api);

    if (issues.errors.length > 0) return undefined;
    // The purposes are already validated copies: cloning them again here (and the
    // services and storage inside each purpose and service below) copied a large
    // config three or four times. Left in place as undefined, they keep their key order.
    const copy = structuredClone({ ...input, purposes: undefined }) as unknown as Config;
    copy.expiry = expiry;
    copy.layout ??= 'bar';
    copy.theme ??= 'auto';
    copy.locale ??= 'auto';
    if (controller) copy.controller = controller;
    copy.purposes = purposes;
    delete (copy as { $schema?: unknown }).$schema;
    return copy;
  }

  private controller(value: unknown): Config['controller'] | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.issues.error('controller', expected('an object with a name', value));
      return undefined;
    }
    checkString(this.issues, 'controller.name', value.name, { required: true, max: 300 });
    return structuredClone(value) as Config['controller'];
  }

  /**
   * The banner and the cookie centre use only `notice.url`, the link to the privacy
   * statement. The rest of the section is the privacy page's business: <keuze-notice>
   * validates it before it renders (validateNoticeConfig), so no other page downloads
   * that validator. It is copied through as it is.
   */
  private notice(value: unknown): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.issues.error('notice', expected('an object', value));
      return;
    }
    checkUrl(this.issues, 'notice.url', value.url);
  }

  /** The shape of one id; that ids are unique is checked once for all (duplicateIds). */
  private id(path: string, value: unknown): void {
    checkString(this.issues, path, value, { required: true, pattern: ID_PATTERN });
  }

  private purposes(value: unknown): Purpose[] {
    const issues = this.issues;
    if (!Array.isArray(value)) {
      issues.error('purposes', expected('an array of purposes', value));
      return [];
    }
    if (value.length === 0)
      issues.error('purposes', 'expected at least one purpose, got an empty array');
    if (value.length > MAX_PURPOSES)
      issues.error('purposes', `expected at most ${MAX_PURPOSES} purposes, got ${value.length}`);
    return value
      .slice(0, MAX_PURPOSES)
      .map((purpose, index) => this.purpose(at('purposes', index), purpose));
  }

  private purpose(path: string, value: unknown): Purpose {
    const issues = this.issues;
    if (!isRecord(value)) {
      issues.error(path, expected('a purpose object', value));
      return { id: '', basis: 'consent' };
    }
    checkKeys(issues, path, value, PURPOSE_KEYS);
    this.id(at(path, 'id'), value.id);
    const basisOk = checkEnum(issues, at(path, 'basis'), value.basis, BASES, { required: true });
    checkText(issues, at(path, 'name'), value.name);
    checkText(issues, at(path, 'description'), value.description);
    if (basisOk && value.basis === 'necessary' && value.justification === undefined) {
      issues.error(
        at(path, 'justification'),
        'expected a justification (why this purpose is strictly necessary), got nothing',
      );
    } else {
      checkText(issues, at(path, 'justification'), value.justification);
    }
    checkBoolean(issues, at(path, 'saleOrSharing'), value.saleOrSharing);
    const services = this.list(at(path, 'services'), value.services, 'services').map(
      (service, index) => this.service(at(at(path, 'services'), index), service),
    );
    const storage = this.storageList(at(path, 'storage'), value.storage);
    const own = structuredClone({ ...value, services: undefined, storage: undefined });
    return { ...(own as unknown as Purpose), services, storage };
  }

  private list(path: string, value: unknown, what: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.issues.error(path, expected(`an array of ${what}`, value));
      return [];
    }
    return value;
  }

  private service(path: string, value: unknown): Service {
    const issues = this.issues;
    this.counts.services += 1;
    if (this.counts.services === MAX_SERVICES + 1)
      issues.error(path, `expected at most ${MAX_SERVICES} services in all`);
    if (!isRecord(value)) {
      issues.error(path, expected('a service object', value));
      return { id: '', provider: '' };
    }
    checkKeys(issues, path, value, SERVICE_KEYS);
    this.id(at(path, 'id'), value.id);
    if (value.preset !== undefined && value.provider === undefined) {
      issues.error(
        at(path, 'preset'),
        `the preset ${describe(value.preset)} was not resolved: run "npx keuze resolve config.json", or load Keuze by its script tag, which fetches the preset from beside the script`,
      );
    } else {
      checkString(issues, at(path, 'provider'), value.provider, { required: true, max: 300 });
    }
    checkString(issues, at(path, 'preset'), value.preset, { max: 64 });
    checkText(issues, at(path, 'name'), value.name);
    checkText(issues, at(path, 'description'), value.description);
    checkUrl(issues, at(path, 'privacyPolicy'), value.privacyPolicy);
    checkString(issues, at(path, 'country'), value.country, { max: 100 });
    checkString(issues, at(path, 'safeguard'), value.safeguard, { max: 300 });
    const storage = this.storageList(at(path, 'storage'), value.storage);
    const own = structuredClone({ ...value, storage: undefined });
    return { ...(own as unknown as Service), storage };
  }

  private storageList(path: string, value: unknown): StorageItem[] {
    return this.list(path, value, 'storage items').map((item, index) =>
      this.storageItem(at(path, index), item),
    );
  }

  private storageItem(path: string, value: unknown): StorageItem {
    const issues = this.issues;
    this.counts.storage += 1;
    if (this.counts.storage === MAX_STORAGE_ITEMS + 1)
      issues.error(path, `expected at most ${MAX_STORAGE_ITEMS} storage items in all`);
    if (!isRecord(value)) {
      issues.error(path, expected('a storage item object', value));
      return { name: '', type: 'cookie', retention: 'session' };
    }
    checkKeys(issues, path, value, STORAGE_KEYS);
    checkString(issues, at(path, 'name'), value.name, { required: true, max: 300 });
    checkEnum(issues, at(path, 'type'), value.type, STORAGE_TYPES, { required: true });
    checkString(issues, at(path, 'provider'), value.provider, { max: 300 });
    checkText(issues, at(path, 'purpose'), value.purpose);
    if (value.retention === undefined) {
      issues.error(
        at(path, 'retention'),
        'expected a deletion period (ISO 8601 duration such as "P13M", or "session"), got nothing',
      );
    } else {
      checkDuration(issues, at(path, 'retention'), value.retention, { allowSession: true });
    }
    checkEnum(issues, at(path, 'party'), value.party, ['first', 'third']);
    checkString(issues, at(path, 'domain'), value.domain, {
      max: 253,
      pattern: [/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'a domain such as ".example.nl"'],
    });
    checkString(issues, at(path, 'path'), value.path, {
      max: 300,
      pattern: [/^\//, 'a cookie path starting with "/"'],
    });
    if (value.exemption !== undefined) this.exemption(at(path, 'exemption'), value.exemption);
    return structuredClone(value) as unknown as StorageItem;
  }

  private exemption(path: string, value: unknown): void {
    const issues = this.issues;
    if (!isRecord(value)) {
      issues.error(path, expected('an object { ground, reason }', value));
      return;
    }
    checkKeys(issues, path, value, ['ground', 'reason']);
    checkEnum(issues, at(path, 'ground'), value.ground, EXEMPTION_GROUNDS, { required: true });
    checkText(issues, at(path, 'reason'), value.reason, { required: true });
  }

  private locales(value: unknown): void {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) {
      this.issues.error('locales', expected('a non-empty array of language tags', value));
      return;
    }
    value.forEach((tag, index) => {
      if (typeof tag !== 'string' || !isLanguageTag(tag)) {
        this.issues.error(
          at('locales', index),
          expected('a language tag such as "nl" or "nl-BE"', tag),
        );
      }
    });
  }

  private texts(value: unknown): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.issues.error('texts', expected('a map of language tag to { key: text }', value));
      return;
    }
    for (const [tag, strings] of Object.entries(value)) {
      const path = at('texts', tag);
      if (!isLanguageTag(tag))
        this.issues.error(path, expected('a language tag such as "nl"', tag));
      if (!isRecord(strings)) {
        this.issues.error(path, expected('a map of text key to string', strings));
        continue;
      }
      for (const [key, text] of Object.entries(strings))
        checkString(this.issues, at(path, key), text);
    }
  }

  private reopen(value: unknown): void {
    if (value === undefined || typeof value === 'boolean') return;
    if (!isRecord(value)) {
      this.issues.error('reopen', expected('true, false or { position }', value));
      return;
    }
    checkKeys(this.issues, 'reopen', value, ['position']);
    checkEnum(this.issues, 'reopen.position', value.position, [
      'bottom-left',
      'bottom-right',
      'top-left',
      'top-right',
    ]);
  }

  private consentMode(value: unknown): void {
    const issues = this.issues;
    if (value === undefined || typeof value === 'boolean') return;
    if (!isRecord(value)) {
      issues.error('googleConsentMode', expected('true, false or an options object', value));
      return;
    }
    checkKeys(issues, 'googleConsentMode', value, CONSENT_MODE_OPTION_KEYS);
    if (value.map !== undefined) {
      if (!isRecord(value.map)) {
        issues.error(
          'googleConsentMode.map',
          expected('a map of purpose or service id to Consent Mode keys', value.map),
        );
      } else {
        for (const [id, keys] of Object.entries(value.map)) {
          const path = at('googleConsentMode.map', id);
          if (!Array.isArray(keys)) {
            issues.error(path, expected('an array of Consent Mode keys', keys));
            continue;
          }
          keys.forEach((key, index) =>
            checkEnum(issues, at(path, index), key, CONSENT_MODE_KEYS, { required: true }),
          );
        }
      }
    }
    if (
      value.waitForUpdate !== undefined &&
      (typeof value.waitForUpdate !== 'number' ||
        !(value.waitForUpdate >= 0 && value.waitForUpdate <= 60000))
    ) {
      issues.error(
        'googleConsentMode.waitForUpdate',
        expected('milliseconds from 0 to 60000', value.waitForUpdate),
      );
    }
    if (value.region !== undefined) {
      if (!Array.isArray(value.region))
        issues.error(
          'googleConsentMode.region',
          expected('an array of ISO 3166 region codes', value.region),
        );
      else
        value.region.forEach((region, index) =>
          checkString(issues, at('googleConsentMode.region', index), region, {
            required: true,
            pattern: [/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 code such as "NL" or "BE-VLG"'],
          }),
        );
    }
    checkBoolean(issues, 'googleConsentMode.adsDataRedaction', value.adsDataRedaction);
    checkBoolean(issues, 'googleConsentMode.urlPassthrough', value.urlPassthrough);
    if (checkString(issues, 'googleConsentMode.dataLayerName', value.dataLayerName, { max: 200 })) {
      const name = value.dataLayerName;
      const host =
        typeof window === 'undefined' ? undefined : (window as unknown as Record<string, unknown>);
      // The data layer is window[name] (consent-mode.ts' dataLayerOf).
      const problem = !/^[A-Za-z_$][\w$]*$/.test(name)
        ? 'a JavaScript identifier'
        : name === 'keuze'
          ? 'a name other than "keuze" (the Keuze API)'
          : host && name in host && !Array.isArray(host[name])
            ? `a name that is not already a property of window (window.${name} exists), or an array the site made`
            : undefined;
      if (problem) issues.error('googleConsentMode.dataLayerName', expected(problem, name));
    }
  }

  private api(value: unknown): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.issues.error('api', expected('an object { grantWithoutActivation }', value));
      return;
    }
    checkKeys(this.issues, 'api', value, ['grantWithoutActivation']);
    checkBoolean(this.issues, 'api.grantWithoutActivation', value.grantWithoutActivation);
  }

  private log(value: unknown): void {
    if (value === undefined) return;
    if (!isRecord(value)) {
      this.issues.error('log', expected('an object { endpoint }', value));
      return;
    }
    checkKeys(this.issues, 'log', value, ['endpoint']);
    const endpoint = value.endpoint;
    if (!checkString(this.issues, 'log.endpoint', endpoint, { required: true, max: 2048 })) return;
    const problem = endpointProblem(endpoint);
    if (problem) this.issues.error('log.endpoint', `${problem}, got ${describe(endpoint)}`);
  }
}

/**
 * Why a log endpoint may not receive the records, or undefined when it may:
 * records go only to an https URL or to a path on the page's own site, never
 * over plain http, to a scheme that is no web request, or with credentials.
 */
function endpointProblem(endpoint: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters and spaces hide a URL's real parts
  if (/[\u0000-\u0020\u007f]/.test(endpoint))
    return 'expected a URL without spaces or control characters';
  if (endpoint.includes('\\'))
    return 'expected a URL without "\\" (browsers read "/\\host" as another host)';
  if (endpoint.startsWith('//'))
    return 'expected an https URL or a path on this site, not "//host" (another host over any scheme)';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(endpoint);
  if (!scheme) return undefined; // a path on this site
  if (scheme[1].toLowerCase() !== 'https')
    return 'expected an https URL or a path on this site such as "/consent-log"';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'expected a valid https URL';
  }
  if (url.username || url.password) return 'expected a URL without a user name or password';
  return undefined;
}

/** Validates and normalizes a config. Never throws. */
export function validateConfig(input: unknown): ValidationResult {
  const validator = new Validator();
  let config: Config | undefined;
  try {
    config = validator.config(input);
  } catch (error) {
    // structuredClone refuses functions and the like; anything unexpected is an error, never a crash.
    validator.issues.error(
      '',
      `the config could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    config = undefined;
  }
  const { errors, warnings } = validator.issues;
  return {
    ok: errors.length === 0 && config !== undefined,
    config: errors.length === 0 ? config : undefined,
    errors,
    warnings,
  };
}

/** One line per issue, as printed in the console and sent in `keuze-error`. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
