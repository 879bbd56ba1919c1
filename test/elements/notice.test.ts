import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import { KeuzeNotice } from '../../src/elements/notice/notice.js';
import { sampleConfig } from './helpers.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { storageRows } from '../../src/core/model.js';
import { declaredSections } from '../../src/core/notice/model.js';
import type { Config } from '../../src/core/types.js';
import { registerTranslation } from '../../src/core/locale.js';
import { Keuze } from '../../src/core/keuze.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { KeuzeBanner } from '../../src/elements/banner/banner.js';
import { provideStore } from '../../src/elements/context.js';
import nl from '../../locales/nl.json';
import nlBE from '../../locales/nl-BE.json';
import seed000 from '../../demo/configs/seed-000.json';
import seed001 from '../../demo/configs/seed-001.json';
import seed002 from '../../demo/configs/seed-002.json';
import seed003 from '../../demo/configs/seed-003.json';
import seed004 from '../../demo/configs/seed-004.json';

// Dutch as a site's own bundle provides it (only English is built in): the seeds are Dutch.
registerTranslation('nl', nl);

customElements.get('keuze-notice') || customElements.define('keuze-notice', KeuzeNotice);
customElements.get('keuze-banner') || customElements.define('keuze-banner', KeuzeBanner);

declare global {
  interface Window {
    axe: {
      run: (
        context: Element,
        options: unknown,
      ) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }>;
    };
  }
}

const seeds: Record<string, Config> = Object.fromEntries(
  Object.entries({ seed000, seed001, seed002, seed003, seed004 }).map(([name, raw]) => [
    name,
    validateConfig(raw).config as Config,
  ]),
);

async function render(
  config: Config,
  attrs: { lang?: string; level?: number } = {},
): Promise<KeuzeNotice> {
  const el = await fixture<KeuzeNotice>(
    html`<keuze-notice
      .config=${config}
      lang=${attrs.lang ?? 'nl'}
      heading-level=${attrs.level ?? 2}
    ></keuze-notice>`,
  );
  await el.updateComplete;
  return el;
}

/** Heading levels in document order. */
function levels(el: Element): number[] {
  return [...el.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
}

interface Reported {
  /** `keuze-error` details seen on document. */
  events: Array<{ message: string; path?: string }>;
  /** console.error and console.warn lines of Keuze. */
  errors: string[];
  warnings: string[];
}

/** Runs `action` and collects what a site owner would see of the problems: events and console lines. */
async function watch(action: () => Promise<unknown>): Promise<Reported> {
  const seen: Reported = { events: [], errors: [], warnings: [] };
  const listener = (event: Event) => seen.events.push((event as CustomEvent).detail);
  const { error, warn } = console;
  document.addEventListener('keuze-error', listener);
  console.error = (...args: unknown[]) => seen.errors.push(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (line.startsWith('[keuze]')) seen.warnings.push(line);
    else warn(...args);
  };
  try {
    await action();
  } finally {
    document.removeEventListener('keuze-error', listener);
    console.error = error;
    console.warn = warn;
  }
  return seen;
}

/** Seed 000 with a notice that has two mistakes: the third extra section's title and an impossible date. */
function brokenNoticeConfig(): Record<string, unknown> {
  return {
    ...structuredClone(seed000),
    notice: {
      ...structuredClone(seed000.notice),
      effectiveDate: '2024-02-30',
      sections: [
        { id: 'cookies-elsewhere', title: 'Elders', body: ['Tekst.'] },
        { id: 'newsletter', title: 'Nieuwsbrief', body: ['Tekst.'] },
        { id: 'kiosk', title: 42, body: ['Tekst.'] },
      ],
    },
  };
}

const BROKEN_NOTICE_ERRORS = [
  {
    message: 'notice.effectiveDate: expected a date "YYYY-MM-DD", got "2024-02-30"',
    path: 'notice.effectiveDate',
  },
  {
    message:
      'notice.sections[2].title: expected a string or a map of language tag to string, got 42',
    path: 'notice.sections[2].title',
  },
];

/** Nothing of the notice is in the page: no element, no text. */
function expectEmpty(el: Element): void {
  expect(el.querySelector('*'), 'an element of the notice').to.equal(null);
  expect(el.textContent!.trim()).to.equal('');
}

async function axe(el: Element) {
  const result = await window.axe.run(el, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    },
    rules: { 'page-has-heading-one': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
}

describe('<keuze-notice>', () => {
  for (const [name, config] of Object.entries(seeds)) {
    describe(`with the ${name} example`, () => {
      it('renders every section the config declares, each reachable from the table of contents', async () => {
        const el = await render(config);
        const expected = declaredSections(config).flatMap((id) =>
          id === 'extra'
            ? (config.notice?.sections ?? []).map((s) => `keuze-notice-section-${s.id}`)
            : [`keuze-notice-${id}`],
        );
        const sections = [...el.querySelectorAll('section')].map((s) => s.id);
        expect(sections).to.deep.equal(expected);
        const links = [...el.querySelectorAll('nav a')].map((a) => a.getAttribute('href'));
        expect(links).to.deep.equal(expected.map((id) => `#${id}`));
        for (const section of el.querySelectorAll('section')) {
          expect(section.textContent!.trim().length, section.id).to.be.greaterThan(40);
        }
      });

      it('never skips a heading level', async () => {
        const el = await render(config);
        const found = levels(el);
        expect(found[0]).to.equal(2);
        found
          .slice(1)
          .forEach((level, i) => expect(level - found[i], `heading ${i + 1}`).to.be.at.most(1));
        expect(Math.min(...found)).to.equal(2);
      });

      it('[axe] is accessible', async () => {
        const el = await render(config);
        expect(await axe(el)).to.deep.equal([]);
      });
    });
  }

  it('lists exactly the storage items of the cookie centre, with their retention', async () => {
    const config = validateConfig({
      ...seed004,
      purposes: [
        ...seed004.purposes,
        {
          id: 'analytics',
          basis: 'consent',
          services: [
            {
              id: 'matomo',
              provider: 'Matomo',
              storage: [
                { name: '_pk_id.*', type: 'cookie', retention: 'P13M' },
                { name: '_pk_ses.*', type: 'cookie', retention: 'PT30M' },
              ],
            },
          ],
          storage: [
            {
              name: 'stats_opt',
              type: 'localStorage',
              provider: 'Isowil N.V.',
              retention: 'session',
            },
          ],
        },
      ],
    }).config as Config;
    const el = await render(config);
    const rendered = [...el.querySelectorAll('tr[data-storage-name]')].map((row) => [
      row.getAttribute('data-storage-name'),
      row.querySelector('[data-retention]')!.getAttribute('data-retention'),
      row.children[1].textContent!.trim().split('\n')[0].trim(),
    ]);
    expect(rendered).to.deep.equal(
      storageRows(config).map(({ item }) => [
        item.name,
        item.retention,
        item.provider ?? 'deze website',
      ]),
    );
    const matomo = el.querySelector('tr[data-storage-name="_pk_id.*"]')!;
    expect(matomo.textContent).to.contain('13 maanden');
    expect(el.querySelector('tr[data-storage-name="_pk_ses.*"]')!.textContent).to.contain(
      '30 minuten',
    );
  });

  it('shows the six controller entities of seed 003 with address and company number in a captioned table', async () => {
    const el = await render(seeds.seed003);
    const table = el.querySelector('#keuze-notice-controller table')!;
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal(
      'Verwerkingsverantwoordelijken',
    );
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()),
    );
    expect(rows).to.have.length(6);
    expect(rows[0][0]).to.equal('IPG Holding nv');
    expect(rows[0][2]).to.equal('0865.104.792');
    expect(table.querySelectorAll('th[scope="col"]')).to.have.length(3);
    expect(table.querySelectorAll('th[scope="row"]')).to.have.length(6);
    // The group name the banner shows is not one of the entities: it introduces them.
    expect(el.querySelector('#keuze-notice-controller p')!.textContent).to.contain(
      'IPG Group is de verwerkingsverantwoordelijke',
    );
  });

  it('words retention as a duration plus the event it runs from', async () => {
    const el = await render(seeds.seed001);
    const text = (id: string) =>
      el.querySelector(`#keuze-notice-activity-${id}`)!.textContent!.replace(/\s+/g, ' ');
    expect(text('logs')).to.contain('Uiterlijk 1 jaar na aanmaak');
    expect(text('my-kaspersky')).to.contain('Uiterlijk 1 maand na het verwijderen van het account');
    expect(text('website')).to.contain('Direct na levering');
    expect(text('office-365')).to.contain('6 maanden na de vervaldatum van de licentie');
  });

  it('names transfer countries in the reader’s language and the safeguard', async () => {
    const el = await render(seeds.seed001);
    const row = el.querySelector('#keuze-notice-transfers tbody tr')!;
    expect(row.textContent).to.contain('Verenigd Koninkrijk');
    expect(row.textContent).to.contain('Azerbeidzjan');
    expect(row.textContent).to.contain('Standaardcontractbepalingen');
  });

  it('shows the Belgian authority preset with its complaint link', async () => {
    const config = structuredClone(seeds.seed003);
    config.notice = { ...config.notice, authority: 'be-gba', complaint: undefined };
    const el = await render(config);
    const section = el.querySelector('#keuze-notice-complaint')!;
    expect(section.textContent).to.contain('Gegevensbeschermingsautoriteit');
    expect(
      section.querySelector(
        'a[href="https://www.gegevensbeschermingsautoriteit.be/burger/acties/klacht-indienen"]',
      ),
    ).to.exist;
  });

  it('renders headings and labels in English when the page is English', async () => {
    const el = await render(seeds.seed003, { lang: 'en' });
    expect(el.querySelector('article')!.getAttribute('lang')).to.equal('en');
    expect(el.querySelector('#keuze-notice-rights-title')!.textContent).to.equal(
      'Your rights and how to exercise them',
    );
    // The statement's own name for the authority, as it wrote it.
    expect(el.querySelector('#keuze-notice-complaint')!.textContent).to.contain(
      'Gegevensbeschermingsautoriteit',
    );
  });

  it('uses per-language content strings', async () => {
    const config = validateConfig({
      revision: '1',
      notice: { title: { nl: 'Privacyverklaring Voorbeeld', en: 'Example privacy notice' } },
      purposes: [
        {
          id: 'necessary',
          basis: 'necessary',
          justification: { nl: 'Onthoudt uw keuze.', en: 'Remembers your choice.' },
        },
      ],
    }).config as Config;
    const nl = await render(config);
    expect(nl.querySelector('h2')!.textContent).to.equal('Privacyverklaring Voorbeeld');
    expect(nl.textContent).to.contain('Onthoudt uw keuze.');
    const en = await render(config, { lang: 'en' });
    expect(en.querySelector('h2')!.textContent).to.equal('Example privacy notice');
    expect(en.textContent).to.contain('Remembers your choice.');
  });

  it('sets lang from the config when the element has none', async () => {
    const el = await fixture<KeuzeNotice>(
      html`<keuze-notice .config=${seeds.seed003}></keuze-notice>`,
    );
    expect(el.querySelector('article')!.getAttribute('lang')).to.equal('nl-BE');
  });

  it('starts its headings at the level the page asks for', async () => {
    const el = await render(seeds.seed001, { level: 1 });
    const found = levels(el);
    expect(found[0]).to.equal(1);
    expect(found.filter((level) => level === 1)).to.have.length(1);
    found.slice(1).forEach((level, i) => expect(level - found[i]).to.be.at.most(1));
  });

  it('renders into the light DOM so table-of-contents links reach their section', async () => {
    const el = await render(seeds.seed000);
    expect(el.shadowRoot).to.equal(null);
    const link = el.querySelector<HTMLAnchorElement>('nav a[href="#keuze-notice-rights"]')!;
    const navigated = oneEvent(window, 'hashchange');
    link.click();
    await navigated; // Firefox moves to the fragment a task after the click, Chromium at once
    expect(location.hash).to.equal('#keuze-notice-rights');
    expect(document.querySelector(':target')).to.equal(el.querySelector('#keuze-notice-rights'));
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the notice of material changes only within its window after the effective date', async () => {
    const config = validateConfig({
      ...seed000,
      notice: {
        ...seed000.notice,
        effectiveDate: '2024-03-01',
        materialChange: { summary: 'Wij delen gegevens nu ook met X.', days: 30 },
      },
    }).config as Config;
    const inside = await fixture<KeuzeNotice>(
      html`<keuze-notice
        lang="nl"
        .config=${config}
        .now=${new Date('2024-03-15T12:00:00Z')}
      ></keuze-notice>`,
    );
    const note = inside.querySelector('[role="note"]')!;
    expect(note.textContent).to.contain('Wij delen gegevens nu ook met X.');
    // It sits above the table of contents, at the top of the notice.
    expect(
      note.compareDocumentPosition(inside.querySelector('nav')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.be.greaterThan(0);
    const after = await fixture<KeuzeNotice>(
      html`<keuze-notice
        lang="nl"
        .config=${config}
        .now=${new Date('2024-04-01T00:00:00Z')}
      ></keuze-notice>`,
    );
    expect(after.querySelector('[role="note"]')).to.equal(null);
  });

  it('shows effective date, last update and previous versions with machine-readable dates', async () => {
    const config = validateConfig({
      ...seed000,
      notice: {
        ...seed000.notice,
        lastUpdated: '2020-11-20',
        previousVersions: [{ date: '2019-05-01', url: '/privacy/2019' }],
      },
    }).config as Config;
    const el = await render(config);
    const top = el.querySelector('.keuze-notice__dates')!;
    expect(top.textContent).to.contain('Van kracht met ingang van 1 december 2020');
    expect(top.querySelector('time[datetime="2020-12-01"]')).to.exist;
    const changes = el.querySelector('#keuze-notice-changes')!;
    expect(changes.querySelector('a[href="/privacy/2019"]')!.textContent).to.contain('1 mei 2019');
  });

  it('never turns a javascript: URL from an unvalidated config into a link', async () => {
    const config = {
      revision: '1',
      purposes: [
        { id: 'necessary', basis: 'necessary', justification: 'x', services: [], storage: [] },
      ],
      notice: { rights: { exercise: { form: 'javascript:alert(1)', email: 'a@b.nl' } } },
    } as unknown as Config;
    let el!: KeuzeNotice;
    const seen = await watch(async () => (el = await render(config)));
    expect(el.querySelector('a[href^="javascript"]')).to.equal(null);
    // The notice validates what it is given: such a config shows no notice at all, and says why.
    expectEmpty(el);
    expect(seen.events.map((detail) => detail.path)).to.deep.equal(['notice.rights.exercise.form']);
  });

  it('renders config text as text, never as markup', async () => {
    const config = validateConfig({
      revision: '1',
      notice: { intro: ['<img src=x onerror="window.__pwned=1">Hallo'] },
      purposes: [{ id: 'necessary', basis: 'necessary', justification: 'x' }],
    }).config as Config;
    const el = await render(config);
    expect(el.querySelector('img')).to.equal(null);
    expect(el.textContent).to.contain('<img src=x');
  });

  it('adopts its stylesheet, including print rules, without a <style> element', async () => {
    const el = await render(seeds.seed000);
    expect(el.querySelector('style')).to.equal(null);
    const sheet = document.adoptedStyleSheets.find((s) =>
      [...s.cssRules].some((r) => r.cssText.startsWith('keuze-notice')),
    );
    expect(sheet, 'adopted sheet').to.exist;
    expect(
      [...sheet!.cssRules].some((r) => r instanceof CSSMediaRule && r.conditionText === 'print'),
    ).to.equal(true);
  });

  describe('with a broken notice section', () => {
    it('a broken notice section renders no notice and names the field', async () => {
      const config = validateConfig(brokenNoticeConfig()).config as Config;
      expect(config, 'keuze.init accepts the config: the notice is checked where it renders').to
        .exist;
      let el!: KeuzeNotice;
      const seen = await watch(async () => (el = await render(config)));
      expectEmpty(el);
      expect(seen.events).to.deep.equal(BROKEN_NOTICE_ERRORS);
      expect(seen.errors).to.have.length(1);
      for (const { message } of BROKEN_NOTICE_ERRORS) expect(seen.errors[0]).to.contain(message);
      expect(seen.errors[0]).to.match(/^\[keuze\] The privacy notice is not shown/);
    });

    it('reports the problems of one config once, however many notices show it and however often', async () => {
      const config = validateConfig(brokenNoticeConfig()).config as Config;
      const seen = await watch(async () => {
        const first = await render(config);
        const second = await render(config, { lang: 'en' });
        first.requestUpdate();
        second.headingLevel = 3;
        await first.updateComplete;
        await second.updateComplete;
        expectEmpty(first);
        expectEmpty(second);
      });
      expect(seen.events).to.deep.equal(BROKEN_NOTICE_ERRORS);
      expect(seen.errors).to.have.length(1);
    });

    it('shows the notice once a corrected config is set', async () => {
      const config = validateConfig(brokenNoticeConfig()).config as Config;
      let el!: KeuzeNotice;
      await watch(async () => (el = await render(config)));
      expectEmpty(el);
      el.config = seeds.seed000;
      await el.updateComplete;
      expect(el.querySelector('#keuze-notice-rights')).to.exist;
    });

    it('warns in the console about each notice warning and still renders the notice', async () => {
      const config = validateConfig({
        ...seed000,
        notice: {
          ...seed000.notice,
          transfers: [{ safeguard: 'scc' }],
          effectivDate: '2024-01-01',
        },
      }).config as Config;
      let el!: KeuzeNotice;
      const seen = await watch(async () => (el = await render(config)));
      expect(seen.events).to.deep.equal([]);
      expect(seen.errors).to.deep.equal([]);
      expect(seen.warnings).to.deep.equal([
        '[keuze] config notice.effectivDate: unknown key "effectivDate": did you mean "effectiveDate"?',
        '[keuze] config notice.transfers[0].countries: no countries named: a notice should say where data goes (GDPR Art. 13(1)(f))',
      ]);
      expect(el.querySelector('#keuze-notice-transfers')).to.exist;
    });

    it('a broken notice section does not stop the consent banner', async () => {
      const keuze = new Keuze();
      let consent!: Awaited<ReturnType<Keuze['init']>>;
      const atInit = await watch(async () => {
        consent = await keuze.init(brokenNoticeConfig(), {
          adapter: new MemoryAdapter(),
          channel: false,
          gpc: false,
          gate: false,
        });
      });
      expect(atInit).to.deep.equal({ events: [], errors: [], warnings: [] });
      expect(consent.decided).to.equal(false);
      const store = keuze.store!;
      expect(store, 'keuze.init started a store').to.exist;

      const page = document.createElement('div');
      page.lang = 'nl';
      document.body.append(page);
      provideStore(page, store);
      const banner = document.createElement('keuze-banner');
      const notice = document.createElement('keuze-notice');
      const seen = await watch(async () => {
        page.append(banner, notice);
        await banner.updateComplete;
        await notice.updateComplete;
      });
      try {
        expectEmpty(notice);
        expect(seen.events.map((detail) => detail.path)).to.deep.equal(
          BROKEN_NOTICE_ERRORS.map((error) => error.path),
        );
        const accept = banner.querySelector<HTMLButtonElement>('[data-keuze-action="accept-all"]')!;
        const changed = new Promise((resolve) =>
          store.addEventListener('change', resolve, { once: true }),
        );
        accept.click();
        await changed;
        expect(keuze.get().decided).to.equal(true);
        expect(keuze.granted('analytics')).to.equal(true);
      } finally {
        page.remove();
      }
    });
  });
});

/** The notice's visible text, whitespace collapsed. */
function said(el: Element, selector = 'article'): string {
  return (el.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Seed 000 with its notice changed by `change` (a fresh, validated copy). */
function seed000With(change: (notice: Record<string, unknown>) => void): Config {
  const raw = structuredClone(seed000) as unknown as { notice: Record<string, unknown> };
  change(raw.notice);
  return validateConfig(raw).config as Config;
}

describe('keuze-notice says only what the config says, and all of it', () => {
  it('a notice without rights.responseTime says nothing about a response time', async () => {
    const el = await render(seeds.seed003);
    expect(said(el, '#keuze-notice-rights')).not.to.contain('Wij reageren binnen');
    // Seed 003's own words stay: "zo snel mogelijk".
    expect(said(el, '#keuze-notice-rights')).to.contain('zo snel mogelijk');
    const timed = await render(
      seed000With((notice) => ((notice.rights as Record<string, unknown>).responseTime = 'P1M')),
    );
    expect(said(timed, '#keuze-notice-rights')).to.contain('Wij reageren binnen 1 maand.');
  });

  it("shows the statement's own words about children and no template sentence", async () => {
    const el = await render(seeds.seed003);
    const children = said(el, '#keuze-notice-children');
    expect(children).to.contain('tenzij ze toestemming hebben van ouders of voogd');
    expect(children).not.to.contain('niet bedoeld voor personen jonger dan');
    expect(children).not.to.contain('Minimumleeftijd');
    const bare = await render(
      seed000With((notice) => (notice.children = { minimumAge: 16, parentalConsent: true })),
    );
    expect(said(bare, '#keuze-notice-children')).to.equal(
      'Kinderen Minimumleeftijd: 16 jaar. Gegevens van kinderen jonger dan 16 jaar verwerken wij alleen met toestemming van een ouder of voogd.',
    );
  });

  it('puts a statement’s own complaint clause in place of the standard Art. 77 sentence', async () => {
    const belgian = said(await render(seeds.seed003), '#keuze-notice-complaint');
    expect(belgian).to.contain('bij uitsluiting van alle andere');
    expect(belgian).not.to.contain('met name in de lidstaat');
    // Seed 002's complaint route, lost before, is there.
    const ies = said(await render(seeds.seed002), '#keuze-notice-complaint');
    expect(ies).to.contain('uw lokale gegevensbeschermingsautoriteit');
  });

  it('says no more about automated decisions than the config: no profiling clause', async () => {
    const el = await render(seeds.seed001);
    const text = said(el, '#keuze-notice-automated');
    expect(text).to.contain('Wij maken geen gebruik van geautomatiseerde besluitvorming.');
    expect(text).not.to.contain('profilering');
  });

  it('shows the controller’s e-mail, phone and note and each representative’s country', async () => {
    const el = await render(
      seed000With((notice) => {
        const [ibm] = notice.controllers as Array<Record<string, unknown>>;
        Object.assign(ibm, {
          email: 'privacy@ibm.example',
          phone: '+1 914 499 1900',
          note: 'Hoofdkantoor.',
        });
      }),
    );
    const controller = said(el, '#keuze-notice-controller');
    expect(controller).to.contain('privacy@ibm.example');
    expect(controller).to.contain('+1 914 499 1900');
    expect(controller).to.contain('Hoofdkantoor.');
    expect(el.querySelector('#keuze-notice-controller a[href="mailto:privacy@ibm.example"]')).to
      .exist;
    expect(controller).to.contain('Vertegenwoordiger voor het Verenigd Koninkrijk:');
    expect(controller).to.contain('1066 VH Amsterdam Nederland');
    // No registration number is given, so there is no empty column for one.
    expect(controller).not.to.contain('KvK-nummer');
  });

  it('shows a general retention rule and a general basis once, and no basis the statement lacks', async () => {
    const el = await render(seeds.seed000);
    const activities = said(el, '#keuze-notice-activities');
    expect(activities).to.contain(
      'Bewaartermijn voor alle verwerkingen: Wij bewaren uw persoonsgegevens niet langer dan nodig',
    );
    expect(activities).to.contain('Rechtsgrondslag: Waar we uw persoonsgegevens gebruiken');
    expect(el.querySelectorAll('.keuze-notice__activity dt')).to.have.length.greaterThan(0);
    const terms = [...el.querySelectorAll('.keuze-notice__activity dt')].map((dt) =>
      dt.textContent!.trim(),
    );
    expect(terms).not.to.include('Rechtsgrondslag');
    expect(terms).not.to.include('Bewaartermijn');
  });

  it('keeps a transfer safeguard in the statement’s words, with its qualifiers', async () => {
    const ibm = said(await render(seeds.seed000), '#keuze-notice-transfers');
    expect(ibm).to.contain('Privacy Shield Framework mogelijk niet langer gebruikt');
    expect(ibm).not.to.contain('Verenigde Staten');
    const isowil = said(await render(seeds.seed004), '#keuze-notice-transfers');
    expect(isowil).to.contain('overeenkomstig Besluit 2004/915/EG en Besluit 2010/87/EU');
    expect(isowil).not.to.contain('Standaardcontractbepalingen van de Europese Commissie');
  });

  it('labels a necessary purpose by its justification, not as a legal basis', async () => {
    const text = said(await render(seeds.seed001), '#keuze-notice-cookies-necessary');
    expect(text).to.contain('Waarom dit strikt noodzakelijk is: Onthoudt uw cookiekeuze');
    expect(text).not.to.contain('Rechtsgrondslag');
  });

  it('shows why a storage item is exempt from consent', async () => {
    const config = validateConfig({
      revision: '1',
      purposes: [
        { id: 'necessary', basis: 'necessary', justification: 'x' },
        {
          id: 'functional',
          basis: 'legitimate-interest',
          storage: [
            {
              name: 'basket',
              type: 'localStorage',
              retention: 'session',
              purpose: 'Winkelmandje',
              exemption: { ground: 'strictly-necessary', reason: 'Bewaart wat u bestelt.' },
            },
          ],
        },
      ],
    }).config as Config;
    const row = (await render(config)).querySelector('tr[data-storage-name="basket"]')!;
    expect(row.textContent!.replace(/\s+/g, ' ')).to.contain(
      'Geen toestemming nodig: Bewaart wat u bestelt.',
    );
  });

  it('calls a company number KvK-nummer in Dutch and ondernemingsnummer in Belgian Dutch', async () => {
    registerTranslation('nl-BE', nlBE);
    const belgian = await render(seeds.seed003, { lang: 'nl-BE' });
    expect(said(belgian, '#keuze-notice-controller table thead')).to.contain('Ondernemingsnummer');
    const dutch = await render(seeds.seed003, { lang: 'nl' });
    expect(said(dutch, '#keuze-notice-controller table thead')).to.contain('KvK-nummer');
    expect(said(belgian, '#keuze-notice-activities')).to.contain('art. 6.1.f AVG');
    expect(said(belgian, '#keuze-notice-activities')).to.contain('u kan bezwaar maken');
  });
});

describe('the first layer names the third parties', () => {
  async function bannerFor(
    raw: Record<string, unknown>,
  ): Promise<{ text: string; done: () => void }> {
    const keuze = new Keuze();
    await keuze.init(raw, {
      adapter: new MemoryAdapter(),
      channel: false,
      gpc: false,
      gate: false,
    });
    const page = document.createElement('div');
    page.lang = 'nl';
    document.body.append(page);
    provideStore(page, keuze.store!);
    const banner = document.createElement('keuze-banner');
    page.append(banner);
    await banner.updateComplete;
    const text = (banner.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
    const part = banner.shadowRoot!.querySelector('[part="third-parties"]')?.textContent ?? '';
    return { text: part || text, done: () => page.remove() };
  }

  it("names seed 004's Facebook widgets on the banner", async () => {
    const { text, done } = await bannerFor({ ...structuredClone(seed004), locale: 'nl' });
    try {
      expect(text).to.equal(
        'Derde partijen die met uw toestemming cookies plaatsen of lezen: Facebook.',
      );
    } finally {
      done();
    }
  });

  it('says nothing about third parties when no consent purpose has a provider', async () => {
    const { text, done } = await bannerFor({ ...structuredClone(seed000), locale: 'nl' });
    try {
      expect(text).not.to.contain('Derde partijen');
      expect(text).to.contain('International Business Machines Corporation');
    } finally {
      done();
    }
  });
});

describe('<keuze-notice>: config text in another language than the notice', () => {
  it('marks texts that exist only in English with lang="en" in a Dutch notice, and Dutch ones not', async () => {
    const raw = structuredClone(sampleConfig) as unknown as {
      purposes: Array<Record<string, unknown>>;
      notice: Record<string, unknown>;
    };
    const analytics = raw.purposes.find((p) => p.id === 'analytics')!;
    analytics.name = { en: 'Visit statistics' };
    analytics.description = { en: 'Counts visits without identifying you.' };
    raw.notice.intro = [{ en: 'We keep this short.' }, 'Wij houden het kort.'];
    raw.notice.retention = { duration: 'P1Y', text: { en: 'Or until you ask us to delete it.' } };
    const el = await render(validateConfig(raw).config as Config);
    const article = el.querySelector('article')!;
    expect(article.getAttribute('lang')).to.equal('nl');
    const langOf = (text: string): string | null => {
      const found = [...article.querySelectorAll('*')].find(
        (element) => element.childElementCount === 0 && element.textContent?.trim() === text,
      );
      expect(found, `"${text}" is shown`).to.exist;
      return found!.closest('[lang]')!.getAttribute('lang');
    };
    expect(langOf('We keep this short.')).to.equal('en');
    expect(langOf('Wij houden het kort.')).to.equal('nl');
    expect(langOf('Counts visits without identifying you.')).to.equal('en');
    expect(langOf('Visit statistics')).to.equal('en'); // its heading
    expect(langOf('Or until you ask us to delete it.')).to.equal('en');
    // The name inside the Dutch caption of its cookie table.
    const caption = [...article.querySelectorAll('caption')].find((c) =>
      c.textContent?.includes('Visit statistics'),
    )!;
    expect(caption.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Cookies en opslag voor Visit statistics',
    );
    expect(caption.querySelector('span')!.getAttribute('lang')).to.equal('en');
    expect(caption.closest('[lang]')!.getAttribute('lang')).to.equal('nl');
    // A purpose named in Dutch: its heading carries the notice's language only.
    expect(langOf('Herkent terugkerende bezoekers')).to.equal('nl');
  });
});
