import { LitElement, html, nothing } from 'lit';
import type { ConsentStore } from '../../core/store.js';
import type { Theme } from '../../core/types.js';
import { isSafeUrl } from '../../core/config/safe-url.js';
import { findPurpose, findService } from '../../core/model.js';
import { StoreController } from '../context.js';
import { LocalizeController } from '../localize.js';
import { purposeName, serviceName } from '../names.js';
import { placeholderStyles } from './placeholder.styles.js';

/**
 * @summary Stands where a blocked embed (an iframe) would be: says what it needs and
 * offers to allow and load it.
 *
 * @attr consent - Space-separated purpose or service ids the blocked content needs.
 * @attr width - Copied from the iframe: pixels, or any CSS length.
 * @attr height - Copied from the iframe: pixels, or any CSS length.
 * @attr theme - `light`, `dark` or `auto`.
 * @attr unavailable - The config was refused: says the content cannot be loaded, offers nothing.
 *
 * @csspart base - The box.
 * @csspart title - The heading.
 * @csspart button - Both buttons.
 * @csspart allow-button - "Allow and load".
 * @csspart details-button - Opens the cookie centre.
 * @cssproperty --keuze-placeholder-min-height - Minimum height when no `height` is given (default 12rem).
 */
export class KeuzePlaceholder extends LitElement {
  static override styles = placeholderStyles;
  static override properties = {
    consent: {},
    width: {},
    height: {},
    theme: { reflect: true },
    unavailable: { type: Boolean, reflect: true },
  };

  // Named apart from the `consent` attribute, which is the element's contract.
  private readonly storeController = new StoreController(this);
  private readonly localize = new LocalizeController(
    this,
    () => this.storeController.store?.config,
  );

  private busy = false;
  /** The `width` and `height` last applied: otherwise the host's inline size is the site's. */
  private appliedSize: Array<string | undefined> = [undefined, undefined];

  /** Space-separated purpose or service ids the blocked content needs (as on the iframe's `data-consent`). */
  declare consent: string;
  /** Copied from the iframe: pixels, or any CSS length. */
  declare width?: string;
  declare height?: string;
  /** `light`, `dark` or `auto` (default: follows the visitor's system). Defaults to the config's `theme`. */
  declare theme?: Theme;
  /** The site's config was refused: nothing gated can load, so there is nothing to allow. */
  declare unavailable: boolean;

  constructor() {
    super();
    this.consent = '';
    this.unavailable = false;
  }

  private get ids(): string[] {
    return (this.consent ?? '').split(/\s+/).filter((id) => id && !id.startsWith('!'));
  }

  private get consentStore(): ConsentStore | undefined {
    return this.storeController.store;
  }

  protected override willUpdate(): void {
    const store = this.consentStore;
    if (this.theme === undefined && store?.config.theme) this.theme = store.config.theme;
    this.applySize();
  }

  private applySize(): void {
    const size = [this.width, this.height];
    if (size.every((value, index) => value === this.appliedSize[index])) return;
    this.appliedSize = size;
    // CSSOM, not a style attribute from a string: allowed under a strict CSP.
    this.style.setProperty('inline-size', toLength(this.width) ?? '');
    this.style.setProperty('block-size', toLength(this.height) ?? '');
  }

  private readonly handleAllow = async (): Promise<void> => {
    const store = this.consentStore;
    if (!store || this.busy) return;
    this.busy = true;
    try {
      store.locale = this.localize.lang;
      // Keep every earlier choice and add what this embed needs.
      const current = store.get();
      const choices: Record<string, boolean> = current.decided
        ? { ...current.purposes, ...current.services }
        : {};
      for (const id of this.ids) choices[id] = true;
      await store.save(choices, 'placeholder');
    } finally {
      this.busy = false;
    }
  };

  private readonly handleDetails = (event: Event): void => {
    this.consentStore?.requestOpen(event.currentTarget as Element);
  };

  override render() {
    if (this.unavailable) return this.renderUnavailable();
    const store = this.consentStore;
    if (!store) return nothing;
    const { config } = store;
    const t = this.localize.t.bind(this.localize);
    const services = this.ids
      .map((id) => findService(config, id))
      .filter((entry) => entry !== undefined);
    const purposes = new Map<string, string>();
    for (const id of this.ids) {
      const purpose = findPurpose(config, id) ?? findService(config, id)?.purpose;
      if (purpose) purposes.set(purpose.id, purposeName(purpose, this.localize));
    }
    const names = services.length
      ? services.map(({ service }) => serviceName(service, this.localize))
      : [...purposes.values()];
    const label = this.localize.list(names.length ? names : this.ids);
    const providers = [...new Set(services.map(({ service }) => service.provider))];
    const policy = services.find(
      ({ service }) => service.privacyPolicy && isSafeUrl(service.privacyPolicy),
    )?.service;
    return html`<section
      class="base"
      part="base"
      lang=${this.localize.lang}
      dir=${this.localize.dir}
      aria-labelledby="title"
    >
      <h2 id="title" part="title">${t('placeholder.title', { service: label })}</h2>
      <p>
        ${t('placeholder.body', {
          provider: providers.length ? this.localize.list(providers) : label,
          purposes: this.localize.list([...purposes.values()]),
        })}
      </p>
      ${
        policy
          ? html`<p>
              <a href=${policy.privacyPolicy!} target="_blank" rel="noopener noreferrer"
                >${t('placeholder.privacyPolicy', { provider: policy.provider })}</a
              >
            </p>`
          : nothing
      }
      <div class="actions">
        <button
          type="button"
          class="button"
          part="button allow-button"
          @click=${() => void this.handleAllow()}
        >
          ${t('placeholder.allow')}
        </button>
        <button
          type="button"
          class="button"
          part="button details-button"
          aria-haspopup="dialog"
          data-keuze-action="open-centre"
          @click=${this.handleDetails}
        >
          ${t('placeholder.details')}
        </button>
      </div>
    </section>`;
  }

  /** No config, so no names and no buttons: only why nothing is here. */
  private renderUnavailable() {
    if (!this.localize.ready) return nothing; // asking starts the load; then it renders again
    const t = this.localize.t.bind(this.localize);
    return html`<section
      class="base"
      part="base"
      lang=${this.localize.lang}
      dir=${this.localize.dir}
      aria-labelledby="title"
    >
      <h2 id="title" part="title">${t('unavailable.embedTitle')}</h2>
      <p>${t('unavailable.embedBody')}</p>
    </section>`;
  }
}

function toLength(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return `${value}px`;
  if (/^\d+(\.\d+)?(px|%|em|rem|vw|vh)$/.test(value)) return value;
  return undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-placeholder': KeuzePlaceholder;
  }
}
