// The corpus of malformed configs: each is what a real site owner might write
// (or an attacker might inject), with the path the validator must name.
import { exampleConfig, purposesOf } from '../helpers/configs.js';

export interface BadConfig {
  /** What is wrong, as a site owner would say it. */
  name: string;
  input: () => unknown;
  /** The path an error must name exactly ('' = the config as a whole). */
  path: string;
}

type Raw = Record<string, unknown>;

/** The valid example with one change. */
function broken(change: (raw: Raw, purposes: Raw[]) => void): () => unknown {
  return () => {
    const raw = exampleConfig();
    change(raw, purposesOf(raw));
    return raw;
  };
}

function services(purpose: Raw): Raw[] {
  return purpose.services as Raw[];
}

function storage(purpose: Raw, service = 0, item = 0): Raw {
  return (services(purpose)[service].storage as Raw[])[item];
}

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { en: value };
  return value;
}

const HUGE = 'x'.repeat(2_000_000);

export const badConfigs: BadConfig[] = [
  // The config as a whole
  { name: 'the config is null', input: () => null, path: '' },
  { name: 'the config is a string', input: () => '{"revision":"1"}', path: '' },
  { name: 'the config is a number', input: () => 42, path: '' },
  { name: 'the config is an array', input: () => [exampleConfig()], path: '' },
  { name: 'the config is true', input: () => true, path: '' },
  { name: 'the config is an empty object', input: () => ({}), path: 'purposes' },
  // revision
  {
    name: 'the revision is missing',
    input: broken((raw) => delete raw.revision),
    path: 'revision',
  },
  {
    name: 'the revision is a number',
    input: broken((raw) => (raw.revision = 20261101)),
    path: 'revision',
  },
  {
    name: 'the revision is blank',
    input: broken((raw) => (raw.revision = '   ')),
    path: 'revision',
  },
  {
    name: 'the revision is two megabytes long',
    input: broken((raw) => (raw.revision = HUGE)),
    path: 'revision',
  },
  // controller
  {
    name: 'the controller is a string',
    input: broken((raw) => (raw.controller = 'Voorbeeld B.V.')),
    path: 'controller',
  },
  {
    name: 'the controller has no name',
    input: broken((raw) => (raw.controller = {})),
    path: 'controller.name',
  },
  {
    name: 'the controller name is an array',
    input: broken((raw) => (raw.controller = { name: ['a'] })),
    path: 'controller.name',
  },
  // expiry
  {
    name: 'the expiry is absurd (100 years)',
    input: broken((raw) => (raw.expiry = 'P100Y')),
    path: 'expiry',
  },
  {
    name: 'the expiry is 14 months, beyond the 13-month ceiling',
    input: broken((raw) => (raw.expiry = 'P14M')),
    path: 'expiry',
  },
  { name: 'the expiry is zero', input: broken((raw) => (raw.expiry = 'P0D')), path: 'expiry' },
  {
    name: 'the expiry is not a duration',
    input: broken((raw) => (raw.expiry = '6 months')),
    path: 'expiry',
  },
  {
    name: 'the expiry is a number of days',
    input: broken((raw) => (raw.expiry = 180)),
    path: 'expiry',
  },
  {
    name: 'the expiry has a huge number of digits',
    input: broken((raw) => (raw.expiry = `P${'9'.repeat(400)}D`)),
    path: 'expiry',
  },
  // purposes
  { name: 'purposes is missing', input: broken((raw) => delete raw.purposes), path: 'purposes' },
  {
    name: 'purposes is an object',
    input: broken((raw) => (raw.purposes = { analytics: {} })),
    path: 'purposes',
  },
  { name: 'purposes is empty', input: broken((raw) => (raw.purposes = [])), path: 'purposes' },
  {
    name: 'a purpose is null',
    input: broken((_raw, p) => (p[1] = null as unknown as Raw)),
    path: 'purposes[1]',
  },
  {
    name: 'a purpose is a string',
    input: broken((_raw, p) => (p[2] = 'analytics' as unknown as Raw)),
    path: 'purposes[2]',
  },
  {
    name: 'a purpose has no id',
    input: broken((_raw, p) => delete p[2].id),
    path: 'purposes[2].id',
  },
  {
    name: 'a purpose id has spaces',
    input: broken((_raw, p) => (p[2].id = 'web analytics')),
    path: 'purposes[2].id',
  },
  {
    name: 'a purpose id holds markup',
    input: broken((_raw, p) => (p[2].id = '<img src=x onerror=alert(1)>')),
    path: 'purposes[2].id',
  },
  {
    name: 'a purpose id starts with a digit',
    input: broken((_raw, p) => (p[2].id = '1analytics')),
    path: 'purposes[2].id',
  },
  {
    name: 'two purposes share an id',
    input: broken((_raw, p) => (p[3].id = 'analytics')),
    path: 'purposes[3].id',
  },
  {
    name: 'a service reuses a purpose id',
    input: broken((_raw, p) => (services(p[2])[0].id = 'marketing')),
    path: 'purposes[3].id',
  },
  {
    name: 'two services share an id',
    input: broken((_raw, p) => (services(p[3])[1].id = 'youtube')),
    path: 'purposes[3].services[1].id',
  },
  {
    name: 'the basis is unknown ("opt-out")',
    input: broken((_raw, p) => (p[2].basis = 'opt-out')),
    path: 'purposes[2].basis',
  },
  {
    name: 'the basis is missing',
    input: broken((_raw, p) => delete p[2].basis),
    path: 'purposes[2].basis',
  },
  {
    name: 'the basis is in capitals',
    input: broken((_raw, p) => (p[2].basis = 'CONSENT')),
    path: 'purposes[2].basis',
  },
  {
    name: 'a necessary purpose has no justification',
    input: broken((_raw, p) => delete p[0].justification),
    path: 'purposes[0].justification',
  },
  {
    name: 'a name is a number',
    input: broken((_raw, p) => (p[2].name = 7)),
    path: 'purposes[2].name',
  },
  {
    name: 'a name map has a bad language tag',
    input: broken((_raw, p) => (p[2].name = { 'not a tag': 'x' })),
    path: 'purposes[2].name.not a tag',
  },
  {
    name: 'a description is nested 10 000 levels deep',
    input: broken((_raw, p) => (p[2].description = deep(10_000))),
    path: 'purposes[2].description.en',
  },
  {
    name: 'a description is two megabytes long',
    input: broken((_raw, p) => (p[2].description = HUGE)),
    path: 'purposes[2].description',
  },
  {
    name: 'saleOrSharing is "yes"',
    input: broken((_raw, p) => (p[3].saleOrSharing = 'yes')),
    path: 'purposes[3].saleOrSharing',
  },
  {
    name: 'services is an object',
    input: broken((_raw, p) => (p[2].services = { matomo: {} })),
    path: 'purposes[2].services',
  },
  // services
  {
    name: 'a service is a string',
    input: broken((_raw, p) => (services(p[2])[0] = 'matomo' as unknown as Raw)),
    path: 'purposes[2].services[0]',
  },
  {
    name: 'a service has no provider',
    input: broken((_raw, p) => delete services(p[2])[0].provider),
    path: 'purposes[2].services[0].provider',
  },
  {
    name: 'a privacy policy is a javascript: URL',
    input: broken(
      (_raw, p) => (services(p[3])[0].privacyPolicy = 'javascript:alert(document.cookie)'),
    ),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy is a JaVaScRiPt: URL with spaces',
    input: broken((_raw, p) => (services(p[3])[0].privacyPolicy = '  JaVaScRiPt:alert(1)')),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy is a data: URL',
    input: broken(
      (_raw, p) => (services(p[3])[0].privacyPolicy = 'data:text/html,<script>alert(1)</script>'),
    ),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy is a vbscript: URL',
    input: broken((_raw, p) => (services(p[3])[0].privacyPolicy = 'vbscript:msgbox(1)')),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy hides a scheme behind a tab',
    input: broken((_raw, p) => (services(p[3])[0].privacyPolicy = 'java\tscript:alert(1)')),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy is a number',
    input: broken((_raw, p) => (services(p[3])[0].privacyPolicy = 404)),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  {
    name: 'a privacy policy URL is 5000 characters',
    input: broken(
      (_raw, p) => (services(p[3])[0].privacyPolicy = `https://example.com/${'a'.repeat(5000)}`),
    ),
    path: 'purposes[3].services[0].privacyPolicy',
  },
  // storage items
  {
    name: 'a storage item has no retention',
    input: broken((_raw, p) => delete storage(p[2]).retention),
    path: 'purposes[2].services[0].storage[0].retention',
  },
  {
    name: 'a retention is "forever"',
    input: broken((_raw, p) => (storage(p[2]).retention = 'forever')),
    path: 'purposes[2].services[0].storage[0].retention',
  },
  {
    name: 'a storage type is unknown ("flash")',
    input: broken((_raw, p) => (storage(p[2]).type = 'flash')),
    path: 'purposes[2].services[0].storage[0].type',
  },
  {
    name: 'a storage item has no name',
    input: broken((_raw, p) => delete storage(p[2]).name),
    path: 'purposes[2].services[0].storage[0].name',
  },
  {
    name: 'a storage item is null',
    input: broken((_raw, p) => ((services(p[2])[0].storage as unknown[])[0] = null)),
    path: 'purposes[2].services[0].storage[0]',
  },
  {
    name: 'storage is a string',
    input: broken((_raw, p) => (services(p[2])[0].storage = '_pk_id')),
    path: 'purposes[2].services[0].storage',
  },
  // switches
  { name: 'the layout is unknown', input: broken((raw) => (raw.layout = 'popup')), path: 'layout' },
  {
    name: 'debug is "true" as a string',
    input: broken((raw) => (raw.debug = 'true')),
    path: 'debug',
  },
  {
    name: 'the locale is not a language tag',
    input: broken((raw) => (raw.locale = 'Dutch')),
    path: 'locale',
  },
  {
    name: 'the log endpoint is a javascript: URL',
    input: broken((raw) => (raw.log = { endpoint: 'javascript:alert(1)' })),
    path: 'log.endpoint',
  },
  { name: 'the log is a string', input: broken((raw) => (raw.log = '/consent-log')), path: 'log' },
  {
    name: 'the notice URL is a data: URL',
    input: broken((raw) => (raw.notice = { url: 'data:text/html,hi' })),
    path: 'notice.url',
  },
  {
    name: 'googleConsentMode is "yes"',
    input: broken((raw) => (raw.googleConsentMode = 'yes')),
    path: 'googleConsentMode',
  },
  {
    name: 'googleConsentMode maps to an unknown key',
    input: broken((raw) => (raw.googleConsentMode = { map: { analytics: ['analytics_cookies'] } })),
    path: 'googleConsentMode.map.analytics[0]',
  },
  {
    name: 'waitForUpdate is an hour',
    input: broken((raw) => (raw.googleConsentMode = { waitForUpdate: 3_600_000 })),
    path: 'googleConsentMode.waitForUpdate',
  },
  { name: 'reopen is a number', input: broken((raw) => (raw.reopen = 1)), path: 'reopen' },
  {
    name: 'two hundred and one purposes',
    input: broken(
      (raw) =>
        (raw.purposes = Array.from({ length: 201 }, (_, i) => ({ id: `p${i}`, basis: 'consent' }))),
    ),
    path: 'purposes',
  },
];

/** Raw texts for the script-tag build: what arrives before JSON.parse. */
export const badConfigTexts: Array<{ name: string; text: string; path: string }> = [
  {
    name: 'invalid JSON (a trailing comma)',
    text: '{ "revision": "1", "purposes": [], }',
    path: 'config',
  },
  { name: 'invalid JSON (single quotes)', text: "{ 'revision': '1' }", path: 'config' },
  { name: 'an empty config element', text: '', path: 'config' },
  {
    name: 'a JavaScript object instead of JSON',
    text: '{ revision: "1", purposes: [] }',
    path: 'config',
  },
  { name: 'JSON null', text: 'null', path: '' },
  {
    name: 'a truncated file',
    text: '{ "revision": "2026-11-01", "purposes": [ { "id": "nec',
    path: 'config',
  },
];
