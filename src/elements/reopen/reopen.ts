import { LitElement, html, nothing } from 'lit';
import type { Theme } from '../../core/types.js';
import { StoreController } from '../context.js';
import { LocalizeController } from '../localize.js';
import { reopenStyles } from './reopen.styles.js';

export type ReopenPosition = 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';

const COOKIE_ICON =
  'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm1 5.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm5.5 1a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z';

/**
 * @summary A small floating button that re-opens the cookie centre, so changing or
 * withdrawing a choice is always one click away. Hidden while the banner asks.
 *
 * @attr position - `bottom-left` (default), `bottom-right`, `top-left` or `top-right`.
 * @attr theme - `light`, `dark` or `auto`.
 *
 * @csspart base - The round button (also `button`).
 * @csspart button - The round button.
 * @cssproperty --keuze-reopen-offset - Distance from the viewport edges (default 1rem).
 * @cssproperty --keuze-reopen-size - Diameter (default 3rem, never below 24px).
 */
export class KeuzeReopen extends LitElement {
  static override styles = reopenStyles;
  static override properties = {
    position: { reflect: true },
    theme: { reflect: true },
  };

  private readonly consent = new StoreController(this);
  private readonly localize = new LocalizeController(this, () => this.consent.store?.config);

  /** Corner of the viewport. Defaults to the config's `reopen.position`, else bottom-left. */
  declare position?: ReopenPosition;
  /** `light`, `dark` or `auto` (default: follows the visitor's system). Defaults to the config's `theme`. */
  declare theme?: Theme;

  private get button(): HTMLButtonElement | null {
    return this.renderRoot?.querySelector('button') ?? null;
  }

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

  private readonly handleClick = (): void => {
    this.consent.store?.requestOpen(this.button ?? this);
  };

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
      aria-haspopup="dialog"
      data-keuze-action="open-centre"
      lang=${this.localize.lang}
      title=${label}
      aria-label=${label}
      @click=${this.handleClick}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path fill="currentColor" d=${COOKIE_ICON}></path>
      </svg>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-reopen': KeuzeReopen;
  }
}
