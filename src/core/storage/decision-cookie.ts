// The decision kept in a cookie that the site's server sets, for browsers that
// delete what scripts store. Safari (ITP) deletes script-written storage
// (IndexedDB, localStorage, cookies written by document.cookie) after 7 days
// without a visit; a cookie set in an HTTP response is not capped that way. So
// when the proof-of-consent receiver (or the site) accepts a decision record,
// its response may set `keuze_decision` to that record, and the widget restores
// a decision from it when storage holds none. See docs/browsers.md.
//
// The value is base64url(JSON.stringify(record)), the record exactly as the log
// POSTs it (integrations/log.ts). The cookie is not HttpOnly: on reset or a new
// decision the widget must be able to expire it, or a stale cookie would undo
// the visitor's withdrawal.
import type { Config, Decision, StoredState } from '../types.js';
import { HISTORY_LIMIT, isDecision, validity } from '../decision.js';

import { DECISION_COOKIE } from './decision-cookie-name.js';

export { DECISION_COOKIE };

/** What browsers keep of one cookie (name, value and attributes). */
const MAX_COOKIE_BYTES = 4096;
/** Chrome caps Max-Age at 400 days. */
const MAX_AGE_CEILING_S = 400 * 24 * 3600;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
}

export interface DecisionCookieOptions {
  /** Add `Secure` (the site is served over HTTPS, as it should be). Default true. */
  secure?: boolean;
  /** The clock, for Max-Age; default now. */
  now?: Date;
}

/**
 * The Set-Cookie header value that keeps `record` (a decision record as the
 * widget POSTs it to `log.endpoint`) on the visitor's device until it expires.
 * For the site's server or the receiver, after it has stored the record.
 * Throws when the record is malformed, already expired, or too big for a cookie.
 */
export function decisionCookie(record: unknown, options: DecisionCookieOptions = {}): string {
  if (!isDecision(record))
    throw new TypeError(`${DECISION_COOKIE}: the record is not a Keuze decision record`);
  const now = (options.now ?? new Date()).getTime();
  const maxAge = Math.min(
    Math.floor((Date.parse(record.expiresAt) - now) / 1000),
    MAX_AGE_CEILING_S,
  );
  if (maxAge <= 0)
    throw new RangeError(`${DECISION_COOKIE}: the record expired at ${record.expiresAt}`);
  const fields: Decision = {
    id: record.id,
    decidedAt: record.decidedAt,
    expiresAt: record.expiresAt,
    revision: record.revision,
    configHash: record.configHash,
    method: record.method,
    layer: record.layer,
    locale: record.locale,
    gpc: record.gpc,
    purposes: record.purposes,
    services: record.services,
    ...(record.consentId === undefined ? {} : { consentId: record.consentId }),
  };
  const attributes = [`Max-Age=${maxAge}`, 'Path=/', 'SameSite=Lax'];
  if (options.secure !== false) attributes.push('Secure');
  const header = [`${DECISION_COOKIE}=${toBase64Url(JSON.stringify(fields))}`, ...attributes].join(
    '; ',
  );
  if (header.length > MAX_COOKIE_BYTES)
    throw new RangeError(
      `${DECISION_COOKIE}: the cookie would be ${header.length} bytes; browsers keep at most ${MAX_COOKIE_BYTES}`,
    );
  return header;
}

/** The decision record in a `document.cookie` string, or null when absent or unreadable. */
export function readDecisionCookie(cookies: string): Decision | null {
  for (const pair of cookies.split(';')) {
    const at = pair.indexOf('=');
    if (at === -1 || pair.slice(0, at).trim() !== DECISION_COOKIE) continue;
    const value = pair.slice(at + 1).trim();
    if (!value || value.length > MAX_COOKIE_BYTES || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
    try {
      const record: unknown = JSON.parse(fromBase64Url(value));
      return isDecision(record) ? record : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The page's cookies; '' where there are none to read (no document, a sandboxed frame). */
function pageCookies(): string {
  try {
    return typeof document === 'undefined' ? '' : document.cookie;
  } catch {
    return '';
  }
}

/** Removes the cookie (it is not HttpOnly, so a script can). */
export function expireDecisionCookie(): void {
  try {
    if (typeof document !== 'undefined') document.cookie = `${DECISION_COOKIE}=; Max-Age=0; Path=/`;
  } catch {
    // a sandboxed frame has no cookies to clear
  }
}

/**
 * Whether `record` may stand as the visitor's decision when `state` (what
 * storage holds) has no valid one: it matches this config (revision, config
 * hash, every consent purpose answered), has not expired, and nothing newer is
 * stored — neither a later decision nor a reset, nor this record superseded.
 */
export function restorable(
  record: Decision,
  state: StoredState,
  config: Config,
  configHash: string,
  now: Date,
): boolean {
  if (record.configHash !== configHash) return false;
  const candidate: StoredState = { version: 1, current: record, history: [] };
  if (validity(candidate, config, now) !== 'valid') return false;
  if (validity(state, config, now) === 'valid') return false;
  const known = [state.current, ...state.history].some((decision) => decision?.id === record.id);
  if (known) return false;
  const decidedAt = Date.parse(record.decidedAt);
  const newest = Math.max(
    state.updatedAt ? Date.parse(state.updatedAt) : -Infinity,
    state.current ? Date.parse(state.current.decidedAt) : -Infinity,
  );
  return decidedAt > newest;
}

export interface DecisionCookieContext {
  config: Config;
  configHash: string;
  now: Date;
}

/**
 * The state to use instead of `state` (what storage holds) when it has no valid
 * decision and the page's cookie holds a `restorable` one, or null. The caller
 * writes it to storage, so the cookie is needed only once.
 */
export function restoreFromCookie(
  state: StoredState,
  { config, configHash, now }: DecisionCookieContext,
): StoredState | null {
  const record = readDecisionCookie(pageCookies());
  if (!record || !restorable(record, state, config, configHash, now)) return null;
  return {
    version: 1,
    current: record,
    history: (state.current ? [state.current, ...state.history] : state.history).slice(
      0,
      HISTORY_LIMIT,
    ),
    updatedAt: record.decidedAt,
  };
}

/**
 * Before `state` is stored: a cookie that does not hold its decision (a new
 * decision, a withdrawal, a reset) is expired, so a stale one cannot bring an
 * old decision back. The server sets it again when it accepts the new record.
 */
export function dropStaleCookie(state: StoredState): void {
  const cookies = pageCookies();
  if (!cookies.includes(`${DECISION_COOKIE}=`)) return;
  if (readDecisionCookie(cookies)?.id !== state.current?.id) expireDecisionCookie();
}
