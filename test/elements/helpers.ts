// Shared fixtures for the element suites: a real ConsentStore over the in-memory
// adapter (the storage itself is tested by the core suites), provided by context.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import 'axe-core/axe.min.js';
import '../../src/define.js';
import { ConsentStore, type StoreOptions } from '../../src/core/store.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { provideStore } from '../../src/elements/context.js';
import type { Config } from '../../src/core/types.js';

export const sampleConfig = {
  revision: '2026-11-01',
  // The tests decide from script, as a site's custom UI would (see hardening/grants.test.ts).
  api: { grantWithoutActivation: true },
  controller: { name: 'Voorbeeld B.V.' },
  notice: { url: '/privacy' },
  purposes: [
    {
      id: 'necessary',
      basis: 'necessary',
      justification: { en: 'Stores your cookie choice.', nl: 'Bewaart uw cookiekeuze.' },
    },
    {
      id: 'functional',
      basis: 'legitimate-interest',
      services: [
        {
          id: 'chat',
          provider: 'Chat Co',
          privacyPolicy: 'https://chat.example/privacy',
          country: 'NL',
          storage: [{ name: 'chat_pref', type: 'cookie', retention: 'P1M' }],
        },
      ],
    },
    {
      id: 'analytics',
      basis: 'consent',
      name: { en: 'Statistics', nl: 'Statistieken' },
      services: [
        {
          id: 'matomo',
          provider: 'Matomo',
          privacyPolicy: 'https://matomo.org/privacy-policy/',
          country: 'DE',
          storage: [
            {
              name: '_pk_id.*',
              type: 'cookie',
              retention: 'P13M',
              purpose: {
                en: 'Recognises returning visitors',
                nl: 'Herkent terugkerende bezoekers',
              },
            },
            { name: '_pk_ses.*', type: 'cookie', retention: 'PT30M' },
          ],
        },
      ],
    },
    {
      id: 'marketing',
      basis: 'consent',
      services: [
        {
          id: 'youtube',
          provider: 'Google Ireland Ltd.',
          name: 'YouTube',
          privacyPolicy: 'https://policies.google.com/privacy',
          country: 'US',
          safeguard: 'adequacy',
          storage: [
            { name: 'VISITOR_INFO1_LIVE', type: 'cookie', retention: 'P6M', party: 'third' },
          ],
        },
      ],
    },
  ],
};

export function makeConfig(overrides: Record<string, unknown> = {}): Config {
  const result = validateConfig({ ...structuredClone(sampleConfig), ...overrides });
  if (!result.ok || !result.config)
    throw new Error(`test config refused: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export async function makeStore(
  overrides: Record<string, unknown> = {},
  options: StoreOptions = {},
): Promise<ConsentStore> {
  const store = new ConsentStore(makeConfig(overrides), {
    adapter: new MemoryAdapter(),
    channel: false,
    gpc: false,
    ...options,
  });
  await store.load();
  return store;
}

// The test page stands in for a real site page: a title, a language, a main landmark and a heading.
document.title = 'Keuze element tests';
document.documentElement.lang = 'en';
if (!document.querySelector('main')) {
  const main = document.createElement('main');
  const h1 = document.createElement('h1');
  h1.textContent = 'A site that uses Keuze';
  main.append(h1);
  document.body.prepend(main);
}

/** Renders `template` inside a container that provides `store`, and returns the first element child. */
export async function mount<T extends Element>(
  store: ConsentStore,
  template: TemplateResult,
  lang = 'en',
): Promise<T> {
  const container = document.createElement('div');
  container.className = 'fixture';
  container.lang = lang;
  document.body.append(container);
  provideStore(container, store);
  const element = await fixture<T>(template, { parentNode: container });
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

export { html };

/** Runs axe with the WCAG 2.2 AA tags and best practices; fails with the violations listed. */
export async function expectAccessible(context: Element | Document = document): Promise<void> {
  const axe = (
    window as unknown as {
      axe: {
        run: (
          c: unknown,
          o: unknown,
        ) => Promise<{
          violations: Array<{
            id: string;
            help: string;
            nodes: Array<{ target: unknown; failureSummary?: string }>;
          }>;
        }>;
      };
    }
  ).axe;
  const result = await axe.run(context, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
  });
  const report = result.violations
    .map(
      (v) =>
        `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  if (result.violations.length)
    throw new Error(`axe found ${result.violations.length} violation(s):\n${report}`);
}

/** The element inside a shadow root that has focus, following nested roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An element of a Keuze element: in its shadow root, or slotted from its light DOM (the banner's buttons). */
export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector) ?? host.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

export const nextFrame = () =>
  new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
