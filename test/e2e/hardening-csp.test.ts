// Strict Content-Security-Policy with Trusted Types: the built bundle on a page
// whose meta CSP is `default-src 'self'; script-src 'self' 'nonce-…'; style-src
// 'self'; require-trusted-types-for 'script'; trusted-types keuze`.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import { hits, openSite as open } from '../helpers/site.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source?: string;
}

interface CspWindow extends Window {
  keuze: Keuze;
  trustedTypes?: unknown;
  __violations: Violation[];
  __errors: string[];
  __sinkScript?: number;
  __inlineWithNonce?: number;
  __inlineWithoutNonce?: boolean;
}

function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function forgetDecision(): Promise<void> {
  localStorage.clear();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('keuze');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** The banner's button for an action, slotted into it from its light DOM. */
function button(site: CspWindow, action: string): HTMLButtonElement {
  const found = site.document.querySelector<HTMLButtonElement>(
    `keuze-banner [data-keuze-action="${action}"]`,
  );
  if (!found) throw new Error(`no ${action} button in the banner`);
  return found;
}

describe('a page with a strict CSP and Trusted Types', () => {
  beforeEach(async () => {
    await fetch('/__sink/hardening-csp/clear');
    await fetch('/__sink/hardening-csp-foreign/clear');
    await forgetDecision();
  });

  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('is served exactly as written, CSP meta tag included', async () => {
    const text = await (await fetch('/test/e2e/pages/hardening-csp.html')).text();
    expect(text).to.contain("require-trusted-types-for 'script'");
    expect(text).not.to.contain('__wtr'); // the test runner did not inject its own scripts
  });

  it('shows the banner, opens the cookie centre and records a decision with zero CSP violations', async () => {
    const { site } = await open<CspWindow>('/test/e2e/pages/hardening-csp.html');
    expect(site.__errors, 'no script errors and no keuze-error').to.deep.equal([]);
    const banner = site.document.querySelector('keuze-banner')!;
    await waitUntil(
      () => banner.querySelector('[data-keuze-action="accept-all"]'),
      'the banner never rendered',
    );
    // The banner's styles apply although style-src forbids inline <style>: they come as constructed sheets.
    const accept = button(site, 'accept-all');
    expect(site.getComputedStyle(accept).display).not.to.equal('inline');
    // The lazy parts (placeholder, notice) load and render under the same policy.
    await waitUntil(
      () => site.document.querySelector('keuze-placeholder')?.shadowRoot?.querySelector('button'),
      'the embed placeholder never rendered',
      { timeout: 5000 },
    );
    const notice = site.document.querySelector('keuze-notice')!;
    // The notice renders into the page itself (light DOM), so its styles meet style-src too.
    await waitUntil(
      () => notice.querySelector('h2') && (notice.textContent ?? '').includes('Voorbeeld B.V.'),
      'the notice never rendered',
      {
        timeout: 5000,
      },
    );
    button(site, 'open-centre').click();
    const centre = site.document.querySelector('keuze-centre')!;
    await waitUntil(
      () => centre.shadowRoot?.querySelector('[data-keuze-action="save"]'),
      'the cookie centre never rendered',
    );
    await settle();
    expect(site.__violations, JSON.stringify(site.__violations)).to.deep.equal([]);
  });

  it('runs gated scripts that carry the page nonce after consent, still with zero violations', async () => {
    const { site } = await open<CspWindow>('/test/e2e/pages/hardening-csp.html');
    await settle();
    expect(site.__inlineWithNonce).to.equal(undefined);
    expect(await hits('hardening-csp')).to.deep.equal([]);
    button(site, 'accept-all').click();
    await waitUntil(
      () => site.__inlineWithNonce === 1,
      'the nonce-carrying inline script did not run',
    );
    expect(site.__sinkScript).to.equal(1);
    expect(await hits('hardening-csp')).to.have.length(1);
    expect(site.__violations, JSON.stringify(site.__violations)).to.deep.equal([]);
    expect(site.__errors).to.deep.equal([]);
  });

  it('keeps gated scripts without the page nonce blocked after consent: Keuze never adds a nonce', async () => {
    const { site } = await open<CspWindow>('/test/e2e/pages/hardening-csp-unnonced.html');
    await site.keuze.acceptAll();
    await settle(400);
    expect(site.__inlineWithoutNonce, 'the inline script without nonce ran').to.equal(undefined);
    expect(
      await hits('hardening-csp-foreign'),
      'the foreign script without nonce was fetched',
    ).to.deep.equal([]);
    const directives = site.__violations.map((v) => v.directive.replace(/-elem$/, ''));
    expect(directives, JSON.stringify(site.__violations)).to.deep.equal([
      'script-src',
      'script-src',
    ]);
    // The activated copies carry no nonce of Keuze's making.
    for (const script of Array.from(
      site.document.querySelectorAll<HTMLScriptElement>(
        'script[data-keuze-activated], script[data-consent]',
      ),
    )) {
      if (!script.hasAttribute('nonce') && script.type !== 'application/json')
        expect(script.nonce).to.equal('');
    }
  });

  it('survives the script tag pasted twice without a duplicate-policy violation', async () => {
    const { site } = await open<CspWindow>('/test/e2e/pages/hardening-csp-twice.html');
    const banner = site.document.querySelector('keuze-banner')!;
    await waitUntil(
      () => banner.querySelector('[data-keuze-action="accept-all"]'),
      'the banner never rendered',
    );
    expect(site.document.querySelectorAll('keuze-banner')).to.have.length(1);
    await settle();
    expect(site.__violations, JSON.stringify(site.__violations)).to.deep.equal([]);
    expect(site.__errors).to.deep.equal([]);
  });

  it("does not hand the keuze policy to the page's own scripts", async () => {
    const { site } = await open<CspWindow>('/test/e2e/pages/hardening-csp.html');
    await (site as unknown as { keuze: { ready: Promise<unknown> } }).keuze.ready;
    // One module graph: nothing is passed between scripts through a window global.
    expect('__keuze' in site).to.equal(false);
    // The policy exists once, inside Keuze's modules; a page script cannot create another.
    const trustedTypes = (
      site as unknown as { trustedTypes: { createPolicy(name: string, options: object): unknown } }
    ).trustedTypes;
    expect(() => trustedTypes.createPolicy('keuze', {})).to.throw();
  });
});
