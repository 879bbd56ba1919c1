// Issue #20, item 6: what a keyboard, screen-reader or zoom user meets in the
// modal banner and the cookie centre, beyond what banner.test.ts and
// centre.test.ts already cover.
import { expect, oneEvent, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { inWebKit, itUnlessWebKit, NOT_IN_WEBKIT } from '../helpers/engine.js';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import type { KeuzeBanner } from '../../src/elements/banner/banner.js';
import { setLocaleBase } from '../../src/core/locale.js';
import type { ConsentStore } from '../../src/core/store.js';
import {
  deepActiveElement,
  html,
  makeStore,
  mount,
  nextFrame,
  sampleConfig,
  shadow,
} from './helpers.js';

setLocaleBase('/__raw/locales/');

const pageParts: Element[] = [];

afterEach(async () => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
  pageParts.splice(0).forEach((part) => part.remove());
  // The viewport only: this file switches no colour scheme (which Firefox cannot emulate).
  if (!inWebKit) await setViewport({ width: 1280, height: 800 });
});

/** A control of the page itself, outside Keuze. */
function pageButton(label: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = label;
  document.body.append(button);
  pageParts.push(button);
  return button;
}

function reopenButton(): HTMLButtonElement | null {
  return document.querySelector('keuze-reopen')?.shadowRoot?.querySelector('button') ?? null;
}

/** Waits until focus has settled somewhere (a few frames without change), then returns it. */
async function settledFocus(): Promise<Element | null> {
  let last = deepActiveElement();
  for (let still = 0; still < 3;) {
    await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = deepActiveElement();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

function describeFocus(element: Element | null): string {
  if (!element) return 'nothing';
  const action = element.getAttribute('data-keuze-action');
  return `<${element.localName}${action ? ` data-keuze-action="${action}"` : ''}> "${element.textContent?.trim().slice(0, 30) ?? ''}"`;
}

// Elements are compared by identity and described in words: a failed assertion that
// holds DOM nodes cannot be sent back from the browser and stalls the run.
function expectFocusOn(focused: Element | null, wanted: Element | null): void {
  expect(
    focused === wanted && wanted !== null,
    `focus is on ${describeFocus(focused)}, wanted ${describeFocus(wanted)}`,
  ).to.equal(true);
}

describe('focus after a decision in the modal layout', () => {
  it('goes to the re-open button after a choice in the modal banner', async () => {
    const store = await makeStore({ layout: 'modal' });
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner></keuze-banner><keuze-reopen></keuze-reopen>`,
    );
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="reject-all"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.get().decided, 'no decision');
    const focused = await settledFocus();
    expectFocusOn(focused, reopenButton());
  });

  it('goes back to what had focus before the modal banner opened, when the site has no re-open button', async () => {
    const before = pageButton('Search');
    before.focus();
    const store = await makeStore({ layout: 'modal', reopen: false });
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="accept-all"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.get().decided, 'no decision');
    const focused = await settledFocus();
    expectFocusOn(focused, before);
  });

  it('never drops to <body> after a choice in the modal banner, even when nothing had focus before', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    const store = await makeStore({ layout: 'modal', reopen: false });
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="reject-all"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.get().decided, 'no decision');
    const focused = await settledFocus();
    expect(focused !== null && focused !== document.body, describeFocus(focused)).to.equal(true);
    expect(banner.contains(focused) || banner.shadowRoot!.contains(focused)).to.equal(false);
  });

  for (const action of ['accept-all', 'reject-all', 'save'] as const) {
    it(`goes to the re-open button after "${action}" in the centre opened from the modal banner`, async () => {
      const store = await makeStore({ layout: 'modal' });
      const banner = await mount<KeuzeBanner>(
        store,
        html`<keuze-banner></keuze-banner><keuze-centre></keuze-centre
          ><keuze-reopen></keuze-reopen>`,
      );
      const centre = document.querySelector('keuze-centre')!;
      shadow<HTMLButtonElement>(banner, '[data-keuze-action="open-centre"]').focus();
      const shown = oneEvent(centre, 'keuze-show');
      await sendKeys({ press: 'Enter' });
      await shown;
      shadow<HTMLButtonElement>(centre, `[data-keuze-action="${action}"]`).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.get().decided, 'no decision');
      const focused = await settledFocus();
      expectFocusOn(focused, reopenButton());
    });
  }

  it('goes back to what had focus before, after a choice in the centre opened from the modal banner, without a re-open button', async () => {
    const before = pageButton('Search');
    before.focus();
    const store = await makeStore({ layout: 'modal', reopen: false });
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner></keuze-banner><keuze-centre></keuze-centre>`,
    );
    const centre = document.querySelector('keuze-centre')!;
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="open-centre"]').click();
    await oneEvent(centre, 'keuze-show');
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="save"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.get().decided, 'no decision');
    const focused = await settledFocus();
    expectFocusOn(focused, before);
  });
});

/** The scrolling box an element's content lives in (walking out of shadow roots). */
function scrollerOf(element: Element): HTMLElement {
  let node: Element | null = element.parentElement ?? null;
  let from: Element = element;
  while (true) {
    if (!node) {
      const root = from.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
      if (!node) return document.scrollingElement as HTMLElement;
    }
    const style = getComputedStyle(node);
    if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight)
      return node as HTMLElement;
    from = node;
    node = node.parentElement;
  }
}

/** Whether nothing covers the middle of `element` (a sticky header or footer would). */
function uncovered(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const root = element.getRootNode() as ShadowRoot | Document;
  const hit = root.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}

describe('the cookie centre at 400 % zoom (320 × 256 CSS px)', () => {
  async function openSmall(): Promise<{ centre: KeuzeCentre; store: ConsentStore }> {
    await setViewport({ width: 320, height: 256 });
    const store = await makeStore();
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`);
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(null);
    await shown;
    await nextFrame();
    return { centre, store };
  }

  itUnlessWebKit(
    NOT_IN_WEBKIT.narrowViewport,
    'leaves at least half the screen for the purposes, not a sliver between header and footer',
    async () => {
      const { centre } = await openSmall();
      const purpose = shadow(centre, '[part~="purpose"]');
      const scroller = scrollerOf(purpose);
      // What stays on screen while the purposes scroll: parts outside the scroller, or sticky in it.
      const fixedParts = ['[part~="header"]', '[part~="footer"]']
        .map((selector) => shadow(centre, selector))
        .filter((part) => !scroller.contains(part) || getComputedStyle(part).position === 'sticky');
      const kept = fixedParts.reduce((sum, part) => sum + part.getBoundingClientRect().height, 0);
      const room = Math.min(scroller.clientHeight, window.innerHeight) - kept;
      expect(room, `${room} px for the content`).to.be.at.least(window.innerHeight / 2);
    },
  );

  itUnlessWebKit(
    NOT_IN_WEBKIT.narrowViewport,
    'lets every button and the first purpose scroll fully into view, uncovered',
    async () => {
      const { centre } = await openSmall();
      const targets = [
        shadow(centre, '[part~="purpose"] h3'),
        ...['accept-all', 'reject-all', 'save'].map((action) =>
          shadow(centre, `[data-keuze-action="${action}"]`),
        ),
      ];
      for (const target of targets) {
        target.scrollIntoView({ block: 'nearest' });
        await nextFrame();
        const rect = target.getBoundingClientRect();
        const what = describeFocus(target);
        expect(rect.top, `${what} top`).to.be.at.least(0);
        // Half a pixel for sub-pixel layout.
        expect(rect.bottom, `${what} bottom`).to.be.at.most(window.innerHeight + 0.5);
        expect(rect.left, `${what} left`).to.be.at.least(0);
        expect(rect.right, `${what} right`).to.be.at.most(window.innerWidth);
        expect(uncovered(target), `${what} is covered`).to.equal(true);
      }
    },
  );

  itUnlessWebKit(
    NOT_IN_WEBKIT.narrowViewport,
    'keeps "Save my choices" reachable by keyboard: focusing it shows it whole',
    async () => {
      const { centre } = await openSmall();
      const save = shadow<HTMLButtonElement>(centre, '[data-keuze-action="save"]');
      save.focus();
      await nextFrame();
      const rect = save.getBoundingClientRect();
      expect(rect.top).to.be.at.least(0);
      expect(rect.bottom).to.be.at.most(window.innerHeight + 0.5);
      expect(uncovered(save), 'covered').to.equal(true);
    },
  );
});

/** Runs only the given axe rules on the whole page; returns the violations. */
async function axeRules(rules: string[]) {
  const axe = (
    window as unknown as {
      axe: {
        run: (
          context: unknown,
          options: unknown,
        ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }>;
      };
    }
  ).axe;
  const result = await axe.run(document, { runOnly: { type: 'rule', values: rules } });
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('landmarks with the centre open', () => {
  it('adds no second banner or contentinfo landmark to a page that has its own header and footer', async () => {
    const header = document.createElement('header');
    header.textContent = 'Site header';
    const footer = document.createElement('footer');
    footer.textContent = 'Site footer';
    document.body.prepend(header);
    document.body.append(footer);
    pageParts.push(header, footer);
    const store = await makeStore();
    await mount(store, html`<keuze-banner></keuze-banner><keuze-centre></keuze-centre>`);
    const centre = document.querySelector('keuze-centre')!;
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(null);
    await shown;
    const violations = await axeRules([
      'landmark-no-duplicate-banner',
      'landmark-no-duplicate-contentinfo',
      'landmark-unique',
      'landmark-banner-is-top-level',
      'landmark-contentinfo-is-top-level',
    ]);
    expect(violations).to.deep.equal([]);
    // The dialog's own header and footer rows are not page landmarks.
    expect(
      centre.shadowRoot!.querySelectorAll('header, footer, [role="banner"], [role="contentinfo"]')
        .length,
    ).to.equal(0);
  });
});

describe('text shown in another language than the widget', () => {
  it('marks a purpose description that exists only in English with lang="en" in a Dutch centre', async () => {
    const purposes = structuredClone(sampleConfig.purposes) as Array<Record<string, unknown>>;
    purposes.find((p) => p.id === 'analytics')!.description = {
      en: 'Counts visits without identifying you.',
    };
    const store = await makeStore({ purposes });
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`, 'nl');
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(null);
    await shown;
    const dialog = shadow(centre, 'dialog');
    expect(dialog.getAttribute('lang')).to.equal('nl');
    const card = shadow(centre, '[data-purpose="analytics"]');
    const description = Array.from(card.querySelectorAll('p')).find((p) =>
      p.textContent?.includes('Counts visits'),
    )!;
    expect(description, 'the description is shown').to.exist;
    expect(description.closest('[lang]')!.getAttribute('lang')).to.equal('en');
    // The Dutch name and the dictionary's Dutch texts carry no other language.
    const name = card.querySelector('h3')!;
    expect(name.textContent).to.equal('Statistieken');
    expect(name.closest('[lang]') === dialog, 'the name carries its own lang').to.equal(true);
    // A justification given in Dutch is not marked; the page's own words around it neither.
    const necessary = shadow(centre, '[data-purpose="necessary"]');
    expect(necessary.querySelector('.hint span')!.textContent).to.equal('Bewaart uw cookiekeuze.');
    expect(necessary.querySelector('.hint span')!.closest('[lang]') === dialog).to.equal(true);
    const functional = shadow(centre, '[data-purpose="functional"]');
    for (const element of functional.querySelectorAll('h3, p'))
      expect(element.closest('[lang]') === dialog, element.textContent ?? '').to.equal(true);
  });

  it('marks a service description from another language, and none that matches', async () => {
    const purposes = structuredClone(sampleConfig.purposes) as Array<Record<string, unknown>>;
    const analytics = purposes.find((p) => p.id === 'analytics') as {
      services: Array<Record<string, unknown>>;
    };
    analytics.services[0].description = { de: 'Zählt Besuche.' };
    const store = await makeStore({ purposes });
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`, 'nl');
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(null);
    await shown;
    const service = shadow(centre, '[data-service="matomo"]');
    const description = Array.from(service.querySelectorAll('span')).find(
      (span) => span.textContent?.trim() === 'Zählt Besuche.',
    )!;
    expect(description.closest('[lang]')!.getAttribute('lang')).to.equal('de');
  });

  it('marks a justification that exists only in English inside the Dutch sentence around it', async () => {
    const purposes = structuredClone(sampleConfig.purposes) as Array<Record<string, unknown>>;
    purposes.find((p) => p.id === 'necessary')!.justification = { en: 'Keeps you signed in.' };
    const store = await makeStore({ purposes });
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`, 'nl');
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(null);
    await shown;
    const hint = shadow(centre, '[data-purpose="necessary"] .hint');
    expect(hint.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Waarom dit strikt noodzakelijk is: Keeps you signed in.',
    );
    expect(hint.querySelector('span')!.getAttribute('lang')).to.equal('en');
    expect(hint.closest('[lang]')!.getAttribute('lang')).to.equal('nl');
  });
});

describe('config text in another language than the banner', () => {
  it('marks a purpose name that exists only in English with lang="en" inside the Dutch banner sentence', async () => {
    const purposes = structuredClone(sampleConfig.purposes) as Array<Record<string, unknown>>;
    purposes.find((p) => p.id === 'analytics')!.name = { en: 'Visit statistics' };
    purposes.find((p) => p.id === 'marketing')!.name = { en: 'Advertising', nl: 'Advertenties' };
    const store = await makeStore({ purposes });
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl');
    await waitUntil(
      () => banner.shadowRoot?.querySelector('#intro')?.textContent?.includes('doeleinden'),
      'the banner never spoke Dutch',
    );
    const intro = shadow(banner, '#intro');
    const sentence = intro.closest('[lang]')!;
    expect(sentence.getAttribute('lang')).to.equal('nl');
    expect(intro.textContent!.replace(/\s+/g, ' ')).to.contain(
      'voor deze doeleinden: Functioneel, Visit statistics en Advertenties.',
    );
    const marked = Array.from(intro.querySelectorAll('[lang]'));
    expect(
      marked.map((element) => [element.textContent, element.getAttribute('lang')]),
    ).to.deep.equal([['Visit statistics', 'en']]);
  });
});

describe('withdrawing by keyboard', () => {
  it('takes the re-open button, Enter, at most three Tabs and Enter', async () => {
    const store = await makeStore();
    await store.acceptAll('banner');
    await mount(store, html`<keuze-centre></keuze-centre><keuze-reopen></keuze-reopen>`);
    const centre = document.querySelector('keuze-centre')!;
    await waitUntil(() => reopenButton(), 'no re-open button');
    reopenButton()!.focus();
    const shown = oneEvent(centre, 'keuze-show');
    await sendKeys({ press: 'Enter' });
    await shown;
    let tabs = 0;
    const isReject = () =>
      deepActiveElement()?.getAttribute('data-keuze-action') === 'reject-all' &&
      centre.shadowRoot!.contains(deepActiveElement());
    while (!isReject() && tabs < 30) {
      await sendKeys({ press: 'Tab' });
      tabs += 1;
    }
    expect(tabs, `${tabs} Tab presses to "Reject all"`).to.be.at.most(3);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !store.granted('analytics'), 'consent was not withdrawn');
    expect(store.granted('analytics')).to.equal(false);
    expect(store.granted('marketing')).to.equal(false);
    expect(store.receipt().current?.layer).to.equal('centre');
  });

  it('keeps "Accept all" next to "Reject all", equally easy to reach', async () => {
    const store = await makeStore();
    await store.rejectAll('banner');
    await mount(store, html`<keuze-centre></keuze-centre><keuze-reopen></keuze-reopen>`);
    const centre = document.querySelector('keuze-centre')!;
    await waitUntil(() => reopenButton(), 'no re-open button');
    reopenButton()!.click();
    await oneEvent(centre, 'keuze-show');
    const accept = shadow(centre, '[data-keuze-action="accept-all"]');
    const reject = shadow(centre, '[data-keuze-action="reject-all"]');
    expect(accept.parentElement === reject.parentElement, 'in one row').to.equal(true);
    const a = accept.getBoundingClientRect();
    const r = reject.getBoundingClientRect();
    expect(Math.abs(a.width - r.width)).to.be.below(1);
    expect(Math.abs(a.height - r.height)).to.be.below(1);
    expect(getComputedStyle(accept).backgroundColor).to.equal(
      getComputedStyle(reject).backgroundColor,
    );
  });
});
