// Imported first by the script-tag entry, before Lit: lets Lit use the `keuze`
// Trusted Types policy, so the CSP a site needs names only `keuze`.
import { lendPolicyToLit } from './trusted-types.js';

lendPolicyToLit();
