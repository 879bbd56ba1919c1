// Trusted Types: the one policy Keuze needs under `require-trusted-types-for
// 'script'`, named `keuze`, so a site's CSP says `trusted-types keuze`.
//
// Two things need it:
// - Lit parses its templates (developer-written constants, never config or
//   locale text, which Lit inserts as text nodes) with innerHTML on a
//   <template>. Lit asks for a policy named `lit-html`; a CSP that allows only
//   `keuze` makes that throw and the whole bundle would stop. `lendPolicyToLit`
//   answers Lit's request with the `keuze` policy while the bundle evaluates.
// - The gate re-creates consented <script> elements: their `src` and text come
//   from the page's own markup, which the page author wrote and the browser
//   already accepted; the policy hands them on unchanged.
// The policy object never leaves this module, so no other script can use it to
// launder strings.

/** The minimal Trusted Types surface we use (not in every TypeScript lib). */
interface Policy {
  createHTML(input: string): unknown;
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface PolicyOptions {
  createHTML?: (input: string) => string;
  createScript?: (input: string) => string;
  createScriptURL?: (input: string) => string;
}
interface Factory {
  createPolicy(name: string, options: PolicyOptions): Policy;
}

export const POLICY_NAME = 'keuze';

let policy: Policy | null | undefined;

function factory(): Factory | undefined {
  return (globalThis as { trustedTypes?: Factory }).trustedTypes;
}

/** The `keuze` policy, created once; null where Trusted Types are absent or the CSP forbids the name. */
function keuzePolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const tt = factory();
  policy = null;
  if (!tt) return policy;
  try {
    const identity = (input: string) => input;
    policy = tt.createPolicy(POLICY_NAME, {
      createHTML: identity,
      createScript: identity,
      createScriptURL: identity,
    });
  } catch {
    policy = null;
  }
  return policy;
}

/** Whether the `keuze` policy exists (Trusted Types enforced and allowed), for diagnostics. */
export function hasPolicy(): boolean {
  return keuzePolicy() !== null;
}

/** A gated script's text, as the page wrote it, in the form a Trusted Types page accepts. */
export function trustedScript(text: string): string {
  const p = keuzePolicy();
  return (p ? p.createScript(text) : text) as string;
}

/** A gated script's URL, as the page wrote it, in the form a Trusted Types page accepts. */
export function trustedScriptURL(url: string): string {
  const p = keuzePolicy();
  return (p ? p.createScriptURL(url) : url) as string;
}

/**
 * Makes Lit's `createPolicy('lit-html', …)` use the `keuze` policy. Must run
 * before Lit's module body (import this module first); the factory is restored
 * in the next microtask, after the bundle evaluated, so page scripts never see
 * the change. Where `keuze` is not allowed, Lit gets its own policy as usual.
 */
export function lendPolicyToLit(
  // A second copy of the bundle (script tag loaded twice) must not ask for the name again:
  // a duplicate policy is a CSP violation. That copy stays idle anyway (see embed.ts).
  secondCopy = (globalThis as { keuze?: unknown }).keuze !== undefined,
): void {
  const tt = factory();
  if (!tt || Object.prototype.hasOwnProperty.call(tt, 'createPolicy')) return;
  if (secondCopy) policy = null;
  const original = tt.createPolicy;
  const lend = (name: string, options: PolicyOptions): Policy => {
    if (name === 'lit-html') {
      const p = keuzePolicy();
      if (secondCopy)
        return { createHTML: (s) => s, createScript: (s) => s, createScriptURL: (s) => s };
      if (p)
        return {
          createHTML: (s) => p.createHTML(s),
          createScript: (s) => s,
          createScriptURL: (s) => s,
        };
      try {
        return original.call(tt, name, options);
      } catch {
        // Neither name is allowed, or a second copy of Lit: keep the bundle alive;
        // rendering will be refused by the browser, which reports it.
        return { createHTML: (s) => s, createScript: (s) => s, createScriptURL: (s) => s };
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
