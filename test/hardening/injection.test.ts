// Injection: markup in config and locale strings reaches the visitor as text,
// never as elements or handlers; only http(s), mailto, tel and relative URLs
// are accepted anywhere a visitor can be sent.
import { expect, waitUntil } from '@open-wc/testing';
import { validateConfig } from '../../src/core/config/validate.js';
import type { Keuze } from '../../src/core/keuze.js';
import { exampleConfig, purposesOf } from '../helpers/configs.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  "'><iframe src=javascript:window.__xss=4>",
  '{{constructor.constructor("window.__xss=5")()}}',
];
const MARK = PAYLOADS.join(' ');

interface SiteWindow extends Window {
  keuze: Keuze;
  __xss?: number;
}

function hostileConfig(): Record<string, unknown> {
  const raw = exampleConfig();
  raw.controller = { name: `Voorbeeld ${MARK}` };
  raw.texts = { en: { 'banner.title': `Title ${MARK}`, 'banner.accept': `Accept ${PAYLOADS[0]}` } };
  for (const purpose of purposesOf(raw)) {
    purpose.name = `Name ${MARK}`;
    purpose.description = { en: `Description ${MARK}`, nl: `Beschrijving ${MARK}` };
    if (purpose.basis === 'necessary') purpose.justification = `Justified ${MARK}`;
    for (const service of (purpose.services ?? []) as Array<Record<string, unknown>>) {
      service.provider = `Provider ${MARK}`;
      service.name = `Service ${MARK}`;
      for (const item of (service.storage ?? []) as Array<Record<string, unknown>>) {
        item.purpose = `Item ${MARK}`;
        item.provider = `Item provider ${MARK}`;
      }
    }
  }
  return raw;
}

/** Every element in the document and in every open shadow root below it. */
function everyElement(root: Document | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    found.push(element);
    if (element.shadowRoot) found.push(...everyElement(element.shadowRoot));
  }
  return found;
}

function allText(root: Document | ShadowRoot): string {
  return everyElement(root)
    .filter((element) => element.localName !== 'script')
    .flatMap((element) =>
      Array.from(element.childNodes).filter((node) => node.nodeType === Node.TEXT_NODE),
    )
    .map((node) => node.textContent)
    .join(' ');
}

describe('markup in config and locale strings', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('is accepted by the validator as plain text', () => {
    expect(validateConfig(hostileConfig()).errors).to.deep.equal([]);
  });

  it('renders as text in the banner, the cookie centre and the notice, creating no element and running nothing', async () => {
    localStorage.clear();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('keuze');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    const json = JSON.stringify(hostileConfig()).replace(/</g, '\\u003c');
    const frame = document.createElement('iframe');
    frame.style.width = '1024px';
    frame.style.height = '700px';
    frame.srcdoc = `<!doctype html><html lang="en"><head>
      <script type="application/json" id="keuze-config">${json}</script>
      <script src="/dist/keuze.min.js"></script></head>
      <body><keuze-notice></keuze-notice></body></html>`;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const site = frame.contentWindow as SiteWindow;
    await waitUntil(() => site.keuze, 'window.keuze never appeared');
    await site.keuze.ready;
    const before = new Set(everyElement(site.document));
    await waitUntil(
      () => allText(site.document).includes('Title <img'),
      'the banner title was not rendered as text',
    );
    site.keuze.open();
    await waitUntil(
      () => allText(site.document).includes('Item provider <img'),
      'the cookie centre storage table was not rendered',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const text = allText(site.document);
    for (const expected of [
      'Title <img src=x',
      'Voorbeeld <img',
      'Name <img',
      '<script>window.__xss=2</script>',
      '"><svg onload=',
      'Description <img',
      'Provider <img',
      'Item <img',
      'Accept <img',
    ]) {
      expect(text.includes(expected), `shown literally: ${expected}`).to.equal(true);
    }
    const elements = everyElement(site.document);
    expect(elements.length).to.be.above(before.size);
    for (const element of elements) {
      for (const attribute of Array.from(element.attributes)) {
        expect(
          attribute.name.startsWith('on'),
          `${element.localName} has ${attribute.name}`,
        ).to.equal(false);
        expect(
          /^\s*javascript:/i.test(attribute.value),
          `${element.localName}[${attribute.name}]`,
        ).to.equal(false);
      }
      // No element came from a payload: none carries the payloads' src=x or lives in an injected iframe.
      expect(element.getAttribute('src'), element.localName).not.to.equal('x');
    }
    expect(
      elements.filter(
        (element) =>
          element.localName === 'iframe' && /javascript/i.test(element.getAttribute('src') ?? ''),
      ),
    ).to.deep.equal([]);
    expect(site.__xss).to.equal(undefined);
  });
});

describe('URLs a visitor can be sent to', () => {
  const accepted = [
    'https://example.nl/privacy',
    'http://example.nl',
    '/privacy',
    'privacy.html',
    '#cookies',
    'mailto:dpo@example.nl',
    'tel:+31201234567',
    '//example.nl/p',
  ];
  const refused = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
    'ftp://example.nl',
    'blob:https://example.nl/1',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
  ];

  for (const url of accepted) {
    it(`accepts ${JSON.stringify(url)} as a privacy policy and a notice link`, () => {
      const raw = exampleConfig();
      raw.notice = { url };
      (purposesOf(raw)[3].services as Array<Record<string, unknown>>)[0].privacyPolicy = url;
      expect(validateConfig(raw).errors).to.deep.equal([]);
    });
  }

  for (const url of refused) {
    it(`refuses ${JSON.stringify(url)} as a privacy policy, a notice link and a log endpoint`, () => {
      const raw = exampleConfig();
      raw.notice = { url };
      raw.log = { endpoint: url };
      (purposesOf(raw)[3].services as Array<Record<string, unknown>>)[0].privacyPolicy = url;
      const paths = validateConfig(raw).errors.map((issue) => issue.path);
      expect(paths).to.include.members([
        'notice.url',
        'log.endpoint',
        'purposes[3].services[0].privacyPolicy',
      ]);
    });
  }
});
