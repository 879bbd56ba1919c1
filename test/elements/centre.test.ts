import { expect, oneEvent, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { sendKeys, setViewport, emulateMedia } from '@web/test-runner-commands';
import { itUnlessWebKit, NOT_IN_WEBKIT, resetEmulation } from '../helpers/engine.js';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import type { KeuzeBanner } from '../../src/elements/banner/banner.js';
import { setLocaleBase } from '../../src/core/locale.js';
import type { ConsentStore } from '../../src/core/store.js';
import {
  deepActiveElement,
  expectAccessible,
  html,
  makeStore,
  mount,
  nextFrame,
  shadow,
} from './helpers.js';

// Languages other than English come from the locale files, served raw as a web server would.
setLocaleBase('/__raw/locales/');

afterEach(async () => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
  await resetEmulation();
});

/** A page with an opener button and the centre; opens the centre from the button. */
async function openCentre(store: ConsentStore, lang = 'en') {
  const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`, lang);
  const opener = document.createElement('button');
  opener.textContent = 'Cookie settings';
  centre.parentElement!.append(opener);
  opener.focus();
  const shown = oneEvent(centre, 'keuze-show');
  store.requestOpen(opener);
  await shown;
  return { centre, opener };
}

function switchFor(centre: Element, id: string) {
  return shadow<HTMLButtonElement>(centre, `[role="switch"][data-id="${id}"]`);
}

describe('<keuze-centre>', () => {
  it('opens as a modal dialog labelled by its title when the store asks, with focus inside', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const dialog = shadow<HTMLDialogElement>(centre, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('centre-title');
    expect(shadow(centre, '#centre-title').textContent).to.equal('Cookie settings');
    // Focus starts at the top of the (long) dialog: its title, so screen readers announce it.
    expect(deepActiveElement()).to.equal(shadow(centre, '#centre-title'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(shadow(centre, '[part~="close-button"]'));
  });

  it('does not record consent when Escape is pressed, and returns focus to the opener', async () => {
    const store = await makeStore();
    const { centre, opener } = await openCentre(store);
    switchFor(centre, 'analytics').click();
    const hidden = oneEvent(centre, 'keuze-hide');
    await sendKeys({ press: 'Escape' });
    expect((await hidden).detail).to.deep.equal({ layer: 'centre' });
    expect(store.get().decided).to.equal(false);
    expect(store.granted('analytics')).to.equal(false);
    await waitUntil(() => document.activeElement === opener, 'focus did not return to the opener');
  });

  it('does not record consent when the close button is used', async () => {
    const store = await makeStore();
    const { centre, opener } = await openCentre(store);
    shadow<HTMLButtonElement>(centre, '[part~="close-button"]').click();
    await oneEvent(centre, 'keuze-hide');
    expect(store.get().decided).to.equal(false);
    await waitUntil(() => document.activeElement === opener);
  });

  it('keeps Tab inside the dialog', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    for (let i = 0; i < 30; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      // Chromium lets Tab reach the browser's own UI after the last element; the page behind stays inert.
      if (active && active !== document.body)
        expect(centre.shadowRoot!.contains(active), `step ${i}`).to.equal(true);
    }
  });

  it('shows every purpose with its basis in plain words and the necessary justification', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const purposes = [...centre.shadowRoot!.querySelectorAll<HTMLElement>('[part~="purpose"]')];
    expect(purposes.map((p) => p.dataset.purpose)).to.deep.equal([
      'necessary',
      'functional',
      'analytics',
      'marketing',
    ]);
    expect(purposes[0].textContent).to.contain('Always active');
    expect(purposes[0].textContent).to.contain('Stores your cookie choice.');
    expect(purposes[1].textContent).to.contain('Legitimate interest — you may object');
    expect(purposes[2].textContent).to.contain('Needs your consent');
    expect(purposes[2].querySelector('h3')!.textContent).to.equal('Statistics');
  });

  it('has a disabled, checked switch for necessary and unchecked consent switches before any choice', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const necessary = switchFor(centre, 'necessary');
    expect(necessary.disabled).to.equal(true);
    expect(necessary.getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(centre, 'analytics').getAttribute('aria-checked')).to.equal('false');
    expect(switchFor(centre, 'marketing').getAttribute('aria-checked')).to.equal('false');
  });

  it('labels the legitimate-interest switch as an objection: on by default, off means "I object"', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const functional = switchFor(centre, 'functional');
    expect(functional.getAttribute('aria-checked')).to.equal('true');
    const hint = shadow(centre, `#${functional.getAttribute('aria-describedby')}`);
    expect(hint.textContent).to.contain('Switch it off to object');
    functional.click();
    await (centre as KeuzeCentre).updateComplete;
    expect(functional.getAttribute('aria-checked')).to.equal('false');
    expect(functional.parentElement!.textContent).to.contain('Objected');
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="save"]').click();
    await waitUntil(() => store.get().decided);
    expect(store.granted('functional')).to.equal(false);
  });

  it('saves exactly the switched purposes and services from the centre', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    switchFor(centre, 'analytics').click();
    await centre.updateComplete;
    expect(switchFor(centre, 'matomo').getAttribute('aria-checked')).to.equal('true');
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="save"]').click();
    await oneEvent(centre, 'keuze-hide');
    expect(store.granted('analytics')).to.equal(true);
    expect(store.granted('matomo')).to.equal(true);
    expect(store.granted('marketing')).to.equal(false);
    expect(store.granted('youtube')).to.equal(false);
    const record = store.receipt().current!;
    expect(record.layer).to.equal('centre');
    expect(record.method).to.equal('custom');
  });

  it('toggles a switch with the keyboard (Space)', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const marketing = switchFor(centre, 'marketing');
    marketing.focus();
    await sendKeys({ press: 'Space' });
    await centre.updateComplete;
    expect(marketing.getAttribute('aria-checked')).to.equal('true');
    expect(store.get().decided).to.equal(false);
  });

  it('lists services with provider, country and privacy-policy link', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const youtube = shadow(centre, '[data-service="youtube"]');
    expect(youtube.textContent).to.contain('YouTube');
    expect(youtube.textContent).to.contain('Google Ireland Ltd.');
    expect(youtube.textContent).to.contain('United States');
    expect(youtube.textContent).to.contain('adequacy decision');
    const link = youtube.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://policies.google.com/privacy');
    expect(link.rel).to.contain('noopener');
  });

  it('keeps the storage table collapsed until asked for, then shows name, type, provider, purpose and retention', async () => {
    const store = await makeStore();
    const { centre } = await openCentre(store);
    const toggle = shadow<HTMLButtonElement>(
      centre,
      '[data-purpose="analytics"] [part~="storage-toggle"]',
    );
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(centre.shadowRoot!.querySelector('[data-purpose="analytics"] table')).to.equal(null);
    toggle.click();
    await centre.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const table = shadow<HTMLTableElement>(centre, '[data-purpose="analytics"] table');
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).to.deep.equal(['Name', 'Type', 'Provider', 'Purpose', 'Deletion period']);
    const first = [...table.querySelectorAll('tbody tr')[0].querySelectorAll('td')].map((td) =>
      td.textContent!.trim(),
    );
    expect(first).to.deep.equal([
      '_pk_id.*',
      'Cookie',
      'Matomo',
      'Recognises returning visitors',
      '13 months',
    ]);
    const second = [...table.querySelectorAll('tbody tr')[1].querySelectorAll('td')].map((td) =>
      td.textContent!.trim(),
    );
    expect(second[4]).to.equal('30 minutes');
  });

  it('records accept all and reject all from the centre', async () => {
    const store = await makeStore();
    let { centre } = await openCentre(store);
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="accept-all"]').click();
    await oneEvent(centre, 'keuze-hide');
    expect(store.granted('marketing')).to.equal(true);
    expect(store.receipt().current!.method).to.equal('accept-all');
    fixtureCleanup();
    ({ centre } = await openCentre(store));
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="reject-all"]').click();
    await oneEvent(centre, 'keuze-hide');
    expect(store.granted('marketing')).to.equal(false);
    expect(store.receipt().current!.layer).to.equal('centre');
  });

  it('shows the current switches from the decision when reopened', async () => {
    const store = await makeStore();
    await store.save({ analytics: true, marketing: false });
    const { centre } = await openCentre(store);
    expect(switchFor(centre, 'analytics').getAttribute('aria-checked')).to.equal('true');
    expect(switchFor(centre, 'marketing').getAttribute('aria-checked')).to.equal('false');
  });

  it('shows the current decision with its date and id, and a downloadable receipt', async () => {
    const store = await makeStore();
    const before = await openCentre(store);
    expect(shadow(before.centre, '[part~="decision"]').textContent).to.contain(
      'You have not made a choice yet.',
    );
    fixtureCleanup();
    const decision = await store.acceptAll();
    const { centre } = await openCentre(store);
    const section = shadow(centre, '[part~="decision"]');
    expect(section.textContent).to.contain(decision.id);
    expect(section.querySelector('time')!.getAttribute('datetime')).to.equal(decision.decidedAt);
    const year = String(new Date(decision.decidedAt).getFullYear());
    expect(section.querySelector('time')!.textContent).to.contain(year);
    const link = section.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.href.startsWith('blob:')).to.equal(true);
    const receipt = await (await fetch(link.href)).json();
    expect(receipt.current.id).to.equal(decision.id);
    expect(receipt.history).to.be.an('array');
  });

  it('shows dates and words in Dutch on a Dutch page', async () => {
    const store = await makeStore();
    await store.acceptAll();
    const { centre } = await openCentre(store, 'nl');
    expect(shadow(centre, '#centre-title').textContent).to.equal('Cookiecentrum');
    expect(shadow(centre, '[data-purpose="functional"]').textContent).to.contain(
      'Gerechtvaardigd belang — u kunt bezwaar maken',
    );
    const month = new Intl.DateTimeFormat('nl', { month: 'long' }).format(
      new Date(store.receipt().current!.decidedAt),
    );
    expect(shadow(centre, '[part~="decision"] time').textContent).to.contain(month);
  });

  it('returns focus to the re-open button when its opener has gone', async () => {
    const store = await makeStore();
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`);
    const reopen = document.createElement('keuze-reopen');
    centre.parentElement!.append(reopen);
    const gone = document.createElement('button');
    centre.parentElement!.append(gone);
    store.requestOpen(gone);
    await oneEvent(centre, 'keuze-show');
    gone.remove();
    shadow<HTMLButtonElement>(centre, '[data-keuze-action="reject-all"]').click();
    await oneEvent(centre, 'keuze-hide');
    await waitUntil(
      () => deepActiveElement() === reopen.shadowRoot!.querySelector('button'),
      'focus not on the re-open button',
    );
  });

  itUnlessWebKit(
    NOT_IN_WEBKIT.narrowViewport,
    'fits a 320 px screen without horizontal scroll, with the storage table open',
    async () => {
      await setViewport({ width: 320, height: 640 });
      const store = await makeStore();
      const { centre } = await openCentre(store);
      shadow<HTMLButtonElement>(
        centre,
        '[data-purpose="analytics"] [part~="storage-toggle"]',
      ).click();
      await centre.updateComplete;
      await nextFrame();
      expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
      const dialog = shadow(centre, 'dialog').getBoundingClientRect();
      expect(dialog.right).to.be.at.most(320);
      for (const control of centre.shadowRoot!.querySelectorAll<HTMLElement>('button')) {
        const rect = control.getBoundingClientRect();
        expect(rect.width, control.outerHTML).to.be.at.least(24);
        expect(rect.height, control.outerHTML).to.be.at.least(24);
      }
    },
  );

  describe('languages', () => {
    const bilingual = { locales: ['nl', 'fr', 'pl'] };

    function languageSelect(centre: Element) {
      return shadow<HTMLSelectElement>(centre, '[part~="language-select"]');
    }

    async function pick(centre: KeuzeCentre, lang: string) {
      const select = languageSelect(centre);
      select.value = lang;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(
        () => shadow(centre, 'dialog').getAttribute('lang') === lang,
        `the centre did not switch to ${lang}`,
        { timeout: 5000 },
      );
      await centre.updateComplete;
    }

    it('offers no language switcher when the site enables one language', async () => {
      const store = await makeStore({ locales: ['nl'] });
      const { centre } = await openCentre(store, 'nl');
      expect(centre.shadowRoot!.querySelector('[part~="language-select"]')).to.equal(null);
    });

    it('offers a labelled language switcher listing the enabled languages by their own names', async () => {
      const store = await makeStore(bilingual);
      const { centre } = await openCentre(store, 'nl');
      const select = languageSelect(centre);
      expect(shadow(centre, 'label[for="language"]').textContent!.trim()).to.equal('Taal');
      expect(select.labels?.[0]?.textContent!.trim()).to.equal('Taal');
      const options = [...select.options].map((option) => [
        option.value,
        option.lang,
        option.textContent!.trim(),
      ]);
      expect(options).to.deep.equal([
        ['nl', 'nl', 'Nederlands'],
        ['fr', 'fr', 'Français'],
        ['pl', 'pl', 'Polski'],
      ]);
      expect(select.value).to.equal('nl');
    });

    it('switches the centre and the banner to the chosen language, and records it with the decision', async () => {
      const store = await makeStore(bilingual);
      const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`, 'nl');
      await waitUntil(() => banner.open, 'the banner never showed', { timeout: 5000 });
      const { centre } = await openCentre(store, 'nl');
      expect(shadow(centre, '#centre-title').textContent).to.equal('Cookiecentrum');
      languageSelect(centre).focus();
      await pick(centre, 'fr');
      expect(shadow(centre, '[data-keuze-action="save"]').textContent!.trim()).to.equal(
        'Enregistrer mes choix',
      );
      await banner.updateComplete;
      expect(shadow(banner, '[part~="base"]').getAttribute('lang')).to.equal('fr');
      expect(shadow(banner, '[data-keuze-action="accept-all"]').textContent!.trim()).to.equal(
        'Tout accepter',
      );
      // Focus stays on the switcher for keyboard users.
      expect(deepActiveElement()).to.equal(languageSelect(centre));
      expect(languageSelect(centre).value).to.equal('fr');
      shadow<HTMLButtonElement>(centre, '[data-keuze-action="reject-all"]').click();
      await waitUntil(() => store.get().decided);
      expect(store.receipt().current?.locale).to.equal('fr');
    });

    it('words deletion periods and dates in the chosen language (Polish plurals)', async () => {
      const store = await makeStore(bilingual);
      await store.acceptAll();
      const { centre } = await openCentre(store, 'nl');
      await pick(centre, 'pl');
      shadow<HTMLButtonElement>(
        centre,
        '[data-purpose="analytics"] [part~="storage-toggle"]',
      ).click();
      await centre.updateComplete;
      const cells = [
        ...centre.shadowRoot!.querySelectorAll('[data-purpose="analytics"] tbody tr td:last-child'),
      ].map((td) => td.textContent!.trim());
      expect(cells).to.deep.equal(['13 miesięcy', '30 minut']);
      const month = new Intl.DateTimeFormat('pl', { day: 'numeric', month: 'long' })
        .formatToParts(new Date(store.receipt().current!.decidedAt))
        .find((part) => part.type === 'month')!.value;
      expect(shadow(centre, '[part~="decision"] time').textContent).to.contain(month);
    });

    it('is accessible with the language switcher', async () => {
      const store = await makeStore(bilingual);
      await openCentre(store, 'nl');
      await expectAccessible();
    });
  });

  describe('built ahead while the banner waits', function () {
    // Idle callbacks can wait for their 5 s timeout (whenIdle) where no frame is due, as in
    // headless Chromium here: a build and a refresh may each take that long.
    this.timeout(30000);

    /** The centre as the page holds it before any press: built in idle time, closed. */
    async function builtAhead(store: ConsentStore) {
      const page = document.createElement('button');
      page.textContent = 'A page control';
      document.body.append(page);
      const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`);
      const purposes = () => centre.shadowRoot!.querySelectorAll('[part~="purpose"]').length;
      await waitUntil(() => purposes() === 4, 'the centre was not built ahead', {
        timeout: 15000,
      });
      return { centre, page };
    }

    afterEach(() => {
      document.documentElement.lang = 'en';
      document.querySelectorAll('body > button').forEach((button) => button.remove());
    });

    it('is not seen, not reachable by Tab and not exposed to screen readers until opened', async () => {
      const store = await makeStore();
      const { centre, page } = await builtAhead(store);
      const dialog = shadow<HTMLDialogElement>(centre, 'dialog');
      const save = shadow<HTMLElement>(centre, '[data-keuze-action="save"]');
      expect(dialog.open).to.equal(false);
      // visibility: hidden keeps it out of every browser's accessibility tree and Tab order.
      expect(getComputedStyle(dialog).visibility).to.equal('hidden');
      expect(save.checkVisibility({ visibilityProperty: true })).to.equal(false);
      const box = save.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      expect(hit).to.not.equal(centre);
      page.focus();
      for (let i = 0; i < 6; i++) {
        await sendKeys({ press: 'Tab' });
        expect(centre.shadowRoot!.activeElement, `Tab ${i + 1}`).to.equal(null);
      }
      await expectAccessible();
    });

    it('opens like one built on the press: visible, modal, focus on its title, Escape returns focus', async () => {
      const store = await makeStore();
      const { centre, page } = await builtAhead(store);
      page.focus();
      const shown = oneEvent(centre, 'keuze-show');
      store.requestOpen(page);
      await shown;
      const dialog = shadow<HTMLDialogElement>(centre, 'dialog');
      expect(dialog.matches(':modal')).to.equal(true);
      expect(getComputedStyle(dialog).visibility).to.equal('visible');
      expect(shadow<HTMLElement>(centre, '[data-keuze-action="save"]').checkVisibility()).to.equal(
        true,
      );
      expect(deepActiveElement()).to.equal(shadow(centre, '#centre-title'));
      await expectAccessible();
      const hidden = oneEvent(centre, 'keuze-hide');
      await sendKeys({ press: 'Escape' });
      await hidden;
      await waitUntil(() => document.activeElement === page, 'focus did not return');
    });

    it('opens with the choices made elsewhere after it was built', async () => {
      const store = await makeStore();
      const { centre, page } = await builtAhead(store);
      // The banner (or the site's own UI) records a choice while the built centre waits.
      await store.save({ analytics: true, marketing: false });
      const shown = oneEvent(centre, 'keuze-show');
      store.requestOpen(page);
      await shown;
      expect(switchFor(centre, 'analytics').getAttribute('aria-checked')).to.equal('true');
      expect(switchFor(centre, 'marketing').getAttribute('aria-checked')).to.equal('false');
      expect(shadow(centre, '[part~="decision"]').textContent).to.contain(
        store.receipt().current!.id,
      );
    });

    it('opens in the language the page switched to after it was built', async () => {
      const store = await makeStore();
      const { centre, page } = await builtAhead(store);
      centre.parentElement!.removeAttribute('lang');
      document.documentElement.lang = 'nl';
      const shown = oneEvent(centre, 'keuze-show');
      store.requestOpen(page);
      await shown;
      expect(shadow(centre, '#centre-title').textContent).to.equal('Cookiecentrum');
      expect(shadow(centre, 'dialog').getAttribute('lang')).to.equal('nl');
    });
  });

  describe('[axe]', () => {
    it('is accessible when open', async () => {
      const store = await makeStore();
      await openCentre(store);
      await expectAccessible();
    });

    it('is accessible with every storage table open and a decision shown', async () => {
      const store = await makeStore();
      await store.acceptAll();
      const { centre } = await openCentre(store);
      for (const toggle of centre.shadowRoot!.querySelectorAll<HTMLButtonElement>(
        '[part~="storage-toggle"]',
      ))
        toggle.click();
      await centre.updateComplete;
      await expectAccessible();
    });

    itUnlessWebKit(
      NOT_IN_WEBKIT.colourScheme,
      'is accessible in dark mode with the GPC note',
      async () => {
        await emulateMedia({ colorScheme: 'dark' });
        const store = await makeStore({}, { gpc: true });
        await openCentre(store);
        await expectAccessible();
      },
    );

    itUnlessWebKit(
      NOT_IN_WEBKIT.narrowViewport,
      'is accessible at 360 px wide in Dutch',
      async () => {
        await setViewport({ width: 360, height: 740 });
        const store = await makeStore();
        await openCentre(store, 'nl');
        await expectAccessible();
      },
    );
  });
});
