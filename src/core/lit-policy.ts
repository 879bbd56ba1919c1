// Imported first by the engine (dist/keuze-engine.js), before Lit: lets Lit use the `keuze`
// Trusted Types policy, so the CSP a site needs names only `keuze`.
import { lendPolicyToLit } from './trusted-types.js';

lendPolicyToLit(false); // the engine is only ever loaded by the first copy of the boot
