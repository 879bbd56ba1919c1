// The gate is no gadget: under an enforced Trusted Types policy it never runs
// a script that the code which inserted it could not have made itself, one
// refused element never stops the queue, and srcdoc is gated like src.
import { expect, waitUntil } from '@open-wc/testing';
import { ConsentStore } from '../../src/core/store.js';
import { Gate } from '../../src/core/gate.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { validConfig } from '../helpers/configs.js';

interface Page extends Window {
  harness?: { store: ConsentStore; warnings: string[] };
  trustedTypes?: unknown;
  __markupRan?: number;
  __onloadRan?: number;
  __sinkScript?: number;
  __injected?: number;
  __approved?: number;
  __srcdocRan?: number;
}

async function open(name: 'plain' | 'default'): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.src = `/test/core/fixtures/gate-tt/${name}.html`;
  document.body.append(frame);
  const page = frame.contentWindow as Page;
  await waitUntil(() => page.harness, 'the page did not start', { timeout: 5000 });
  return page;
}

/** A gated script made by a script of the page, put before the page's own gated scripts. */
function injected(page: Page, text: string | null, dataSrc?: string): HTMLScriptElement {
  const script = page.document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-consent', 'analytics');
  // The page's nonce, which any of its scripts can read: CSP is not what stops it here.
  script.setAttribute('nonce', 'gateTT');
  if (dataSrc) script.setAttribute('data-src', dataSrc);
  if (text !== null) script.append(page.document.createTextNode(text));
  page.document.body.prepend(script);
  return script;
}

describe('the gate under an enforced Trusted Types policy', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('runs no script-made gated script the page policy would refuse, warns, and runs the rest', async function () {
    const page = await open('plain');
    if (!page.trustedTypes) this.skip(); // this browser has no Trusted Types to enforce
    injected(page, 'window.__injected = (window.__injected || 0) + 1;');
    injected(page, null, '/__sink/gate-tt-injected/script.js');
    await page.harness!.store.acceptAll('banner');
    await waitUntil(
      () => page.__markupRan === 1,
      `the page’s own inline script did not run: ${JSON.stringify(page.harness!.warnings)} ${page.document.body.innerHTML}`,
    );
    // Its onload attribute is a TrustedScript sink: it must not stop the gate (the handler
    // itself is inline code, which this CSP does not run).
    await waitUntil(() => page.__sinkScript === 1, 'the page’s own script with onload did not run');
    expect(page.__injected, 'the script-made inline script ran').to.equal(undefined);
    const hits = await (await fetch('/__sink/gate-tt-injected/hits')).json();
    expect(hits, 'the script-made data-src was fetched').to.deep.equal([]);
    expect(page.harness!.warnings.some((w) => w.includes('could not be run'))).to.equal(true);
  });

  it('routes a script-made gated script through the page’s default policy', async function () {
    const page = await open('default');
    if (!page.trustedTypes) this.skip();
    injected(page, 'window.__approved = 1; // approved');
    injected(page, 'window.__injected = 1;');
    await page.harness!.store.acceptAll('banner');
    await waitUntil(
      () => page.__markupRan === 1,
      `the page’s own inline script did not run: ${JSON.stringify(page.harness!.warnings)} ${page.document.body.innerHTML}`,
    );
    await waitUntil(() => page.__approved === 1, 'the approved script did not run');
    expect(page.__injected, 'the script the default policy refused ran').to.equal(undefined);
  });
});

describe('srcdoc on a gated iframe', () => {
  let gate: Gate;
  let store: ConsentStore;
  let root: HTMLElement;
  const here = window as Page;

  beforeEach(async () => {
    delete here.__srcdocRan;
    store = new ConsentStore(validConfig(), {
      adapter: new MemoryAdapter(),
      channel: false,
      gpc: false,
    });
    await store.load();
    root = document.createElement('div');
    document.body.append(root);
    gate = new Gate(store, root);
    gate.start();
  });

  afterEach(() => {
    gate.stop();
    root.remove();
  });

  const RUNS = '<script>parent.__srcdocRan = (parent.__srcdocRan || 0) + 1</' + 'script>';

  function gatedFrame(attribute: 'srcdoc' | 'data-srcdoc'): {
    frame: HTMLIFrameElement;
    loaded: Promise<unknown>;
  } {
    const frame = document.createElement('iframe');
    frame.setAttribute('data-consent', 'analytics');
    frame.setAttribute(attribute, RUNS);
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    root.append(frame);
    return { frame, loaded };
  }

  it('does not run a bare srcdoc before a decision, and runs it once consent is given', async () => {
    const { frame, loaded } = gatedFrame('srcdoc');
    await loaded;
    expect(here.__srcdocRan, 'the srcdoc ran before any decision').to.equal(undefined);
    expect(frame.hasAttribute('srcdoc')).to.equal(false);
    await store.acceptAll('banner');
    await waitUntil(() => here.__srcdocRan === 1, 'the srcdoc did not run after consent');
  });

  it('loads data-srcdoc only after consent, and unloads it when consent is withdrawn', async () => {
    const { frame } = gatedFrame('data-srcdoc');
    expect(frame.hasAttribute('srcdoc')).to.equal(false);
    await store.acceptAll('banner');
    await waitUntil(() => here.__srcdocRan === 1, 'the data-srcdoc did not run after consent');
    await store.rejectAll('banner');
    await waitUntil(() => !frame.hasAttribute('srcdoc'), 'the srcdoc stayed after withdrawal');
  });
});
