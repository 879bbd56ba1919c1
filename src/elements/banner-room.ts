// WCAG 2.4.11: a bar or box fixed at the bottom must not hide what has keyboard
// focus. The banner scrolls a focused element above itself, but the page's last
// focus stops (a footer "Cookie settings" link) cannot scroll any further. So
// while the banner shows, the page gets room at its end as tall as the banner,
// and a scroll padding of that height, which the browser keeps clear when it
// scrolls focus into view. Outside the banner's render: the mount code calls it.

/** Adds the room while a non-modal `<keuze-banner>` shows; returns a function that stops. */
export function keepRoomForBanner(doc: Document = document): () => void {
  const root = doc.documentElement;
  const spacer = doc.createElement('div');
  spacer.setAttribute('data-keuze-room', '');
  spacer.setAttribute('aria-hidden', 'true');
  let observer: ResizeObserver | undefined;
  let watched: Element | undefined;
  let before = '';

  const measure = (): void => {
    if (!watched) return;
    // Layout sizes, not the drawn box: the banner's entry animation moves it with a transform.
    const { offsetHeight } = watched as HTMLElement;
    const bottom = Number.parseFloat(getComputedStyle(watched).bottom) || 0;
    const room = Math.max(0, Math.ceil(offsetHeight + bottom));
    spacer.style.blockSize = `${room}px`;
    root.style.scrollPaddingBlockEnd = `${room}px`;
  };
  const release = (): void => {
    if (!watched) return;
    observer?.disconnect();
    watched = undefined;
    spacer.remove();
    root.style.scrollPaddingBlockEnd = before;
  };
  const hold = (banner: Element): void => {
    // A modal banner blocks the page: nothing there can take focus, so no room is needed.
    if (banner.shadowRoot?.querySelector('dialog:modal')) return;
    // The drawn part: the host itself is the fixed box (see banner.styles.ts).
    const fixed = getComputedStyle(banner).position === 'fixed' ? banner : undefined;
    if (!fixed) return;
    if (watched === fixed) return measure();
    release();
    watched = fixed;
    before = root.style.scrollPaddingBlockEnd;
    doc.body.append(spacer);
    observer = new ResizeObserver(measure);
    observer.observe(fixed);
    measure();
  };
  const handle = (event: Event): void => {
    const { detail } = event as CustomEvent<{ layer?: string }>;
    if (detail?.layer !== 'banner') return;
    const banner = event.composedPath()[0];
    if (event.type === 'keuze-show' && banner instanceof Element) hold(banner);
    else release();
  };
  doc.addEventListener('keuze-show', handle);
  doc.addEventListener('keuze-hide', handle);
  // Already showing (mounted by the first layer before this ran); once rendered, so that a
  // modal layout's dialog is there to be seen.
  const shown = doc.querySelector<Element & { open?: boolean; updateComplete?: Promise<unknown> }>(
    'keuze-banner',
  );
  let stopped = false;
  if (shown?.open)
    void shown.updateComplete?.then(() => {
      if (!stopped && shown.open) hold(shown);
    });
  return () => {
    stopped = true;
    doc.removeEventListener('keuze-show', handle);
    doc.removeEventListener('keuze-hide', handle);
    release();
  };
}
