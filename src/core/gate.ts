// The gate: activates consent-gated content once the visitor's choices allow it.
//
//   <script type="text/plain" data-consent="analytics" src="…">   runs when analytics is granted
//   <script type="text/plain" data-consent="!analytics">…</script> runs when analytics is refused
//   <iframe data-consent="youtube" data-src="…">                   loads; a placeholder stands in while blocked
//   <iframe data-consent="…" data-srcdoc="…">                       the same for inline content
//   <img data-consent="…" data-src="…" data-srcset="…">            loads
//   <template data-consent="…">                                    its content is inserted after it, once
//
// Pure DOM work, no Lit. Nothing here parses markup from strings: scripts are
// re-created element by element, so a page's CSP nonce keeps working.
//
// Trusted Types: what the page's own markup says passed the browser's parser,
// so the `keuze` policy hands it on. Markup is what is there when the gate
// starts or arrives while the document is still loading. What arrives later was
// put there by a script (createElement, a data-src or a text node, which no
// policy ever saw): it is handed on as a plain string, so the browser applies
// the page's default policy or refuses it, exactly as it would for the
// inserting script itself. The gate is never a way round the page's policy.
import { isSafeUrl } from './config/safe-url.js';
import { trustedScript, trustedScriptURL } from './trusted-types.js';
import type { ConsentStore } from './store.js';
import type { Config } from './types.js';

/** What the gate needs from a store; `ConsentStore` is one. */
export type GateStore = Pick<ConsentStore, 'config' | 'granted' | 'get'> &
  Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** Attribute put on every script, iframe, image and template the gate activated. */
export const ACTIVATED = 'data-keuze-activated';

const SELECTOR =
  'script[data-consent], iframe[data-consent], img[data-consent], template[data-consent]';

/** The script types that make a browser fetch and run a script (and so fire `load` or `error`). */
const JS_TYPES = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/jscript',
  'text/livescript',
  'text/x-javascript',
  'text/x-ecmascript',
]);

/** A parsed `data-consent` value: ids that must be granted and ids that must be refused. */
export interface ConsentCondition {
  grant: string[];
  refuse: string[];
}

/** Parses `"analytics youtube !marketing"`; empty parts are ignored. */
export function parseCondition(value: string): ConsentCondition {
  const grant: string[] = [];
  const refuse: string[] = [];
  for (const part of value.trim().split(/\s+/)) {
    if (!part) continue;
    if (part.startsWith('!')) {
      if (part.length > 1) refuse.push(part.slice(1));
    } else grant.push(part);
  }
  return { grant, refuse };
}

/** Every purpose and service id of a config. */
function knownIds(config: Config): Set<string> {
  const ids = new Set<string>();
  for (const purpose of config.purposes ?? []) {
    ids.add(purpose.id);
    for (const service of purpose.services ?? []) ids.add(service.id);
  }
  return ids;
}

/** A short, recognisable description of an element for console messages. */
function describeElement(el: Element): string {
  const tag = el.localName;
  const id = el.id ? `#${el.id}` : '';
  const src = el.getAttribute('src') ?? el.getAttribute('data-src');
  return `<${tag}${id} data-consent="${el.getAttribute('data-consent') ?? ''}"${src ? ` src="${src}"` : ''}>`;
}

function byDocumentOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The URLs of a `srcset` value (each candidate is "url [descriptor]"). */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter((url) => url.length > 0);
}

/**
 * Activates consent-gated scripts, iframes, images and templates in a document
 * (or below an element), now and whenever the consent or the markup changes.
 *
 * Scripts run at most once per page, in document order, an external one
 * finishing (load or error) before the next starts. They cannot be "un-run":
 * after a withdrawal only a page reload stops them (config `reloadOnWithdraw`).
 * An activated iframe goes back behind its placeholder when consent is
 * withdrawn; an image that has loaded stays.
 */
export class Gate {
  private readonly doc: Document;
  private readonly known: Set<string>;
  private observer?: MutationObserver;
  private running = false;
  /** Scripts waiting for their turn, kept in document order. */
  private pending: HTMLScriptElement[] = [];
  /** An external script is loading; the queue waits for it. */
  private busy = false;
  /** Original scripts and templates that were queued or activated: never again. */
  private readonly handled = new WeakSet<Element>();
  /** Iframes the gate gave a `src`, and the ones it hid. */
  private readonly framesOn = new WeakSet<HTMLIFrameElement>();
  private readonly hiddenByGate = new WeakSet<HTMLIFrameElement>();
  private readonly placeholders = new WeakMap<HTMLIFrameElement, Element>();
  /** Elements of the page's markup (see the top of this file). */
  private readonly markup = new WeakSet<Element>();
  /** Elements already reported in the console, so each problem is said once. */
  private readonly warned = new WeakMap<Element, Set<string>>();

  constructor(
    protected store: GateStore,
    protected root: Document | Element = document,
  ) {
    this.doc = root.ownerDocument ?? (root as Document);
    this.known = knownIds(store.config);
  }

  /** Activates what the current consent allows and keeps watching. Calling it twice does nothing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.store.addEventListener('change', this.handleChange);
    this.store.addEventListener('ready', this.handleChange);
    const view = this.doc.defaultView ?? window;
    this.observer = new view.MutationObserver(this.handleMutations);
    this.observer.observe(this.root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-consent', 'data-src', 'data-srcset', 'data-srcdoc', 'srcdoc'],
    });
    for (const el of Array.from(this.root.querySelectorAll(SELECTOR))) this.markup.add(el);
    if (this.root !== this.doc) this.markup.add(this.root as Element);
    this.scan();
  }

  /** Stops watching. Scripts still waiting in the queue are dropped; content already activated stays. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.store.removeEventListener('change', this.handleChange);
    this.store.removeEventListener('ready', this.handleChange);
    this.observer?.disconnect();
    this.observer = undefined;
    for (const script of this.pending) this.handled.delete(script);
    this.pending = [];
  }

  /** Re-evaluates every gated element below the root (after a change of consent). */
  scan(): void {
    if (!this.running) return;
    const found = Array.from(this.root.querySelectorAll(SELECTOR));
    if (this.root !== this.doc && (this.root as Element).matches(SELECTOR))
      found.unshift(this.root as Element);
    this.process(found);
  }

  /** Whether a `data-consent` value is satisfied by the current consent. Unknown ids never are. */
  allows(value: string, decided = this.store.get().decided): boolean {
    const { grant, refuse } = parseCondition(value);
    if (grant.length + refuse.length === 0) return false;
    const ids = [...grant, ...refuse];
    if (ids.some((id) => !this.known.has(id))) return false;
    return (
      grant.every((id) => this.store.granted(id)) &&
      refuse.every((id) => decided && !this.store.granted(id))
    );
  }

  private handleChange = (): void => {
    this.scan();
  };

  private handleMutations = (records: MutationRecord[]): void => {
    const found = new Set<Element>();
    for (const record of records) {
      if (record.type === 'attributes') {
        if ((record.target as Element).matches(SELECTOR)) found.add(record.target as Element);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const el = node as Element;
        if (el.matches(SELECTOR)) found.add(el);
        for (const inner of Array.from(el.querySelectorAll(SELECTOR))) found.add(inner);
      }
    }
    if (this.doc.readyState === 'loading') for (const el of found) this.markup.add(el);
    if (found.size > 0) this.process(Array.from(found).filter((el) => el.isConnected));
  };

  private process(elements: Element[]): void {
    const decided = this.store.get().decided;
    const scripts: HTMLScriptElement[] = [];
    for (const el of elements) {
      try {
        this.processOne(el, decided, scripts);
      } catch (error) {
        // One element the page's policy refuses (a srcdoc under Trusted Types) never stops the rest.
        this.warn(
          el,
          'run',
          `could not be activated (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    if (scripts.length > 0) this.enqueue(scripts);
  }

  private processOne(el: Element, decided: boolean, scripts: HTMLScriptElement[]): void {
    if (!this.check(el)) return;
    const allowed = this.allows(el.getAttribute('data-consent') ?? '', decided);
    switch (el.localName) {
      case 'script':
        if (allowed) scripts.push(el as HTMLScriptElement);
        break;
      case 'iframe':
        this.gateFrame(el as HTMLIFrameElement, allowed);
        break;
      case 'img':
        if (allowed) this.activateImage(el as HTMLImageElement);
        break;
      case 'template':
        if (allowed) this.activateTemplate(el as HTMLTemplateElement);
        break;
    }
  }

  /** Whether an element is one the gate should act on; warns (once) about the ones it refuses. */
  private check(el: Element): boolean {
    if (el.hasAttribute(ACTIVATED)) return false;
    if (el.localName === 'script') {
      if ((el.getAttribute('type') ?? '').trim().toLowerCase() !== 'text/plain') {
        this.warn(
          el,
          'type',
          'has data-consent but no type="text/plain", so the browser ran it without asking',
        );
        return false;
      }
    }
    if (
      el.localName === 'iframe' &&
      el.hasAttribute('srcdoc') &&
      !this.framesOn.has(el as HTMLIFrameElement)
    ) {
      // Inline content runs like a page of its own: hold it back as data-srcdoc until consent.
      this.warn(
        el,
        'srcdoc',
        'has srcdoc instead of data-srcdoc, so it could run before consent; use data-srcdoc',
      );
      if (!el.hasAttribute('data-srcdoc'))
        el.setAttribute('data-srcdoc', el.getAttribute('srcdoc')!);
      el.removeAttribute('srcdoc');
    }
    if (
      el.localName === 'iframe' &&
      !el.hasAttribute('data-src') &&
      !el.hasAttribute('data-srcdoc')
    ) {
      const src = el.getAttribute('src');
      if (src !== null && src !== 'about:blank' && !this.framesOn.has(el as HTMLIFrameElement)) {
        // It loaded before anyone asked. Take it over so it is at least stopped until consent.
        this.warn(
          el,
          'src',
          'has src instead of data-src, so it loaded before consent; use data-src',
        );
        el.setAttribute('data-src', src);
      }
    }
    const value = el.getAttribute('data-consent') ?? '';
    const { grant, refuse } = parseCondition(value);
    if (grant.length + refuse.length === 0) {
      this.warn(el, '', 'has an empty data-consent; it stays blocked');
      return false;
    }
    let ok = true;
    for (const id of [...grant, ...refuse]) {
      if (!this.known.has(id)) {
        this.warn(
          el,
          `id:${id}`,
          `names "${id}", which is no purpose or service in the config; it stays blocked`,
        );
        ok = false;
      }
    }
    for (const url of this.urlsOf(el)) {
      if (!isSafeUrl(url)) {
        this.warn(
          el,
          `url:${url}`,
          `has the unsafe URL "${url}"; only http(s) and relative URLs are loaded`,
        );
        ok = false;
      }
    }
    return ok;
  }

  private urlsOf(el: Element): string[] {
    const urls: string[] = [];
    for (const name of el.localName === 'script' ? ['src', 'data-src'] : ['data-src']) {
      const value = el.getAttribute(name);
      if (value !== null) urls.push(value);
    }
    const srcset = el.localName === 'img' ? el.getAttribute('data-srcset') : null;
    if (srcset !== null) urls.push(...srcsetUrls(srcset));
    return urls;
  }

  private warn(el: Element, key: string, message: string): void {
    const said = this.warned.get(el) ?? new Set<string>();
    if (said.has(key)) return;
    said.add(key);
    this.warned.set(el, said);
    console.warn(`[keuze] ${describeElement(el)} ${message}.`, el);
  }

  // Scripts ------------------------------------------------------------------

  private enqueue(scripts: HTMLScriptElement[]): void {
    const fresh = scripts.filter((script) => !this.handled.has(script));
    if (fresh.length === 0) return;
    for (const script of fresh) this.handled.add(script);
    this.pending.push(...fresh);
    this.pending.sort(byDocumentOrder);
    this.pump();
  }

  /** Runs queued scripts in order until one has to be waited for. */
  private pump(): void {
    const decided = this.store.get().decided;
    while (this.running && !this.busy && this.pending.length > 0) {
      const original = this.pending.shift()!;
      // Removed from the page, or consent withdrawn while it waited: it may come back later.
      if (
        !original.isConnected ||
        !this.allows(original.getAttribute('data-consent') ?? '', decided)
      ) {
        this.handled.delete(original);
        continue;
      }
      let wait: Promise<void> | undefined;
      try {
        wait = this.runScript(original);
      } catch (error) {
        // Refused (by the page's Trusted Types policy, say): this one stays blocked, the queue goes on.
        this.warn(
          original,
          'run',
          `could not be run (${error instanceof Error ? error.message : String(error)})`,
        );
        continue;
      }
      if (wait) {
        this.busy = true;
        void wait.then(() => {
          this.busy = false;
          this.pump();
        });
      }
    }
  }

  /** Replaces the inert original by a live copy; returns a promise when the next script must wait for it. */
  private runScript(original: HTMLScriptElement): Promise<void> | undefined {
    const script = this.doc.createElement('script');
    const markup = this.markup.has(original);
    for (const attr of Array.from(original.attributes)) {
      // The nonce attribute is hidden by browsers under a CSP; the property below carries it.
      if (attr.name === 'type' || attr.name === 'nonce') continue;
      // A script's own src passed Trusted Types when it was set, whoever set it.
      if (attr.name === 'src') script.setAttribute('src', trustedScriptURL(attr.value));
      else if (/^on/i.test(attr.name))
        script.setAttribute(attr.name, markup ? trustedScript(attr.value) : attr.value);
      else script.setAttribute(attr.name, attr.value);
    }
    const type = original.getAttribute('data-type');
    if (type) script.setAttribute('type', type);
    if (!script.hasAttribute('src') && original.hasAttribute('data-src')) {
      const url = original.getAttribute('data-src')!;
      script.setAttribute('src', markup ? trustedScriptURL(url) : url);
    }
    if (original.nonce) script.nonce = original.nonce;
    script.setAttribute(ACTIVATED, '');
    const external = script.hasAttribute('src');
    if (!external) {
      const text = original.textContent ?? '';
      script.textContent = markup ? trustedScript(text) : text;
    }
    // Dynamically inserted scripts are async by default; the queue keeps the order, this keeps the fetch honest.
    if (!original.hasAttribute('async')) script.async = false;

    const kind = (type ?? '').trim().toLowerCase();
    const nomodule = script.hasAttribute('nomodule') && 'noModule' in HTMLScriptElement.prototype;
    // Only external scripts the browser runs fire load/error. Inline classic scripts run
    // during insertion; inline modules fire nothing and are deferred by nature, as in HTML.
    const waits = external && JS_TYPES.has(kind) && !nomodule;
    const done = waits
      ? new Promise<void>((resolve) => {
          script.addEventListener('load', () => resolve(), { once: true });
          script.addEventListener('error', () => resolve(), { once: true });
        })
      : undefined;
    original.replaceWith(script);
    return done;
  }

  // Iframes, images, templates ----------------------------------------------------

  private gateFrame(frame: HTMLIFrameElement, allowed: boolean): void {
    const url = frame.getAttribute('data-src');
    if (allowed) {
      this.placeholders.get(frame)?.remove();
      this.placeholders.delete(frame);
      if (this.hiddenByGate.has(frame)) {
        frame.hidden = false;
        this.hiddenByGate.delete(frame);
      }
      const doc = frame.getAttribute('data-srcdoc');
      this.framesOn.add(frame);
      if (doc !== null && frame.getAttribute('srcdoc') !== doc) {
        // As a plain string: the page's own Trusted Types policy, if any, decides.
        frame.setAttribute('srcdoc', doc);
      }
      if (url !== null && frame.getAttribute('src') !== url) frame.setAttribute('src', url);
      return;
    }
    if (this.framesOn.has(frame) || (url !== null && frame.getAttribute('src') === url)) {
      // Consent withdrawn (or never given to an iframe that loaded by itself): unload the embed.
      this.framesOn.delete(frame);
      frame.removeAttribute('srcdoc');
      frame.removeAttribute('src');
    }
    if (!frame.hidden) {
      frame.hidden = true;
      this.hiddenByGate.add(frame);
    }
    const existing = this.placeholders.get(frame);
    if (existing?.isConnected && existing.nextSibling === frame) {
      existing.setAttribute('consent', frame.getAttribute('data-consent') ?? '');
      return;
    }
    existing?.remove();
    this.placeholders.set(frame, placeholderFor(frame));
  }

  private activateImage(img: HTMLImageElement): void {
    const srcset = img.getAttribute('data-srcset');
    const sizes = img.getAttribute('data-sizes');
    const src = img.getAttribute('data-src');
    // sizes and srcset before src, so the browser picks the right candidate on the first request.
    if (sizes !== null) img.setAttribute('sizes', sizes);
    if (srcset !== null) img.setAttribute('srcset', srcset);
    if (src !== null) img.setAttribute('src', src);
    img.setAttribute(ACTIVATED, '');
  }

  private activateTemplate(template: HTMLTemplateElement): void {
    if (this.handled.has(template)) return;
    this.handled.add(template);
    template.after(this.doc.importNode(template.content, true));
    template.setAttribute(ACTIVATED, '');
  }
}

/** Puts a <keuze-placeholder> for `frame` right before it. */
function placeholderFor(frame: HTMLIFrameElement): Element {
  const placeholder = frame.ownerDocument.createElement('keuze-placeholder');
  placeholder.setAttribute('consent', frame.getAttribute('data-consent') ?? '');
  // Only what <keuze-placeholder> reads: a `title` would become a tooltip over the whole box.
  for (const name of ['width', 'height']) {
    const value = frame.getAttribute(name);
    if (value !== null) placeholder.setAttribute(name, value);
  }
  frame.before(placeholder);
  return placeholder;
}

/**
 * The config was refused, so no gate runs and nothing gated will load: each gated
 * iframe is hidden behind a placeholder that says so, instead of staying a blank box.
 * Iframes a script inserts later get the same; one that arrives with `src` or `srcdoc`
 * is stopped first, as the gate would. Gated scripts stay `text/plain` and never run.
 */
export function standInForRefused(doc: Document): void {
  const standIn = (frame: HTMLIFrameElement): void => {
    for (const name of ['src', 'srcdoc']) {
      const value = frame.getAttribute(name);
      if (value === null || value === 'about:blank') continue;
      if (!frame.hasAttribute(`data-${name}`)) frame.setAttribute(`data-${name}`, value);
      frame.removeAttribute(name);
    }
    if (frame.previousElementSibling?.localName !== 'keuze-placeholder')
      placeholderFor(frame).setAttribute('unavailable', '');
    frame.hidden = true;
  };
  const place = (): void => {
    doc.querySelectorAll<HTMLIFrameElement>('iframe[data-consent]').forEach(standIn);
  };
  const view = doc.defaultView ?? window;
  new view.MutationObserver(place).observe(doc, {
    childList: true,
    subtree: true,
    attributeFilter: ['data-consent', 'src', 'srcdoc'],
  });
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', place, { once: true });
  else place();
}
