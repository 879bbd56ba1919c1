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
  __inlineRan?: boolean | string;
  console: Console;
}

type Axe = { run(context: Document, options: RunOptions): Promise<AxeResults> };

const INVALID = '/test/e2e/pages/bad-config-invalid.html';
const DUPLICATE = '/test/e2e/pages/bad-config-duplicate.html';
/** A config the first layer can show a banner for, which only the engine refuses. */
const ENGINE_REFUSES = '/test/e2e/pages/bad-config-engine.html';

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

/**
 * Opens a page and returns as soon as its banner shows: before the engine has
 * judged the config (openSite waits for that verdict).
 */
async function openAtBanner(path: string): Promise<SiteWindow> {
  const frame = document.createElement('iframe');
  frame.src = path;
  frame.style.width = '1024px';
  frame.style.height = '700px';
  document.body.append(frame);
  await waitUntil(
    () => frame.contentDocument?.querySelector('keuze-banner [data-keuze-action]'),
    'the banner never showed',
    { interval: 5, timeout: 5000 },
  );
  return frame.contentWindow as SiteWindow;
}

/** Clicks one of the banner's decision buttons (they are in its light DOM). */
function clickBanner(site: SiteWindow, action: 'accept-all' | 'reject-all'): void {
  site.document
    .querySelector<HTMLButtonElement>(`keuze-banner [data-keuze-action="${action}"]`)!
    .click();
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

  it('puts the same placeholder before an embed a script inserts after the refusal, and runs nothing of it', async () => {
    const { site } = await openSite<SiteWindow>(INVALID);
    await placeholderOf(site, 'Deze inhoud kan niet worden geladen');
    const doc = site.document;
    const main = doc.querySelector('main')!;
    const late = doc.createElement('section');
    const frame = doc.createElement('iframe');
    frame.setAttribute('data-consent', 'video');
    frame.setAttribute('data-src', '/__sink/bad-config/late-embed.html');
    frame.title = 'Late video';
    const inline = doc.createElement('iframe');
    inline.setAttribute('data-consent', 'video');
    inline.setAttribute('srcdoc', '<script>parent.__inlineRan = "srcdoc"</script>');
    const script = doc.createElement('script');
    script.type = 'text/plain';
    script.setAttribute('data-consent', 'video');
    script.textContent = 'window.__inlineRan = "late script";';
    late.append(frame, inline, script);
    main.append(late);

    for (const added of [frame, inline]) {
      await waitUntil(
        () => added.previousElementSibling?.localName === 'keuze-placeholder',
        'no placeholder before the inserted iframe',
      );
      const placeholder = added.previousElementSibling!;
      expect(placeholder.hasAttribute('unavailable')).to.equal(true);
      await waitUntil(() =>
        shadowText(placeholder).includes('Deze inhoud kan niet worden geladen'),
      );
      expect(added.hidden, 'the inserted iframe is hidden').to.equal(true);
      expect(added.hasAttribute('src') || added.hasAttribute('srcdoc')).to.equal(false);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(site.__inlineRan).to.equal(undefined);
    expect(await hits('bad-config')).to.deep.equal([]);
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

  it('answers keuze.open() with the same message and a console error that says why, never an uncaught error', async () => {
    const { site } = await openSite<SiteWindow>(INVALID);
    const logged: string[] = [];
    const uncaught: unknown[] = [];
    const original = site.console.error;
    site.console.error = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      original.apply(site.console, args);
    };
    site.addEventListener('unhandledrejection', (event) => uncaught.push(event.reason));
    site.addEventListener('error', (event) => uncaught.push(event.error));
    const button = site.document.createElement('button');
    button.textContent = 'Privacy';
    site.document.querySelector('main')!.append(button);
    button.focus();

    expect(() => site.keuze.open()).not.to.throw();
    await waitUntil(
      () =>
        site.document.querySelector('keuze-unavailable')?.shadowRoot?.querySelector('dialog')?.open,
      'keuze.open() opened nothing',
      { timeout: 5000 },
    );
    const message = site.document.querySelector('keuze-unavailable')!;
    expect(shadowText(message)).to.contain('Cookie-instellingen niet beschikbaar');
    expect(logged.join('\n')).to.match(/open\(\).*config was refused/);
    message.shadowRoot!.querySelector('button')!.click();
    await waitUntil(
      () => site.document.activeElement === button,
      'focus did not go back to where it was',
    );
    expect(uncaught).to.deep.equal([]);
  });

  it('answers a click on a banner the engine then refuses with the message, never swallowing it', async () => {
    const site = await openAtBanner(ENGINE_REFUSES);
    expect(site.__errors, 'the engine had answered before the click').to.deep.equal([]);
    clickBanner(site, 'accept-all');
    await waitUntil(
      () =>
        site.document.querySelector('keuze-unavailable')?.shadowRoot?.querySelector('dialog')?.open,
      'the click on "Accept all" was lost',
      { timeout: 5000 },
    );
    expect(shadowText(site.document.querySelector('keuze-unavailable'))).to.contain(
      'Cookie-instellingen niet beschikbaar',
    );
    expect(site.__errors.map((error) => error.path)).to.include(
      'purposes[0].services[0].storage[0].retention',
    );
    expect(site.document.querySelector('keuze-banner'), 'the banner stayed').to.equal(null);
    expect(site.keuze.granted('video')).to.equal(false);
    expect(site.__inlineRan).to.equal(undefined);
    expect(await hits('bad-config')).to.deep.equal([]);
  });

  it('applies a click made on the banner before the engine has loaded when the config is valid', async () => {
    const site = await openAtBanner('/test/e2e/pages/lazy-shop.html');
    expect(site.keuze.store, 'the engine had loaded before the click').to.equal(undefined);
    clickBanner(site, 'accept-all');
    await waitUntil(() => site.keuze.granted('analytics'), 'the click was not applied', {
      timeout: 5000,
    });
    expect(site.document.querySelector('keuze-unavailable')).to.equal(null);
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
