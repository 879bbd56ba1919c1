import { LitElement, html } from 'lit';
import { LocalizeController } from '../localize.js';
import { canFocus } from '../events.js';
import { unavailableStyles } from './unavailable.styles.js';

/**
 * @summary What a "Cookie settings" link opens when the config was refused: a short
 * message that the settings are unavailable and nothing that needs consent loads.
 * Keuze adds it itself (script-tag build); it is not for pages to place.
 * @internal
 */
export class KeuzeUnavailable extends LitElement {
  static override styles = unavailableStyles;

  // No config to read: the language is the page's (nearest `lang`, then the browser's).
  private readonly localize = new LocalizeController(this, () => undefined);
  #opener: Element | null = null;

  /** Opens the message; focus goes back to `opener` when it closes. */
  async show(opener: Element | null = null): Promise<void> {
    this.#opener = opener;
    await this.localize.whenReady(); // opened in the visitor's language, not English first
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector('button')?.focus(); // its one control, in every engine
  }

  readonly #close = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  readonly #closed = (): void => {
    if (canFocus(this.#opener)) this.#opener.focus();
  };

  override render() {
    const t = this.localize.t.bind(this.localize);
    return html`<dialog
      lang=${this.localize.lang}
      dir=${this.localize.dir}
      aria-labelledby="title"
      aria-describedby="body"
      @close=${this.#closed}
    >
      <h2 id="title">${t('unavailable.title')}</h2>
      <p id="body">${t('unavailable.body')}</p>
      <button type="button" class="button" @click=${this.#close}>${t('unavailable.close')}</button>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-unavailable': KeuzeUnavailable;
  }
}
