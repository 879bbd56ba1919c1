import { expect, oneEvent, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { sendKeys, setViewport, emulateMedia } from '@web/test-runner-commands';
import { inWebKit, itUnlessWebKit, NOT_IN_WEBKIT, resetEmulation } from '../helpers/engine.js';
import { setLocaleBase } from '../../src/core/locale.js';
import type { KeuzeBanner } from '../../src/elements/banner/banner.js';
import {
  deepActiveElement,
  expectAccessible,
  html,
  makeStore,
  mount,
  nextFrame,
  shadow,
} from './helpers.js';

afterEach(async () => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
  await resetEmulation();
});

// Languages other than English come from the locale files, served raw as a web server would.
const LOCALES = '/__raw/locales/';
setLocaleBase(LOCALES);

/** Waits until the banner shows: in another language than English, after its words have arrived. */
async function shown(banner: KeuzeBanner): Promise<KeuzeBanner> {
  await waitUntil(() => banner.open, 'the banner never showed', { timeout: 5000 });
  await banner.updateComplete;
  return banner;
}

/** Locale files this page has requested so far. */
function localeRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith(LOCALES));
}

/** The decision buttons: light-DOM children, slotted into the shadow root. */
function buttons(banner: Element) {
  return [...banner.querySelectorAll<HTMLButtonElement>('button')];
}

describe('<keuze-banner>', () => {
  it('shows when no decision has been made, naming the controller and the purposes', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect(banner.open).to.equal(true);
    const text = banner.shadowRoot!.textContent!;
    expect(text).to.contain('Voorbeeld B.V.');
    expect(text).to.contain('Statistics');
    expect(text).to.contain('Functional');
    expect(text).to.contain('Marketing');
    expect(text).to.contain('withdraw your choice at any time');
    expect(
      shadow<HTMLAnchorElement>(banner, 'a[part~="notice-link"]').getAttribute('href'),
    ).to.equal('/privacy');
  });

  it('offers accept all, reject all and settings, with accept and reject of identical size and style', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const actions = buttons(banner).map((b) => b.dataset.keuzeAction);
    expect(actions).to.deep.equal(['accept-all', 'reject-all', 'open-centre']);
    const [accept, reject] = buttons(banner);
    const a = accept.getBoundingClientRect();
    const r = reject.getBoundingClientRect();
    expect(Math.round(a.width)).to.equal(Math.round(r.width));
    expect(Math.round(a.height)).to.equal(Math.round(r.height));
    const sa = getComputedStyle(accept);
    const sr = getComputedStyle(reject);
    for (const prop of [
      'background-color',
      'color',
      'font-size',
      'font-weight',
      'border-top-width',
      'border-top-color',
      'padding-top',
    ]) {
      expect(sa.getPropertyValue(prop), prop).to.equal(sr.getPropertyValue(prop));
    }
  });

  it('records an accept-all decision from the banner and hides', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const hidden = oneEvent(banner, 'keuze-hide');
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="accept-all"]').click();
    const event = await hidden;
    expect(event.detail).to.deep.equal({ layer: 'banner' });
    expect(store.granted('analytics')).to.equal(true);
    expect(store.receipt().current?.method).to.equal('accept-all');
    expect(store.receipt().current?.layer).to.equal('banner');
    await banner.updateComplete;
    expect(banner.shadowRoot!.querySelector('[part~="base"]')).to.equal(null);
  });

  it('records a reject-all decision and grants nothing that needs consent', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="reject-all"]').click();
    await waitUntil(() => store.get().decided, 'no decision recorded');
    expect(store.granted('analytics')).to.equal(false);
    expect(store.granted('marketing')).to.equal(false);
    expect(store.receipt().current?.method).to.equal('reject-all');
  });

  it('asks the cookie centre to open from the settings button, passing the button as opener', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const settings = shadow<HTMLButtonElement>(banner, '[data-keuze-action="open-centre"]');
    const opened = oneEvent(store as unknown as HTMLElement, 'open');
    settings.click();
    const event = await opened;
    expect(event.detail.opener).to.equal(settings);
    expect(store.get().decided).to.equal(false);
  });

  it('does not show when a valid decision exists', async () => {
    const store = await makeStore();
    await store.rejectAll();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect(banner.open).to.equal(false);
    expect(banner.shadowRoot!.querySelector('[part~="base"]')).to.equal(null);
  });

  it('shows again when the decision is forgotten with reset', async () => {
    const store = await makeStore();
    await store.acceptAll();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const shown = oneEvent(banner, 'keuze-show');
    await store.reset();
    expect((await shown).detail).to.deep.equal({ layer: 'banner' });
  });

  it('announces itself with keuze-show reaching the document', async () => {
    const store = await makeStore();
    const shown = oneEvent(document, 'keuze-show');
    await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect((await shown).detail.layer).to.equal('banner');
  });

  it('is a non-blocking region (not aria-modal) in the bar and box layouts', async () => {
    const store = await makeStore();
    for (const layout of ['bar', 'box']) {
      const banner = await mount<KeuzeBanner>(
        store,
        html`<keuze-banner layout=${layout}></keuze-banner>`,
      );
      const base = shadow(banner, '[part~="base"]');
      expect(base.localName).to.equal('section');
      expect(base.hasAttribute('aria-modal')).to.equal(false);
      expect(base.getAttribute('aria-labelledby')).to.equal('title');
      expect(base.classList.contains(layout)).to.equal(true);
      banner.remove();
    }
  });

  it('lets the keyboard leave the non-blocking bar: Tab moves on to the page', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const after = document.createElement('button');
    after.textContent = 'Page button';
    banner.parentElement!.append(after);
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="open-centre"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(after);
  });

  it('puts the buttons in the Tab order accept, reject, settings', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const before = document.createElement('button');
    before.textContent = 'Before';
    banner.parentElement!.prepend(before);
    before.focus();
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement() as HTMLElement;
      order.push(active.dataset.keuzeAction ?? active.getAttribute('part') ?? active.localName);
    }
    expect(order).to.deep.equal(['notice-link', 'accept-all', 'reject-all', 'open-centre']);
  });

  it('is a blocking dialog with layout="modal" that Escape does not dismiss and that records nothing', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner layout="modal"></keuze-banner>`,
    );
    const dialog = shadow<HTMLDialogElement>(banner, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await banner.updateComplete;
    expect(shadow<HTMLDialogElement>(banner, 'dialog').open).to.equal(true);
    expect(store.get().decided).to.equal(false);
  });

  it('moves keyboard focus to the page, not into nothing, when it hides after a choice', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner></keuze-banner><keuze-reopen></keuze-reopen>`,
    );
    const accept = shadow<HTMLButtonElement>(banner, '[data-keuze-action="accept-all"]');
    accept.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => deepActiveElement() !== document.body && deepActiveElement() !== null,
      'focus was lost',
    );
    const reopen = document.querySelector('keuze-reopen')!;
    expect(deepActiveElement()).to.equal(reopen.shadowRoot!.querySelector('button'));
  });

  it('scrolls a focused page element out from under the bar (WCAG 2.4.11)', async () => {
    // WebKit's window (1024×730) is short enough already for the link to start below the bar.
    if (!inWebKit) await setViewport({ width: 800, height: 600 });
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const page = document.createElement('div');
    page.innerHTML =
      '<div style="height: 1000px"></div><a href="#x" id="low">Low link</a><div style="height: 1200px"></div>';
    banner.parentElement!.append(page);
    window.scrollTo(0, 0);
    const link = page.querySelector<HTMLAnchorElement>('#low')!;
    link.focus(); // the browser scrolls it just into view: behind the bar
    await nextFrame();
    await nextFrame();
    const barNow = shadow(banner, '[part~="base"]').getBoundingClientRect();
    expect(link.getBoundingClientRect().bottom).to.be.at.most(barNow.top);
    window.scrollTo(0, 0);
  });

  it('says the Global Privacy Control signal was honoured', async () => {
    const store = await makeStore({}, { gpc: true });
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect(shadow(banner, '[part~="gpc"]').textContent).to.contain('Global Privacy Control');
  });

  it('speaks Dutch on a Dutch page, with the lang attribute set', async () => {
    const store = await makeStore();
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl'),
    );
    expect(shadow(banner, '[part~="base"]').getAttribute('lang')).to.equal('nl');
    expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
      'Alles accepteren',
    );
    expect(shadow(banner, '[data-keuze-action="reject-all"]').textContent!.trim()).to.equal(
      'Alles weigeren',
    );
    expect(banner.shadowRoot!.textContent).to.contain('Statistieken');
  });

  it('falls back from nl-BE to Dutch and uses the site owner’s nl-BE wording where given', async () => {
    const store = await makeStore({ texts: { 'nl-BE': { 'banner.accept': 'Alles aanvaarden' } } });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl-BE'),
    );
    expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
      'Alles aanvaarden',
    );
    expect(shadow(banner, '[data-keuze-action="reject-all"]').textContent!.trim()).to.equal(
      'Alles weigeren',
    );
  });

  it('uses the config language over the page language', async () => {
    const store = await makeStore({ locale: 'nl' });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'en'),
    );
    expect(shadow(banner, '[data-keuze-action="reject-all"]').textContent!.trim()).to.equal(
      'Alles weigeren',
    );
  });

  it('records the language the visitor saw in the decision', async () => {
    const store = await makeStore();
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl'),
    );
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="reject-all"]').click();
    await waitUntil(() => store.get().decided);
    expect(store.receipt().current?.locale).to.equal('nl');
  });

  it('turns right to left for Arabic, with the box in the left corner', async () => {
    const store = await makeStore();
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner layout="box"></keuze-banner>`, 'ar'),
    );
    const base = shadow(banner, '[part~="base"]');
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
      'قبول الكل',
    );
    expect(base.getBoundingClientRect().left).to.be.lessThan(window.innerWidth / 2);
  });

  it('keeps a Latin controller name whole inside Arabic text', async () => {
    const store = await makeStore({ controller: { name: 'Voorbeeld B.V.' } });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'ar'),
    );
    const intro = shadow(banner, '#intro');
    const bdi = intro.querySelector('bdi')!;
    expect(bdi, 'the controller name is isolated in <bdi>').to.exist;
    expect(bdi.textContent).to.equal('Voorbeeld B.V.');
    expect(bdi.children).to.have.length(0); // text, never markup
    expect(intro.textContent).to.contain('يستخدم');
  });

  it('shows a controller name with markup characters as plain text', async () => {
    const store = await makeStore({ controller: { name: '<img src=x onerror=alert(1)> B.V.' } });
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    const bdi = shadow(banner, '#intro bdi');
    expect(bdi.textContent).to.equal('<img src=x onerror=alert(1)> B.V.');
    expect(banner.shadowRoot!.querySelector('#intro img')).to.equal(null);
  });

  it('does not flash English while the visitor’s language is loading', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'fr');
    // The French file is still on its way: nothing is shown, certainly not English.
    expect(banner.open).to.equal(false);
    expect(banner.shadowRoot!.querySelector('[part~="base"]')).to.equal(null);
    await shown(banner);
    expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
      'Tout accepter',
    );
    expect(localeRequests()).to.include('/__raw/locales/fr.json');
  });

  it('shows English when the visitor’s language cannot be loaded', async () => {
    setLocaleBase('/__raw/missing-locales/');
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const store = await makeStore();
      const banner = await shown(
        await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'it'),
      );
      expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
        'Accept all',
      );
      expect(warnings.filter((message) => message.includes('it.json'))).to.have.length(1);
    } finally {
      console.warn = warn;
      setLocaleBase(LOCALES);
    }
  });

  it('speaks only a language the site enables: a German page on a Dutch/French site gets Dutch', async () => {
    const store = await makeStore({ locales: ['nl', 'fr'] });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'de'),
    );
    expect(shadow(banner, '[part~="base"]').getAttribute('lang')).to.equal('nl');
    expect(shadow(banner, '[data-keuze-action="reject-all"]').textContent!.trim()).to.equal(
      'Alles weigeren',
    );
    expect(localeRequests()).to.not.include('/__raw/locales/de.json');
  });

  it('finds the enabled base language of a regional English request: en-GB on an English/Dutch site is English', async () => {
    const store = await makeStore({ locale: 'en-GB', locales: ['nl', 'en'] });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl'),
    );
    expect(shadow(banner, '[part~="base"]').getAttribute('lang')).to.equal('en');
    expect(shadow(banner, '[data-keuze-action="reject-all"]').textContent!.trim()).to.equal(
      'Reject all',
    );
  });

  it('follows the visitor’s browser languages among those the site enables when the page language is not offered', async () => {
    const browser = navigator.languages[0].split('-')[0]; // e.g. "en" from "en-US"
    const other = browser === 'pl' ? 'cs' : 'pl';
    const store = await makeStore({ locales: [other, browser] });
    const banner = await shown(
      await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'fi'),
    );
    expect(shadow(banner, '[part~="base"]').getAttribute('lang')).to.equal(browser);
    expect(localeRequests()).to.not.include('/__raw/locales/fi.json');
    expect(localeRequests()).to.not.include(`/__raw/locales/${other}.json`);
  });

  it('cannot be restyled by the page: host CSS for buttons and text does not reach inside', async () => {
    const style = document.createElement('style');
    style.textContent =
      'button { display: none !important; } * { letter-spacing: 10px; text-transform: uppercase; } body { line-height: 5; }';
    document.head.append(style);
    try {
      const store = await makeStore();
      const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
      const accept = shadow(banner, '[data-keuze-action="accept-all"]');
      expect(getComputedStyle(accept).display).to.not.equal('none');
      expect(getComputedStyle(shadow(banner, 'h2')).textTransform).to.equal('none');
      expect(getComputedStyle(shadow(banner, 'p')).letterSpacing).to.equal('normal');
    } finally {
      style.remove();
    }
  });

  it('keeps accept and reject equal under aggressive page CSS: the same box and the same computed style', async () => {
    const style = document.createElement('style');
    style.textContent = [
      'button { all: revert; font-size: 9px }',
      '* { color: red !important }',
      // A site that tries to make refusing harder than accepting.
      'keuze-banner [data-keuze-action="reject-all"] { padding: 0 !important; font-size: 6px !important; opacity: 0.3 !important }',
      'keuze-banner [data-keuze-action="accept-all"] { background: green !important; font-size: 20px !important }',
    ].join('\n');
    document.head.append(style);
    try {
      const store = await makeStore();
      const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
      const accept = shadow(banner, '[data-keuze-action="accept-all"]');
      const reject = shadow(banner, '[data-keuze-action="reject-all"]');
      const a = accept.getBoundingClientRect();
      const r = reject.getBoundingClientRect();
      // Equal columns of one grid: equal up to the grid's sub-pixel rounding.
      expect(r.width).to.be.closeTo(a.width, 0.1);
      expect(r.height).to.equal(a.height);
      expect(a.width).to.be.greaterThan(40);
      const acceptStyle = getComputedStyle(accept);
      const rejectStyle = getComputedStyle(reject);
      // Widths differ only by the grid's sub-pixel rounding, checked above.
      const layoutWidths = ['width', 'inline-size', 'transform-origin', 'perspective-origin'];
      const differing = [...acceptStyle].filter(
        (name) =>
          !layoutWidths.includes(name) &&
          acceptStyle.getPropertyValue(name) !== rejectStyle.getPropertyValue(name),
      );
      expect(differing).to.deep.equal([]);
      expect(acceptStyle.fontSize).to.equal(getComputedStyle(banner).fontSize); // not the page's 9px
      expect(acceptStyle.color).to.not.equal('rgb(255, 0, 0)');
    } finally {
      style.remove();
    }
  });

  it('causes no layout shift: the page does not move when it appears', async () => {
    const probe = document.createElement('p');
    probe.textContent = 'Page content';
    document.body.prepend(probe);
    const before = probe.getBoundingClientRect().top;
    const store = await makeStore();
    await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect(probe.getBoundingClientRect().top).to.equal(before);
    probe.remove();
  });

  itUnlessWebKit(
    NOT_IN_WEBKIT.narrowViewport,
    'has no horizontal scroll at 320 px and keeps targets at least 24×24 px',
    async () => {
      await setViewport({ width: 320, height: 640 });
      const store = await makeStore();
      const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
      await nextFrame();
      expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
      for (const button of buttons(banner)) {
        const rect = button.getBoundingClientRect();
        expect(rect.width).to.be.at.least(24);
        expect(rect.height).to.be.at.least(24);
      }
    },
  );

  describe('[axe]', () => {
    it('is accessible as a bar', async () => {
      const store = await makeStore();
      await mount(store, html`<keuze-banner></keuze-banner>`);
      await expectAccessible();
    });

    itUnlessWebKit(NOT_IN_WEBKIT.colourScheme, 'is accessible as a box in dark mode', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const store = await makeStore();
      await mount(store, html`<keuze-banner layout="box"></keuze-banner>`);
      await expectAccessible();
    });

    it('is accessible as a blocking dialog with the GPC note', async () => {
      const store = await makeStore({}, { gpc: true });
      await mount(store, html`<keuze-banner layout="modal" theme="dark"></keuze-banner>`);
      await expectAccessible();
    });

    itUnlessWebKit(NOT_IN_WEBKIT.narrowViewport, 'is accessible at 360 px wide', async () => {
      await setViewport({ width: 360, height: 740 });
      const store = await makeStore();
      await shown(await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl'));
      await expectAccessible();
    });
  });
});
