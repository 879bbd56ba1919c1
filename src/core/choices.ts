// A visitor's choices as pure functions: what holds before any decision, what
// each action records, and the consent snapshot the page sees. The stored record
// itself (reading it back, whether it still holds) is decision.ts. No storage, no
// DOM, no clock of its own.
import type {
  Config,
  Consent,
  Decision,
  DecisionLayer,
  DecisionMethod,
  Purpose,
  StoredState,
} from './types.js';
import { addDuration, parseDuration } from './config/duration.js';
import { EMPTY_STATE, HISTORY_LIMIT, expiryOf, validity } from './decision.js';

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
