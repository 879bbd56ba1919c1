import type { Layout, Theme } from '../../core/types.js';
import { isSafeUrl } from '../../core/config/check.js';
import { thirdParties } from '../../core/third-parties.js';
import { StoreController } from '../context.js';
import { KeuzeElement, h } from '../host.js';
import { LocalizeController } from '../localize.js';
import { canFocus, emitLayer, focusReopen } from '../events.js';
import { purposeName } from '../names.js';
import type { BannerStore } from './banner-store.js';
import { bannerStyles } from './banner.styles.js';

/**
 * @summary The first layer: who asks, for what, and three equal choices.
 *
 * @attr layout - `bar` (default), `box` or `modal`.
 * @attr theme - `light`, `dark` or `auto`.
 *
 * @event keuze-show - The banner appeared. `detail: { layer: 'banner' }`.
 * @event keuze-hide - The banner went away. `detail: { layer: 'banner' }`.
 *
 * @csspart base - The bar, box or dialog.
 * @csspart inner - The width-limited row inside the bar.
 * @csspart title - The heading.
 * @csspart body - The text column.
 * @csspart gpc - The note that a Global Privacy Control signal was honoured.
 * @csspart third-parties - The sentence naming the third parties of consent purposes.
 * @csspart actions - The button group.
 * @csspart button - Every button.
 * @csspart accept-button - "Accept all".
 * @csspart reject-button - "Reject all".
 * @csspart settings-button - "Manage preferences".
 * @csspart notice-link - The link to the privacy statement.
 *
 * @cssproperty --keuze-font-family - Font (default: the page's).
 * @cssproperty --keuze-color-background - Background (see styles/README.md for all tokens).
 */
export class KeuzeBanner extends KeuzeElement {
  static override styles = bannerStyles;
  static override properties = ['layout', 'theme'];

  readonly #consent = new StoreController<BannerStore>(this);
  readonly #localize = new LocalizeController(this, () => this.#consent.store?.config);

  #base?: HTMLElement;
  #busy = false;

  /** `bar` (default), `box`, or `modal` (a blocking dialog). Defaults to the config's `layout`. */
  declare layout?: Layout;
  /** `light`, `dark` or `auto` (default: follows the visitor's system). Defaults to the config's `theme`. */
  declare theme?: Theme;

  /** Whether the banner is showing (read-only). */
  get open(): boolean {
    const store = this.#consent.store;
    // Waits for the visitor's language too: no flash of English before it (at most LOCALE_WAIT_MS).
    return Boolean(store?.status === 'ready' && store.needsDecision && this.#localize.ready);
  }

  #shown = false;
  #focusWasInside = false;
  #lastOutsideFocus: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.#handleDocumentFocus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.#handleDocumentFocus);
    if (this.#shown) {
      this.#shown = false;
      emitLayer(this, 'keuze-hide', 'banner');
    }
  }

  protected override update(): void {
    const config = this.#consent.store?.config;
    if (this.theme === undefined && config?.theme) this.theme = config.theme;
    const open = this.open;
    // Checked before render removes the buttons: afterwards focus is already lost to <body>.
    if (this.#shown && !open && this.matches(':focus-within')) this.#focusWasInside = true;
    this.#render(open);
    const dialog = this.#base;
    if (dialog instanceof HTMLDialogElement && open && !dialog.open) dialog.showModal();
    if (open !== this.#shown) {
      this.#shown = open;
      emitLayer(this, open ? 'keuze-show' : 'keuze-hide', 'banner');
      if (this.#focusWasInside) void this.#restoreFocus();
      this.#focusWasInside = false;
    }
  }

  /** WCAG 2.4.11: the fixed bar must not hide what has keyboard focus; scroll it into view above the bar. */
  readonly #handleDocumentFocus = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || this.contains(target) || target === this) return;
    if (this.shadowRoot?.contains(target)) return;
    this.#lastOutsideFocus = target;
    if (!this.open || this.#effectiveLayout === 'modal') return;
    // After the browser's own scroll-into-view, which would leave the element behind the bar.
    requestAnimationFrame(() => this.#revealAboveBanner(target));
  };

  #revealAboveBanner(target: Element): void {
    if (!this.open || !this.#base || !target.isConnected) return;
    const bar = this.#base.getBoundingClientRect();
    const rect = target.getBoundingClientRect();
    const sideBySide = rect.right <= bar.left || rect.left >= bar.right;
    if (sideBySide || rect.bottom <= bar.top || rect.top >= bar.bottom + window.innerHeight) return;
    const room = bar.top - 16;
    // Tall elements: show their top rather than push it off the screen.
    const delta = rect.height > room ? rect.top - 16 : rect.bottom - room;
    if (delta > 0) window.scrollBy({ top: delta, behavior: 'instant' as ScrollBehavior });
  }

  async #handleDecision(decide: 'acceptAll' | 'rejectAll'): Promise<void> {
    const store = this.#consent.store;
    if (!store || this.#busy) return;
    this.#busy = true;
    try {
      store.locale = this.#localize.lang;
      await store[decide]('banner');
    } finally {
      this.#busy = false;
    }
  }

  get #effectiveLayout(): Layout {
    const layout = this.layout ?? this.#consent.store?.config.layout ?? 'bar';
    return layout === 'box' || layout === 'modal' ? layout : 'bar';
  }

  /** Keyboard focus was on the banner when it closed: put it somewhere useful, never on nothing. */
  async #restoreFocus(): Promise<void> {
    await this.updateComplete;
    if (await focusReopen()) return;
    if (canFocus(this.#lastOutsideFocus)) this.#lastOutsideFocus.focus();
  }

  /**
   * Builds the banner afresh, keeping the base element while the layout stays (a
   * modal dialog stays open, the entrance animation does not replay) and the
   * content when nothing in it changed. Keyboard focus stays on the same control.
   */
  #render(open: boolean): void {
    const root = this.renderRoot;
    if (!open) {
      this.#base?.remove();
      this.#base = undefined;
      return;
    }
    const layout = this.#effectiveLayout;
    const modal = layout === 'modal';
    const tag = modal ? 'dialog' : 'section';
    const { lang, dir } = this.#localize;
    let base = this.#base;
    if (!base || base.localName !== tag) {
      base?.remove();
      base = modal
        ? h('dialog', {
            'aria-labelledby': 'title',
            'aria-describedby': 'intro',
            // A blocking banner records nothing on Escape and stays until a choice is made.
            cancel: (event) => event.preventDefault(),
            // `base` is the dialog created here, the listener's own element.
            close: () => {
              if (this.open && base!.isConnected) (base as HTMLDialogElement).showModal();
            },
          })
        : h('section', { 'aria-labelledby': 'title' });
      base.setAttribute('part', 'base');
      root.append(base);
      this.#base = base;
    }
    base.className = `banner ${layout}`;
    base.lang = lang;
    base.dir = dir;
    const content = this.#renderContent();
    const current = base.firstElementChild;
    if (current?.isEqualNode(content)) return;
    const active = root.activeElement;
    const key = active?.getAttribute('data-keuze-action') ?? active?.getAttribute('part');
    base.replaceChildren(content);
    // Our own fixed attribute values, never page or config text.
    if (key)
      content.querySelector<HTMLElement>(`[data-keuze-action="${key}"],[part="${key}"]`)?.focus();
  }

  #renderContent(): HTMLElement {
    const store = this.#consent.store!;
    const { config } = store;
    const t = this.#localize.t.bind(this.#localize);
    const purposes = this.#localize.list(
      config.purposes
        .filter((purpose) => purpose.basis !== 'necessary')
        .map((purpose) => purposeName(purpose, this.#localize)),
    );
    const controller = config.controller?.name;
    const hasNecessary = config.purposes.some((purpose) => purpose.basis === 'necessary');
    const noticeUrl = config.notice?.url;
    const notice = noticeUrl && isSafeUrl(noticeUrl);
    const button = (action: string, name: string, text: string, click: (event: Event) => void) =>
      h(
        'button',
        {
          type: 'button',
          class: `button ${name}`,
          part: `button ${name}-button`,
          'data-keuze-action': action,
          'aria-haspopup': action === 'open-centre' && 'dialog',
          click,
        },
        text,
      );
    return h(
      'div',
      { class: 'inner', part: 'inner' },
      h(
        'div',
        { class: 'text', part: 'body' },
        h('h2', { id: 'title', part: 'title' }, t('banner.title')),
        h(
          'p',
          { id: 'intro' },
          ...(controller
            ? this.#renderIntro(controller, purposes)
            : [t('banner.introNoController', { purposes })]),
          hasNecessary && ` ${t('banner.necessary')}`,
        ),
        renderThirdParties(thirdParties(config), this.#localize),
        h(
          'p',
          {},
          t('banner.withdraw'),
          notice && ' ',
          notice && h('a', { part: 'notice-link', href: noticeUrl }, t('banner.notice')),
        ),
        store.gpc && h('p', { class: 'gpc', part: 'gpc' }, t('gpc.honoured')),
      ),
      h(
        'div',
        { class: 'actions', part: 'actions' },
        button(
          'accept-all',
          'accept',
          t('banner.accept'),
          () => void this.#handleDecision('acceptAll'),
        ),
        button(
          'reject-all',
          'reject',
          t('banner.reject'),
          () => void this.#handleDecision('rejectAll'),
        ),
        button('open-centre', 'settings', t('banner.settings'), (event) =>
          this.#consent.store?.requestOpen(event.currentTarget as Element),
        ),
      ),
    );
  }

  /**
   * The intro with the controller's name isolated in <bdi>: a Latin name inside
   * Arabic text (or the reverse) keeps its own direction and punctuation.
   */
  #renderIntro(controller: string, purposes: string): Array<Node | string> {
    const [before, ...after] = this.#localize.t('banner.intro', { purposes }).split('{controller}');
    return [before, ...after.flatMap((rest) => [h('bdi', {}, controller), rest])];
  }
}

/**
 * The third parties of consent-based purposes, named on the first layer as
 * regulators' checklists ask; nothing when there are none. The names come from
 * thirdParties() in core, so any banner (this one or a port) says the same.
 */
function renderThirdParties(names: string[], localize: LocalizeController): HTMLElement | false {
  return (
    names.length > 0 &&
    h(
      'p',
      { part: 'third-parties' },
      localize.t('banner.thirdParties', { names: localize.list(names) }),
    )
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-banner': KeuzeBanner;
  }
}
