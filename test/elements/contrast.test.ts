// Non-text contrast (WCAG 1.4.11) that axe does not measure: switches, focus rings,
// card borders, in the light and the dark theme. Colours are read from the rendered elements.
import { expect, fixtureCleanup, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import type { KeuzeReopen } from '../../src/elements/reopen/reopen.js';
import { html, makeStore, mount, shadow } from './helpers.js';

function rgb(color: string): [number, number, number] {
  const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(color);
  if (!match) throw new Error(`unexpected colour ${color}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function ratio(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

afterEach(() => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
});

for (const theme of ['light', 'dark'] as const) {
  describe(`non-text contrast, ${theme} theme`, () => {
    it('has switches, focus rings and buttons of at least 3:1 against what surrounds them', async () => {
      const store = await makeStore({ theme });
      const centre = await mount<KeuzeCentre>(store, html`<keuze-centre></keuze-centre>`);
      const shown = oneEvent(centre, 'keuze-show');
      store.requestOpen(null);
      await shown;
      const card = getComputedStyle(shadow(centre, '[data-purpose="analytics"]')).backgroundColor;
      const dialog = getComputedStyle(shadow(centre, 'dialog')).backgroundColor;
      const off = shadow(centre, '[role="switch"][data-id="analytics"]');
      const on = shadow(centre, '[role="switch"][data-id="functional"]');
      expect(
        ratio(getComputedStyle(off).backgroundColor, card),
        'switch off vs card',
      ).to.be.at.least(3);
      expect(ratio(getComputedStyle(on).backgroundColor, card), 'switch on vs card').to.be.at.least(
        3,
      );
      const button = shadow(centre, '[data-keuze-action="save"]');
      expect(
        ratio(getComputedStyle(button).backgroundColor, dialog),
        'button vs dialog',
      ).to.be.at.least(3);
      button.focus({ focusVisible: true } as FocusOptions);
      const focus = centre.shadowRoot!.host as HTMLElement;
      const ring = getComputedStyle(focus).getPropertyValue('--k-focus').trim();
      const probe = document.createElement('span');
      probe.style.color = ring;
      document.body.append(probe);
      const ringColour = getComputedStyle(probe).color;
      probe.remove();
      expect(ratio(ringColour, dialog), 'focus ring vs dialog').to.be.at.least(3);
      expect(ratio(ringColour, card), 'focus ring vs card').to.be.at.least(3);
      const border = getComputedStyle(shadow(centre, '[data-purpose="analytics"]')).borderTopColor;
      expect(ratio(border, dialog), 'card border vs dialog').to.be.at.least(3);
    });
  });
}

/** A box-shadow that is a solid band: colour, and how far it reaches past the border. */
function band(shadow: string): { colour: string; alpha: number; blur: number; spread: number } {
  const match = /(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px\s+(-?[\d.]+)px/.exec(
    shadow,
  );
  if (!match) return { colour: 'rgb(0, 0, 0)', alpha: 0, blur: 0, spread: 0 };
  const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(match[1]);
  return {
    colour: match[1],
    alpha: alpha ? Number(alpha[1]) : 1,
    blur: Number(match[4]),
    spread: Number(match[5]),
  };
}

for (const theme of ['light', 'dark'] as const) {
  for (const page of ['rgb(255, 255, 255)', 'rgb(0, 0, 0)']) {
    describe(`the re-open button's focus ring, ${theme} theme on a page of ${page}`, () => {
      afterEach(() => (document.body.style.background = ''));

      it('stands out at least 3:1 against the page, and against the button', async () => {
        document.body.style.background = page;
        const store = await makeStore({ theme });
        await store.rejectAll();
        const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
        const button = shadow<HTMLButtonElement>(reopen, 'button');
        // By keyboard, as a person would: the only focus stop of this fixture.
        (document.activeElement as HTMLElement | null)?.blur();
        await sendKeys({ press: 'Tab' });
        expect(reopen.shadowRoot!.activeElement).to.equal(button);
        const style = getComputedStyle(button);
        expect(style.outlineStyle).to.equal('solid');
        const ring = style.outlineColor;
        const outer =
          Number.parseFloat(style.outlineOffset) + Number.parseFloat(style.outlineWidth);
        const halo = band(style.boxShadow);
        const haloReachesPastRing = halo.alpha === 1 && halo.blur === 0 && halo.spread > outer;
        const againstPage = Math.max(
          ratio(ring, page),
          haloReachesPastRing ? ratio(halo.colour, page) : 0,
        );
        expect(againstPage, `ring ${ring} / band ${style.boxShadow} vs page`).to.be.at.least(3);
        const inner = halo.alpha === 1 && halo.blur === 0 ? halo.colour : style.backgroundColor;
        expect(ratio(ring, inner), 'ring vs what is inside it').to.be.at.least(3);
      });
    });
  }
}
