// Google Consent Mode v2 updates: each decision pushes the state computed from
// the purpose → key map, and a `keuze-change` event for tag managers. The
// default, which must come first, is in consent-mode.ts.
import type { Consent } from '../types.js';
import {
  dataLayerOf,
  deniedState,
  entriesBeforeDefault,
  gtagFor,
  type ConsentModeState,
  type ResolvedConsentMode,
} from './consent-mode.js';

/** The Consent Mode state for a consent snapshot: a key is granted when any id mapped to it is. */
export function consentModeState(options: ResolvedConsentMode, consent: Consent): ConsentModeState {
  const state = deniedState();
  // Before a decision (or after a reset) the default holds, whatever the map says.
  if (!consent.decided) return state;
  for (const [id, keys] of Object.entries(options.map)) {
    const granted = consent.purposes[id] === true || consent.services[id] === true;
    if (!granted) continue;
    for (const key of keys) state[key] = 'granted';
  }
  return state;
}

export interface UpdateContext {
  changed?: string[];
  gpc?: boolean;
}

/**
 * Pushes `gtag('consent', 'update', …)` and a `keuze-change` event that tag
 * manager triggers can fire on. Returns the state pushed.
 */
export function pushConsentModeUpdate(
  options: ResolvedConsentMode,
  consent: Consent,
  context: UpdateContext = {},
  win: Window = window,
): ConsentModeState {
  const layer = dataLayerOf(options.dataLayerName, win);
  const state = consentModeState(options, consent);
  gtagFor(layer)('consent', 'update', { ...state });
  layer.push({
    event: 'keuze-change',
    keuze: {
      decided: consent.decided,
      purposes: { ...consent.purposes },
      services: { ...consent.services },
      changed: context.changed ?? [],
      gpc: context.gpc ?? consent.record?.gpc ?? false,
      method: consent.record?.method,
      decisionId: consent.record?.id,
    },
  });
  return state;
}

/** A gtag command other than consent (`js`, `config`, `event`) or a tag manager start. */
function isTagCommand(entry: unknown): boolean {
  if (!entry || typeof entry !== 'object') return false;
  return 'length' in entry
    ? ['js', 'config', 'event'].includes((entry as ArrayLike<unknown>)[0] as string)
    : (entry as { event?: unknown }).event === 'gtm.js';
}

/** How many tag commands were in the data layer before our default (0 when none). */
export function earlyTagEntries(options: ResolvedConsentMode, win: Window = window): number {
  return entriesBeforeDefault(options, win).filter(isTagCommand).length;
}
