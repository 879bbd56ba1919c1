// Element registration of the engine (the `engine` part of the script-tag
// build; the npm `keuze/define` registers everything at once). The banner is
// the first layer's (src/lazy/banner.ts); the engine brings the re-open button.
// The cookie centre, the privacy notice and the blocked-embed placeholder are
// parts of their own, loaded on demand: the centre on the first request to
// open it (and ahead of time when a pointer or focus reaches a "Settings"
// control), the notice and the placeholder when such an element is in the page.
import { KeuzeReopen } from '../elements/reopen/reopen.js';
import type { ConsentStore } from '../core/store.js';
import { keuze, setUnavailableMessage } from '../core/keuze.js';
import { loadPart, reportLoadError, type LazyPart as Part } from './loader.js';
import { openerOf } from '../elements/events.js';
import { whenIdle } from '../core/idle.js';

const CENTRE = 'keuze-centre';
const NOTICE = 'keuze-notice';

if (!customElements.get('keuze-reopen')) customElements.define('keuze-reopen', KeuzeReopen);

/** Loads a part; a failure is something the site owner must see. */
function load(part: Part): Promise<boolean> {
  return loadPart(part).then(
    () => true,
    (error: Error) => {
      reportLoadError(part, error);
      return false;
    },
  );
}

// The centre: the store asks for it with an 'open' event. Until the centre is defined
// nobody answers, so load it and ask again; from then on the centre answers itself.
const handleOpen = (event: Event): void => {
  if (customElements.get(CENTRE)) return;
  const store = event.target as ConsentStore;
  const opener = (event as CustomEvent<{ opener?: Element | null }>).detail?.opener ?? null;
  void load('centre').then((ok) => {
    if (ok) store.requestOpen(opener);
  });
};
document.addEventListener(
  'keuze-ready',
  () => {
    if (keuze.store) keuze.store.addEventListener('open', handleOpen);
    else document.addEventListener('click', handleRefusedOpen);
    if (keuze.store?.needsDecision) whenIdle(loadCentreAhead);
  },
  { once: true },
);
setUnavailableMessage(showUnavailable);

// The first layer is on screen with its "Settings" button: the centre's files come while the
// visitor reads, at low priority and in idle time, so the first click only renders it.
function loadCentreAhead(): void {
  if (customElements.get(CENTRE) || !keuze.store?.needsDecision) return;
  if (!document.querySelector('keuze-banner')) return; // data-ui="none": the site's own UI
  void loadPart('centre', true).catch(() => {}); // the click reports failures
}

// The config was refused: a "Cookie settings" link says so, rather than doing nothing.
function handleRefusedOpen(event: MouseEvent): void {
  const opener = openerOf(event);
  if (!opener) return;
  event.preventDefault();
  showUnavailable(opener);
}

/** The message that the cookie settings are unavailable (a refused config); focus returns to `opener`. */
export function showUnavailable(opener: Element | null): void {
  void load('placeholder').then((ok) => {
    if (!ok) return;
    let message = document.querySelector('keuze-unavailable');
    if (!message) {
      message = document.createElement('keuze-unavailable');
      document.body.append(message);
    }
    void message.show(opener);
  });
}

// Preload when the visitor is about to ask: a pointer over, focus on, or a touch of a
// "Settings" button or a `data-keuze-open` link. By the click the centre is usually there.
const intents = ['pointerover', 'focusin', 'touchstart'] as const;
const handleIntent = (event: Event): void => {
  const near = event
    .composedPath()
    .some(
      (node) =>
        node instanceof Element &&
        (node.hasAttribute('data-keuze-open') ||
          node.getAttribute('data-keuze-action') === 'open-centre'),
    );
  if (!near) return;
  for (const type of intents) document.removeEventListener(type, handleIntent, true);
  if (!customElements.get(CENTRE)) void loadPart('centre').catch(() => {}); // the click reports failures
};
for (const type of intents)
  document.addEventListener(type, handleIntent, { capture: true, passive: true });

// The notice and the placeholder: only some pages have one (privacy pages; pages with
// a blocked embed, where the gate adds it). Watch the document until each appeared.
const watched = new Map<Part, HTMLCollection>([
  ['notice', document.getElementsByTagName(NOTICE)], // live collections: checking them is cheap
  ['placeholder', document.getElementsByTagName('keuze-placeholder')],
]);
const loadPresent = (): boolean => {
  for (const [part, elements] of watched) {
    if (elements.length === 0) continue;
    watched.delete(part);
    if (!customElements.get(`keuze-${part}`)) void load(part);
  }
  return watched.size === 0;
};
if (!loadPresent()) {
  const observer = new MutationObserver(() => {
    if (loadPresent()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}
