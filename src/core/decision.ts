// The decision as pure functions: what the defaults are, what each action
// records, whether a stored decision still holds, and how a stored record is
// read back defensively. No storage, no DOM, no clock of its own.
import type {
  Config,
  Consent,
  Decision,
  DecisionLayer,
  DecisionMethod,
  Purpose,
  StoredState,
} from './types.js';
import { addDuration, parseDuration } from './config/check.js';
import { consentIds } from './model.js';

/** Earlier decisions kept for the receipt. */
export const HISTORY_LIMIT = 20;
/** The most a stored record may weigh as JSON; the oldest history goes first beyond it. */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * How long Keuze keeps each decision on the device, counted from the moment it was
 * taken: as long as a choice may ever hold (13 months), so the proof of consent
 * outlives the choice it proves and nothing is kept longer. Declare Keuze's own
 * storage item (`keuze`) with this period; diagnostics() warns when it says otherwise.
 */
export const RECORD_RETENTION = 'P13M';

/** Whether a decision is still within RECORD_RETENTION at `now`. */
function kept(decision: Decision, now: Date): boolean {
  const until = addDuration(new Date(decision.decidedAt), parseDuration(RECORD_RETENTION)!);
  return until.getTime() > now.getTime();
}

/**
 * The stored state without the decisions older than RECORD_RETENTION; the same
 * object when none is, EMPTY_STATE when nothing is left (the record is then deleted).
 */
export function withoutExpired(state: StoredState, now: Date): StoredState {
  const current = state.current && kept(state.current, now) ? state.current : null;
  const history = state.history.filter((decision) => kept(decision, now));
  if (current === state.current && history.length === state.history.length) return state;
  if (!current && history.length === 0) return EMPTY_STATE;
  return { ...state, current, history };
}
const MAX_EXPIRY_MS = 400 * 24 * 3600 * 1000; // 13 months and a little, for tampered records
/**
 * How far a stored time may lie ahead of this device's clock. Beyond it the time
 * is a forgery or a wrong clock: trusted, it would pin a decision forever.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type Action =
  | { type: 'accept-all' }
  | { type: 'reject-all' }
  | { type: 'save'; choices: Record<string, boolean> }
  | { type: 'withdraw' };

export interface DecisionContext {
  config: Config;
  configHash: string;
  now: Date;
  gpc: boolean;
  locale: string;
  layer: DecisionLayer;
  newId?: () => string;
}

export type Choices = Pick<Decision, 'purposes' | 'services'>;

export const EMPTY_STATE: StoredState = Object.freeze({
  version: 1,
  current: null,
  history: [],
}) as StoredState;

/** A purpose GPC refuses by itself: one that sells or shares data. */
function refusedBySignal(purpose: Purpose, gpc: boolean): boolean {
  return gpc && purpose.saleOrSharing === true;
}

/** What holds before any decision: necessary on, consent off, legitimate interest on unless GPC objects. */
export function defaultChoices(config: Config, gpc: boolean): Choices {
  const purposes: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const purpose of config.purposes) {
    const on =
      purpose.basis === 'necessary' ||
      (purpose.basis === 'legitimate-interest' && !gpc && !refusedBySignal(purpose, gpc));
    purposes[purpose.id] = on;
    for (const service of purpose.services ?? []) services[service.id] = on;
  }
  return { purposes, services };
}

function uniform(config: Config, gpc: boolean, on: boolean): Choices {
  const purposes: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const purpose of config.purposes) {
    const value = purpose.basis === 'necessary' || (on && !refusedBySignal(purpose, gpc));
    purposes[purpose.id] = value;
    for (const service of purpose.services ?? []) services[service.id] = value;
  }
  return { purposes, services };
}

/** The choices an action leads to, starting from the current ones. */
export function choicesFor(
  action: Action,
  config: Config,
  gpc: boolean,
  current: Choices,
): Choices {
  switch (action.type) {
    case 'accept-all':
      return uniform(config, gpc, true);
    case 'reject-all':
      return uniform(config, gpc, false);
    case 'withdraw': {
      const purposes: Record<string, boolean> = {};
      const services: Record<string, boolean> = {};
      for (const purpose of config.purposes) {
        const keep = purpose.basis !== 'consent';
        purposes[purpose.id] = keep && (current.purposes[purpose.id] ?? false);
        for (const service of purpose.services ?? []) {
          services[service.id] = keep && (current.services[service.id] ?? purposes[purpose.id]);
        }
      }
      return { purposes, services };
    }
    case 'save': {
      const { choices } = action;
      const purposes: Record<string, boolean> = {};
      const services: Record<string, boolean> = {};
      for (const purpose of config.purposes) {
        const locked = purpose.basis === 'necessary';
        const given = choices[purpose.id];
        const value =
          locked || (typeof given === 'boolean' ? given : (current.purposes[purpose.id] ?? false));
        purposes[purpose.id] = value;
        for (const service of purpose.services ?? []) {
          const serviceGiven = choices[service.id];
          // A service follows its purpose unless the visitor chose it on its own.
          services[service.id] =
            locked ||
            (typeof serviceGiven === 'boolean'
              ? serviceGiven
              : typeof given === 'boolean'
                ? given
                : (current.services[service.id] ?? value));
        }
      }
      return { purposes, services };
    }
  }
}

/** How a saved choice is described: a withdrawal or an objection when it only takes away. */
export function methodFor(
  action: Action,
  config: Config,
  previous: Choices | null,
  next: Choices,
): DecisionMethod {
  if (action.type !== 'save') return action.type;
  if (!previous) return 'custom';
  const bases = new Map<string, Purpose['basis']>();
  for (const purpose of config.purposes) {
    bases.set(purpose.id, purpose.basis);
    for (const service of purpose.services ?? []) bases.set(service.id, purpose.basis);
  }
  const revoked: string[] = [];
  let granted = false;
  for (const kind of ['purposes', 'services'] as const) {
    for (const [id, value] of Object.entries(next[kind])) {
      const before = previous[kind][id];
      if (before === true && !value) revoked.push(id);
      if (before !== true && value) granted = true;
    }
  }
  if (granted || revoked.length === 0) return 'custom';
  return revoked.every((id) => bases.get(id) === 'legitimate-interest') ? 'objection' : 'withdraw';
}

export function expiryOf(config: Config, decidedAt: Date): Date {
  return addDuration(decidedAt, parseDuration(config.expiry ?? 'P6M')!);
}

function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Records a new decision; the previous one moves into the bounded history. */
export function decide(
  state: StoredState,
  action: Action,
  context: DecisionContext,
  current: Choices,
): StoredState {
  const { config, now } = context;
  const previousChoices = state.current
    ? { purposes: state.current.purposes, services: state.current.services }
    : null;
  const next = choicesFor(action, config, context.gpc, current);
  const newId = context.newId ?? randomId;
  const decision: Decision = {
    id: newId(),
    consentId: [state.current, ...state.history].find((d) => d?.consentId)?.consentId ?? newId(),
    decidedAt: now.toISOString(),
    expiresAt: expiryOf(config, now).toISOString(),
    revision: config.revision,
    configHash: context.configHash,
    method: methodFor(action, config, previousChoices, next),
    layer: context.layer,
    locale: context.locale,
    gpc: context.gpc,
    purposes: next.purposes,
    services: next.services,
  };
  const history = (state.current ? [state.current, ...state.history] : state.history).filter(
    (earlier) => kept(earlier, now),
  );
  return bounded({
    version: 1,
    current: decision,
    history: history.slice(0, HISTORY_LIMIT),
    updatedAt: decision.decidedAt,
  });
}

/** Drops the oldest history until the record fits MAX_RECORD_CHARS. */
function bounded(state: StoredState): StoredState {
  const history = [...state.history];
  while (history.length > 0 && JSON.stringify({ ...state, history }).length > MAX_RECORD_CHARS)
    history.pop();
  return { ...state, history };
}

/** Forgets the current decision but keeps it in the history for the receipt. */
export function forget(state: StoredState, now: Date): StoredState {
  const history = state.current ? [state.current, ...state.history] : [...state.history];
  return bounded({
    version: 1,
    current: null,
    history: history.slice(0, HISTORY_LIMIT),
    updatedAt: now.toISOString(),
  });
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

/** The consent snapshot the page sees. Only ids in the config appear; necessary is always on. */
export function consentOf(state: StoredState, config: Config, gpc: boolean, now: Date): Consent {
  const valid = validity(state, config, now) === 'valid';
  const defaults = defaultChoices(config, gpc);
  if (!valid || !state.current) return { decided: false, ...defaults };
  const record = state.current;
  const purposes: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const purpose of config.purposes) {
    const on =
      purpose.basis === 'necessary' ||
      (record.purposes[purpose.id] ?? defaults.purposes[purpose.id]);
    purposes[purpose.id] = on;
    for (const service of purpose.services ?? []) {
      services[service.id] = purpose.basis === 'necessary' || (record.services[service.id] ?? on);
    }
  }
  return { decided: true, purposes, services, record };
}

/** Ids whose state differs between two snapshots. */
export function changedIds(previous: Consent, next: Consent): string[] {
  const ids = new Set<string>();
  for (const kind of ['purposes', 'services'] as const) {
    const keys = new Set([...Object.keys(previous[kind]), ...Object.keys(next[kind])]);
    for (const key of keys) if (previous[kind][key] !== next[kind][key]) ids.add(key);
  }
  return [...ids];
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
