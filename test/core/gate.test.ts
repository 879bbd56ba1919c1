import { expect, waitUntil, aTimeout } from '@open-wc/testing';
import { Gate } from '../../src/core/gate.js';
import { ConsentStore } from '../../src/core/store.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { Keuze } from '../../src/core/keuze.js';
import type { Config } from '../../src/core/types.js';

const FIXTURES = new URL('./fixtures/gate/', import.meta.url).href;

const config: Config = {
  revision: '2026-01-01',
  // The tests decide from script, as a site's custom UI would (see hardening/grants.test.ts).
  api: { grantWithoutActivation: true },
  purposes: [
    { id: 'necessary', basis: 'necessary', justification: 'Stores your cookie choice.' },
    { id: 'functional', basis: 'legitimate-interest', services: [] },
    {
      id: 'analytics',
      basis: 'consent',
      services: [
        {
          id: 'matomo',
          provider: 'Matomo',
          storage: [{ name: '_pk_id.*', type: 'cookie', retention: 'P13M' }],
        },
      ],
    },
    {
      id: 'marketing',
      basis: 'consent',
      services: [
        {
          id: 'youtube',
          provider: 'Google',
          storage: [{ name: 'VISITOR_INFO1_LIVE', type: 'cookie', retention: 'P6M' }],
        },
      ],
    },
  ],
};

declare global {
  interface Window {
    __order: string[];
    __runs: Record<string, number>;
    __sinkScript?: number;
    gateLib?: { greet(name: string): string };
  }
}

let store: ConsentStore;
let gate: Gate | undefined;
let box: HTMLDivElement;
let warnings: string[];
let realWarn: typeof console.warn;

/** Puts markup built with DOM calls (no innerHTML) into the page. */
function add<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  text?: string,
  parent: Element = box,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  parent.append(el);
  return el;
}

/** A gated inline script that counts its runs under `name` and records the order. */
function inline(
  name: string,
  consent: string,
  attrs: Record<string, string> = {},
): HTMLScriptElement {
  return add(
    'script',
    { type: 'text/plain', 'data-consent': consent, ...attrs },
    `window.__order.push(${JSON.stringify(name)}); window.__runs[${JSON.stringify(name)}] = (window.__runs[${JSON.stringify(name)}] || 0) + 1;`,
  );
}

async function startGate(): Promise<Gate> {
  await store.load();
  gate = new Gate(store, document);
  gate.start();
  return gate;
}

/** A same-origin document of its own (srcdoc iframe), for gates that must not touch this page. */
async function frameDocument(
  body: string,
  head = '',
): Promise<{ doc: Document; win: Window & { ran: string[] } }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
  box.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & { ran: string[] };
  win.ran = [];
  return { doc: frame.contentDocument!, win };
}

/** Lets the MutationObserver deliver its records. */
const settle = () => aTimeout(0);

async function hits(channel: string): Promise<Array<{ path: string }>> {
  return (await fetch(`/__sink/${channel}/hits`)).json();
}

beforeEach(() => {
  window.__order = [];
  window.__runs = {};
  delete window.gateLib;
  const result = validateConfig(structuredClone(config));
  if (!result.ok) throw new Error(`test config is invalid: ${JSON.stringify(result.errors)}`);
  store = new ConsentStore(result.config!, { adapter: new MemoryAdapter(), channel: false });
  box = document.createElement('div');
  document.body.append(box);
  warnings = [];
  realWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(String(args[0]));
  };
});

afterEach(() => {
  gate?.stop();
  store.dispose();
  gate = undefined;
  box.remove();
  console.warn = realWarn;
});

describe('Gate: scripts', () => {
  it('does not run a gated script before the visitor has decided', async () => {
    inline('stats', 'analytics');
    await startGate();
    await settle();
    expect(window.__order).to.deep.equal([]);
  });

  it('runs a gated inline script as soon as its purpose is accepted', async () => {
    inline('stats', 'analytics');
    await startGate();
    await store.acceptAll();
    expect(window.__order).to.deep.equal(['stats']);
  });

  it('keeps a script blocked when the visitor rejects its purpose', async () => {
    inline('stats', 'analytics');
    await startGate();
    await store.rejectAll();
    await settle();
    expect(window.__order).to.deep.equal([]);
  });

  it('runs a script for a necessary purpose without waiting for a decision', async () => {
    inline('essential', 'necessary');
    await startGate();
    expect(window.__order).to.deep.equal(['essential']);
  });

  it('runs a "!analytics" script only once analytics is refused, not before any decision', async () => {
    inline('fallback', '!analytics');
    await startGate();
    await settle();
    expect(window.__order, 'before deciding').to.deep.equal([]);
    await store.rejectAll();
    expect(window.__order).to.deep.equal(['fallback']);
  });

  it('does not run a "!analytics" script when analytics is accepted', async () => {
    inline('fallback', '!analytics');
    await startGate();
    await store.acceptAll();
    await settle();
    expect(window.__order).to.deep.equal([]);
  });

  it('needs every listed id: a script for "analytics youtube" waits for both', async () => {
    inline('both', 'analytics youtube');
    await startGate();
    await store.save({ analytics: true, marketing: false });
    expect(window.__order, 'analytics only').to.deep.equal([]);
    await store.save({ analytics: true, youtube: true });
    expect(window.__order).to.deep.equal(['both']);
  });

  it('understands mixed lists: "analytics !marketing" runs when analytics is on and marketing off', async () => {
    inline('mixed', 'analytics !marketing');
    await startGate();
    await store.acceptAll();
    expect(window.__order, 'both accepted').to.deep.equal([]);
    await store.save({ analytics: true, marketing: false });
    expect(window.__order).to.deep.equal(['mixed']);
  });

  it('runs a service-level script when only that service is allowed', async () => {
    inline('matomo', 'matomo');
    inline('analytics-purpose', 'analytics');
    await startGate();
    await store.save({ analytics: false, matomo: true });
    expect(window.__order).to.deep.equal(['matomo']);
  });

  it('runs scripts in document order, waiting for an external library before the inline script that uses it', async () => {
    add('script', { type: 'text/plain', 'data-consent': 'analytics', src: `${FIXTURES}lib.js` });
    add(
      'script',
      { type: 'text/plain', 'data-consent': 'analytics' },
      'window.__order.push(window.gateLib.greet("inline"));',
    );
    add('script', { type: 'text/plain', 'data-consent': 'analytics', src: `${FIXTURES}after.js` });
    inline('last', 'analytics');
    await startGate();
    await store.acceptAll();
    await waitUntil(() => window.__order.length === 4, 'all four scripts ran');
    expect(window.__order).to.deep.equal(['lib', 'hello inline', 'after:object', 'last']);
  });

  it('keeps going when an external script fails to load', async () => {
    // Port 9 (discard) is closed on the test machine: the request fails at the network level.
    const broken = add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      src: 'http://127.0.0.1:9/tag.js',
    });
    inline('next', 'analytics');
    await startGate();
    await store.acceptAll();
    expect(window.__order, 'waits for the failing script').to.deep.equal([]);
    expect(broken.isConnected, 'replaced by the live copy').to.equal(false);
    await waitUntil(() => window.__order.includes('next'), 'the script after the failed one ran', {
      timeout: 5000,
    });
  });

  it('loads nothing from a gated external script until consent, then exactly once', async () => {
    await fetch('/__sink/gate-ext/clear');
    delete window.__sinkScript;
    add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      src: '/__sink/gate-ext/script.js',
    });
    await startGate();
    await aTimeout(50);
    expect(await hits('gate-ext'), 'requests before consent').to.have.length(0);
    await store.acceptAll();
    await waitUntil(() => window.__sinkScript === 1, 'the external script ran');
    await store.rejectAll();
    await store.acceptAll();
    await aTimeout(50);
    expect(window.__sinkScript).to.equal(1);
    expect(await hits('gate-ext')).to.have.length(1);
  });

  it('runs a script at most once per page however often consent flips', async () => {
    inline('stats', 'analytics');
    await startGate();
    await store.acceptAll();
    await store.rejectAll();
    await store.acceptAll();
    await store.save({ analytics: true });
    expect(window.__runs.stats).to.equal(1);
  });

  it('handles gated scripts added to the page later', async () => {
    await startGate();
    await store.acceptAll();
    inline('late', 'analytics');
    const nested = add('section', {});
    inline('nested', 'analytics', {}).remove();
    add(
      'script',
      { type: 'text/plain', 'data-consent': 'analytics' },
      'window.__order.push("deep")',
      nested,
    );
    await waitUntil(() => window.__order.length === 2);
    expect(window.__order).to.deep.equal(['late', 'deep']);
  });

  it('holds a script added before the decision until consent is given', async () => {
    await startGate();
    inline('late', 'analytics');
    await settle();
    expect(window.__order).to.deep.equal([]);
    await store.acceptAll();
    expect(window.__order).to.deep.equal(['late']);
  });

  it('re-evaluates a script whose data-consent changes', async () => {
    const script = inline('switch', 'marketing');
    await startGate();
    await store.save({ analytics: true, marketing: false });
    expect(window.__order).to.deep.equal([]);
    script.setAttribute('data-consent', 'analytics');
    await settle();
    expect(window.__order).to.deep.equal(['switch']);
  });

  it('keeps the script’s own attributes and its place in the page', async () => {
    const before = add('p', { id: 'before' });
    add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      id: 'tracker',
      class: 'tag',
      'data-site-id': '42',
      crossorigin: 'anonymous',
      referrerpolicy: 'no-referrer',
      src: `${FIXTURES}lib.js`,
    });
    add('p', { id: 'after' });
    await startGate();
    await store.acceptAll();
    await waitUntil(() => window.__order.includes('lib'));
    const live = document.getElementById('tracker') as HTMLScriptElement;
    expect(live.hasAttribute('type'), 'no type: a classic script').to.equal(false);
    expect(live.getAttribute('class')).to.equal('tag');
    expect(live.getAttribute('data-site-id')).to.equal('42');
    expect(live.getAttribute('crossorigin')).to.equal('anonymous');
    expect(live.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(live.getAttribute('data-consent')).to.equal('analytics');
    expect(live.hasAttribute('data-keuze-activated')).to.equal(true);
    expect(live.previousElementSibling).to.equal(before);
    expect(live.nextElementSibling?.id).to.equal('after');
  });

  it('loads a gated script given as data-src', async () => {
    add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      'data-src': `${FIXTURES}lib.js`,
    });
    await startGate();
    await store.acceptAll();
    await waitUntil(() => window.__order.includes('lib'), 'the script loaded');
    expect(box.querySelector('script[data-keuze-activated]')!.getAttribute('src')).to.equal(
      `${FIXTURES}lib.js`,
    );
  });

  it('restores data-type="module" so module scripts run as modules', async () => {
    add('script', {
      type: 'text/plain',
      'data-type': 'module',
      'data-consent': 'analytics',
      src: `${FIXTURES}module.js`,
    });
    inline('after-module', 'analytics');
    await startGate();
    await store.acceptAll();
    await waitUntil(() => window.__order.length === 2);
    expect(window.__order).to.deep.equal(['module', 'after-module']);
    expect(box.querySelector('script[src$="module.js"]')!.getAttribute('type')).to.equal('module');
  });

  it('gives an activated script a CSP nonce only when the original carried one', async () => {
    inline('with', 'analytics', { id: 'with', nonce: 'r4nd0m' });
    inline('without', 'analytics', { id: 'without' });
    await startGate();
    await store.acceptAll();
    const withNonce = document.getElementById('with') as HTMLScriptElement;
    const without = document.getElementById('without') as HTMLScriptElement;
    expect(withNonce.nonce).to.equal('r4nd0m');
    expect(without.nonce).to.equal('');
    expect(without.hasAttribute('nonce')).to.equal(false);
  });

  it('runs under a strict CSP when the gated script carried the page nonce, and only then', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc =
      '<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src \'nonce-abc123\'">' +
      '<script type="text/plain" data-consent="analytics" nonce="abc123">window.ran.push("attribute")</script>';
    box.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as Window & { ran?: string[] };
    win.ran = [];
    // A nonce the browser hid (CSP header): only the property holds it.
    const hidden = doc.createElement('script');
    hidden.type = 'text/plain';
    hidden.dataset.consent = 'analytics';
    hidden.nonce = 'abc123';
    hidden.textContent = 'window.ran.push("hidden")';
    const none = doc.createElement('script');
    none.type = 'text/plain';
    none.dataset.consent = 'analytics';
    none.textContent = 'window.ran.push("none")';
    doc.body.append(hidden, none);
    expect(hidden.hasAttribute('nonce')).to.equal(false);
    await store.load();
    gate = new Gate(store, doc);
    gate.start();
    await store.acceptAll();
    await aTimeout(20);
    expect(win.ran).to.deep.equal(['attribute', 'hidden']);
  });

  it('warns when a script has data-consent but no type="text/plain" (it already ran unasked)', async () => {
    add('script', { 'data-consent': 'analytics', id: 'oops' }, 'window.__order.push("unasked")');
    await startGate();
    expect(warnings.some((w) => w.includes('oops') && w.includes('text/plain'))).to.equal(true);
  });
});

describe('Gate: unknown ids and unsafe URLs', () => {
  it('never runs a script naming an id the config does not know, and says so once', async () => {
    inline('typo', 'analytcs', { id: 'typo' });
    inline('typo-not', '!analytcs');
    await startGate();
    await store.acceptAll();
    await store.rejectAll();
    await settle();
    expect(window.__order).to.deep.equal([]);
    const aboutTypo = warnings.filter((w) => w.includes('#typo') && w.includes('"analytcs"'));
    expect(aboutTypo).to.have.length(1);
    expect(warnings.filter((w) => w.includes('"analytcs"'))).to.have.length(2);
  });

  it('keeps an element with an empty data-consent blocked and says so', async () => {
    inline('empty', ' ', { id: 'empty' });
    await startGate();
    await store.acceptAll();
    expect(window.__order).to.deep.equal([]);
    expect(
      warnings.filter((w) => w.includes('#empty') && w.includes('empty data-consent')),
    ).to.have.length(1);
  });

  it('refuses an iframe whose data-src is a javascript: URL', async () => {
    const frame = add('iframe', {
      'data-consent': 'youtube',
      'data-src': 'javascript:parent.__order.push("xss")',
    });
    await startGate();
    await store.acceptAll();
    await aTimeout(20);
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(window.__order).to.deep.equal([]);
    expect(warnings.some((w) => w.includes('unsafe URL'))).to.equal(true);
  });

  it('refuses a script loaded from a data: URL', async () => {
    add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      src: 'data:text/javascript,window.__order.push("data")',
    });
    await startGate();
    await store.acceptAll();
    await aTimeout(20);
    expect(window.__order).to.deep.equal([]);
    expect(warnings.some((w) => w.includes('unsafe URL'))).to.equal(true);
  });

  it('refuses an image whose data-srcset has a data: candidate', async () => {
    const img = add('img', {
      'data-consent': 'analytics',
      'data-src': '/__sink/gate-unsafe/pixel.gif',
      'data-srcset': '/__sink/gate-unsafe/pixel.gif 1x, data:image/gif;base64,R0lGOD 2x',
    });
    await startGate();
    await store.acceptAll();
    expect(img.hasAttribute('src')).to.equal(false);
  });
});

describe('Gate: iframes', () => {
  function frame(attrs: Record<string, string> = {}): HTMLIFrameElement {
    return add('iframe', {
      'data-consent': 'youtube',
      'data-src': `${FIXTURES}embed.html`,
      width: '560',
      height: '315',
      title: 'Product video',
      ...attrs,
    });
  }

  it('shows a placeholder in place of a blocked iframe that says what it needs', async () => {
    const el = frame();
    await startGate();
    const placeholder = el.previousElementSibling!;
    expect(placeholder.localName).to.equal('keuze-placeholder');
    expect(placeholder.getAttribute('consent')).to.equal('youtube');
    expect(placeholder.getAttribute('width')).to.equal('560');
    expect(placeholder.getAttribute('height')).to.equal('315');
    expect(el.hidden).to.equal(true);
    expect(el.hasAttribute('src')).to.equal(false);
  });

  it('loads the iframe and removes the placeholder once consent is given', async () => {
    const el = frame();
    await startGate();
    await store.save({ youtube: true });
    expect(box.querySelector('keuze-placeholder')).to.equal(null);
    expect(el.hidden).to.equal(false);
    expect(el.getAttribute('src')).to.equal(`${FIXTURES}embed.html`);
    await waitUntil(() => el.contentDocument?.getElementById('embed'), 'the embed loaded', {
      timeout: 3000,
    });
  });

  it('unloads the embed and shows the placeholder again when consent is withdrawn', async () => {
    const el = frame();
    await startGate();
    await store.acceptAll();
    await waitUntil(() => el.contentDocument?.getElementById('embed'), 'the embed loaded', {
      timeout: 3000,
    });
    await store.withdraw();
    expect(el.hasAttribute('src')).to.equal(false);
    expect(el.hidden).to.equal(true);
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(1);
    expect(el.previousElementSibling!.localName).to.equal('keuze-placeholder');
    await waitUntil(() => !el.contentDocument?.getElementById('embed'), 'the embed was unloaded', {
      timeout: 3000,
    });
    await store.acceptAll();
    await waitUntil(() => el.contentDocument?.getElementById('embed'), 'the embed loaded again', {
      timeout: 3000,
    });
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(0);
  });

  it('leaves an iframe the site itself hid hidden after activation', async () => {
    const el = frame({ hidden: '' });
    await startGate();
    await store.acceptAll();
    expect(el.hidden).to.equal(true);
    expect(el.hasAttribute('src')).to.equal(true);
  });

  it('stops an iframe that used src instead of data-src until consent, and says how to fix it', async () => {
    const el = add('iframe', {
      'data-consent': 'youtube',
      src: `${FIXTURES}embed.html`,
      id: 'eager',
    });
    await startGate();
    expect(el.hasAttribute('src')).to.equal(false);
    expect(el.hidden).to.equal(true);
    expect(warnings.some((w) => w.includes('#eager') && w.includes('data-src'))).to.equal(true);
    await store.acceptAll();
    expect(el.getAttribute('src')).to.equal(`${FIXTURES}embed.html`);
  });

  it('puts a placeholder before an iframe added later', async () => {
    await startGate();
    const el = frame();
    await settle();
    expect(el.previousElementSibling?.localName).to.equal('keuze-placeholder');
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(1);
  });
});

describe('Gate: images and templates', () => {
  it('requests a gated image only after consent, with its srcset', async () => {
    await fetch('/__sink/gate-img/clear');
    const img = add('img', {
      'data-consent': 'analytics',
      'data-src': '/__sink/gate-img/pixel.gif?src',
      'data-srcset': '/__sink/gate-img/pixel.gif?1x 1x',
      alt: '',
    });
    await startGate();
    await aTimeout(50);
    expect(await hits('gate-img'), 'requests before consent').to.have.length(0);
    await store.acceptAll();
    expect(img.getAttribute('srcset')).to.equal('/__sink/gate-img/pixel.gif?1x 1x');
    await waitUntil(() => img.complete && img.naturalWidth === 1, 'the pixel loaded');
    expect(await hits('gate-img')).to.have.length(1);
  });

  it('keeps an image that has loaded when consent is withdrawn', async () => {
    const img = add('img', {
      'data-consent': 'analytics',
      'data-src': '/__sink/gate-img2/pixel.gif',
      alt: '',
    });
    await startGate();
    await store.acceptAll();
    await store.rejectAll();
    expect(img.getAttribute('src')).to.equal('/__sink/gate-img2/pixel.gif');
  });

  it('inserts a template’s content right after it, once, however often consent flips', async () => {
    const template = add('template', { 'data-consent': 'marketing' });
    const p = document.createElement('p');
    p.className = 'promo';
    p.textContent = 'Our partners';
    template.content.append(p);
    await startGate();
    expect(box.querySelector('.promo')).to.equal(null);
    await store.acceptAll();
    await store.rejectAll();
    await store.acceptAll();
    const inserted = box.querySelectorAll('.promo');
    expect(inserted).to.have.length(1);
    expect(template.nextElementSibling).to.equal(inserted[0]);
  });

  it('activates gated content inside an inserted template', async () => {
    const template = add('template', { 'data-consent': 'marketing' });
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.dataset.consent = 'analytics';
    script.textContent = 'window.__order.push("from-template")';
    template.content.append(script);
    await startGate();
    await store.save({ marketing: true, analytics: false });
    await settle();
    expect(window.__order).to.deep.equal([]);
    await store.acceptAll();
    expect(window.__order).to.deep.equal(['from-template']);
  });
});

describe('Gate: start and stop', () => {
  it('activates nothing after stop()', async () => {
    inline('early', 'analytics');
    const g = await startGate();
    g.stop();
    await store.acceptAll();
    inline('late', 'analytics');
    await settle();
    expect(window.__order).to.deep.equal([]);
  });

  it('drops scripts still waiting in the queue when stopped', async () => {
    add('script', { type: 'text/plain', 'data-consent': 'analytics', src: `${FIXTURES}lib.js` });
    inline('queued', 'analytics');
    const g = await startGate();
    await store.acceptAll();
    g.stop();
    await waitUntil(() => window.__order.includes('lib'), 'the script already started finishes');
    await aTimeout(20);
    expect(window.__order).to.deep.equal(['lib']);
  });

  it('does nothing more when started twice', async () => {
    inline('once', 'analytics');
    const g = await startGate();
    g.start();
    await store.acceptAll();
    expect(window.__runs.once).to.equal(1);
  });
});

describe('Gate: legal bases', () => {
  it('runs a legitimate-interest script before any decision, as the visitor has not objected', async () => {
    inline('chat', 'functional');
    await startGate();
    expect(window.__order).to.deep.equal(['chat']);
  });

  it('keeps a legitimate-interest script blocked when a Global Privacy Control signal is honoured', async () => {
    inline('chat', 'functional');
    store.dispose();
    store = new ConsentStore(validateConfig(structuredClone(config)).config!, {
      adapter: new MemoryAdapter(),
      channel: false,
      gpc: true,
    });
    await startGate();
    await store.save({ analytics: true });
    await settle();
    expect(window.__order).to.deep.equal([]);
  });
});

describe('Gate: failing closed', () => {
  const gated =
    '<script type="text/plain" data-consent="necessary">window.ran.push("necessary")</script>' +
    '<script type="text/plain" data-consent="!analytics">window.ran.push("refused")</script>';

  it('runs nothing gated, not even necessary scripts, when the config is invalid', async () => {
    const { doc, win } = await frameDocument(gated);
    const console_error = console.error;
    console.error = () => {};
    try {
      const refused = new Keuze();
      await refused.init(
        { revision: '2026-01-01', purposes: [{ id: 'analytics', basis: 'maybe' }] },
        { root: doc },
      );
      await refused.rejectAll().catch(() => undefined);
    } finally {
      console.error = console_error;
    }
    await aTimeout(20);
    expect(win.ran).to.deep.equal([]);
  });

  it('is started by keuze.init with a valid config', async () => {
    const { doc, win } = await frameDocument(gated);
    const started = new Keuze();
    await started.init(structuredClone(config), {
      root: doc,
      adapter: new MemoryAdapter(),
      channel: false,
    });
    expect(win.ran).to.deep.equal(['necessary']);
    await started.rejectAll();
    expect(win.ran).to.deep.equal(['necessary', 'refused']);
    started.store?.dispose();
  });
});

describe('Gate: unusual scripts', () => {
  it('runs an inline module script without holding up the scripts after it', async () => {
    // Browsers fire no load event for inline modules and defer them, as they do in plain HTML.
    add(
      'script',
      { type: 'text/plain', 'data-type': 'module', 'data-consent': 'analytics' },
      'window.__order.push("inline-module"); export {};',
    );
    inline('classic', 'analytics');
    await startGate();
    await store.acceptAll();
    await waitUntil(() => window.__order.length === 2);
    expect(window.__order).to.have.members(['inline-module', 'classic']);
  });

  it('does not stall on scripts the browser will not run (nomodule, template types)', async () => {
    add('script', {
      type: 'text/plain',
      'data-consent': 'analytics',
      nomodule: '',
      src: `${FIXTURES}after.js`,
    });
    add('script', {
      type: 'text/plain',
      'data-type': 'text/x-template',
      'data-consent': 'analytics',
      src: `${FIXTURES}after.js`,
    });
    inline('next', 'analytics');
    await startGate();
    await store.acceptAll();
    await aTimeout(50);
    expect(window.__order).to.deep.equal(['next']);
    expect(
      box.querySelector('script[type="text/x-template"]')!.hasAttribute('data-keuze-activated'),
    ).to.equal(true);
  });

  it('does not run a script that was removed from the page while it waited its turn', async () => {
    add('script', { type: 'text/plain', 'data-consent': 'analytics', src: `${FIXTURES}lib.js` });
    const doomed = inline('doomed', 'analytics');
    inline('kept', 'analytics');
    await startGate();
    await store.acceptAll();
    doomed.remove();
    await waitUntil(() => window.__order.includes('kept'));
    expect(window.__order).to.deep.equal(['lib', 'kept']);
  });

  it('does not run a waiting script when consent is withdrawn before its turn, but runs it after a new yes', async () => {
    add('script', { type: 'text/plain', 'data-consent': 'analytics', src: `${FIXTURES}lib.js` });
    inline('waiting', 'analytics');
    await startGate();
    await store.acceptAll();
    await store.rejectAll();
    await waitUntil(() => window.__order.includes('lib'));
    await aTimeout(20);
    expect(window.__order).to.deep.equal(['lib']);
    await store.acceptAll();
    expect(window.__order).to.deep.equal(['lib', 'waiting']);
  });
});

describe('Gate: scope', () => {
  it('acts only inside the element it was given', async () => {
    const inside = add('section', {});
    add(
      'script',
      { type: 'text/plain', 'data-consent': 'analytics' },
      'window.__order.push("inside")',
      inside,
    );
    inline('outside', 'analytics');
    await store.load();
    gate = new Gate(store, inside);
    gate.start();
    await store.acceptAll();
    add(
      'script',
      { type: 'text/plain', 'data-consent': 'analytics' },
      'window.__order.push("inside-late")',
      inside,
    );
    inline('outside-late', 'analytics');
    await settle();
    expect(window.__order).to.deep.equal(['inside', 'inside-late']);
  });
});

describe('Gate: cost', () => {
  it('runs 1000 gated scripts within a second of the decision', async () => {
    for (let i = 0; i < 1000; i += 1) inline(`s${i}`, i % 2 ? 'analytics' : 'matomo');
    for (let i = 0; i < 3000; i += 1) add('p', {}, 'filler');
    await store.load();
    let t = performance.now();
    await startGate();
    const startMs = performance.now() - t;
    t = performance.now();
    await store.acceptAll();
    const acceptMs = performance.now() - t;
    expect(window.__order).to.have.length(1000);
    expect(window.__order[999]).to.equal('s999');
    console.log(
      `[gate cost] 1000 scripts in a 4000-element page: start ${startMs.toFixed(1)} ms, accept ${acceptMs.toFixed(1)} ms`,
    );
    expect(acceptMs).to.be.below(1000);
  });

  it('swaps 100 iframes and their placeholders in and out quickly', async () => {
    for (let i = 0; i < 100; i += 1) {
      add('iframe', { 'data-consent': 'youtube', 'data-src': `${FIXTURES}embed.html?${i}` });
    }
    let t = performance.now();
    await startGate();
    const startMs = performance.now() - t;
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(100);
    t = performance.now();
    await store.acceptAll();
    const acceptMs = performance.now() - t;
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(0);
    t = performance.now();
    await store.withdraw();
    const withdrawMs = performance.now() - t;
    expect(box.querySelectorAll('keuze-placeholder')).to.have.length(100);
    console.log(
      `[gate cost] 100 iframes: start ${startMs.toFixed(1)} ms, accept ${acceptMs.toFixed(1)} ms, withdraw ${withdrawMs.toFixed(1)} ms`,
    );
    expect(startMs + acceptMs + withdrawMs).to.be.below(3000);
  });
});
