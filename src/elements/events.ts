// The public show/hide events (contract: bubble, composed, reach `document`).
import type { VisibleLayer } from '../core/types.js';

export function emitLayer(
  host: HTMLElement,
  type: 'keuze-show' | 'keuze-hide',
  layer: VisibleLayer,
): void {
  host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: { layer } }));
}

/**
 * The `[data-keuze-open]` element a primary click landed on (a footer link
 * "Cookie settings"), unless the page already handled the click.
 */
export function openerOf(event: MouseEvent): Element | undefined {
  if (event.defaultPrevented || event.button !== 0) return undefined;
  return event
    .composedPath()
    .find(
      (node): node is Element => node instanceof Element && node.hasAttribute('data-keuze-open'),
    );
}

/** Whether an element can take focus visibly right now (connected, rendered, not inert). */
export function canFocus(element: Element | null | undefined): element is HTMLElement {
  if (!element || !element.isConnected || !(element instanceof HTMLElement)) return false;
  if (element.closest('[inert]')) return false;
  const target: HTMLElement = element;
  return typeof target.checkVisibility === 'function'
    ? target.checkVisibility()
    : target.getClientRects().length > 0;
}

/** Focuses the floating re-open button, if the page has a visible one. */
async function focusReopen(): Promise<boolean> {
  const reopen = document.querySelector('keuze-reopen') as
    (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  if (!reopen) return false;
  await reopen.updateComplete;
  const button = reopen.shadowRoot?.querySelector('button');
  if (!canFocus(button)) return false;
  button.focus();
  return true;
}

/** The page element (outside every Keuze element) that had focus last. */
let pageFocus: Element | null = null;
let tracking = false;

const inKeuze = (path: EventTarget[]) =>
  path.some((node) => node instanceof Element && node.localName.startsWith('keuze-'));

/** Starts remembering the page's last focused element, from now on (once per page). */
export function trackPageFocus(): void {
  if (tracking) return;
  tracking = true;
  const active = document.activeElement;
  if (active && active !== document.body && !inKeuze([active])) pageFocus = active;
  document.addEventListener(
    'focusin',
    (event) => {
      const path = event.composedPath();
      if (!inKeuze(path) && path[0] instanceof Element) pageFocus = path[0];
    },
    true,
  );
}

/**
 * After a layer closed, keyboard focus goes somewhere useful, never to `<body>`:
 * `preferred` (the opener), else the re-open button, else the page element that
 * had focus before, else a `[data-keuze-open]` link, else the page's main content.
 */
export async function returnFocus(preferred?: Element | null): Promise<void> {
  if (canFocus(preferred)) return preferred.focus();
  if (await focusReopen()) return;
  const target = [pageFocus, document.querySelector('[data-keuze-open]')].find(canFocus);
  if (target) return target.focus();
  const landing = document.querySelector('main, [role="main"], h1');
  if (!canFocus(landing)) return;
  // Focusable for this once only: the page's own Tab order stays as it was.
  if (!landing.hasAttribute('tabindex')) {
    landing.tabIndex = -1;
    landing.addEventListener('blur', () => landing.removeAttribute('tabindex'), { once: true });
  }
  landing.focus();
}
