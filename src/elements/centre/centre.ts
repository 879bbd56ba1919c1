import { whenIdle } from '../../core/idle.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { ConsentStore } from '../../core/store.js';
import type { Purpose, Service, Theme } from '../../core/types.js';
import { isSafeUrl } from '../../core/config/safe-url.js';
import { storageRows, type StorageRow } from '../../core/model.js';
import { StoreController } from '../context.js';
import { chooseLocale } from '../localize.js';
import { FormatController } from '../localize-format.js';
import { emitLayer, returnFocus, trackPageFocus } from '../events.js';
import { purposeDescription, purposeName, serviceName } from '../names.js';
import { centreStyles } from './centre.styles.js';

type Choices = Record<string, boolean>;

function sameChoices(a: Choices, b: Choices): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** A language's name in that language: "Nederlands (België)", "Français". */
function autonym(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}

/**
 * @summary The second layer: a modal dialog with every purpose, its basis, switch,
 * services and storage, the current decision and its receipt.
 *
 * @event keuze-show - The centre opened. `detail: { layer: 'centre' }`.
 * @event keuze-hide - The centre closed. `detail: { layer: 'centre' }`.
 *
 * @csspart base - The `<dialog>`.
 * @csspart header - Title and close button (not a page landmark: a `<div>`).
 * @csspart title - The heading.
 * @csspart close-button - The close button (records nothing).
 * @csspart body - The scrolling content.
 * @csspart purpose - One purpose card.
 * @csspart switch - Every switch.
 * @csspart service - One service.
 * @csspart storage-toggle - The button that shows a purpose's storage table.
 * @csspart storage-table - The storage table.
 * @csspart decision - The current decision and receipt download.
 * @csspart language - The language switcher (when the site enables more than one language).
 * @csspart language-select - Its `<select>`.
 * @csspart actions - Accept all and reject all, first in the content: withdrawing takes three Tabs.
 * @csspart footer - The row with save (not a page landmark: a `<div>`).
 * @csspart button - Accept all, reject all and save.
 */
export class KeuzeCentre extends LitElement {
  static override styles = centreStyles;
  // Declared here rather than with decorators: the decorators would add ~0.5 kB to this lazy part.
  static override properties = {
    theme: { reflect: true },
    open: { type: Boolean, reflect: true },
    choices: { state: true },
    expanded: { state: true },
    receiptUrl: { state: true },
    busy: { state: true },
    ahead: { state: true },
  };

  private readonly consent = new StoreController(this, (store) => this.handleStore(store));
  private readonly localize = new FormatController(this, () => this.consent.store?.config);

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  private choices: Choices = {};
  private expanded = new Set<string>();
  private receiptUrl?: string;
  private busy = false;
  /**
   * What is rendered while closed (see renderAhead): -1 nothing, 0 the frame (title, actions,
   * decision), n the frame and the first n purposes. Open, it shows every purpose.
   */
  private ahead = -1;
  /** Counts every reason to re-render but opening: an open with nothing new renders no content. */
  private contentVersion = 0;

  /** `light`, `dark` or `auto`. Defaults to the config's `theme`. */
  theme?: Theme;
  /** Whether the centre is open. Use `show()` / `hide()` to change it. */
  open = false;

  private opener: Element | null = null;
  private listenedStore?: ConsentStore;
  private receiptId?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listenedStore?.removeEventListener('open', this.handleOpenRequest);
    this.listenedStore = undefined;
    this.revokeReceipt();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    trackPageFocus();
    if (this.consent.store && !this.listenedStore) this.handleStore(this.consent.store);
  }

  protected override firstUpdated(): void {
    // The page's first Intl.DisplayNames loads the browser's region names (tens of ms on a
    // slow phone): made while the page is idle, not when the visitor opens the centre.
    const warm = () => {
      if (this.consent.store) this.localize.country('NL');
      whenIdle(this.renderAhead);
    };
    whenIdle(warm);
  }

  /**
   * While the banner waits for an answer, "Settings" is the likeliest next press: the centre
   * is built in idle time, a few purposes per slice (no long task on a slow phone), hidden
   * (out of the accessibility tree and the Tab order) but laid out, so opening it only
   * shows it. Each slice re-renders the purposes before it from the current state.
   */
  private readonly renderAhead = (deadline?: IdleDeadline): void => {
    const store = this.consent.store;
    if (!store || this.open || !this.isConnected || !store.needsDecision) return;
    const total = store.config.purposes.length;
    if (this.ahead >= total) return;
    const started = performance.now();
    // The frame first, then one purpose, then as many as a quarter of the idle time allows
    // (the layout of what a slice adds comes in the next frame, outside this budget).
    const budget = Math.max(4, (deadline?.timeRemaining() ?? 16) / 4);
    const step = this.ahead < 0 ? 1 : Math.max(1, Math.floor(budget / this.msPerPurpose));
    const frame = this.ahead < 0;
    this.ahead = Math.min(total, this.ahead + step);
    // The switches as opening would set them: an open then changes nothing in the page.
    this.choices = this.initialChoices(store);
    this.performUpdate();
    if (!frame) this.msPerPurpose = (performance.now() - started) / step;
    whenIdle(this.renderAhead);
  };
  private msPerPurpose = Infinity;

  /**
   * Closed, it shows nothing: a change of consent (a banner click) re-renders nothing at
   * once. A centre rendered ahead catches up in idle time; opening renders it afresh anyway.
   * Nor while a choice is being recorded: the centre closes with it.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (
      (this.open && !this.busy) ||
      !this.hasUpdated ||
      changed.has('open') ||
      changed.has('theme') ||
      changed.has('ahead')
    )
      return true;
    if (this.ahead >= 0 && !this.refreshQueued) {
      this.refreshQueued = true;
      whenIdle(this.refreshAhead);
    }
    return false;
  }

  /** A centre rendered ahead follows changes (language, decision) in idle time, not at once. */
  private readonly refreshAhead = (): void => {
    this.refreshQueued = false;
    const store = this.consent.store;
    if (this.open || this.ahead < 0 || !store) return;
    // Answered elsewhere (the banner): the centre rendered ahead is no longer needed.
    if (!store.needsDecision) {
      this.ahead = -1;
      return;
    }
    this.choices = this.initialChoices(store);
    this.requestUpdate('ahead');
  };
  private refreshQueued = false;

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    super.requestUpdate(...args);
    if (args[0] !== 'open') this.contentVersion++;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const store = this.consent.store;
    if (this.theme === undefined && store?.config.theme) this.theme = store.config.theme;
    // Not while a choice is being recorded: the centre closes with it, the receipt would go unused.
    if (store && this.open && !this.busy) this.prepareReceipt(store);
    if (changed.has('open') && !this.open) this.revokeReceipt();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (!dialog) return;
    // Set only while open: rendered ahead, an autofocus heading could take the page's focus.
    const title = this.renderRoot.querySelector('#centre-title');
    title?.toggleAttribute('autofocus', this.open);
    if (this.open && !dialog.open) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  private handleStore(store: ConsentStore): void {
    if (this.listenedStore === store) return;
    this.listenedStore?.removeEventListener('open', this.handleOpenRequest);
    this.listenedStore = store;
    store.addEventListener('open', this.handleOpenRequest);
  }

  private readonly handleOpenRequest = (event: Event): void => {
    const opener = (event as CustomEvent<{ opener?: Element | null }>).detail?.opener ?? null;
    void this.show(opener);
  };

  /** Escape or the close button: nothing is recorded. */
  private handleDialogClose(): void {
    if (this.open) void this.hide();
  }

  private handleSwitch(id: string, purpose?: Purpose): void {
    const store = this.consent.store;
    if (!store) return;
    const next = { ...this.choices, [id]: !this.choices[id] };
    if (purpose) {
      // Switching a purpose switches its services with it.
      for (const service of purpose.services ?? []) next[service.id] = next[id];
    } else if (next[id]) {
      // Allowing a service allows the purpose it serves.
      const owner = store.config.purposes.find((p) => p.services?.some((s) => s.id === id));
      if (owner) next[owner.id] = true;
    }
    this.choices = next;
  }

  private handleToggleStorage(id: string): void {
    const expanded = new Set(this.expanded);
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
    this.expanded = expanded;
  }

  /** The visitor picked a language: banner, centre and re-open button switch to it once its words are here. */
  private async handleLanguage(event: Event): Promise<void> {
    const store = this.consent.store;
    const lang = (event.target as HTMLSelectElement).value;
    if (!store) return;
    await chooseLocale(store.config, lang);
    // Recorded with the next decision, so the receipt says which language the visitor read.
    store.locale = this.localize.lang;
  }

  private async handleAction(action: 'accept-all' | 'reject-all' | 'save'): Promise<void> {
    const store = this.consent.store;
    if (!store || this.busy) return;
    this.busy = true;
    try {
      store.locale = this.localize.lang;
      if (action === 'accept-all') await store.acceptAll('centre');
      else if (action === 'reject-all') await store.rejectAll('centre');
      else await store.save(this.savedChoices(store), 'centre');
    } finally {
      this.busy = false;
    }
    await this.hide();
  }

  /** Opens the centre; `opener` gets focus back when it closes. */
  async show(opener: Element | null = null): Promise<void> {
    const store = this.consent.store;
    if (!store) return;
    this.opener = opener ?? this.activeElementOutside();
    if (this.open) return;
    const choices = this.initialChoices(store);
    if (!sameChoices(choices, this.choices)) this.choices = choices;
    if (this.expanded.size) this.expanded = new Set();
    // Never open in English first when the visitor's language is still on its way.
    await this.localize.whenReady();
    this.open = true;
    await this.updateComplete;
    // A long dialog starts at its top: showModal focused the title (autofocus), else do it here.
    const title = this.renderRoot.querySelector<HTMLElement>('#centre-title');
    if (title && this.shadowRoot?.activeElement !== title) title.focus();
    emitLayer(this, 'keuze-show', 'centre');
  }

  /** Closes the centre without recording anything and returns focus to its opener. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.updateComplete;
    emitLayer(this, 'keuze-hide', 'centre');
    // Let the banner re-render first: its settings button may have gone with it.
    await new Promise((resolve) => setTimeout(resolve));
    const opener = this.opener;
    this.opener = null;
    await returnFocus(opener);
  }

  private activeElementOutside(): Element | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  /** The switches as they stand: the current decision, or the defaults before any. */
  private initialChoices(store: ConsentStore): Choices {
    const choices: Choices = {};
    for (const purpose of store.config.purposes) {
      choices[purpose.id] = store.granted(purpose.id);
      for (const service of purpose.services ?? []) choices[service.id] = store.granted(service.id);
    }
    return choices;
  }

  private savedChoices(store: ConsentStore): Choices {
    const choices: Choices = {};
    for (const purpose of store.config.purposes) {
      if (purpose.basis === 'necessary') continue;
      choices[purpose.id] = Boolean(this.choices[purpose.id]);
      for (const service of purpose.services ?? [])
        choices[service.id] = Boolean(this.choices[service.id]);
    }
    return choices;
  }

  private prepareReceipt(store: ConsentStore): void {
    const receipt = store.receipt();
    const id = receipt.current?.id;
    if (id === this.receiptId) return;
    this.revokeReceipt();
    if (!id) return;
    this.receiptId = id;
    // A Blob URL: never a data: or javascript: URL (strict CSP, no string-built links).
    this.receiptUrl = URL.createObjectURL(
      new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }),
    );
  }

  private revokeReceipt(): void {
    if (this.receiptUrl) URL.revokeObjectURL(this.receiptUrl);
    this.receiptUrl = undefined;
    this.receiptId = undefined;
  }

  override render() {
    const store = this.consent.store;
    const { lang, dir } = this.localize;
    const ahead = !this.open && this.ahead >= 0 && Boolean(store?.needsDecision);
    return html`<dialog
      part="base"
      lang=${lang}
      dir=${dir}
      aria-labelledby="centre-title"
      class=${ahead ? 'ahead' : ''}
      @close=${this.handleDialogClose}
    >
      ${
        store && (this.open || ahead)
          ? guard([this.contentVersion, this.open || this.ahead], () => this.renderContent(store))
          : nothing
      }
    </dialog>`;
  }

  private renderContent(store: ConsentStore) {
    const t = this.localize.t.bind(this.localize);
    const noticeUrl = store.config.notice?.url;
    // Grouped once per render: filtering every row for each purpose was O(purposes × rows).
    const rowsByPurpose = new Map<string, StorageRow[]>();
    for (const row of storageRows(store.config)) {
      const rows = rowsByPurpose.get(row.purpose.id);
      if (rows) rows.push(row);
      else rowsByPurpose.set(row.purpose.id, [row]);
    }
    return html`
      <div class="header" part="header">
        <h2 id="centre-title" part="title" tabindex="-1">${t('centre.title')}</h2>
        <button
          type="button"
          class="close"
          part="close-button"
          aria-label=${t('centre.close')}
          @click=${() => this.hide()}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path
              d="M4 4l12 12M16 4L4 16"
              stroke="currentColor"
              stroke-width="2.25"
              stroke-linecap="round"
              fill="none"
            />
          </svg>
        </button>
      </div>
      <!-- Not a Tab stop of its own (Firefox makes scrollers one): its controls are, and
           with one focused the arrow keys scroll it; "Reject all" stays three Tabs from the title. -->
      <div class="body" part="body" tabindex="-1">
        <div class="actions" part="actions">
          <button
            type="button"
            class="button"
            part="button accept-button"
            data-keuze-action="accept-all"
            @click=${() => this.handleAction('accept-all')}
          >
            ${t('centre.accept')}
          </button>
          <button
            type="button"
            class="button"
            part="button reject-button"
            data-keuze-action="reject-all"
            @click=${() => this.handleAction('reject-all')}
          >
            ${t('centre.reject')}
          </button>
        </div>
        ${this.renderLanguage(store)}
        <p>
          ${t('centre.intro')}
          ${noticeUrl && isSafeUrl(noticeUrl) ? html`<a part="notice-link" href=${noticeUrl}>${t('centre.notice')}</a>` : nothing}
        </p>
        ${store.gpc ? html`<p class="gpc" part="gpc">${t('gpc.honoured')}</p>` : nothing}
        <h3 class="purposes-title" id="purposes-title">${t('centre.purposes')}</h3>
        <ul aria-labelledby="purposes-title">
          ${(this.open ? store.config.purposes : store.config.purposes.slice(0, this.ahead)).map(
            (purpose) => this.renderPurpose(purpose, rowsByPurpose.get(purpose.id) ?? []),
          )}
        </ul>
        ${this.renderDecision(store)}
      </div>
      <div class="footer" part="footer">
        <button
          type="button"
          class="button"
          part="button save-button"
          data-keuze-action="save"
          @click=${() => this.handleAction('save')}
        >
          ${t('centre.save')}
        </button>
      </div>
    `;
  }

  /** A language switcher, when the site enables more than one language. */
  private renderLanguage(store: ConsentStore) {
    const locales = store.config.locales ?? [];
    if (locales.length < 2) return nothing;
    const { lang } = this.localize;
    return html`<div class="language" part="language">
      <label for="language">${this.localize.t('centre.language')}</label>
      <select id="language" part="language-select" @change=${this.handleLanguage}>
        ${locales.map(
          (tag) =>
            html`<option value=${tag} lang=${tag} .selected=${tag === lang}>
              ${autonym(tag)}
            </option>`,
        )}
      </select>
    </div>`;
  }

  private renderPurpose(purpose: Purpose, rows: readonly StorageRow[]) {
    const t = this.localize.t.bind(this.localize);
    const name = purposeName(purpose, this.localize);
    const description = purposeDescription(purpose, this.localize);
    const justification = this.localize.text(purpose.justification);
    const basis =
      purpose.basis === 'necessary'
        ? t('centre.basis.necessary')
        : purpose.basis === 'legitimate-interest'
          ? t('centre.basis.legitimateInterest')
          : t('centre.basis.consent');
    const expanded = this.expanded.has(purpose.id);
    const headingId = `purpose-${purpose.id}`;
    const objection = purpose.basis === 'legitimate-interest';
    const hintId = `${headingId}-hint`;
    return html`<li class="purpose" part="purpose" data-purpose=${purpose.id}>
      <div class="purpose-head">
        <div>
          <h3 id=${headingId} lang=${this.localize.langOf(purpose.name) ?? nothing}>${name}</h3>
          <span class="basis" id=${`${headingId}-basis`}>${basis}</span>
        </div>
        ${this.renderSwitch(purpose.id, name, purpose.basis === 'necessary', objection ? hintId : undefined, purpose)}
      </div>
      ${description ? html`<p lang=${this.localize.langOf(purpose.description) ?? nothing}>${description}</p>` : nothing}
      ${objection ? html`<p class="hint" id=${hintId}>${t('centre.switch.objectHint')}</p>` : nothing}
      ${purpose.basis === 'necessary' && justification ? html`<p class="hint">${this.renderJustification(purpose)}</p>` : nothing}
      ${
        purpose.services?.length
          ? html`<h4 class="services-title">${t('centre.services')}</h4>
              <ul class="services">
                ${purpose.services.map((service) => this.renderService(service, purpose, objection ? hintId : undefined))}
              </ul>`
          : nothing
      }
      ${
        rows.length
          ? html`<button
                type="button"
                class="toggle"
                part="storage-toggle"
                aria-expanded=${expanded ? 'true' : 'false'}
                aria-controls=${`${headingId}-storage`}
                @click=${() => this.handleToggleStorage(purpose.id)}
              >
                ${expanded ? t('centre.storage.hide') : t('centre.storage.show', { count: rows.length })}
              </button>
              <div
                class="table-wrap"
                id=${`${headingId}-storage`}
                ?hidden=${!expanded}
                role="region"
                tabindex="0"
                aria-labelledby=${`${headingId}-caption`}
              >
                ${
                  expanded
                    ? html`<table part="storage-table">
                        <caption id=${`${headingId}-caption`}>
                          ${t('centre.storage.caption', { purpose: name })}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">${t('centre.storage.name')}</th>
                            <th scope="col">${t('centre.storage.type')}</th>
                            <th scope="col">${t('centre.storage.provider')}</th>
                            <th scope="col">${t('centre.storage.purpose')}</th>
                            <th scope="col">${t('centre.storage.retention')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${rows.map(
                            ({ item, service }) =>
                              html`<tr>
                                <td><code>${item.name}</code></td>
                                <td>
                                  ${t(`centre.storage.type.${item.type}` as 'centre.storage.type.cookie')}
                                </td>
                                <td>
                                  ${item.provider ?? (service ? service.provider : t('centre.storage.firstParty'))}
                                </td>
                                <td lang=${this.localize.langOf(item.purpose) ?? nothing}>
                                  ${this.localize.text(item.purpose) || (service ? serviceName(service, this.localize) : name)}
                                </td>
                                <td>${this.localize.duration(item.retention)}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>`
                    : nothing
                }
              </div>`
          : nothing
      }
    </li>`;
  }

  /** "Why it is necessary: …", the config's reason marked with its language when that differs. */
  private renderJustification(purpose: Purpose) {
    const [before, after = ''] = this.localize.t('centre.justification').split('{justification}');
    return html`${before}<span lang=${this.localize.langOf(purpose.justification) ?? nothing}
        >${this.localize.text(purpose.justification)}</span
      >${after}`;
  }

  private renderService(service: Service, purpose: Purpose, hintId?: string) {
    const t = this.localize.t.bind(this.localize);
    const name = serviceName(service, this.localize);
    const description = this.localize.text(service.description);
    const safeguard = service.safeguard
      ? t(`centre.safeguard.${service.safeguard}` as 'centre.safeguard.scc')
      : '';
    return html`<li class="service" part="service" data-service=${service.id}>
      <div>
        <strong lang=${this.localize.langOf(service.name) ?? nothing}>${name}</strong>
        ${description ? html`<span class="muted" lang=${this.localize.langOf(service.description) ?? nothing}>${description}</span>` : nothing}
        <dl>
          <dt>${t('centre.service.provider')}</dt>
          <dd>${service.provider}</dd>
          ${
            service.country
              ? html`<dt>${t('centre.service.country')}</dt>
                  <dd>${this.localize.country(service.country)}</dd>`
              : nothing
          }
          ${
            safeguard && !safeguard.startsWith('centre.')
              ? html`<dt>${t('centre.service.safeguard')}</dt>
                  <dd>${safeguard}</dd>`
              : nothing
          }
        </dl>
        ${
          service.privacyPolicy && isSafeUrl(service.privacyPolicy)
            ? html`<a href=${service.privacyPolicy} target="_blank" rel="noopener noreferrer"
                >${t('centre.service.privacyPolicy', { provider: service.provider })}</a
              >`
            : nothing
        }
      </div>
      ${purpose.basis === 'necessary' ? nothing : this.renderSwitch(service.id, name, false, hintId)}
    </li>`;
  }

  private renderSwitch(
    id: string,
    name: string,
    necessary: boolean,
    objectionHint?: string,
    purpose?: Purpose,
  ) {
    const t = this.localize.t.bind(this.localize);
    const on = necessary || Boolean(this.choices[id]);
    const state = on
      ? t('centre.switch.on')
      : objectionHint
        ? t('centre.switch.objected')
        : t('centre.switch.off');
    return html`<div class="control">
      <button
        type="button"
        role="switch"
        class="switch"
        part="switch"
        data-id=${id}
        aria-checked=${on ? 'true' : 'false'}
        aria-label=${necessary ? `${name}: ${t('centre.basis.necessary')}` : t('centre.switch', { name })}
        aria-describedby=${objectionHint ?? nothing}
        ?disabled=${necessary}
        @click=${() => this.handleSwitch(id, purpose)}
      ></button>
      <span class="state" aria-hidden="true">${state}</span>
    </div>`;
  }

  private renderDecision(store: ConsentStore) {
    const t = this.localize.t.bind(this.localize);
    const current = store.receipt().current;
    return html`<section class="decision" part="decision" aria-labelledby="decision-title">
      <h3 id="decision-title">${t('centre.decision.title')}</h3>
      ${
        current
          ? html`<dl>
                <dt>${t('centre.decision.date')}</dt>
                <dd>
                  <time datetime=${current.decidedAt}
                    >${this.localize.date(current.decidedAt)}</time
                  >
                </dd>
                <dt>${t('centre.decision.expires')}</dt>
                <dd>
                  <time datetime=${current.expiresAt}
                    >${this.localize.date(current.expiresAt)}</time
                  >
                </dd>
                <dt>${t('centre.decision.id')}</dt>
                <dd><code>${current.id}</code></dd>
              </dl>
              ${
                this.receiptUrl
                  ? html`<a
                      href=${this.receiptUrl}
                      download=${`keuze-receipt-${current.id}.json`}
                      part="receipt-link"
                      >${t('centre.decision.download')}</a
                    >`
                  : nothing
              }`
          : html`<p>${t('centre.decision.none')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-centre': KeuzeCentre;
  }
}
