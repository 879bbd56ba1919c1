// A stored decision as pure functions: how a stored record is read back
// defensively, and whether the decision in it still holds. keuze.min.js reads
// the record with it to know whether a decision is stored (src/boot/facade.ts);
// the engine judges that decision; what each action records is choices.ts.
// No storage, no DOM, no clock of its own.
import type { Config, Decision, DecisionLayer, DecisionMethod, StoredState } from './types.js';
import { addDuration, parseDuration } from './config/duration.js';

/** Earlier decisions kept for the receipt. */
export const HISTORY_LIMIT = 20;

const MAX_EXPIRY_MS = 400 * 24 * 3600 * 1000; // 13 months and a little, for tampered records
/**
 * How far a stored time may lie ahead of this device's clock. Beyond it the time
 * is a forgery or a wrong clock: trusted, it would pin a decision forever.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const EMPTY_STATE: StoredState = Object.freeze({
  version: 1,
  current: null,
  history: [],
}) as StoredState;

/** When a decision taken at `decidedAt` stops holding under this config. */
export function expiryOf(config: Config, decidedAt: Date): Date {
  return addDuration(decidedAt, parseDuration(config.expiry ?? 'P6M')!);
}

/** Purpose and service ids whose basis is consent: adding one asks every visitor again. */
function consentIds(config: Config): string[] {
  return config.purposes
    .filter((purpose) => purpose.basis === 'consent')
    .flatMap((purpose) => [purpose.id, ...(purpose.services ?? []).map((service) => service.id)]);
}

export type Validity = 'valid' | 'missing' | 'expired' | 'revision' | 'new-purpose';

/** Whether the stored decision still holds, and if not, why the visitor is asked again. */
export function validity(state: StoredState, config: Config, now: Date): Validity {
  const current = state.current;
  if (!current) return 'missing';
  if (current.revision !== config.revision) return 'revision';
  const decidedAt = Date.parse(current.decidedAt);
  const expiresAt = Math.min(
    Date.parse(current.expiresAt),
    expiryOf(config, new Date(decidedAt)).getTime(),
  );
  if (!(expiresAt > now.getTime()) || expiresAt - decidedAt > MAX_EXPIRY_MS) return 'expired';
  const known = new Set([...Object.keys(current.purposes), ...Object.keys(current.services)]);
  if (consentIds(config).some((id) => !known.has(id))) return 'new-purpose';
  return 'valid';
}

/** When the stored decision stops holding (ms since the epoch), or null. */
export function expiresAt(state: StoredState, config: Config): number | null {
  if (!state.current) return null;
  const decidedAt = Date.parse(state.current.decidedAt);
  return Math.min(
    Date.parse(state.current.expiresAt),
    expiryOf(config, new Date(decidedAt)).getTime(),
  );
}

const METHODS: readonly DecisionMethod[] = [
  'accept-all',
  'reject-all',
  'custom',
  'withdraw',
  'objection',
];
const LAYERS: readonly DecisionLayer[] = ['banner', 'centre', 'placeholder', 'api'];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function isFlagMap(value: unknown): value is Record<string, boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= 5000 &&
    entries.every(([key, flag]) => key.length <= 64 && typeof flag === 'boolean')
  );
}

function isShortString(value: unknown, max = 200): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** A stored decision that is well formed in every field; anything else is rejected. */
export function isDecision(value: unknown): value is Decision {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    isShortString(d.id, 64) &&
    (d.consentId === undefined || isShortString(d.consentId, 64)) &&
    typeof d.decidedAt === 'string' &&
    ISO_TIME.test(d.decidedAt) &&
    !Number.isNaN(Date.parse(d.decidedAt)) &&
    typeof d.expiresAt === 'string' &&
    ISO_TIME.test(d.expiresAt) &&
    !Number.isNaN(Date.parse(d.expiresAt)) &&
    isShortString(d.revision) &&
    isShortString(d.configHash, 64) &&
    METHODS.includes(d.method as DecisionMethod) &&
    LAYERS.includes(d.layer as DecisionLayer) &&
    typeof d.locale === 'string' &&
    d.locale.length <= 35 &&
    typeof d.gpc === 'boolean' &&
    isFlagMap(d.purposes) &&
    isFlagMap(d.services)
  );
}

function copyDecision(d: Decision): Decision {
  return {
    id: d.id,
    ...(d.consentId === undefined ? {} : { consentId: d.consentId }),
    decidedAt: d.decidedAt,
    expiresAt: d.expiresAt,
    revision: d.revision,
    configHash: d.configHash,
    method: d.method,
    layer: d.layer,
    locale: d.locale,
    gpc: d.gpc,
    purposes: { ...d.purposes },
    services: { ...d.services },
  };
}

/** Whether an ISO time lies further ahead of `now` than a clock may drift. */
function isFuture(time: string, now: Date): boolean {
  return Date.parse(time) > now.getTime() + MAX_CLOCK_SKEW_MS;
}

/**
 * Reads what storage returned. A missing record is no decision; a corrupt one
 * is no decision too, with a problem to report. A decision dated after `now`
 * (plus the allowed skew) is refused, and such an `updatedAt` is dropped, so it
 * cannot outrank a later write. Never throws.
 */
export function readStoredState(
  value: unknown,
  now: Date = new Date(),
): { state: StoredState; problem?: string; oversized?: boolean } {
  if (value === undefined || value === null) return { state: EMPTY_STATE };
  try {
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { state: EMPTY_STATE, problem: 'the stored consent record is not an object' };
    }
    const raw = value as Record<string, unknown>;
    if (raw.version !== 1)
      return {
        state: EMPTY_STATE,
        problem: `the stored consent record has an unknown version (${String(raw.version)})`,
      };
    if (raw.current !== null && !isDecision(raw.current)) {
      return {
        state: EMPTY_STATE,
        problem: 'the stored consent record is corrupt; the visitor is asked again',
      };
    }
    // Cut before checking: a record with 200,000 entries must cost no more than one with 20.
    const history = Array.isArray(raw.history)
      ? raw.history
          .slice(0, HISTORY_LIMIT)
          .filter((entry) => isDecision(entry) && !isFuture(entry.decidedAt, now))
          .map(copyDecision)
      : [];
    let current = raw.current === null ? null : copyDecision(raw.current as Decision);
    let problem: string | undefined;
    if (current && isFuture(current.decidedAt, now)) {
      problem = `the stored decision is dated ${current.decidedAt}, after this device's clock; the visitor is asked again`;
      current = null;
    }
    const state: StoredState = { version: 1, current, history };
    if (
      typeof raw.updatedAt === 'string' &&
      ISO_TIME.test(raw.updatedAt) &&
      !isFuture(raw.updatedAt, now)
    )
      state.updatedAt = raw.updatedAt;
    const oversized = Array.isArray(raw.history) && raw.history.length > HISTORY_LIMIT;
    return { state, ...(problem && { problem }), ...(oversized && { oversized }) };
  } catch {
    return { state: EMPTY_STATE, problem: 'the stored consent record could not be read' };
  }
}

/** Orders two writes from tabs that decided at once: the later one wins, ties by decision id. */
export function isNewer(a: StoredState, b: StoredState): boolean {
  const at = (state: StoredState) => (state.updatedAt ? Date.parse(state.updatedAt) : -1);
  if (at(a) !== at(b)) return at(a) > at(b);
  return (a.current?.id ?? '') > (b.current?.id ?? '');
}
