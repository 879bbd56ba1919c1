// Every malformed config in the corpus is refused with an error that names the
// offending path, nothing throws, and nothing that needs consent runs.
import { expect, waitUntil } from '@open-wc/testing';
import { formatIssue, validateConfig } from '../../src/core/config/validate.js';
import { Keuze } from '../../src/core/keuze.js';
import type { ErrorDetail } from '../../src/core/types.js';
import { badConfigs, badConfigTexts } from './bad-configs.js';

interface GatedWindow extends Window {
  __gatedRan?: string[];
}

describe('the corpus of malformed configs', () => {
  it('holds at least 50 malformed configs, each with a distinct name', () => {
    expect(badConfigs.length + badConfigTexts.length).to.be.at.least(50);
    expect(new Set(badConfigs.map((c) => c.name)).size).to.equal(badConfigs.length);
  });

  for (const bad of badConfigs) {
    it(`refuses a config where ${bad.name}, naming ${bad.path || 'the config itself'}`, () => {
      let result: ReturnType<typeof validateConfig> | undefined;
      expect(() => (result = validateConfig(bad.input()))).not.to.throw();
      expect(result!.ok).to.equal(false);
      expect(result!.config).to.equal(undefined);
      const paths = result!.errors.map((issue) => issue.path);
      expect(paths, JSON.stringify(result!.errors).slice(0, 500)).to.include(bad.path);
      const issue = result!.errors.find((candidate) => candidate.path === bad.path)!;
      expect(issue.message.length, 'the message says what was expected').to.be.within(10, 400);
      if (bad.path) expect(formatIssue(issue)).to.contain(bad.path);
    });
  }
});

describe('Keuze given a malformed config', () => {
  const gated: HTMLScriptElement[] = [];

  before(() => {
    (window as GatedWindow).__gatedRan = [];
    for (const [consent, label] of [
      ['analytics', 'analytics'],
      ['!analytics', 'refused-analytics'],
      ['necessary', 'necessary'],
    ]) {
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.dataset.consent = consent;
      script.textContent = `window.__gatedRan.push(${JSON.stringify(label)});`;
      document.body.append(script);
      gated.push(script);
    }
  });

  after(() => gated.forEach((element) => element.remove()));

  it('fails closed for every config in the corpus: an error event with the path, nothing granted, nothing gated runs', async () => {
    const errors: ErrorDetail[] = [];
    const listener = (event: Event) => errors.push((event as CustomEvent<ErrorDetail>).detail);
    document.addEventListener('keuze-error', listener);
    const originalError = console.error;
    console.error = () => {}; // each refusal logs once; 60 of them would drown the test output
    try {
      for (const bad of badConfigs) {
        errors.length = 0;
        const instance = new Keuze();
        const consent = await instance.init(bad.input(), { channel: false });
        expect(consent.decided, bad.name).to.equal(false);
        expect(instance.store, bad.name).to.equal(undefined);
        for (const id of ['necessary', 'functional', 'analytics', 'marketing', 'youtube']) {
          expect(instance.granted(id), `${bad.name}: ${id}`).to.equal(false);
        }
        expect(
          errors.map((e) => e.path),
          bad.name,
        ).to.include(bad.path);
        expect(
          instance.diagnostics().some((f) => f.level === 'error' && f.path === bad.path),
          bad.name,
        ).to.equal(true);
        let rejected = false;
        await instance.acceptAll().catch(() => (rejected = true));
        expect(rejected, `${bad.name}: acceptAll must refuse`).to.equal(true);
      }
    } finally {
      console.error = originalError;
      document.removeEventListener('keuze-error', listener);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as GatedWindow).__gatedRan).to.deep.equal([]);
    expect(gated.every((script) => script.isConnected && script.type === 'text/plain')).to.equal(
      true,
    );
  });
});

interface SiteWindow extends Window {
  keuze: Keuze;
  __errors: ErrorDetail[];
  __gatedRan?: boolean;
}

/** The built bundle in a fresh document written from `head` markup. */
async function siteWith(head: string): Promise<SiteWindow> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head>
    <script>window.__errors = []; document.addEventListener('keuze-error', (e) => window.__errors.push(e.detail));</script>
    ${head}</head><body>
    <script type="text/plain" data-consent="!analytics">window.__gatedRan = true;</script>
    <script type="text/plain" data-consent="necessary">window.__gatedRan = true;</script>
    </body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const site = frame.contentWindow as SiteWindow;
  await waitUntil(() => site.keuze, 'window.keuze never appeared', { timeout: 5000 });
  await site.keuze.ready;
  return site;
}

function escapeScript(text: string): string {
  return text.replace(/</g, '\\u003c');
}

describe('the script-tag build given a broken config', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  for (const bad of badConfigTexts) {
    it(`reports ${bad.name} on the page and runs nothing gated`, async () => {
      const site = await siteWith(
        `<script type="application/json" id="keuze-config">${escapeScript(bad.text)}</script><script src="/dist/keuze.min.js"></script>`,
      );
      expect(site.__errors.map((e) => e.path)).to.include(bad.path);
      expect(site.keuze.get().decided).to.equal(false);
      expect(
        site.document.querySelector('keuze-banner'),
        'no banner for a refused config',
      ).to.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(site.__gatedRan).to.equal(undefined);
    });
  }

  it('reports a config URL that answers 404, naming the URL and the status', async () => {
    const site = await siteWith(
      `<script src="/dist/keuze.min.js" data-config="/test/hardening/no-such-config.json"></script>`,
    );
    expect(site.__errors).to.have.length(1);
    expect(site.__errors[0].message)
      .to.contain('/test/hardening/no-such-config.json')
      .and.to.contain('404');
    expect(site.__gatedRan).to.equal(undefined);
  });

  it('gives up on a config URL that never answers within data-config-timeout, and says so', async () => {
    // A non-routable address: the connection hangs (or fails at once where the network refuses it).
    const started = performance.now();
    const site = await siteWith(
      `<script src="/dist/keuze.min.js" data-config="http://10.255.255.1/keuze.json" data-config-timeout="300"></script>`,
    );
    expect(performance.now() - started).to.be.below(4000);
    expect(site.__errors).to.have.length(1);
    expect(site.__errors[0].message).to.match(
      /10\.255\.255\.1.*(did not arrive within 0\.3 s|could not be loaded)/,
    );
    expect(site.__gatedRan).to.equal(undefined);
  });
});
