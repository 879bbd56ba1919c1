// WCAG 2.4.11: with the bar or the box showing, the page's last focus stop (a
// footer "Cookie settings" link) can still be scrolled above the banner.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountUI } from '../../src/elements/mount.js';
import { makeStore } from './helpers.js';

/** The host is the banner's fixed box. */
function drawnPart(): Element {
  return document.querySelector('keuze-banner')!;
}

for (const layout of ['bar', 'box'] as const) {
  describe(`focus is never hidden behind the ${layout}`, () => {
    let dispose: (() => void) | undefined;
    let page: HTMLElement;

    beforeEach(() => {
      page = document.createElement('main');
      page.innerHTML =
        '<p style="block-size: 150vh">A long page.</p><a href="#" class="footer">Cookie settings</a>';
      document.body.append(page);
    });

    afterEach(() => {
      dispose?.();
      dispose = undefined;
      page.remove();
      window.scrollTo(0, 0);
    });

    it('the last link of the page, focused by keyboard, shows above the banner', async () => {
      const store = await makeStore({ layout });
      dispose = mountUI(store);
      await waitUntil(() => drawnPart()?.getBoundingClientRect().height > 0, 'no banner');
      const link = page.querySelector<HTMLAnchorElement>('.footer')!;
      // Focus the element just before it, then Tab, as a keyboard user arrives.
      page.querySelector('p')!.tabIndex = -1;
      page.querySelector('p')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(link);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const bar = drawnPart().getBoundingClientRect();
      const rect = link.getBoundingClientRect();
      const sideBySide = rect.right <= bar.left || rect.left >= bar.right;
      expect(
        sideBySide || rect.bottom <= bar.top,
        `link ${rect.top}–${rect.bottom}, banner from ${bar.top}`,
      ).to.equal(true);
    });

    it('gives the room back when the banner goes', async () => {
      const store = await makeStore({ layout });
      dispose = mountUI(store);
      await waitUntil(() => document.querySelector('[data-keuze-room]'), 'no room was made');
      await store.rejectAll('banner');
      await waitUntil(() => !document.querySelector('[data-keuze-room]'), 'the room stayed');
      expect(document.documentElement.style.scrollPaddingBlockEnd).to.equal('');
    });
  });
}

describe('a modal banner', () => {
  it('makes no room: the page behind it cannot take focus', async () => {
    const store = await makeStore({ layout: 'modal' });
    const dispose = mountUI(store);
    try {
      const banner = document.querySelector('keuze-banner')!;
      await waitUntil(() => banner.shadowRoot?.querySelector('dialog:modal'), 'no modal dialog');
      expect(document.querySelector('[data-keuze-room]')).to.equal(null);
      expect(document.documentElement.style.scrollPaddingBlockEnd).to.equal('');
    } finally {
      dispose();
    }
  });
});
