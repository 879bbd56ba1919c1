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
export interface Policy {
  createHTML(input: string): unknown;
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}
export interface PolicyOptions {
  createHTML?: (input: string) => string;
  createScript?: (input: string) => string;
  createScriptURL?: (input: string) => string;
}
interface Factory {
  createPolicy(name: string, options: PolicyOptions): Policy;
}

const POLICY_NAME = 'keuze';

let policy: Policy | null | undefined;

export function factory(): Factory | undefined {
  return (globalThis as { trustedTypes?: Factory }).trustedTypes;
}

/** The `keuze` policy, created once; null where Trusted Types are absent or the CSP forbids the name. */
export function keuzePolicy(): Policy | null {
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
