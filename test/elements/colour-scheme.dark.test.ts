// The widget on a visitor's system set to dark mode. Chromium emulates the
// preference for this file; WebKit cannot emulate it, so scripts/test.mjs runs
// the *.dark.test.ts files in a second WebKit browser opened in dark mode.
import { expect, oneEvent, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { KeuzeBanner } from '../../src/elements/banner/banner.js';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import { inWebKit } from '../helpers/engine.js';
import { expectAccessible, html, makeStore, mount, shadow } from './helpers.js';

const DARK_BACKGROUND = 'rgb(28, 31, 38)'; // #1c1f26, the dark theme's --k-bg
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';

/** The background the visitor sees behind the element's text. */
function background(element: Element): string {
  return getComputedStyle(shadow(element, '[part~="base"]')).backgroundColor;
}

before(async () => {
  if (!inWebKit) await emulateMedia({ colorScheme: 'dark' });
});

after(async () => {
  if (!inWebKit) await emulateMedia({ colorScheme: 'light' });
});

afterEach(() => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
});

describe('on a system in dark mode', () => {
  it('runs in a browser that prefers the dark colour scheme', () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
  });

  it('shows the banner in the dark theme unless told otherwise', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(store, html`<keuze-banner></keuze-banner>`);
    expect(background(banner)).to.equal(DARK_BACKGROUND);
  });

  it('keeps the banner light when the site sets theme="light"', async () => {
    const store = await makeStore();
    const banner = await mount<KeuzeBanner>(
      store,
      html`<keuze-banner theme="light"></keuze-banner>`,
    );
    expect(background(banner)).to.equal(LIGHT_BACKGROUND);
  });

  it('has an accessible banner as a box', async () => {
    const store = await makeStore();
    await mount(store, html`<keuze-banner layout="box"></keuze-banner>`);
    await expectAccessible();
  });

  it('has an accessible cookie centre with the GPC note', async () => {
    const store = await makeStore({}, { gpc: true });
    const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`);
    const shown = oneEvent(centre, 'keuze-show');
    store.requestOpen(document.body);
    await shown;
    expect(background(centre)).to.equal(DARK_BACKGROUND);
    await expectAccessible();
  });

  it('has an accessible placeholder', async () => {
    const store = await makeStore();
    await mount(
      store,
      html`<keuze-placeholder consent="youtube" width="560" height="315"></keuze-placeholder>`,
    );
    await expectAccessible();
  });
});
