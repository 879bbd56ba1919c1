// The script-tag build with a config that names catalogue presets: it fetches
// only the named files from beside the script, shows their storage in the cookie
// centre and deletes their cookies on withdrawal.
import { expect, waitUntil } from '@open-wc/testing';
import type { Keuze } from '../../src/core/keuze.js';
import type { ErrorDetail } from '../../src/core/types.js';
import { openSite } from '../helpers/site.js';

interface SiteWindow extends Window {
  keuze: Keuze;
  errors: ErrorDetail[];
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** The text of a node and of every shadow root below it. */
function deepText(node: Node): string {
  let text = '';
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) text += `${current.textContent} `;
    const root = (current as Element).shadowRoot;
    if (root) walk(root);
    current.childNodes.forEach(walk);
  };
  walk(node);
  return text.replace(/\s+/g, ' ');
}

/** Elements matching a selector in a document and in every shadow root below it. */
function deepQuery(root: Document | ShadowRoot, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*'))
    if (element.shadowRoot) found.push(...deepQuery(element.shadowRoot, selector));
  return found;
}

function cookieNames(doc: Document): string[] {
  return doc.cookie
    .split(';')
    .map((pair) => pair.split('=')[0].trim())
    .filter(Boolean);
}

describe('presets in the script-tag build', () => {
  beforeEach(async () => {
    localStorage.clear();
    await deleteDatabase('keuze');
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('downloads only the presets the config names, not the catalogue', async () => {
    const { site } = await openSite<SiteWindow>('/test/e2e/pages/presets-embed.html');
    const fetched = site.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.includes('/catalogue/'));
    expect(fetched.sort()).to.deep.equal([
      '/dist/catalogue/matomo.json',
      '/dist/catalogue/meta-pixel.json',
    ]);
  });

  it("shows a preset service's provider and full storage table in the cookie centre", async () => {
    const { site } = await openSite<SiteWindow>('/test/e2e/pages/presets-embed.html');
    site.keuze.open();
    // Each purpose's storage table opens with its own button, as a visitor would.
    const toggles = () =>
      [...deepQuery(site.document, '[part~="storage-toggle"]')] as HTMLButtonElement[];
    await waitUntil(() => toggles().length >= 2, 'the centre should offer the storage tables', {
      timeout: 5000,
    });
    for (const toggle of toggles()) toggle.click();
    await waitUntil(
      () => deepText(site.document.body).includes('_pk_ses.*'),
      'the centre should list the preset cookies',
    );
    const text = deepText(site.document.body);
    for (const name of ['_pk_id.*', '_pk_ref.*', '_pk_ses.*', '_fbp', '_fbc'])
      expect(text).to.contain(name);
    expect(text).to.contain('InnoCraft Ltd (Matomo)');
  });

  it("shows a preset service's provider, country and storage table in the privacy notice", async () => {
    const { site } = await openSite<SiteWindow>('/test/e2e/pages/presets-notice.html');
    const notice = () => site.document.querySelector('keuze-notice');
    await waitUntil(
      () => notice()?.textContent?.includes('_pk_ses.*'),
      'the notice never listed the preset cookies',
      {
        timeout: 5000,
      },
    );
    const words = notice()!.textContent!;
    for (const name of ['_pk_id.*', '_pk_ref.*', '_fbp', '_fbc']) expect(words).to.contain(name);
    expect(words).to.contain('Meta Platforms Ireland Limited');
    expect(words).to.contain('InnoCraft Ltd (Matomo)');
  });

  it('deletes the cookies of a preset service when consent is withdrawn', async () => {
    const { site } = await openSite<SiteWindow>('/test/e2e/pages/presets-embed.html');
    await site.keuze.acceptAll();
    site.document.cookie = '_pk_id.1.e2e=abc; path=/';
    site.document.cookie = '_pk_ses.1.e2e=1; path=/';
    site.document.cookie = '_fbp=fb.1.2.3; path=/';
    await site.keuze.save({ analytics: false, marketing: true });
    // The storage goes just after the decision, once the page has painted.
    await waitUntil(
      () => !cookieNames(site.document).some((name) => name.startsWith('_pk_')),
      'the Matomo cookies should be deleted',
    );
    expect(cookieNames(site.document)).to.include('_fbp');
    await site.keuze.save({ analytics: false, marketing: false });
    await waitUntil(
      () => !cookieNames(site.document).includes('_fbp'),
      'the Meta pixel cookie should be deleted',
    );
  });

  it('refuses a config whose preset is unknown, and suggests the right name', async () => {
    const { site } = await openSite<SiteWindow>('/test/e2e/pages/presets-unknown.html');
    expect(site.keuze.granted('analytics')).to.equal(false);
    await waitUntil(() => site.errors.length > 0, 'a keuze-error should name the preset');
    expect(site.errors[0].path).to.equal('purposes[0].services[0].preset');
    expect(site.errors[0].message).to.contain('did you mean "hotjar"?');
  });
});
