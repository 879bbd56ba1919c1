// A small validation kit: every check records an issue with the path of the
// offending field and what was expected, so one pass reports every problem.
import { parseDuration } from './duration.js';
import { isSafeUrl } from './safe-url.js';

export interface Issue {
  /** `purposes[2].basis` */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Collects issues while a validator walks the input. */
export class Issues {
  readonly list: Issue[] = [];

  error(path: string, message: string): void {
    this.list.push({ path, message, severity: 'error' });
  }

  warn(path: string, message: string): void {
    this.list.push({ path, message, severity: 'warning' });
  }

  get errors(): Issue[] {
    return this.list.filter((issue) => issue.severity === 'error');
  }

  get warnings(): Issue[] {
    return this.list.filter((issue) => issue.severity === 'warning');
  }
}

/** Joins a path and a key or index: `at('purposes', 2)` → `purposes[2]`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Formats an offending value for a message, kept short. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** Formats a `got X` message for an unexpected value. */
export function expected(what: string, value: unknown): string {
  return `expected ${what}, got ${describe(value)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Longest sane string in a config; protects the page from absurd inputs. */
export const MAX_TEXT = 10_000;

export function checkString(
  issues: Issues,
  path: string,
  value: unknown,
  {
    required = false,
    max = MAX_TEXT,
    pattern,
  }: { required?: boolean; max?: number; pattern?: [RegExp, string] } = {},
): value is string {
  if (value === undefined) {
    if (required) issues.error(path, expected('a string', value));
    return false;
  }
  if (typeof value !== 'string') {
    issues.error(path, expected('a string', value));
    return false;
  }
  if (required && value.trim() === '') {
    issues.error(path, 'expected a non-empty string, got ""');
    return false;
  }
  if (value.length > max) {
    issues.error(path, `expected at most ${max} characters, got ${value.length}`);
    return false;
  }
  if (pattern && !pattern[0].test(value)) {
    issues.error(path, expected(pattern[1], value));
    return false;
  }
  return true;
}

export function checkBoolean(issues: Issues, path: string, value: unknown): value is boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    issues.error(path, expected('true or false', value));
    return false;
  }
  return true;
}

export function checkEnum<T extends string>(
  issues: Issues,
  path: string,
  value: unknown,
  allowed: readonly T[],
  { required = false }: { required?: boolean } = {},
): value is T {
  if (value === undefined && !required) return false;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    issues.error(
      path,
      expected(allowed.map((option) => JSON.stringify(option)).join(' | '), value),
    );
    return false;
  }
  return true;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** A visible text: a string, or a map from language tag to string. */
export function checkText(
  issues: Issues,
  path: string,
  value: unknown,
  { required = false }: { required?: boolean } = {},
): boolean {
  if (value === undefined) {
    if (required)
      issues.error(path, expected('a string or a map of language tag to string', value));
    return false;
  }
  if (typeof value === 'string') return checkString(issues, path, value, { required });
  if (!isRecord(value)) {
    issues.error(path, expected('a string or a map of language tag to string', value));
    return false;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    issues.error(path, 'expected at least one language, got an empty object');
    return false;
  }
  let ok = true;
  for (const [tag, text] of entries) {
    if (!isLanguageTag(tag)) {
      issues.error(at(path, tag), expected('a language tag such as "en" or "nl-BE"', tag));
      ok = false;
    }
    ok = checkString(issues, at(path, tag), text, { required: true }) && ok;
  }
  return ok;
}

export function checkUrl(
  issues: Issues,
  path: string,
  value: unknown,
  { required = false }: { required?: boolean } = {},
): value is string {
  if (!checkString(issues, path, value, { required, max: 2048 })) return false;
  if (!isSafeUrl(value)) {
    issues.error(path, expected('an http(s), mailto, tel or relative URL', value));
    return false;
  }
  return true;
}

export function checkDuration(
  issues: Issues,
  path: string,
  value: unknown,
  { required = false, allowSession = false }: { required?: boolean; allowSession?: boolean } = {},
): boolean {
  const what = allowSession
    ? 'an ISO 8601 duration such as "P13M" or "PT30M", or "session"'
    : 'an ISO 8601 duration such as "P6M"';
  if (value === undefined) {
    if (required) issues.error(path, expected(what, value));
    return false;
  }
  if (
    typeof value !== 'string' ||
    (!(allowSession && value === 'session') && parseDuration(value) === null)
  ) {
    issues.error(path, expected(what, value));
    return false;
  }
  return true;
}

/** Edit distance, for "did you mean" hints on unknown keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The known key closest to an unknown one, if it is close enough to be a typo. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Reports keys that the schema does not know, as likely typos. */
export function checkKeys(
  issues: Issues,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = suggest(key, known);
    issues.warn(
      at(path, key),
      hint
        ? `unknown key "${key}": did you mean "${hint}"?`
        : `unknown key "${key}" (known: ${known.join(', ')})`,
    );
  }
}

/** Ids: letters, digits, `-`, `_` and `.`, starting with a letter. */
export const ID_PATTERN: [RegExp, string] = [
  /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
  'an id of letters, digits, "-", "_" or "." starting with a letter',
];
