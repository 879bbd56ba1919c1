// The engine's view of src/core/trusted-types.ts (rollup.config.mjs resolves
// that module to this file in dist/keuze-engine.js). The `keuze` policy may be
// created once per page, and the first layer has created it; a page script
// must not be able to use it to launder strings. So the boot hands its Trusted
// Types functions only to a script its own loader added, checked while that
// script evaluates (document.currentScript), instead of exposing them.
import type * as TrustedTypes from '../core/trusted-types.js';

type Granted = Pick<
  typeof TrustedTypes,
  'factory' | 'keuzePolicy' | 'hasPolicy' | 'trustedScript' | 'trustedScriptURL'
>;

const granted = (
  window as unknown as { __keuze: { claimTrustedTypes(): Granted } }
).__keuze.claimTrustedTypes();

export const { factory, keuzePolicy, hasPolicy, trustedScript, trustedScriptURL } = granted;
export type { Policy, PolicyOptions } from '../core/trusted-types.js';
