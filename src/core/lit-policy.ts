// Imported first by the script-tag build's entries (src/lazy/banner.ts and
// engine.ts), before Lit's module body: Lit asks for a Trusted Types policy
// named `lit-html` while it evaluates, and a site whose CSP allows only `keuze`
// would make that throw and stop the whole bundle. So while the bundle
// evaluates, Lit's request is answered with the `keuze` policy; the factory is
// restored in the next microtask, so page scripts never see the change. Where
// `keuze` is not allowed, Lit gets its own policy as usual. (Not in
// trusted-types.ts, which the npm build's core uses without Lit.)
import { factory, keuzePolicy, type Policy, type PolicyOptions } from './trusted-types.js';

const identity = (s: string) => s;

function lendPolicyToLit(): void {
  const tt = factory();
  if (!tt || Object.prototype.hasOwnProperty.call(tt, 'createPolicy')) return;
  const original = tt.createPolicy;
  const lend = (name: string, options: PolicyOptions): Policy => {
    if (name === 'lit-html') {
      const p = keuzePolicy();
      if (p)
        return {
          createHTML: (s) => p.createHTML(s),
          createScript: identity,
          createScriptURL: identity,
        };
      try {
        return original.call(tt, name, options);
      } catch {
        // Neither name is allowed: keep the bundle alive; rendering will be
        // refused by the browser, which reports it.
        return { createHTML: identity, createScript: identity, createScriptURL: identity };
      }
    }
    return original.call(tt, name, options);
  };
  try {
    Object.defineProperty(tt, 'createPolicy', { value: lend, configurable: true, writable: true });
  } catch {
    return;
  }
  queueMicrotask(() => {
    delete (tt as { createPolicy?: unknown }).createPolicy;
  });
}

lendPolicyToLit();
