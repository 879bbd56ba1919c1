// Every language Keuze ships, rendered by the script-tag build exactly as a
// visitor sees it: the banner, the cookie centre with its storage tables open,
// the embed placeholder and the privacy notice show words, never a
// translation key such as `centre.storage.name`.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import en from '../../locales/en.json';

interface SiteWindow extends Window {
  keuze: Keuze;
}

const NAMESPACES = [...new Set(Object.keys(en).map((key) => key.split('.')[0]))];
/** A dotted word whose first part is a key namespace: a key, or a key that does not exist. */
const KEY_LIKE = new RegExp(`\\b(?:${NAMESPACES.join('|')})(?:\\.[A-Za-z0-9-]+)+\\b`, 'g');

/** Every text node and accessible label, across shadow roots. */
function visibleText(root: Node): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) out.push(text);
      return;
    }
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = node.getAttribute(name);
        if (value) out.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

function rawKeys(root: Node): string[] {
  return visibleText(root).flatMap((text) => text.match(KEY_LIKE) ?? []);
}

async function forgetDecision(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

async function open(lang: string): Promise<SiteWindow> {
  const frame = document.createElement('iframe');
  frame.src = `/test/e2e/pages/every-language.html?lang=${lang}`;
  frame.style.width = '1024px';
  frame.style.height = '700px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame.contentWindow as SiteWindow;
}

const shadow = (site: SiteWindow, host: string, selector: string) =>
  site.document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

const config = await (await fetch('/__raw/test/e2e/pages/every-language-config')).json();
const languages: string[] = config.locales;

describe('every shipped language, rendered by the script-tag build', () => {
  beforeEach(forgetDecision);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('offers every shipped language on the test page', () => {
    expect(languages).to.include.members(['en', 'nl', 'nl-BE', 'fr-BE', 'ar', 'de']);
    expect(languages.length).to.equal(27);
  });

  for (const lang of languages) {
    it(`shows no translation key in the banner, centre, placeholder or notice (${lang})`, async () => {
      const site = await open(lang);
      await waitUntil(
        () => site.document.querySelector('keuze-banner [data-keuze-action="accept-all"]'),
        'the banner never rendered',
        { timeout: 8000 },
      );
      await waitUntil(
        () => site.document.querySelector('keuze-notice table'),
        'the notice never rendered its cookie tables',
        { timeout: 8000 },
      );
      await waitUntil(
        () => site.document.querySelector('keuze-placeholder')?.shadowRoot?.textContent?.trim(),
        'the placeholder never rendered',
        { timeout: 8000 },
      );
      site.document
        .querySelector<HTMLElement>('keuze-banner [data-keuze-action="open-centre"]')!
        .click();
      await waitUntil(
        () => shadow(site, 'keuze-centre', 'dialog[open]'),
        'the centre never opened',
        { timeout: 8000 },
      );
      const centre = site.document.querySelector('keuze-centre')!.shadowRoot!;
      for (const toggle of centre.querySelectorAll<HTMLElement>('[part~="storage-toggle"]')) {
        toggle.click();
      }
      await waitUntil(() => centre.querySelector('table'), 'no storage table opened', {
        timeout: 8000,
      });
      expect(
        site.document
          .querySelector('keuze-banner')!
          .shadowRoot!.querySelector('[lang]')
          ?.getAttribute('lang'),
      ).to.equal(lang);
      expect(rawKeys(site.document.body), 'raw keys on the page').to.deep.equal([]);
    });
  }
});
