// Pure helpers the notice element renders from: which sections a config
// declares, the controller entities, the material-change window, durations.
import type { Config } from '../types.js';
import { parseDuration, type Duration } from '../config/duration.js';
import { storageRows } from '../model.js';
import type { Contact, Entity, NoticeConfig } from './types.js';

/** Section ids in the order the notice shows them (also the anchor suffixes). */
export const SECTION_ORDER = [
  'controller',
  'activities',
  'cookies',
  'transfers',
  'rights',
  'complaint',
  'children',
  'automated',
  'security',
  'extra',
  'changes',
] as const;

export type SectionId = (typeof SECTION_ORDER)[number];

/**
 * The controller entities: `notice.controllers`, or the contract's
 * `config.controller.name` alone when none are listed. A group name that is
 * not one of the entities (seed 003: "IPG Group" of six companies) is kept by
 * the element as a lead sentence, not forced onto the first entity.
 */
export function controllers(config: Config): Entity[] {
  const listed = config.notice?.controllers ?? [];
  if (listed.length > 0) return listed;
  return config.controller?.name ? [{ name: config.controller.name }] : [];
}

/** The DPO field as a list (one contact or several). */
export function dpos(notice: NoticeConfig | undefined): Contact[] {
  const dpo = notice?.dpo;
  if (!dpo) return [];
  return Array.isArray(dpo) ? dpo : [dpo];
}

/**
 * The built-in sections a config declares, in display order. The cookie
 * declaration is there whenever a purpose is declared; `extra` stands for the
 * site's own `notice.sections`, which follow in their own order.
 */
export function declaredSections(config: Config): SectionId[] {
  const notice = config.notice ?? {};
  const has: Record<SectionId, boolean> = {
    controller:
      controllers(config).length > 0 ||
      dpos(notice).length > 0 ||
      !!notice.contact ||
      (notice.representatives?.length ?? 0) > 0,
    activities:
      (notice.activities?.length ?? 0) > 0 ||
      notice.basisNote !== undefined ||
      notice.retention !== undefined ||
      (notice.recipients?.length ?? 0) > 0 ||
      notice.specialCategories !== undefined,
    cookies: config.purposes.length > 0,
    transfers: (notice.transfers?.length ?? 0) > 0 || notice.transferNote !== undefined,
    rights: !!notice.rights,
    complaint: notice.authority !== undefined || notice.complaint !== undefined,
    children: !!notice.children,
    automated: !!notice.automatedDecisions,
    security: (notice.security?.length ?? 0) > 0,
    extra: (notice.sections?.length ?? 0) > 0,
    changes:
      !!notice.effectiveDate ||
      !!notice.lastUpdated ||
      (notice.previousVersions?.length ?? 0) > 0 ||
      notice.changesNote !== undefined,
  };
  return SECTION_ORDER.filter((id) => has[id]);
}

const DAY = 24 * 3600 * 1000;

/** Midnight UTC of a `YYYY-MM-DD` date. */
function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * Whether the notice of material changes is still shown: from the effective
 * date for `days` days (default 30), e.g. seed 000's "gedurende 30 dagen".
 */
export function materialChangeActive(
  notice: NoticeConfig | undefined,
  now: Date = new Date(),
): boolean {
  const change = notice?.materialChange;
  if (!change || !notice?.effectiveDate) return false;
  const start = dayStart(notice.effectiveDate);
  if (Number.isNaN(start)) return false;
  const end = start + (change.days ?? 30) * DAY;
  const t = now.getTime();
  return t >= start && t < end;
}

/** Units of a duration that are not zero, largest first: `P1Y6M` → [['years', 1], ['months', 6]]. */
export function durationParts(iso: string): Array<[keyof Duration, number]> {
  const duration = parseDuration(iso);
  if (!duration) return [];
  const order: Array<keyof Duration> = [
    'years',
    'months',
    'weeks',
    'days',
    'hours',
    'minutes',
    'seconds',
  ];
  return order.filter((unit) => duration[unit] > 0).map((unit) => [unit, duration[unit]]);
}

/** The cookie declaration: the cookie centre's rows, grouped by purpose, in config order. */
export function cookieDeclaration(config: Config) {
  const rows = storageRows(config);
  return config.purposes.map((purpose) => ({
    purpose,
    rows: rows.filter((row) => row.purpose === purpose),
  }));
}

/** Cookie purpose ids an activity names that the config does not declare. */
export function unknownCookiePurposes(config: Config): Array<{ path: string; id: string }> {
  const ids = new Set(config.purposes.map((purpose) => purpose.id));
  const missing: Array<{ path: string; id: string }> = [];
  (config.notice?.activities ?? []).forEach((activity, index) =>
    (activity.cookiePurposes ?? []).forEach((id, j) => {
      if (!ids.has(id))
        missing.push({ path: `notice.activities[${index}].cookiePurposes[${j}]`, id });
    }),
  );
  return missing;
}
