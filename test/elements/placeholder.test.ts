import { aTimeout, expect, oneEvent, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { itUnlessWebKit, NOT_IN_WEBKIT, resetEmulation } from '../helpers/engine.js';
import type { KeuzePlaceholder } from '../../src/elements/placeholder/placeholder.js';
import { expectAccessible, html, makeStore, mount, shadow } from './helpers.js';
import { registerTranslation } from '../../src/core/locale.js';
import nl from '../../locales/nl.json';

// The bundle carries English only; these tests read Dutch, as a Dutch page would after loading it.
registerTranslation('nl', nl);

afterEach(async () => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
  await resetEmulation();
});

describe('<keuze-placeholder>', () => {
  it('says which service and purpose the blocked content needs', async () => {
    const store = await makeStore();
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="youtube"></keuze-placeholder>`,
    );
    expect(shadow(placeholder, 'h2').textContent!.trim()).to.equal('YouTube is blocked');
    const text = placeholder.shadowRoot!.textContent!;
    expect(text).to.contain('Google Ireland Ltd.');
    expect(text).to.contain('Marketing');
    expect(shadow<HTMLAnchorElement>(placeholder, 'a').getAttribute('href')).to.equal(
      'https://policies.google.com/privacy',
    );
  });

  it('grants exactly that service with "allow and load", keeping earlier choices', async () => {
    const store = await makeStore();
    await store.save({ analytics: true, marketing: false });
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="youtube"></keuze-placeholder>`,
    );
    shadow<HTMLButtonElement>(placeholder, '[part~="allow-button"]').click();
    await waitUntil(
      () => store.receipt().current?.layer === 'placeholder',
      'no placeholder decision',
    );
    expect(store.granted('youtube')).to.equal(true);
    expect(store.granted('analytics')).to.equal(true);
    expect(store.granted('matomo')).to.equal(true);
  });

  it('opens the cookie centre for details', async () => {
    const store = await makeStore();
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="youtube"></keuze-placeholder>`,
    );
    const opened = oneEvent(store as unknown as HTMLElement, 'open');
    const details = shadow<HTMLButtonElement>(placeholder, '[part~="details-button"]');
    details.click();
    expect((await opened).detail.opener).to.equal(details);
    expect(store.get().decided).to.equal(false);
  });

  it('keeps keyboard focus on its button when a decision is made elsewhere', async () => {
    const store = await makeStore();
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="youtube"></keuze-placeholder>`,
    );
    shadow<HTMLButtonElement>(placeholder, '[part~="details-button"]').focus();
    await store.save({ analytics: true }); // e.g. in another tab; YouTube stays blocked
    await placeholder.updateComplete;
    expect(placeholder.shadowRoot!.activeElement?.getAttribute('part')).to.equal(
      'button details-button',
    );
  });

  it('names a purpose when the embed needs a purpose rather than a service', async () => {
    const store = await makeStore();
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="analytics"></keuze-placeholder>`,
      'nl',
    );
    expect(shadow(placeholder, 'h2').textContent!.trim()).to.equal('Statistieken is geblokkeerd');
    expect(shadow(placeholder, '[part~="allow-button"]').textContent!.trim()).to.equal(
      'Toestaan en laden',
    );
  });

  it('takes the size of the iframe it stands in for', async () => {
    const store = await makeStore();
    const placeholder = await mount<KeuzePlaceholder>(
      store,
      html`<keuze-placeholder consent="youtube" width="560" height="315"></keuze-placeholder>`,
    );
    const rect = placeholder.getBoundingClientRect();
    expect(Math.round(rect.width)).to.equal(560);
    expect(Math.round(rect.height)).to.equal(315);
  });

  it('is accessible', async () => {
    const store = await makeStore();
    await mount(
      store,
      html`<keuze-placeholder consent="youtube" width="560" height="315"></keuze-placeholder>`,
    );
    await expectAccessible();
  });

  itUnlessWebKit(
    NOT_IN_WEBKIT.colourScheme,
    'is accessible after a switch to dark mode',
    async () => {
      const store = await makeStore();
      await mount(
        store,
        html`<keuze-placeholder consent="youtube" width="560" height="315"></keuze-placeholder>`,
      );
      await emulateMedia({ colorScheme: 'dark' });
      await aTimeout(400); // let the colour transition finish before measuring contrast
      await expectAccessible();
    },
  );
});
