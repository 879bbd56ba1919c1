import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { mountUI } from '../../src/elements/mount.js';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import { deepActiveElement, makeStore } from './helpers.js';

describe('mountUI (the script-tag build)', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => {
    dispose?.();
    dispose = undefined;
    document.querySelectorAll('.page-link').forEach((el) => el.remove());
  });

  it('mounts the banner, the centre and the re-open button once, with the config layout and theme', async () => {
    const store = await makeStore({ layout: 'box', theme: 'dark' });
    dispose = mountUI(store);
    const again = mountUI(store);
    expect(again).to.equal(dispose);
    expect(document.querySelectorAll('keuze-banner')).to.have.length(1);
    expect(document.querySelectorAll('keuze-centre')).to.have.length(1);
    expect(document.querySelectorAll('keuze-reopen')).to.have.length(1);
    const banner = document.querySelector('keuze-banner')!;
    expect(banner.getAttribute('layout')).to.equal('box');
    expect(banner.getAttribute('theme')).to.equal('dark');
    expect(document.body.firstElementChild).to.equal(banner);
  });

  it('mounts nothing with data-ui="none"', async () => {
    const store = await makeStore();
    dispose = mountUI(store, { ui: 'none' });
    expect(document.querySelector('keuze-banner, keuze-centre, keuze-reopen')).to.equal(null);
  });

  it('leaves out the re-open button when the config turns it off', async () => {
    const store = await makeStore({ reopen: false });
    dispose = mountUI(store);
    expect(document.querySelector('keuze-reopen')).to.equal(null);
    expect(document.querySelector('keuze-banner')).to.not.equal(null);
  });

  it('opens the centre from any [data-keuze-open] link without navigating, and gives focus back to it', async () => {
    const store = await makeStore();
    dispose = mountUI(store);
    const link = document.createElement('a');
    link.className = 'page-link';
    link.href = '#should-not-navigate';
    link.dataset.keuzeOpen = '';
    link.textContent = 'Cookie settings';
    document.body.append(link);
    const centre = document.querySelector<KeuzeCentre>('keuze-centre')!;
    link.focus();
    const shown = oneEvent(centre, 'keuze-show');
    link.click();
    await shown;
    expect(location.hash).to.not.equal('#should-not-navigate');
    await centre.hide();
    await waitUntil(() => deepActiveElement() === link);
    expect(store.get().decided).to.equal(false);
  });

  it('removes what it added when disposed', async () => {
    const store = await makeStore();
    mountUI(store)();
    expect(document.querySelector('keuze-banner, keuze-centre, keuze-reopen')).to.equal(null);
  });
});
