import { LitElement, css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Theme } from '../../core/types.js';
import { buttons, tokens } from '../styles/tokens.js';
import { StoreController } from '../context.js';
import { LocalizeController } from '../localize.js';

export type ReopenPosition = 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';

/**
 * @summary A small floating button that re-opens the cookie centre, so changing or
 * withdrawing a choice is always one click away. Hidden while the banner asks.
 *
 * @csspart base - The round button (also `button`).
 * @csspart button - The round button.
 * @cssproperty --keuze-reopen-offset - Distance from the viewport edges (default 1rem).
 * @cssproperty --keuze-reopen-size - Diameter (default 3rem, never below 24px).
 */
export class KeuzeReopen extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      button {
        position: fixed;
        z-index: calc(var(--k-z) - 1);
        inset-block-end: var(--keuze-reopen-offset, 1rem);
        inset-inline-start: var(--keuze-reopen-offset, 1rem);
        display: grid;
        place-items: center;
        inline-size: max(24px, var(--keuze-reopen-size, 3rem));
        block-size: max(24px, var(--keuze-reopen-size, 3rem));
        padding: 0;
        border-radius: 50%;
        box-shadow: var(--k-shadow);
      }
      :host([position='bottom-right']) button,
      :host([position='top-right']) button {
        inset-inline-start: auto;
        inset-inline-end: var(--keuze-reopen-offset, 1rem);
      }
      :host([position^='top']) button {
        inset-block-end: auto;
        inset-block-start: var(--keuze-reopen-offset, 1rem);
      }
      svg {
        /* A fixed size: percentages of the button's auto size collapse to a dot. */
        inline-size: 1.5rem;
        block-size: 1.5rem;
        flex: none;
      }
    `,
  ];

  private readonly consent = new StoreController(this);
  private readonly localize = new LocalizeController(this, () => this.consent.store?.config);

  @query('button') private button?: HTMLButtonElement;

  /** Corner of the viewport. Defaults to the config's `reopen.position`, else bottom-left. */
  @property({ reflect: true }) position?: ReopenPosition;
  @property({ reflect: true }) theme?: Theme;

  protected override willUpdate(): void {
    const config = this.consent.store?.config;
    if (this.theme === undefined && config?.theme) this.theme = config.theme;
    if (
      this.position === undefined &&
      typeof config?.reopen === 'object' &&
      config.reopen.position
    ) {
      this.position = config.reopen.position;
    }
  }

  private handleClick(): void {
    this.consent.store?.requestOpen(this.button ?? this);
  }

  override focus(options?: FocusOptions): void {
    this.button?.focus(options);
  }

  override render() {
    const store = this.consent.store;
    // While the banner asks, the button would be a second, confusing way in.
    if (!store || store.status !== 'ready' || store.needsDecision) return nothing;
    const label = this.localize.t('reopen.label');
    return html`<button
      type="button"
      class="button"
      part="base button"
      lang=${this.localize.lang}
      aria-label=${label}
      title=${label}
      aria-haspopup="dialog"
      data-keuze-action="open-centre"
      @click=${this.handleClick}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm1 5.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm5.5 1a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z"
        />
      </svg>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-reopen': KeuzeReopen;
  }
}
