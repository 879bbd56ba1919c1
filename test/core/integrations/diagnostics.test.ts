import { expect } from '@open-wc/testing';
import { diagnose, startIntegrations } from '../../../src/core/integrations/index.js';
import type { Config, Finding } from '../../../src/core/types.js';
import { usePresetHints } from '../../../src/core/integrations/diagnostics.js';
import { presetsBeside } from '../../../src/core/config/presets.js';
import { clearCookies, disposeStores, loadedStore, siteConfig } from './helpers.js';

function codes(findings: Finding[], code: string): Finding[] {
  return findings.filter((finding) => finding.code === code);
}

describe('diagnostics', () => {
  beforeEach(() => {
    clearCookies();
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => {
    usePresetHints(undefined);
    disposeStores();
    clearCookies();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('finds nothing on a clean page with a sound config', async () => {
    const store = await loadedStore(siteConfig());
    // The functional purpose declares no storage, so legitimate interest is fine.
    expect(diagnose(store)).to.deep.equal([]);
  });

  it('lists a cookie the config does not declare', async () => {
    document.cookie = 'mystery_id=42; path=/';
    const store = await loadedStore(siteConfig());
    const [finding] = codes(diagnose(store), 'undeclared-storage');
    expect(finding.level).to.equal('warning');
    expect(finding.message).to.contain('"mystery_id"');
    expect(finding.message).to.contain('cookie');
  });

  it('names the catalogue preset of an undeclared cookie it knows, from the built name map', async () => {
    usePresetHints(
      await presetsBeside(new URL('/dist/keuze-engine.js', location.href).href).hints!(),
    );
    document.cookie = '_ga=GA1.1.123.456; path=/';
    document.cookie = '_hjSessionUser_987=x; path=/';
    document.cookie = 'mystery_id=42; path=/';
    const store = await loadedStore(siteConfig());
    const messages = codes(diagnose(store), 'undeclared-storage').map((f) => f.message);
    expect(messages).to.include(
      'The cookie "_ga" looks like Google Analytics 4: add the preset "google-analytics-4" (a service { "id": "…", "preset": "google-analytics-4" } under the purpose it serves), so visitors can see it and it is cleaned up on withdrawal.',
    );
    expect(messages.some((m) => m.includes('"_hjSessionUser_987" looks like Hotjar'))).to.equal(
      true,
    );
    expect(
      messages.some((m) => m.includes('"mystery_id" is on this page but not declared')),
    ).to.equal(true);
  });

  it('lists localStorage and sessionStorage keys the config does not declare', async () => {
    localStorage.setItem('ab_test_bucket', 'b');
    sessionStorage.setItem('scroll_depth', '80');
    const store = await loadedStore(siteConfig());
    const messages = codes(diagnose(store), 'undeclared-storage').map((f) => f.message);
    expect(messages.some((m) => m.includes('localStorage key "ab_test_bucket"'))).to.equal(true);
    expect(messages.some((m) => m.includes('sessionStorage key "scroll_depth"'))).to.equal(true);
  });

  it("does not report Keuze's own storage or declared names", async () => {
    localStorage.setItem('keuze:consent', '{}');
    document.cookie = 'session_id=abc; path=/';
    const store = await loadedStore(siteConfig());
    await store.acceptAll();
    document.cookie = '_pk_id.1.a1b2=x; path=/';
    expect(codes(diagnose(store), 'undeclared-storage')).to.deep.equal([]);
  });

  it('flags a non-essential cookie present before the visitor decided', async () => {
    document.cookie = '_pk_id.1.a1b2=x; path=/';
    const store = await loadedStore(siteConfig());
    const [finding] = codes(diagnose(store), 'storage-before-consent');
    expect(finding.level).to.equal('error');
    expect(finding.message).to.contain('"_pk_id.1.a1b2"');
    expect(finding.message).to.contain('data-consent="matomo"');
    expect(finding.path).to.equal('purposes[2].services[0]');
  });

  it('flags a cookie of a refused purpose as present without consent', async () => {
    const store = await loadedStore(siteConfig());
    await store.rejectAll();
    document.cookie = 'VISITOR_INFO1_LIVE=x; path=/';
    expect(codes(diagnose(store), 'storage-without-consent')).to.have.length(1);
  });

  it('does not flag a necessary cookie before consent, nor a consented one after', async () => {
    document.cookie = 'session_id=abc; path=/';
    const store = await loadedStore(siteConfig());
    expect(codes(diagnose(store), 'storage-before-consent')).to.deep.equal([]);
    await store.save({ analytics: true });
    document.cookie = '_pk_id.1.a1b2=x; path=/';
    expect(codes(diagnose(store), 'storage-without-consent')).to.deep.equal([]);
  });

  it('warns when a legitimate-interest purpose declares device storage', async () => {
    const config: Config = siteConfig();
    config.purposes[1].services![0].storage = [
      { name: 'chat_pref', type: 'cookie', retention: 'P1M' },
    ];
    const store = await loadedStore(config);
    const [finding] = codes(diagnose(store), 'legitimate-interest-storage');
    expect(finding.level).to.equal('warning');
    expect(finding.path).to.equal('purposes[1]');
    expect(finding.message).to.contain('"chat_pref"');
  });

  it('warns about a necessary purpose without a justification', async () => {
    const config: Config = siteConfig();
    // The validator may already insist on it; the diagnostics check stands on its own.
    const store = await loadedStore(config);
    (store.config.purposes[0] as { justification?: string }).justification = '  ';
    const [finding] = codes(diagnose(store), 'necessary-without-justification');
    expect(finding.path).to.equal('purposes[0].justification');
  });

  it('reports consent records still waiting for the log endpoint', async () => {
    const store = await loadedStore(siteConfig({ log: { endpoint: '/no-such-log-endpoint' } }));
    const stop = startIntegrations(store, { log: { baseDelay: 60_000 } });
    await store.acceptAll();
    const deadline = Date.now() + 3000;
    while (codes(diagnose(store), 'log-pending').length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [finding] = codes(diagnose(store), 'log-pending');
    expect(finding.level).to.equal('info');
    expect(finding.message).to.contain('1 consent record');
    stop();
  });

  it('prints a console summary with debug: true', async () => {
    document.cookie = 'mystery_id=42; path=/';
    const store = await loadedStore(siteConfig({ debug: true }));
    const lines: string[] = [];
    const original = {
      groupCollapsed: console.groupCollapsed,
      warn: console.warn,
      groupEnd: console.groupEnd,
    };
    console.groupCollapsed = (...args: unknown[]) => lines.push(String(args[0]));
    console.warn = (...args: unknown[]) => lines.push(String(args[0]));
    console.groupEnd = () => {};
    let stop: () => void;
    try {
      stop = startIntegrations(store);
    } finally {
      Object.assign(console, original);
    }
    stop();
    expect(lines[0]).to.match(/\[keuze\] diagnostics: 1 finding/);
    expect(lines[1]).to.contain('undeclared-storage');
  });

  it('prints nothing without debug', async () => {
    document.cookie = 'mystery_id=42; path=/';
    const store = await loadedStore(siteConfig());
    const lines: unknown[] = [];
    const original = console.groupCollapsed;
    console.groupCollapsed = (...args: unknown[]) => lines.push(args);
    try {
      startIntegrations(store)();
    } finally {
      console.groupCollapsed = original;
    }
    expect(lines).to.deep.equal([]);
  });
});
