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
export async function focusReopen(): Promise<boolean> {
  const reopen = document.querySelector('keuze-reopen') as
    (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  if (!reopen) return false;
  await reopen.updateComplete;
  const button = reopen.shadowRoot?.querySelector('button');
  if (!canFocus(button)) return false;
  button.focus();
  return true;
}
