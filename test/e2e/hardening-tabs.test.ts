// Two tabs of a site deciding at the same moment, through the built bundle and
// its banners: both end with the same decision, and the stored record is intact.
// (test/core/tabs.test.ts covers the store; this repeats it end to end, 10 rounds.)
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';

interface SiteWindow extends Window {
  keuze: Keuze;
}

const PAGE = '/test/e2e/pages/embed-inline.html';

async function openTab(withBanner = true): Promise<SiteWindow> {
  const frame = document.createElement('iframe');
  frame.src = PAGE;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const site = frame.contentWindow as SiteWindow;
  await waitUntil(() => site.keuze, 'window.keuze never appeared', { timeout: 5000 });
  await site.keuze.ready;
  if (withBanner) await waitUntil(() => button(site, 'reject-all'), 'no banner');
  return site;
}

function button(site: SiteWindow, action: string): HTMLButtonElement | null {
  // Slotted into the banner from its light DOM.
  return site.document.querySelector<HTMLButtonElement>(
    `keuze-banner [data-keuze-action="${action}"]`,
  );
}

async function wipe(): Promise<void> {
  document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
    setTimeout(resolve, 1000);
  });
}

describe('two tabs deciding at the same moment, through their banners', () => {
  beforeEach(wipe);
  afterEach(wipe);

  it('end with the same decision in both tabs and in storage, round after round', async () => {
    for (let round = 0; round < 10; round += 1) {
      await wipe();
      const [a, b] = await Promise.all([openTab(), openTab()]);
      // One accepts while the other rejects, in the same task.
      const first = round % 2 === 0 ? 'accept-all' : 'reject-all';
      const second = first === 'accept-all' ? 'reject-all' : 'accept-all';
      button(a, first)!.click();
      button(b, second)!.click();
      await waitUntil(
        () =>
          a.keuze.get().record?.id !== undefined &&
          a.keuze.get().record?.id === b.keuze.get().record?.id,
        `round ${round}: the two tabs disagree`,
        { timeout: 4000 },
      );
      expect(a.keuze.granted('analytics'), `round ${round}`).to.equal(b.keuze.granted('analytics'));
      const winner = a.keuze.get().record!;
      // A third tab opened now reads the same, intact decision.
      const third = await openTab(false);
      expect(third.keuze.get().decided).to.equal(true);
      expect(
        third.keuze.get().record?.id,
        `round ${round}: storage holds another decision`,
      ).to.equal(winner.id);
      expect(third.keuze.diagnostics().filter((f) => f.code.startsWith('storage'))).to.deep.equal(
        [],
      );
      const receipt = JSON.parse(a.keuze.receipt());
      expect(receipt.current.id).to.equal(winner.id);
    }
  }).timeout(60000);
});
