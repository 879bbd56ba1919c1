import { expect, oneEvent, waitUntil, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KeuzeReopen } from '../../src/elements/reopen/reopen.js';
import type { KeuzeCentre } from '../../src/elements/centre/centre.js';
import { deepActiveElement, expectAccessible, html, makeStore, mount, shadow } from './helpers.js';

afterEach(() => {
  fixtureCleanup();
  document.querySelectorAll('body > div.fixture').forEach((div) => div.remove());
});

describe('<keuze-reopen>', () => {
  it('is hidden while the banner still asks for a decision', async () => {
    const store = await makeStore();
    const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
    expect(reopen.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('appears once a decision exists and opens the cookie centre; closing returns focus to it', async () => {
    const store = await makeStore();
    await store.rejectAll();
    const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
    const centre = document.createElement('keuze-centre') as KeuzeCentre;
    reopen.parentElement!.append(centre);
    const button = shadow<HTMLButtonElement>(reopen, 'button');
    expect(button.getAttribute('aria-label')).to.equal('Cookie settings');
    button.focus();
    const shown = oneEvent(centre, 'keuze-show');
    await sendKeys({ press: 'Enter' });
    await shown;
    await sendKeys({ press: 'Escape' });
    await waitUntil(
      () => deepActiveElement() === button,
      'focus did not return to the re-open button',
    );
    expect(store.receipt().current!.method).to.equal('reject-all');
  });

  it('keeps keyboard focus when the decision changes while the button has it', async () => {
    const store = await makeStore();
    await store.rejectAll();
    const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
    const button = shadow<HTMLButtonElement>(reopen, 'button');
    button.focus();
    await store.acceptAll(); // e.g. the visitor decided again in another tab
    await reopen.updateComplete;
    expect(deepActiveElement()).to.equal(button);
  });

  it('sits in the configured corner', async () => {
    const store = await makeStore({ reopen: { position: 'top-right' } });
    await store.acceptAll();
    const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
    await reopen.updateComplete;
    expect(reopen.getAttribute('position')).to.equal('top-right');
    const rect = shadow(reopen, 'button').getBoundingClientRect();
    expect(rect.top).to.be.lessThan(100);
    expect(rect.right).to.be.greaterThan(window.innerWidth - 100);
  });

  it('is a target of at least 24×24 px and is accessible', async () => {
    const store = await makeStore();
    await store.acceptAll();
    const reopen = await mount<KeuzeReopen>(store, html`<keuze-reopen></keuze-reopen>`);
    const rect = shadow(reopen, 'button').getBoundingClientRect();
    expect(rect.width).to.be.at.least(24);
    expect(rect.height).to.be.at.least(24);
    await expectAccessible();
  });
});
