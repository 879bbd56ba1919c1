import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { literal, html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { Config, LocalizedText, Purpose } from '../../core/types.js';
import {
  fill,
  foreignLang,
  format,
  isLocaleLoaded,
  loadLocale,
  lookup,
  text,
} from '../../core/locale.js';
import { formatDuration } from '../../core/format.js';
import { resolveAuthority } from '../../core/notice/authorities.js';
import {
  controllers,
  cookieDeclaration,
  declaredSections,
  dpos,
  durationParts,
  materialChangeActive,
  type SectionId,
} from '../../core/notice/model.js';
import type {
  Contact,
  ProcessingActivity,
  Retention,
  Right,
  Transfer,
} from '../../core/notice/types.js';
import { RIGHTS, validateNoticeConfig } from '../../core/notice/validate.js';
import type { Issue } from '../../core/config/check.js';
import { isSafeUrl } from '../../core/config/safe-url.js';
import type { StorageRow } from '../../core/model.js';
import { StoreController } from '../context.js';
import { nearestLang } from '../localize.js';
import { adoptNoticeStyles } from './notice.styles.js';

const HEADINGS: StaticValue[] = [
  literal`h1`,
  literal`h2`,
  literal`h3`,
  literal`h4`,
  literal`h5`,
  literal`h6`,
];

/** `path: message`, as keuze.init words config problems. */
function line(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Whether each config's notice section was valid: validated and reported once per config object. */
const validated = new WeakMap<Config, boolean>();

/**
 * Validates `config.notice` the first time a notice meets this config object, and
 * reports its problems the way keuze.init reports the config's: one console.error
 * listing them all, a `keuze-error` event on document per error, a console.warn per
 * warning. The answer is remembered, so a second notice (or a re-render) neither
 * validates nor reports again.
 */
function noticeIsValid(config: Config): boolean {
  const known = validated.get(config);
  if (known !== undefined) return known;
  const { ok, errors, warnings } = validateNoticeConfig(config.notice, {
    controllerName: config.controller?.name,
  });
  validated.set(config, ok);
  for (const warning of warnings) console.warn(`[keuze] config ${line(warning)}`);
  if (!ok) {
    console.error(
      `[keuze] The privacy notice is not shown, because its config has errors:\n  ${errors.map(line).join('\n  ')}`,
    );
    for (const issue of errors) {
      document.dispatchEvent(
        new CustomEvent('keuze-error', {
          detail: { message: line(issue), path: issue.path },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }
  return ok;
}

/**
 * The privacy notice, rendered from the same config as the banner and the
 * cookie centre so the three can never disagree.
 *
 * It renders into the light DOM on purpose: the notice is page content. Table-of-contents
 * links and deep links (`/privacy#keuze-notice-rights`) reach its headings only there,
 * the site's own typography and print styles apply, and "find in page", reader modes
 * and search engines see it as ordinary text. Its own rules are scoped under
 * `keuze-notice` and adopted as a constructable stylesheet (CSP-safe, no `<style>`).
 *
 * @summary Privacy notice: controllers, processing, cookie declaration, transfers, rights, authority, versions.
 *
 * @csspart - (light DOM: style it with `keuze-notice .keuze-notice__…` classes)
 * @cssproperty --keuze-notice-max-width - Longest line of the notice (default 48rem).
 * @cssproperty --keuze-notice-border - Colour of table borders (default currentColor at 40 %).
 * @cssproperty --keuze-notice-accent - Background of the material-change note.
 *
 * A notice section with errors (`config.notice`, checked here rather than by
 * keuze.init so other pages need not download its validator) renders nothing at all,
 * never half a notice: the errors go to the console and to `keuze-error` listeners.
 *
 * @event keuze-error - On document, once per error in `config.notice` (detail `{ message, path }`).
 *
 * @attr lang - Language of the notice (default: config.locale, else the nearest `lang`).
 * @attr heading-level - Level of the notice's own heading, 1–5; sections are one below (default 2).
 * @attr id-prefix - Prefix of every anchor id (default `keuze-notice`).
 */
export class KeuzeNotice extends LitElement {
  // No shadow root: see the class comment. Styles come from adoptNoticeStyles.
  // Declared here rather than with decorators: the decorators would add ~0.5 kB to this lazy part.
  static override properties = {
    config: { attribute: false },
    lang: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level', reflect: true },
    idPrefix: { attribute: 'id-prefix' },
    now: { attribute: false },
  };

  private readonly storeController = new StoreController(this);

  /** Set in willUpdate: the shown config's notice section has errors, so nothing renders. */
  private invalid = false;

  /** The config to render; defaults to the page store's (`keuze.init`). */
  config?: Config;

  /** Language of the notice; re-renders when it changes. */
  override lang!: string;

  headingLevel = 2;

  idPrefix = 'keuze-notice';

  /** The moment used to decide whether the material-change note is shown (tests and previews). */
  now?: Date;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptNoticeStyles(this.getRootNode());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      const level = Math.round(Number(this.headingLevel));
      this.headingLevel = Number.isFinite(level) ? Math.min(5, Math.max(1, level)) : 2;
    }
    const config = this.effectiveConfig;
    this.invalid = config !== undefined && !noticeIsValid(config);
    if (this.invalid) return;
    // Only English is bundled: fetch the notice's language (when a locale folder is known).
    const language = this.language;
    if (!isLocaleLoaded(language)) void loadLocale(language).then(() => this.requestUpdate());
  }

  private handleOpenSettings(event: Event): void {
    this.storeController.store?.requestOpen(event.currentTarget as Element);
  }

  /** The config shown: the property, else the store's. */
  get effectiveConfig(): Config | undefined {
    return this.config ?? this.storeController.store?.config;
  }

  /** The language the notice is written in. */
  get language(): string {
    const own = this.getAttribute('lang');
    if (own) return own;
    const configured = this.effectiveConfig?.locale;
    if (configured && configured !== 'auto') return configured;
    return (
      nearestLang(this) || (typeof navigator !== 'undefined' ? navigator.language : '') || 'en'
    );
  }

  /** A heading tag `depth` levels below the notice's own heading. */
  private heading(depth: number): StaticValue {
    return HEADINGS[Math.min(5, this.headingLevel - 1 + depth)];
  }

  private anchor(suffix: string): string {
    return `${this.idPrefix}-${suffix}`;
  }

  /** A notice string: site override, then locales/<lang>.json (nl-BE → nl → en). */
  private t(key: string, params?: Record<string, string | number>): string {
    return format(lookup(key, this.language, this.effectiveConfig?.texts), params);
  }

  /** A config text as a string, for comparing and splitting; in the page, txt(). */
  private plain(value: LocalizedText | undefined): string {
    return text(value, this.language);
  }

  /**
   * A config text for the page: when it exists only in another language than the
   * notice's, in a span with its own `lang`, so screen readers pronounce it right.
   */
  private txt(value: LocalizedText | undefined, shown: unknown = this.plain(value)): unknown {
    const lang = foreignLang(value, this.language);
    return lang ? html`<span lang=${lang}>${shown}</span>` : shown;
  }

  private date(iso: string): string {
    try {
      return new Intl.DateTimeFormat(this.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      );
    } catch {
      return iso;
    }
  }

  private country(code: string): string {
    // Regions a representative stands for, with the article some languages need ("het Verenigd Koninkrijk").
    if (code === 'EU' || code === 'EEA' || code === 'UK') return this.t(`notice.region.${code}`);
    try {
      return (
        new Intl.DisplayNames(this.language, { type: 'region' }).of(code === 'UK' ? 'GB' : code) ??
        code
      );
    } catch {
      return code;
    }
  }

  private list(items: string[]): string {
    try {
      return new Intl.ListFormat(this.language, { style: 'long', type: 'conjunction' }).format(
        items,
      );
    } catch {
      return items.join(', ');
    }
  }

  /** "13 maanden", "1 jaar en 6 maanden", "2 miesiące" (Intl's plural rules); "direct" for a zero duration. */
  private duration(iso: string): string {
    if (iso !== 'session' && durationParts(iso).length === 0)
      return this.t('notice.retention.immediately');
    return formatDuration(iso, this.language, this.effectiveConfig?.texts);
  }

  /** A storage item's deletion period, as the cookie centre words it. */
  private storageRetention(retention: string): string {
    return this.duration(retention);
  }

  private retention(retention: Retention): unknown {
    const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
    const own = this.plain(retention.text);
    if (!retention.duration) return this.txt(retention.text, capital(own));
    // A zero duration reads "direct na levering" / "immediately after delivery".
    const zero = durationParts(retention.duration).length === 0;
    const period = this.t(`notice.retention.from.${retention.from ?? 'collection'}`, {
      duration: this.duration(retention.duration),
    });
    const sentence = capital(
      retention.atMost && !zero ? this.t('notice.retention.atMost', { period }) : period,
    );
    // The site's own text after it, in its own language.
    return own ? [sentence, '. ', this.txt(retention.text)] : sentence;
  }

  private purposeName(purpose: Purpose): unknown {
    if (purpose.name) return this.txt(purpose.name);
    const key = `purpose.${purpose.id}.name`;
    const known = lookup(key, this.language, this.effectiveConfig?.texts);
    return known === key ? purpose.id : known;
  }

  override render() {
    const config = this.effectiveConfig;
    if (!config || this.invalid) return nothing;
    const notice = config.notice ?? {};
    const sections = declaredSections(config);
    const h = this.heading(0);
    const showChange = materialChangeActive(notice, this.now ?? new Date());
    return html`
      <article class="keuze-notice" lang=${this.language} aria-labelledby=${this.anchor('title')}>
        ${staticHtml`<${h} class="keuze-notice__title" id=${this.anchor('title')}>${this.txt(notice.title) || this.t('notice.title')}</${h}>`}
        ${
          showChange && notice.materialChange
            ? html`<div
                class="keuze-notice__change"
                role="note"
                aria-labelledby=${this.anchor('change')}
              >
                <p>
                  <strong id=${this.anchor('change')}>${this.t('notice.materialChange')}</strong>
                  ${this.txt(notice.materialChange.summary)}
                </p>
              </div>`
            : nothing
        }
        ${this.renderDates()}
        ${(notice.intro ?? []).map((paragraph) => html`<p>${this.txt(paragraph)}</p>`)}
        ${this.renderToc(config, sections)}
        ${sections.map((section) => this.renderSection(config, section))}
      </article>
    `;
  }

  private renderDates() {
    const notice = this.effectiveConfig?.notice ?? {};
    if (!notice.effectiveDate && !notice.lastUpdated) return nothing;
    return html`<p class="keuze-notice__dates">
      ${
        notice.effectiveDate
          ? html`<span>${this.renderDateText('notice.effective', notice.effectiveDate)}</span>`
          : nothing
      }
      ${notice.lastUpdated ? html`<span>${this.renderDateText('notice.updated', notice.lastUpdated)}</span>` : nothing}
    </p>`;
  }

  /** A sentence with a `<time>` element where `{date}` stands. */
  private renderDateText(key: string, iso: string) {
    const [before, after = ''] = this.t(key).split('{date}');
    return html`${before}<time datetime=${iso}>${this.date(iso)}</time>${after}`;
  }

  private sectionTitle(config: Config, section: SectionId): unknown[] {
    if (section === 'extra')
      return (config.notice?.sections ?? []).map((extra) => this.txt(extra.title));
    return [this.t(`notice.section.${section}`)];
  }

  private renderToc(config: Config, sections: SectionId[]) {
    const h = this.heading(1);
    const entries = sections.flatMap((section) =>
      section === 'extra'
        ? (config.notice?.sections ?? []).map((extra) => ({
            id: this.anchor(`section-${extra.id}`),
            title: this.txt(extra.title),
          }))
        : [{ id: this.anchor(section), title: this.sectionTitle(config, section)[0] }],
    );
    return html`<nav class="keuze-notice__toc" aria-labelledby=${this.anchor('toc')}>
      ${staticHtml`<${h} id=${this.anchor('toc')}>${this.t('notice.toc')}</${h}>`}
      <ol>
        ${entries.map((entry) => html`<li><a href="#${entry.id}">${entry.title}</a></li>`)}
      </ol>
    </nav>`;
  }

  private renderSection(config: Config, section: SectionId) {
    if (section === 'extra') {
      return (config.notice?.sections ?? []).map((extra) =>
        this.renderShell(
          `section-${extra.id}`,
          this.txt(extra.title),
          html`${extra.body.map((p) => html`<p>${this.txt(p)}</p>`)}`,
        ),
      );
    }
    const body: Record<Exclude<SectionId, 'extra'>, () => TemplateResult> = {
      controller: () => this.renderController(config),
      activities: () => this.renderActivities(config),
      cookies: () => this.renderCookies(config),
      transfers: () => this.renderTransfers(config),
      rights: () => this.renderRights(config),
      complaint: () => this.renderComplaint(config),
      children: () => this.renderChildren(config),
      automated: () => this.renderAutomated(config),
      security: () =>
        html`${(config.notice?.security ?? []).map((p) => html`<p>${this.txt(p)}</p>`)}`,
      changes: () => this.renderChanges(config),
    };
    return this.renderShell(section, this.t(`notice.section.${section}`), body[section]());
  }

  private renderShell(suffix: string, title: unknown, content: unknown) {
    const h = this.heading(1);
    return html`<section
      class="keuze-notice__section"
      id=${this.anchor(suffix)}
      aria-labelledby=${this.anchor(`${suffix}-title`)}
    >
      ${staticHtml`<${h} id=${this.anchor(`${suffix}-title`)}>${title}</${h}>`} ${content}
    </section>`;
  }

  /** Config may be set directly without validation: never link to a javascript: or data: URL. */
  private href(url: string | undefined): string | undefined {
    return url && isSafeUrl(url) ? url : undefined;
  }

  private renderLink(url: string | undefined, label: unknown) {
    const safe = this.href(url);
    return safe ? html`<a href=${safe}>${label}</a>` : html`${label}`;
  }

  private renderLines(value: LocalizedText | undefined) {
    const lines = this.plain(value).split('\n');
    return this.txt(
      value,
      lines.map((line, index) => html`${index > 0 ? html`<br />` : nothing}${line}`),
    );
  }

  private renderContact(
    contact: Contact & { form?: string; country?: string },
    { withName = true, withAddress = true } = {},
  ) {
    return html`<address class="keuze-notice__contact">
        ${withName && contact.name ? html`<span class="keuze-notice__name">${this.txt(contact.name)}</span><br />` : nothing}
        ${withAddress && contact.address ? html`${this.renderLines(contact.address)}<br />` : nothing}
        ${withAddress && contact.country ? html`${this.country(contact.country)}<br />` : nothing}
        ${
          contact.email
            ? html`${this.t('notice.email')}:
                <a href=${`mailto:${contact.email}`}>${contact.email}</a><br />`
            : nothing
        }
        ${contact.phone ? html`${this.t('notice.phone')}: <a href=${`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>${contact.phone}</a><br />` : nothing}
        ${contact.url ? html`${this.t('notice.website')}: ${this.renderLink(contact.url, contact.url)}<br />` : nothing}
        ${contact.form ? html`${this.t('notice.form')}: ${this.renderLink(contact.form, contact.form)}<br />` : nothing}
      </address>
      ${contact.note ? html`<p>${this.txt(contact.note)}</p>` : nothing}`;
  }

  private renderController(config: Config) {
    const notice = config.notice ?? {};
    const entities = controllers(config);
    const h = this.heading(2);
    const primary = config.controller?.name;
    const named = !primary || entities.some((entity) => this.plain(entity.name) === primary);
    const withNumber = entities.some((entity) => entity.companyNumber);
    // Every way to reach a controller the config gives is shown, in a column of its own.
    const withContact = entities.some(
      (entity) => entity.email || entity.phone || entity.url || entity.note,
    );
    return html`
      ${named ? nothing : html`<p>${this.t('notice.controllers.group', { name: primary })}</p>`}
      ${
        entities.length > 0
          ? this.renderTable(
              'controllers-caption',
              this.t('notice.controllers.caption'),
              [
                this.t('notice.controllers.name'),
                this.t('notice.controllers.address'),
                ...(withNumber ? [this.t('notice.controllers.companyNumber')] : []),
                ...(withContact ? [this.t('notice.controllers.contact')] : []),
              ],
              entities.map(
                (entity) =>
                  html`<tr>
                    <th scope="row">${this.txt(entity.name)}</th>
                    <td>
                      ${entity.address ? this.renderLines(entity.address) : nothing}${entity.country ? html`${entity.address ? html`<br />` : nothing}${this.country(entity.country)}` : nothing}
                    </td>
                    ${withNumber ? html`<td>${entity.companyNumber ?? ''}</td>` : nothing}
                    ${withContact ? html`<td>${this.renderContact(entity, { withName: false, withAddress: false })}</td>` : nothing}
                  </tr>`,
              ),
            )
          : nothing
      }
      ${notice.controllerNote ? html`<p>${this.txt(notice.controllerNote)}</p>` : nothing}
      ${
        dpos(notice).length > 0
          ? html`${staticHtml`<${h}>${this.t('notice.dpo')}</${h}>`}
            ${dpos(notice).map((dpo) => this.renderContact(dpo))}`
          : nothing
      }
      ${notice.contact ? html`${staticHtml`<${h}>${this.t('notice.contact')}</${h}>`} ${this.renderContact(notice.contact)}` : nothing}
      ${
        (notice.representatives?.length ?? 0) > 0
          ? html`${staticHtml`<${h}>${this.t('notice.representatives')}</${h}>`}
              <ul class="keuze-notice__plain">
                ${notice.representatives!.map(
                  (rep) =>
                    html`<li>
                      <p>
                        ${this.t('notice.representativeFor', { regions: this.list(rep.regions.map((r) => this.country(r))) })}:
                      </p>
                      ${this.renderContact(rep)}
                      ${rep.companyNumber ? html`<p>${this.t('notice.controllers.companyNumber')}: ${rep.companyNumber}</p>` : nothing}
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    `;
  }

  private renderActivities(config: Config) {
    const notice = config.notice ?? {};
    const h = this.heading(2);
    const special =
      notice.specialCategories === undefined
        ? nothing
        : html`<p>
            ${
              typeof notice.specialCategories === 'boolean'
                ? this.t(
                    notice.specialCategories
                      ? 'notice.specialCategories.some'
                      : 'notice.specialCategories.none',
                  )
                : this.txt(notice.specialCategories)
            }
          </p>`;
    const recipients = notice.recipients ?? [];
    return html`${
      notice.basisNote
        ? html`<p>
            <span class="keuze-notice__label">${this.t('notice.activity.basis')}:</span>
            ${this.txt(notice.basisNote)}
          </p>`
        : nothing
    }
    ${
      notice.retention
        ? html`<p>
            <span class="keuze-notice__label">${this.t('notice.retention.general')}:</span>
            ${this.retention(notice.retention)}
          </p>`
        : nothing
    }
    ${(notice.activities ?? []).map(
      (activity) =>
        html`<div class="keuze-notice__activity" id=${this.anchor(`activity-${activity.id}`)}>
          ${staticHtml`<${h}>${this.txt(activity.name)}</${h}>`}
          <dl class="keuze-notice__facts">${this.renderActivityFacts(config, activity)}</dl>
        </div>`,
    )}
    ${
      recipients.length > 0
        ? html`${staticHtml`<${h}>${this.t('notice.recipients')}</${h}>`}
            <ul>
              ${recipients.map(
                (r) =>
                  html`<li>
                    ${this.txt(r.name)}${r.role ? ` (${this.t(`notice.role.${r.role}`)})` : ''}${r.description ? html`: ${this.txt(r.description)}` : nothing}
                  </li>`,
              )}
            </ul>`
        : nothing
    }
    ${special}`;
  }

  private renderActivityFacts(config: Config, activity: ProcessingActivity) {
    const bases =
      activity.basis === undefined
        ? []
        : Array.isArray(activity.basis)
          ? activity.basis
          : [activity.basis];
    const fact = (key: string, value: unknown) =>
      html`<div>
        <dt>${this.t(key)}</dt>
        <dd>${value}</dd>
      </div>`;
    const items = (values: LocalizedText[] | undefined) =>
      values && values.length > 0
        ? html`<ul>
            ${values.map((v) => html`<li>${this.txt(v)}</li>`)}
          </ul>`
        : nothing;
    const cookiePurposes = (activity.cookiePurposes ?? [])
      .map((id) => config.purposes.find((purpose) => purpose.id === id))
      .filter((purpose): purpose is Purpose => !!purpose);
    return html`
      ${activity.purpose ? fact('notice.activity.purpose', this.txt(activity.purpose)) : nothing}
      ${
        bases.length > 0 || activity.basisDetail
          ? fact(
              'notice.activity.basis',
              html`${
                bases.length > 1
                  ? html`<ul>
                      ${bases.map((basis) => html`<li>${this.t(`notice.basis.${basis}`)}</li>`)}
                    </ul>`
                  : bases.length === 1
                    ? this.t(`notice.basis.${bases[0]}`)
                    : nothing
              }${activity.basisDetail ? html`${bases.length > 0 ? html`<br />` : nothing}${this.txt(activity.basisDetail)}` : nothing}`,
            )
          : nothing
      }
      ${activity.dataCategories?.length ? fact('notice.activity.data', items(activity.dataCategories)) : nothing}
      ${activity.dataSubjects?.length ? fact('notice.activity.subjects', items(activity.dataSubjects)) : nothing}
      ${activity.sources?.length ? fact('notice.activity.sources', items(activity.sources)) : nothing}
      ${activity.retention ? fact('notice.activity.retention', this.retention(activity.retention)) : nothing}
      ${
        activity.recipients?.length
          ? fact(
              'notice.activity.recipients',
              html`<ul>
                ${activity.recipients.map(
                  (r) =>
                    html`<li>
                      ${this.txt(r.name)}${r.role ? ` (${this.t(`notice.role.${r.role}`)})` : ''}${
                        r.description ? html`: ${this.txt(r.description)}` : nothing
                      }
                    </li>`,
                )}
              </ul>`,
            )
          : nothing
      }
      ${
        cookiePurposes.length
          ? fact(
              'notice.activity.cookies',
              html`${cookiePurposes.map(
                (purpose, index) =>
                  html`${index > 0 ? ', ' : ''}<a href="#${this.anchor(`cookies-${purpose.id}`)}"
                      >${this.purposeName(purpose)}</a
                    >`,
              )}`,
            )
          : nothing
      }
      ${activity.requirement ? fact('notice.activity.requirement', this.txt(activity.requirement)) : nothing}
    `;
  }

  private renderCookies(config: Config) {
    const h = this.heading(2);
    const notice = config.notice ?? {};
    const store = this.storeController.store;
    const basisKey = {
      consent: 'notice.basis.consent',
      'legitimate-interest': 'notice.basis.legitimate-interests',
    };
    return html`
      ${notice.cookieIntro ? html`<p>${this.txt(notice.cookieIntro)}</p>` : nothing}
      <p>${this.t('notice.cookies.withdraw')}</p>
      ${
        store
          ? html`<p class="keuze-notice__settings">
              <button
                type="button"
                data-keuze-action="open-centre"
                @click=${this.handleOpenSettings}
              >
                ${this.t('notice.cookies.settings')}
              </button>
            </p>`
          : nothing
      }
      ${cookieDeclaration(config).map(
        ({ purpose, rows }) =>
          html`<div class="keuze-notice__purpose" id=${this.anchor(`cookies-${purpose.id}`)}>
            ${staticHtml`<${h}>${this.purposeName(purpose)}</${h}>`}
            ${purpose.description ? html`<p>${this.txt(purpose.description)}</p>` : nothing}
            ${
              purpose.basis === 'necessary'
                ? purpose.justification
                  ? html`<p>
                      <span class="keuze-notice__label"
                        >${this.t('notice.cookies.justification')}:</span
                      >
                      ${this.txt(purpose.justification)}
                    </p>`
                  : nothing
                : html`<p>
                    <span class="keuze-notice__label">${this.t('notice.cookies.basis')}:</span>
                    ${this.t(basisKey[purpose.basis])}
                  </p>`
            }
            ${rows.length > 0 ? this.renderStorageTable(purpose, rows) : html`<p>${this.t('notice.cookies.none')}</p>`}
          </div>`,
      )}
    `;
  }

  private renderStorageTable(purpose: Purpose, rows: StorageRow[]) {
    const c = (key: string) => lookup(key, this.language, this.effectiveConfig?.texts);
    return this.renderTable(
      `cookies-${purpose.id}-caption`,
      fill(c('centre.storage.caption'), { purpose: this.purposeName(purpose) }),
      [
        c('centre.storage.name'),
        c('centre.storage.provider'),
        c('centre.storage.purpose'),
        c('centre.storage.type'),
        c('centre.storage.retention'),
        this.t('notice.cookies.party'),
      ],
      rows.map(
        ({ item, service }) =>
          html`<tr data-storage-name=${item.name}>
            <th scope="row"><code>${item.name}</code></th>
            <td>
              ${item.provider ?? c('centre.storage.firstParty')}${
                service?.privacyPolicy
                  ? html`<br />${this.renderLink(service.privacyPolicy, this.t('notice.cookies.privacyPolicy', { provider: service.provider }))}`
                  : nothing
              }
            </td>
            <td>
              ${this.txt(item.purpose)}${
                item.exemption
                  ? html`${item.purpose ? html`<br />` : nothing}${fill(this.t('notice.cookies.exempt'), { reason: this.txt(item.exemption.reason) })}`
                  : nothing
              }
            </td>
            <td>${c(`centre.storage.type.${item.type}`)}</td>
            <td data-retention=${item.retention}>${this.storageRetention(item.retention)}</td>
            <td>${this.t(`notice.cookies.party.${item.party ?? 'first'}`)}</td>
          </tr>`,
      ),
      'keuze-notice__storage',
    );
  }

  /**
   * A table in a scroll region that keyboard users can reach and screen readers
   * announce by the table's caption (WCAG 1.3.1, 2.1.1).
   */
  private renderTable(
    captionSuffix: string,
    caption: unknown,
    headers: string[],
    rows: unknown,
    modifier?: string,
  ) {
    const captionId = this.anchor(captionSuffix);
    return html`<div
      class="keuze-notice__scroll"
      role="region"
      tabindex="0"
      aria-labelledby=${captionId}
    >
      <table class=${modifier ? `keuze-notice__table ${modifier}` : 'keuze-notice__table'}>
        <caption id=${captionId}>
          ${caption}
        </caption>
        <thead>
          <tr>
            ${headers.map((header) => html`<th scope="col">${header}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
  }

  private renderTransfers(config: Config) {
    const notice = config.notice ?? {};
    const transfers = notice.transfers ?? [];
    return html`
      ${notice.transferNote ? html`<p>${this.txt(notice.transferNote)}</p>` : nothing}
      ${
        transfers.length > 0
          ? this.renderTable(
              'transfers-caption',
              this.t('notice.transfers.caption'),
              [
                this.t('notice.transfers.countries'),
                this.t('notice.transfers.recipients'),
                this.t('notice.transfers.safeguard'),
                this.t('notice.transfers.copy'),
              ],
              transfers.map((transfer) => this.renderTransferRow(transfer)),
            )
          : nothing
      }
    `;
  }

  private renderTransferRow(transfer: Transfer) {
    return html`<tr>
      <th scope="row">
        ${transfer.countries?.length ? this.list(transfer.countries.map((code) => this.country(code))) : this.t('notice.transfers.unnamed')}
      </th>
      <td>${this.txt(transfer.recipients)}</td>
      <td>
        ${transfer.label ? this.txt(transfer.label) : this.t(`notice.safeguard.${transfer.safeguard}`)}${transfer.detail ? html`<br />${this.txt(transfer.detail)}` : nothing}
      </td>
      <td>${transfer.copy ? this.renderContact(transfer.copy) : nothing}</td>
    </tr>`;
  }

  private renderRights(config: Config) {
    const rights = config.notice!.rights!;
    const list: readonly Right[] = rights.list ?? RIGHTS;
    const h = this.heading(2);
    return html`
      <dl class="keuze-notice__rights">
        ${list.map(
          (right) =>
            html`<div>
              <dt>${this.t(`notice.right.${right}`)}</dt>
              ${rights.details?.[right] ? html`<dd>${this.txt(rights.details[right])}</dd>` : nothing}
            </div>`,
        )}
      </dl>
      ${staticHtml`<${h}>${this.t('notice.rights.how')}</${h}>`}
      ${this.renderContact(rights.exercise)}
      ${
        rights.identityCheck
          ? html`<p>
              ${rights.identityCheck === true ? this.t('notice.rights.identity') : this.txt(rights.identityCheck)}
            </p>`
          : nothing
      }
      ${rights.free ? html`<p>${this.t('notice.rights.free')}</p>` : nothing}
      ${
        rights.responseTime
          ? html`<p>
              ${this.t('notice.rights.responseTime', { period: this.duration(rights.responseTime) })}
            </p>`
          : nothing
      }
      ${rights.note ? html`<p>${this.txt(rights.note)}</p>` : nothing}
    `;
  }

  private renderComplaint(config: Config) {
    const authority = resolveAuthority(config.notice?.authority);
    const own = config.notice?.complaint;
    return html`
      <p>${own ? this.txt(own) : this.t('notice.complaint.text')}</p>
      ${
        authority
          ? html`<p class="keuze-notice__label">${this.t('notice.complaint.authority')}:</p>
              ${this.renderContact({ name: authority.name, address: authority.address, url: authority.url, phone: authority.phone })}
              ${authority.complaintUrl ? html`<p>${this.renderLink(authority.complaintUrl, this.t('notice.complaint.form'))}</p>` : nothing}`
          : nothing
      }
    `;
  }

  private renderChildren(config: Config) {
    const children = config.notice!.children!;
    // The controller's own words say it all; otherwise only the bare facts the config gives.
    if (children.text) return html`<p>${this.txt(children.text)}</p>`;
    const age = children.minimumAge;
    return html`${age !== undefined ? html`<p>${this.t('notice.children.text', { age })}</p>` : nothing}
    ${children.parentalConsent && age !== undefined ? html`<p>${this.t('notice.children.parental', { age })}</p>` : nothing}`;
  }

  private renderAutomated(config: Config) {
    const automated = config.notice!.automatedDecisions!;
    return html`<p>
        ${automated.used ? this.t('notice.automated.used') : this.t('notice.automated.none')}
        ${
          automated.profiling === undefined
            ? nothing
            : this.t(
                automated.profiling ? 'notice.automated.profiling' : 'notice.automated.noProfiling',
              )
        }
      </p>
      ${automated.description ? html`<p>${this.txt(automated.description)}</p>` : nothing}`;
  }

  private renderChanges(config: Config) {
    const notice = config.notice ?? {};
    const h = this.heading(2);
    const versions = [...(notice.previousVersions ?? [])].sort((a, b) =>
      (b.date ?? '').localeCompare(a.date ?? ''),
    );
    return html`
      ${notice.changesNote ? html`<p>${this.txt(notice.changesNote)}</p>` : nothing}
      ${this.renderDates()}
      ${
        versions.length > 0
          ? html`${staticHtml`<${h}>${this.t('notice.changes.previous')}</${h}>`}
              <ul>
                ${versions.map(
                  (version) =>
                    html`<li>
                      ${this.renderLink(version.url, version.date ? this.renderDateText('notice.changes.version', version.date) : this.t('notice.changes.undated'))}
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'keuze-notice': KeuzeNotice;
  }
}
