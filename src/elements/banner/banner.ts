import { LitElement, html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import type { Layout, Purpose, Theme } from '../../core/types.js';
import { fill } from '../../core/locale.js';
import { isSafeUrl } from '../../core/config/safe-url.js';
import { thirdParties } from '../../core/third-parties.js';
import { afterNextPaint } from '../../core/main-thread.js';
import { StoreController } from '../context.js';
import { LocalizeController } from '../localize.js';
import { emitLayer, returnFocus, trackPageFocus } from '../events.js';
import { purposeName } from '../names.js';
import type { BannerStore } from './banner-store.js';
import { bannerStyles } from './banner.styles.js';

/**
 * The three buttons are the banner's light-DOM children, slotted into its
 * shadow root: privacy tools (DuckDuckGo's autoconsent and the browsers built
 * on it) find a banner's choices only in the page's own DOM. Their styles are
 * `!important` inside the shadow root, which outranks the page's CSS, so a
 * site's global styles change neither of them and both stay equal.
 *
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
 * @csspart notice-link - The link to the privacy statement.
 *
 * @slot accept-all - "Accept all", rendered by the banner itself.
 * @slot reject-all - "Reject all", rendered by the banner itself.
 * @slot open-centre - "Manage preferences", rendered by the banner itself.
 *
 * @cssproperty --keuze-font-family - Font (default: the page's).
 * @cssproperty --keuze-color-background - Background (see styles/README.md for all tokens).
 */
export class KeuzeBanner extends LitElement {
  static override styles = bannerStyles;
  static override properties = {
    layout: { reflect: true },
    theme: { reflect: true },
  };

  readonly #consent = new StoreController<BannerStore>(this);
  readonly #localize = new LocalizeController(this, () => this.#consent.store?.config);

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
  /** The control that had keyboard focus before an update that may replace it (a new layout). */
  #focusKey?: string | null;

  get #base(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="base"]') ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.#handleDocumentFocus);
    trackPageFocus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.#handleDocumentFocus);
    if (this.#shown) {
      this.#shown = false;
      emitLayer(this, 'keuze-hide', 'banner');
    }
  }

  protected override willUpdate(): void {
    const config = this.#consent.store?.config;
    if (this.theme === undefined && config?.theme) this.theme = config.theme;
    // Reflected: the host's own box follows the layout (banner.styles.ts), and its corner the language.
    if (this.layout === undefined && config?.layout) this.layout = config.layout;
    if (config && this.dir !== this.#localize.dir) this.dir = this.#localize.dir;
    // Checked before render removes the buttons: afterwards focus is already lost to <body>.
    // The root's active element, not :focus-within, which Chromium does not match for a modal layout's buttons.
    const focused = (this.getRootNode() as Document | ShadowRoot).activeElement;
    if (this.#shown && !this.open && focused && (focused === this || this.contains(focused)))
      this.#focusWasInside = true;
    const active = this.shadowRoot?.activeElement ?? null;
    this.#focusKey = active?.getAttribute('data-keuze-action') ?? active?.getAttribute('part');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const open = this.open;
    render(open ? this.#renderButtons() : nothing, this, { host: this });
    const base = this.#base;
    if (base instanceof HTMLDialogElement && open && !base.open) base.showModal();
    // A new layout replaces the base: keyboard focus moves to the same control in it.
    const key = this.#focusKey;
    if (key && open && !this.shadowRoot?.activeElement) {
      // Our own fixed attribute values, never page or config text.
      this.renderRoot
        .querySelector<HTMLElement>(`[data-keuze-action="${key}"],[part="${key}"]`)
        ?.focus();
    }
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
    if (!this.open || this.#effectiveLayout === 'modal') return;
    // After the browser's own scroll-into-view, which would leave the element behind the bar.
    requestAnimationFrame(() => this.#revealAboveBanner(target));
  };

  #revealAboveBanner(target: Element): void {
    const base = this.#base;
    if (!this.open || !base || !target.isConnected) return;
    const bar = base.getBoundingClientRect();
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

  /**
   * Keyboard focus was on the banner when it closed: put it somewhere useful, never on
   * nothing. After the frame that shows the banner gone: moving focus forces a layout,
   * which would otherwise hold back the visitor's answer to the click.
   */
  async #restoreFocus(): Promise<void> {
    await this.updateComplete;
    await afterNextPaint();
    await returnFocus();
  }

  /** A blocking banner records nothing on Escape and stays until a choice is made. */
  readonly #handleCancel = (event: Event): void => event.preventDefault();

  readonly #handleClose = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    if (this.open && dialog.isConnected) dialog.showModal();
  };

  override render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const layout = this.#effectiveLayout;
    const { lang, dir } = this.#localize;
    const content = this.#renderContent();
    // Two templates, so switching to or from a modal layout replaces the element.
    return layout === 'modal'
      ? html`<dialog
          class="banner modal"
          part="base"
          lang=${lang}
          dir=${dir}
          aria-labelledby="title"
          aria-describedby="intro"
          @cancel=${this.#handleCancel}
          @close=${this.#handleClose}
        >
          ${content}
        </dialog>`
      : html`<section
          class="banner ${layout}"
          part="base"
          lang=${lang}
          dir=${dir}
          aria-labelledby="title"
        >
          ${content}
        </section>`;
  }

  #renderContent(): TemplateResult {
    const store = this.#consent.store!;
    const { config } = store;
    const t = this.#localize.t.bind(this.#localize);
    const purposes = this.#purposeList(
      config.purposes.filter((purpose) => purpose.basis !== 'necessary'),
    );
    const controller = config.controller?.name;
    const hasNecessary = config.purposes.some((purpose) => purpose.basis === 'necessary');
    const noticeUrl = config.notice?.url;
    const notice = noticeUrl && isSafeUrl(noticeUrl);
    return html`<div class="inner" part="inner">
      <div class="text" part="body">
        <h2 id="title" part="title">${t('banner.title')}</h2>
        <p id="intro">
          ${
            controller
              ? // The controller's name in <bdi>: a Latin name inside Arabic text keeps its direction.
                fill(t('banner.intro'), { purposes, controller: html`<bdi>${controller}</bdi>` })
              : fill(t('banner.introNoController'), { purposes })
          }${hasNecessary ? ` ${t('banner.necessary')}` : nothing}
        </p>
        ${renderThirdParties(thirdParties(config), this.#localize)}
        <p>
          ${t('banner.withdraw')}${
            notice
              ? // The space is a value: the template minifier trims a template's leading space.
                [' ', html`<a part="notice-link" href=${noticeUrl}>${t('banner.notice')}</a>`]
              : nothing
          }
        </p>
        ${store.gpc ? html`<p class="gpc" part="gpc">${t('gpc.honoured')}</p>` : nothing}
      </div>
      <div class="actions" part="actions">
        <slot name="accept-all"></slot><slot name="reject-all"></slot
        ><slot name="open-centre"></slot>
      </div>
    </div>`;
  }

  /** The decision buttons, in the light DOM (see the class comment). */
  #renderButtons(): TemplateResult {
    const t = this.#localize.t.bind(this.#localize);
    return html`<button
        type="button"
        slot="accept-all"
        class="accept"
        data-keuze-action="accept-all"
        @click=${() => void this.#handleDecision('acceptAll')}
      >
        ${t('banner.accept')}</button
      ><button
        type="button"
        slot="reject-all"
        class="reject"
        data-keuze-action="reject-all"
        @click=${() => void this.#handleDecision('rejectAll')}
      >
        ${t('banner.reject')}</button
      ><button
        type="button"
        slot="open-centre"
        class="settings"
        data-keuze-action="open-centre"
        aria-haspopup="dialog"
        @click=${(event: Event) => this.#consent.store?.requestOpen(event.currentTarget as Element)}
      >
        ${t('banner.settings')}
      </button>`;
  }

  /** The purposes as a list; a name that exists only in another language carries its `lang`. */
  #purposeList(purposes: Purpose[]): unknown[] {
    const localize = this.#localize;
    let index = 0;
    return localize
      .listParts(purposes.map((purpose) => purposeName(purpose, localize)))
      .map(({ type, value }) => {
        if (type !== 'element') return value;
        const lang = localize.langOf(purposes[index++].name);
        return lang ? html`<span lang=${lang}>${value}</span>` : value;
      });
  }
}

/**
 * The third parties of consent-based purposes, named on the first layer as
 * regulators' checklists ask; nothing when there are none. The names come from
 * thirdParties() in core, so any banner (this one or a port) says the same.
 */
function renderThirdParties(names: string[], localize: LocalizeController) {
  if (names.length === 0) return nothing;
  // A name that ends in a full stop ("Google Ireland Ltd.") does not get a second one.
  const sentence = localize
    .t('banner.thirdParties', { names: localize.list(names) })
    .replace(/\.\.$/, '.');
  return html`<p part="third-parties">${sentence}</p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-banner': KeuzeBanner;
  }
}
