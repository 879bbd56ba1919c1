// Validation of `config.notice`: one pass, every problem reported with its exact
// path ("notice.sections[2].title") and what was expected, unknown keys flagged
// as likely typos, like the rest of the config. validateConfig does not call it:
// only the privacy page renders the notice, so <keuze-notice> validates the
// section before it renders, and the other pages never download this module.
// validateConfig checks what the rest of the widget uses (`notice.url`).
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
  expected,
  isRecord,
} from '../config/check.js';
import { AUTHORITY_PRESETS } from './authorities.js';
import type { LegalBasis, RetentionAnchor, Right, Safeguard } from './types.js';

export const LEGAL_BASES: readonly LegalBasis[] = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
];

export const RETENTION_ANCHORS: readonly RetentionAnchor[] = [
  'collection',
  'creation',
  'last-activity',
  'account-deletion',
  'contract-end',
  'licence-expiry',
  'trial-end',
  'consent-withdrawal',
  'delivery',
  'purpose-fulfilled',
];

export const SAFEGUARDS: readonly Safeguard[] = [
  'adequacy',
  'scc',
  'bcr',
  'dpf',
  'derogation',
  'consent',
  'codes-of-conduct',
  'certification',
  'none',
];

export const RIGHTS: readonly Right[] = [
  'information',
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'object',
  'object-direct-marketing',
  'withdraw-consent',
  'automated-decisions',
  'complaint',
];

export const RECIPIENT_ROLES = [
  'processor',
  'controller',
  'joint-controller',
  'authority',
  'group',
  'other',
] as const;

const NOTICE_KEYS = [
  'url',
  'title',
  'intro',
  'controllers',
  'controllerNote',
  'dpo',
  'contact',
  'representatives',
  'activities',
  'basisNote',
  'retention',
  'recipients',
  'specialCategories',
  'cookieIntro',
  'transfers',
  'transferNote',
  'rights',
  'authority',
  'complaint',
  'children',
  'automatedDecisions',
  'security',
  'effectiveDate',
  'lastUpdated',
  'previousVersions',
  'materialChange',
  'changesNote',
  'sections',
];
const CONTACT_KEYS = ['name', 'email', 'phone', 'url', 'address', 'note'];
const ENTITY_KEYS = [...CONTACT_KEYS, 'companyNumber', 'country'];
const REPRESENTATIVE_KEYS = [...ENTITY_KEYS, 'regions'];
const ACTIVITY_KEYS = [
  'id',
  'name',
  'purpose',
  'basis',
  'basisDetail',
  'dataCategories',
  'dataSubjects',
  'sources',
  'retention',
  'recipients',
  'cookiePurposes',
  'requirement',
];
const RETENTION_KEYS = ['duration', 'from', 'atMost', 'text'];
const RECIPIENT_KEYS = ['name', 'role', 'description'];
const TRANSFER_KEYS = ['countries', 'safeguard', 'recipients', 'label', 'detail', 'copy'];
const RIGHTS_KEYS = [
  'list',
  'exercise',
  'identityCheck',
  'free',
  'responseTime',
  'details',
  'note',
];
const AUTHORITY_KEYS = ['name', 'address', 'url', 'complaintUrl', 'phone'];
const CHILDREN_KEYS = ['minimumAge', 'parentalConsent', 'text'];
const AUTOMATED_KEYS = ['used', 'profiling', 'description'];
const VERSION_KEYS = ['date', 'url'];
const CHANGE_KEYS = ['summary', 'days'];
const SECTION_KEYS = ['id', 'title', 'body'];

const MAX_ITEMS = 500;
const EMAIL: [RegExp, string] = [
  /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/,
  'an e-mail address such as "privacy@example.nl"',
];
const PHONE: [RegExp, string] = [
  /^\+?[0-9 ().-]{3,30}$/,
  'a phone number of digits, spaces and "+ ( ) - ."',
];
const COUNTRY: [RegExp, string] = [/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as "NL"'];
const REGION: [RegExp, string] = [
  /^(EU|EEA|[A-Z]{2})$/,
  '"EU", "EEA" or an ISO 3166 alpha-2 code such as "UK" or "CH"',
];

/** A calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

function checkDate(
  issues: Issues,
  path: string,
  value: unknown,
  { required = false } = {},
): value is string {
  if (!checkString(issues, path, value, { required, max: 10 })) return false;
  if (!isIsoDate(value)) {
    issues.error(path, expected('a date "YYYY-MM-DD"', value));
    return false;
  }
  return true;
}

/** An array whose items are checked one by one; reports anything else. */
function checkList(
  issues: Issues,
  path: string,
  value: unknown,
  what: string,
  each: (path: string, item: unknown) => void,
  { required = false, nonEmpty = false } = {},
): void {
  if (value === undefined) {
    if (required) issues.error(path, expected(`an array of ${what}`, value));
    return;
  }
  if (!Array.isArray(value)) {
    issues.error(path, expected(`an array of ${what}`, value));
    return;
  }
  if (nonEmpty && value.length === 0)
    issues.error(path, `expected at least one of ${what}, got an empty array`);
  if (value.length > MAX_ITEMS)
    issues.error(path, `expected at most ${MAX_ITEMS} ${what}, got ${value.length}`);
  value.slice(0, MAX_ITEMS).forEach((item, index) => each(at(path, index), item));
}

function checkTexts(
  issues: Issues,
  path: string,
  value: unknown,
  options: { required?: boolean; nonEmpty?: boolean } = {},
): void {
  checkList(
    issues,
    path,
    value,
    'texts',
    (p, item) => checkText(issues, p, item, { required: true }),
    options,
  );
}

function record(
  issues: Issues,
  path: string,
  value: unknown,
  what: string,
  keys: readonly string[],
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    issues.error(path, expected(what, value));
    return undefined;
  }
  checkKeys(issues, path, value, keys);
  return value;
}

function contactFields(issues: Issues, path: string, value: Record<string, unknown>): boolean {
  checkText(issues, at(path, 'name'), value.name);
  checkString(issues, at(path, 'email'), value.email, { max: 254, pattern: EMAIL });
  checkString(issues, at(path, 'phone'), value.phone, { pattern: PHONE });
  checkUrl(issues, at(path, 'url'), value.url);
  checkText(issues, at(path, 'address'), value.address);
  checkText(issues, at(path, 'note'), value.note);
  return (
    value.email !== undefined ||
    value.phone !== undefined ||
    value.url !== undefined ||
    value.address !== undefined
  );
}

/** A contact must offer at least one way to reach it. */
function checkContact(
  issues: Issues,
  path: string,
  value: unknown,
  keys = CONTACT_KEYS,
): Record<string, unknown> | undefined {
  const contact = record(
    issues,
    path,
    value,
    'a contact object { email, url, phone, address }',
    keys,
  );
  if (!contact) return undefined;
  if (!contactFields(issues, path, contact)) {
    issues.error(path, 'expected at least one way to reach it: email, url, phone or address');
  }
  return contact;
}

function checkEntity(
  issues: Issues,
  path: string,
  value: unknown,
  keys = ENTITY_KEYS,
): Record<string, unknown> | undefined {
  const entity = record(
    issues,
    path,
    value,
    'an entity object { name, address, companyNumber }',
    keys,
  );
  if (!entity) return undefined;
  checkText(issues, at(path, 'name'), entity.name, { required: true });
  contactFields(issues, path, entity);
  checkString(issues, at(path, 'companyNumber'), entity.companyNumber, { max: 100 });
  checkString(issues, at(path, 'country'), entity.country, { pattern: COUNTRY });
  return entity;
}

function checkRetention(issues: Issues, path: string, value: unknown): void {
  const retention = record(
    issues,
    path,
    value,
    'a retention object { duration, from } or { text }',
    RETENTION_KEYS,
  );
  if (!retention) return;
  checkDuration(issues, at(path, 'duration'), retention.duration);
  checkEnum(issues, at(path, 'from'), retention.from, RETENTION_ANCHORS);
  checkBoolean(issues, at(path, 'atMost'), retention.atMost);
  checkText(issues, at(path, 'text'), retention.text);
  if (retention.duration === undefined && retention.text === undefined) {
    issues.error(
      path,
      'expected a duration (ISO 8601 such as "P1Y") or a text saying how long, got neither',
    );
  }
  if (retention.duration === undefined && retention.from !== undefined) {
    issues.error(at(path, 'from'), 'a start event needs a duration to count from it');
  }
}

function checkRecipients(issues: Issues, path: string, value: unknown): void {
  checkList(issues, path, value, 'recipients', (p, item) => {
    const recipient = record(issues, p, item, 'a recipient object { name, role }', RECIPIENT_KEYS);
    if (!recipient) return;
    checkText(issues, at(p, 'name'), recipient.name, { required: true });
    checkEnum(issues, at(p, 'role'), recipient.role, RECIPIENT_ROLES);
    checkText(issues, at(p, 'description'), recipient.description);
  });
}

function checkActivity(
  issues: Issues,
  path: string,
  value: unknown,
  ids: Map<string, string>,
): void {
  const activity = record(
    issues,
    path,
    value,
    'a processing activity object { id, name, basis }',
    ACTIVITY_KEYS,
  );
  if (!activity) return;
  if (checkString(issues, at(path, 'id'), activity.id, { required: true, pattern: ID_PATTERN })) {
    const earlier = ids.get(activity.id);
    if (earlier)
      issues.error(
        at(path, 'id'),
        `duplicate id ${JSON.stringify(activity.id)}: already used at ${earlier}`,
      );
    else ids.set(activity.id, at(path, 'id'));
  }
  checkText(issues, at(path, 'name'), activity.name, { required: true });
  checkText(issues, at(path, 'purpose'), activity.purpose);
  if (activity.basis === undefined) {
    // No basis is allowed (the notice then names none); validateNotice warns about it.
  } else if (Array.isArray(activity.basis)) {
    if (activity.basis.length === 0)
      issues.error(at(path, 'basis'), 'expected at least one legal basis, got an empty array');
    activity.basis.forEach((basis, index) =>
      checkEnum(issues, at(at(path, 'basis'), index), basis, LEGAL_BASES, { required: true }),
    );
  } else {
    checkEnum(issues, at(path, 'basis'), activity.basis, LEGAL_BASES, { required: true });
  }
  checkText(issues, at(path, 'basisDetail'), activity.basisDetail);
  checkTexts(issues, at(path, 'dataCategories'), activity.dataCategories);
  checkTexts(issues, at(path, 'dataSubjects'), activity.dataSubjects);
  checkTexts(issues, at(path, 'sources'), activity.sources);
  if (activity.retention !== undefined)
    checkRetention(issues, at(path, 'retention'), activity.retention);
  checkRecipients(issues, at(path, 'recipients'), activity.recipients);
  checkList(issues, at(path, 'cookiePurposes'), activity.cookiePurposes, 'purpose ids', (p, item) =>
    checkString(issues, p, item, { required: true, pattern: ID_PATTERN }),
  );
  checkText(issues, at(path, 'requirement'), activity.requirement);
}

/** Every string of a LocalizedText, whatever its shape (unchecked input). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (isRecord(value))
    return Object.values(value).filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Instruments a statement may still name that no longer carry a transfer. The
 * notice shows them as the statement words them; the site owner is told, because
 * it is the owner who must change the statement, not Keuze.
 */
const OUTDATED_INSTRUMENTS: Array<[RegExp, string]> = [
  [
    /privacy\s*shield/i,
    'names the Privacy Shield, invalid since 16 July 2020 (CJEU C-311/18): no transfer can rest on it; have the statement changed',
  ],
  [
    /2001\/497|2004\/915|2010\/87/,
    'names clauses of Decision 2001/497, 2004/915 or 2010/87, repealed by Decision (EU) 2021/914: label them as the statement does (label), and have it updated',
  ],
];

function warnOutdatedInstruments(issues: Issues, path: string, texts: unknown[]): void {
  const all = texts.flatMap(strings).join('\n');
  for (const [pattern, message] of OUTDATED_INSTRUMENTS)
    if (pattern.test(all)) issues.warn(path, message);
}

function hasReach(value: unknown): boolean {
  return (
    isRecord(value) &&
    (value.email !== undefined ||
      value.phone !== undefined ||
      value.url !== undefined ||
      value.address !== undefined)
  );
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The items GDPR Art. 13 requires that this notice does not give. The notice never
 * fills them in (a published notice binds the controller); the site owner is told,
 * by path, what is missing.
 */
function warnMissing(
  issues: Issues,
  path: string,
  notice: Record<string, unknown>,
  controllerName: string | undefined,
): void {
  const p = (key: string) => at(path, key);
  const controllers = list(notice.controllers);
  if (controllers.length === 0 && !controllerName) {
    issues.warn(p('controllers'), 'no controller named (GDPR Art. 13(1)(a))');
  }
  const dpos = Array.isArray(notice.dpo) ? notice.dpo : [notice.dpo];
  if (!controllers.some(hasReach) && !hasReach(notice.contact) && !dpos.some(hasReach)) {
    issues.warn(p('controllers'), 'no way to contact the controller (GDPR Art. 13(1)(a))');
  }
  const activities = list(notice.activities).filter(isRecord);
  if (activities.length === 0) {
    issues.warn(
      p('activities'),
      'no processing activities: purposes and legal bases are required (GDPR Art. 13(1)(c))',
    );
  }
  activities.forEach((activity, index) => {
    const activityPath = at(p('activities'), index);
    if (activity.basis === undefined && notice.basisNote === undefined) {
      issues.warn(
        at(activityPath, 'basis'),
        'no legal basis (GDPR Art. 13(1)(c)): give the one the statement names, or notice.basisNote',
      );
    }
    if (activity.retention === undefined && notice.retention === undefined) {
      issues.warn(
        at(activityPath, 'retention'),
        'no retention period (GDPR Art. 13(2)(a)): give it here, or notice.retention for every activity',
      );
    }
  });
  const recipients =
    list(notice.recipients).length > 0 ||
    activities.some((activity) => list(activity.recipients).length > 0);
  if (!recipients) {
    issues.warn(p('recipients'), 'no recipients named (GDPR Art. 13(1)(e))');
  }
  if (list(notice.transfers).length === 0 && notice.transferNote === undefined) {
    issues.warn(
      p('transfers'),
      'nothing said about transfers outside the EEA (GDPR Art. 13(1)(f)): list them, or say in transferNote there are none',
    );
  }
  if (notice.rights === undefined) {
    issues.warn(p('rights'), 'no rights named and no way to exercise them (GDPR Art. 13(2)(b))');
  }
  if (notice.authority === undefined && notice.complaint === undefined) {
    issues.warn(
      p('authority'),
      'nothing said about complaints to a supervisory authority (GDPR Art. 13(2)(d)): set authority or complaint',
    );
  }
}

function checkTransfer(issues: Issues, path: string, value: unknown): void {
  const transfer = record(
    issues,
    path,
    value,
    'a transfer object { countries, safeguard }',
    TRANSFER_KEYS,
  );
  if (!transfer) return;
  if (transfer.countries === undefined) {
    issues.warn(
      at(path, 'countries'),
      'no countries named: a notice should say where data goes (GDPR Art. 13(1)(f))',
    );
  }
  checkList(
    issues,
    at(path, 'countries'),
    transfer.countries,
    'country codes',
    (p, item) => checkString(issues, p, item, { required: true, pattern: COUNTRY }),
    { nonEmpty: true },
  );
  checkEnum(issues, at(path, 'safeguard'), transfer.safeguard, SAFEGUARDS, { required: true });
  checkText(issues, at(path, 'recipients'), transfer.recipients);
  checkText(issues, at(path, 'label'), transfer.label);
  checkText(issues, at(path, 'detail'), transfer.detail);
  warnOutdatedInstruments(issues, path, [transfer.label, transfer.detail]);
  if (transfer.copy !== undefined) checkContact(issues, at(path, 'copy'), transfer.copy);
}

function checkRights(issues: Issues, path: string, value: unknown): void {
  const rights = record(issues, path, value, 'a rights object { list, exercise }', RIGHTS_KEYS);
  if (!rights) return;
  checkList(
    issues,
    at(path, 'list'),
    rights.list,
    'rights',
    (p, item) => checkEnum(issues, p, item, RIGHTS, { required: true }),
    {
      nonEmpty: true,
    },
  );
  if (rights.exercise === undefined) {
    issues.error(
      at(path, 'exercise'),
      'expected how to exercise the rights (email, url, form, phone or address), got nothing',
    );
  } else {
    const exercisePath = at(path, 'exercise');
    const exercise = record(
      issues,
      exercisePath,
      rights.exercise,
      'a contact object { email, url, form, phone, address }',
      [...CONTACT_KEYS, 'form'],
    );
    if (exercise) {
      const reachable = contactFields(issues, exercisePath, exercise);
      checkUrl(issues, at(exercisePath, 'form'), exercise.form);
      if (!reachable && exercise.form === undefined) {
        issues.error(
          exercisePath,
          'expected at least one way to exercise the rights: email, url, form, phone or address',
        );
      }
    }
  }
  if (typeof rights.identityCheck !== 'boolean')
    checkText(issues, at(path, 'identityCheck'), rights.identityCheck);
  checkBoolean(issues, at(path, 'free'), rights.free);
  checkDuration(issues, at(path, 'responseTime'), rights.responseTime);
  if (rights.details !== undefined) {
    const details = record(
      issues,
      at(path, 'details'),
      rights.details,
      'a map of right to text',
      RIGHTS,
    );
    if (details)
      for (const [key, text] of Object.entries(details))
        checkText(issues, at(at(path, 'details'), key), text, { required: true });
  }
  checkText(issues, at(path, 'note'), rights.note);
}

function checkAuthority(issues: Issues, path: string, value: unknown): void {
  if (typeof value === 'string') {
    if (!AUTHORITY_PRESETS.includes(value)) {
      issues.error(
        path,
        expected(
          `a preset (${AUTHORITY_PRESETS.map((id) => JSON.stringify(id)).join(' | ')}) or an authority object`,
          value,
        ),
      );
    }
    return;
  }
  const authority = record(
    issues,
    path,
    value,
    'a preset id such as "nl-ap" or an authority object { name, url }',
    AUTHORITY_KEYS,
  );
  if (!authority) return;
  checkText(issues, at(path, 'name'), authority.name, { required: true });
  checkText(issues, at(path, 'address'), authority.address);
  checkUrl(issues, at(path, 'url'), authority.url);
  checkUrl(issues, at(path, 'complaintUrl'), authority.complaintUrl);
  checkString(issues, at(path, 'phone'), authority.phone, { pattern: PHONE });
}

/**
 * Adds the problems of a notice section (the value of `config.notice`) to
 * `issues`, under `path`. `url` is a known key but not checked here: it is the
 * banner's and the centre's link, so validateConfig checks it.
 */
export function validateNotice(
  issues: Issues,
  path: string,
  value: unknown,
  controllerName?: string,
): void {
  if (value === undefined) return;
  const notice = record(issues, path, value, 'an object', NOTICE_KEYS);
  if (!notice) return;
  const p = (key: string) => at(path, key);

  checkText(issues, p('title'), notice.title);
  checkTexts(issues, p('intro'), notice.intro);
  checkList(issues, p('controllers'), notice.controllers, 'controller entities', (itemPath, item) =>
    checkEntity(issues, itemPath, item),
  );
  checkText(issues, p('controllerNote'), notice.controllerNote);
  if (Array.isArray(notice.dpo)) {
    checkList(
      issues,
      p('dpo'),
      notice.dpo,
      'contacts',
      (itemPath, item) => checkContact(issues, itemPath, item),
      { nonEmpty: true },
    );
  } else if (notice.dpo !== undefined) {
    checkContact(issues, p('dpo'), notice.dpo);
  }
  if (notice.contact !== undefined) checkContact(issues, p('contact'), notice.contact);
  checkList(
    issues,
    p('representatives'),
    notice.representatives,
    'representatives',
    (itemPath, item) => {
      const representative = checkEntity(issues, itemPath, item, REPRESENTATIVE_KEYS);
      if (!representative) return;
      checkList(
        issues,
        at(itemPath, 'regions'),
        representative.regions,
        'regions',
        (regionPath, region) =>
          checkString(issues, regionPath, region, { required: true, pattern: REGION }),
        { required: true, nonEmpty: true },
      );
    },
  );
  const ids = new Map<string, string>();
  checkList(issues, p('activities'), notice.activities, 'processing activities', (itemPath, item) =>
    checkActivity(issues, itemPath, item, ids),
  );
  checkRecipients(issues, p('recipients'), notice.recipients);
  if (typeof notice.specialCategories !== 'boolean')
    checkText(issues, p('specialCategories'), notice.specialCategories);
  checkText(issues, p('cookieIntro'), notice.cookieIntro);
  checkList(issues, p('transfers'), notice.transfers, 'transfers', (itemPath, item) =>
    checkTransfer(issues, itemPath, item),
  );
  checkText(issues, p('transferNote'), notice.transferNote);
  checkText(issues, p('basisNote'), notice.basisNote);
  if (notice.retention !== undefined) checkRetention(issues, p('retention'), notice.retention);
  if (notice.rights !== undefined) checkRights(issues, p('rights'), notice.rights);
  if (notice.authority !== undefined) checkAuthority(issues, p('authority'), notice.authority);
  checkText(issues, p('complaint'), notice.complaint);
  if (notice.children !== undefined) {
    const children = record(
      issues,
      p('children'),
      notice.children,
      'an object { minimumAge }',
      CHILDREN_KEYS,
    );
    if (children) {
      const age = children.minimumAge;
      if (age === undefined && children.text === undefined) {
        issues.error(
          p('children'),
          'expected what the statement says about children: minimumAge, text or both, got neither',
        );
      } else if (
        age !== undefined &&
        (typeof age !== 'number' || !Number.isInteger(age) || age < 1 || age > 21)
      ) {
        issues.error(
          at(p('children'), 'minimumAge'),
          expected('a whole number of years from 1 to 21', age),
        );
      }
      checkBoolean(issues, at(p('children'), 'parentalConsent'), children.parentalConsent);
      checkText(issues, at(p('children'), 'text'), children.text);
    }
  }
  if (notice.automatedDecisions !== undefined) {
    const automated = record(
      issues,
      p('automatedDecisions'),
      notice.automatedDecisions,
      'an object { used }',
      AUTOMATED_KEYS,
    );
    if (automated) {
      if (typeof automated.used !== 'boolean')
        issues.error(
          at(p('automatedDecisions'), 'used'),
          expected('true or false', automated.used),
        );
      checkBoolean(issues, at(p('automatedDecisions'), 'profiling'), automated.profiling);
      checkText(issues, at(p('automatedDecisions'), 'description'), automated.description);
      if (automated.used === true && automated.description === undefined) {
        issues.error(
          at(p('automatedDecisions'), 'description'),
          'expected the logic involved and its consequences (GDPR Art. 13(2)(f)), got nothing',
        );
      }
    }
  }
  checkTexts(issues, p('security'), notice.security);
  const effective = checkDate(issues, p('effectiveDate'), notice.effectiveDate);
  const updated = checkDate(issues, p('lastUpdated'), notice.lastUpdated);
  if (effective && updated && (notice.lastUpdated as string) > (notice.effectiveDate as string)) {
    issues.warn(
      p('lastUpdated'),
      `is after effectiveDate ${notice.effectiveDate as string}: an edit after the notice took effect usually needs a new effective date`,
    );
  }
  checkList(
    issues,
    p('previousVersions'),
    notice.previousVersions,
    'previous versions',
    (itemPath, item) => {
      const version = record(issues, itemPath, item, 'an object { date, url }', VERSION_KEYS);
      if (!version) return;
      const dated = checkDate(issues, at(itemPath, 'date'), version.date);
      checkUrl(issues, at(itemPath, 'url'), version.url, { required: true });
      if (dated && effective && (version.date as string) >= (notice.effectiveDate as string)) {
        issues.error(
          at(itemPath, 'date'),
          `expected a date before effectiveDate ${notice.effectiveDate as string}, got ${JSON.stringify(version.date)}`,
        );
      }
    },
  );
  if (notice.materialChange !== undefined) {
    const change = record(
      issues,
      p('materialChange'),
      notice.materialChange,
      'an object { summary, days }',
      CHANGE_KEYS,
    );
    if (change) {
      checkText(issues, at(p('materialChange'), 'summary'), change.summary, { required: true });
      const days = change.days;
      if (
        days !== undefined &&
        (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 366)
      ) {
        issues.error(
          at(p('materialChange'), 'days'),
          expected('a whole number of days from 1 to 366', days),
        );
      }
      if (!effective)
        issues.error(
          p('effectiveDate'),
          'expected the effective date a material change counts from, got nothing',
        );
    }
  }
  checkText(issues, p('changesNote'), notice.changesNote);
  warnMissing(issues, path, notice, controllerName);
  const sectionIds = new Set<string>();
  checkList(issues, p('sections'), notice.sections, 'sections', (itemPath, item) => {
    const section = record(
      issues,
      itemPath,
      item,
      'a section object { id, title, body }',
      SECTION_KEYS,
    );
    if (!section) return;
    if (
      checkString(issues, at(itemPath, 'id'), section.id, { required: true, pattern: ID_PATTERN })
    ) {
      if (sectionIds.has(section.id))
        issues.error(at(itemPath, 'id'), `duplicate section id ${JSON.stringify(section.id)}`);
      sectionIds.add(section.id);
    }
    checkText(issues, at(itemPath, 'title'), section.title, { required: true });
    checkTexts(issues, at(itemPath, 'body'), section.body, { required: true, nonEmpty: true });
  });
}

export interface NoticeValidationResult {
  /** No errors: the notice can be rendered. Warnings do not count. */
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/**
 * Validates the value of `config.notice` (not the whole config): every problem
 * with its path from the config's root (`notice.sections[2].title`). Never throws.
 * Warnings name each item GDPR Art. 13 requires that the notice does not give
 * (`context.controllerName` is the config's `controller.name`, which also names the controller).
 * A missing notice is valid: the notice then shows what the rest of the config says.
 */
export function validateNoticeConfig(
  notice: unknown,
  context: { controllerName?: string } = {},
): NoticeValidationResult {
  const issues = new Issues();
  try {
    validateNotice(issues, 'notice', notice, context.controllerName);
  } catch (error) {
    // A getter that throws, a revoked proxy: an error to report, never a crash.
    issues.error(
      'notice',
      `the notice could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const { errors, warnings } = issues;
  return { ok: errors.length === 0, errors, warnings };
}
