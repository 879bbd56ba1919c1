// The banner as an element, through what a visitor or a site owner notices: it
// re-renders without losing keyboard focus or closing its dialog, and its
// attributes and properties behave like an element's.
import { expect, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setLocaleBase } from '../../src/core/locale.js';
import { chooseLocale } from '../../src/elements/localize.js';
import { KeuzeBanner } from '../../src/elements/banner/banner.js';
import { provideStore } from '../../src/elements/context.js';
import { deepActiveElement, html, makeStore, mount, shadow } from './helpers.js';

setLocaleBase('/__raw/locales/');

afterEach(() => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
});

const text = (banner: Element, action: string) =>
  shadow(banner, `[data-keuze-action="${action}"]`).textContent!.trim();

describe('The banner as an element', () => {
  it('keeps keyboard focus on the same button when the banner switches language', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="accept-all"]').focus();
    await sendKeys({ press: 'Tab' }); // on "Reject all", by keyboard
    expect((deepActiveElement() as HTMLElement).dataset.keuzeAction).to.equal('reject-all');
    await chooseLocale(store.config, 'nl');
    await waitUntil(() => text(banner, 'reject-all') === 'Alles weigeren', 'no Dutch', {
      timeout: 5000,
    });
    await banner.updateComplete;
    const active = deepActiveElement() as HTMLElement;
    expect(active.dataset.keuzeAction).to.equal('reject-all');
    expect(active.textContent!.trim()).to.equal('Alles weigeren');
    expect(active.isConnected).to.equal(true);
  });

  it('keeps the blocking dialog open, and focus in it, when the banner switches language', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner layout="modal"></keuze-banner>`,
    );
    const dialog = shadow<HTMLDialogElement>(banner, 'dialog');
    shadow<HTMLButtonElement>(banner, '[data-keuze-action="open-centre"]').focus();
    await chooseLocale(store.config, 'nl');
    await waitUntil(() => text(banner, 'accept-all') === 'Alles accepteren', 'no Dutch', {
      timeout: 5000,
    });
    await banner.updateComplete;
    expect(shadow(banner, 'dialog')).to.equal(dialog);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('lang')).to.equal('nl');
    expect((deepActiveElement() as HTMLElement).dataset.keuzeAction).to.equal('open-centre');
  });

  it('reflects the layout property to the attribute and re-renders in the new layout', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    // The config's layout until a site sets one.
    expect(banner.layout).to.equal(store.config.layout);
    banner.layout = 'box';
    await banner.updateComplete;
    expect(banner.getAttribute('layout')).to.equal('box');
    expect(shadow(banner, '[part~="base"]').classList.contains('box')).to.equal(true);
    banner.setAttribute('layout', 'modal');
    expect(banner.layout).to.equal('modal');
    await banner.updateComplete;
    expect(shadow<HTMLDialogElement>(banner, '[part~="base"]').localName).to.equal('dialog');
    expect(shadow<HTMLDialogElement>(banner, 'dialog').open).to.equal(true);
  });

  it('keeps a layout set by a site script before the element was defined', async () => {
    const name = 'keuze-banner-defined-late';
    const early = document.createElement(name) as KeuzeBanner;
    early.layout = 'box';
    customElements.define(name, class extends KeuzeBanner {});
    const store = await makeStore();
    const container = document.createElement('div');
    container.className = 'fixture';
    document.body.append(container);
    provideStore(container, store);
    customElements.upgrade(early);
    container.append(early);
    await waitUntil(() => early.open, 'the banner never showed');
    await early.updateComplete;
    expect(early.getAttribute('layout')).to.equal('box');
    expect(shadow(early, '[part~="base"]').classList.contains('box')).to.equal(true);
  });
});
