// A config the engine refuses, as the visitor meets it: nothing gated runs, and
// what stands in its place says why, in the page's language. The script-tag
// build on real pages, with real network and storage.
import { expect, waitUntil } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Keuze } from '../../src/core/keuze.js';
import { hits, openSite } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  __errors: Array<{ message: string; path?: string }>;
  __shown: string[];
  __inlineRan?: boolean;
}

type Axe = { run(context: Document, options: RunOptions): Promise<AxeResults> };

const INVALID = '/test/e2e/pages/bad-config-invalid.html';
const DUPLICATE = '/test/e2e/pages/bad-config-duplicate.html';

/** The rendered text of an element's shadow root, spaces collapsed. */
function shadowText(element: Element | null): string {
  return (element?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The placeholder once it says `title` (its language may arrive after its first render). */
async function placeholderOf(site: SiteWindow, title: string): Promise<Element> {
  await waitUntil(
    () => shadowText(site.document.querySelector('keuze-placeholder')).includes(title),
    `no placeholder saying "${title}" where the embed is`,
    { timeout: 5000 },
  );
  return site.document.querySelector('keuze-placeholder')!;
}

/** Clicks the page's "Cookie settings" link and waits for the message it opens. */
async function openSettings(site: SiteWindow): Promise<HTMLDialogElement> {
  site.document.querySelector<HTMLAnchorElement>('[data-keuze-open]')!.click();
  await waitUntil(
    () =>
      site.document.querySelector('keuze-unavailable')?.shadowRoot?.querySelector('dialog')?.open,
    'the "Cookie settings" link opened nothing',
    { timeout: 5000 },
  );
  return site.document.querySelector('keuze-unavailable')!.shadowRoot!.querySelector('dialog')!;
}

/** Runs axe inside the page (loaded there, as it must run in the document it checks). */
async function expectAccessible(site: SiteWindow): Promise<void> {
  const page = site as unknown as { axe?: Axe };
  if (!page.axe) {
    const script = site.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
    site.document.head.append(script);
    await loaded;
  }
  const result = await page.axe!.run(site.document, {
    iframes: false, // the gated iframe is empty and hidden; axe would wait for it to answer
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
  });
  const report = result.violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');
  expect(result.violations, report).to.deep.equal([]);
}

describe('a refused config, as the visitor sees it', () => {
  beforeEach(async () => {
    await fetch('/__sink/bad-config/clear');
    localStorage.clear();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('keuze');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('puts a placeholder where the embed is that says the cookie settings could not be loaded, with nothing to allow', async () => {
    const { site } = await openSite<SiteWindow>(INVALID);
    const placeholder = await placeholderOf(site, 'Deze inhoud kan niet worden geladen');
    expect(shadowText(placeholder)).to.contain('cookie-instellingen van deze website');
    expect(placeholder.shadowRoot!.querySelectorAll('button, a')).to.have.length(0);
    const frame = site.document.querySelector('iframe')!;
    expect(frame.hidden, 'the blank embed is hidden').to.equal(true);
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(site.__inlineRan).to.equal(undefined);
    expect(await hits('bad-config')).to.deep.equal([]);
    await expectAccessible(site);
  });

  it('answers the "Cookie settings" link with a message that they are unavailable and nothing is loaded', async () => {
    const { site } = await openSite<SiteWindow>(INVALID);
    const link = site.document.querySelector<HTMLAnchorElement>('[data-keuze-open]')!;
    const dialog = await openSettings(site);
    const message = site.document.querySelector('keuze-unavailable')!;
    expect(shadowText(message)).to.contain('Cookie-instellingen niet beschikbaar');
    expect(shadowText(message)).to.contain(
      'Er wordt niets geladen waarvoor uw toestemming nodig is',
    );
    expect(site.location.hash, 'the link did not navigate').to.equal('');
    expect(message.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Sluiten');
    await expectAccessible(site);

    message.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => !dialog.open, 'the message did not close');
    // (Compared by identity: chai's diff of two elements of another window never ends.)
    await waitUntil(
      () => site.document.activeElement === link,
      'focus did not go back to the link',
    );
    expect(await hits('bad-config')).to.deep.equal([]);
  });

  it('never shows the banner for ids used twice; the engine names both places, and the link still answers', async () => {
    const { site } = await openSite<SiteWindow>(DUPLICATE);
    expect(site.__errors.map((error) => error.path)).to.include('purposes[1].services[0].id');
    expect(site.__errors.map((error) => error.message).join('\n')).to.contain(
      'already used at purposes[1].id',
    );
    expect(site.__shown, 'a banner showed').to.deep.equal([]);
    expect(site.document.querySelector('keuze-banner')).to.equal(null);
    await placeholderOf(site, 'This content cannot be loaded');
    const dialog = await openSettings(site);
    expect(dialog.textContent).to.contain('Cookie settings unavailable');
    expect(await hits('bad-config')).to.deep.equal([]);
  });
});
