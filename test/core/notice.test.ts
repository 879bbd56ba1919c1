import { expect } from '@open-wc/testing';
import { validateConfig } from '../../src/core/config/validate.js';
import { Issues } from '../../src/core/config/check.js';
import { validateNotice, validateNoticeConfig } from '../../src/core/notice/validate.js';
import {
  controllers,
  declaredSections,
  materialChangeActive,
  durationParts,
  cookieDeclaration,
} from '../../src/core/notice/model.js';
import { resolveAuthority } from '../../src/core/notice/authorities.js';
import { storageRows } from '../../src/core/model.js';
import { thirdParties } from '../../src/core/third-parties.js';
import type { Config, StoredState } from '../../src/core/types.js';
import { ConsentStore } from '../../src/core/store.js';
import { IndexedDBAdapter } from '../../src/core/storage/indexeddb.js';
import { RECORD_RETENTION, decide, withoutExpired } from '../../src/core/choices.js';
import { EMPTY_STATE } from '../../src/core/decision.js';
import { diagnoseConfig } from '../../src/core/integrations/diagnostics.js';
import { Keuze } from '../../src/core/keuze.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import seed000 from '../../demo/configs/seed-000.json';
import seed001 from '../../demo/configs/seed-001.json';
import seed002 from '../../demo/configs/seed-002.json';
import seed003 from '../../demo/configs/seed-003.json';
import seed004 from '../../demo/configs/seed-004.json';

const seeds: Record<string, { notice?: unknown; controller?: { name: string } }> = {
  seed000,
  seed001,
  seed002,
  seed003,
  seed004,
};
/**
 * What each statement leaves unsaid or names that no longer holds, as the validator
 * tells the site owner (docs/seed-audit.md): 000 names no countries ("everywhere we do
 * business") and the Privacy Shield; 002 names the Privacy Shield and no legal basis
 * for four activities; 004 names no countries and the repealed 2004/915 and 2010/87 clauses.
 */
const expectedWarnings: Record<string, string[]> = {
  seed000: ['notice.transfers[0].countries', 'notice.transfers[0]'],
  seed002: [
    'notice.transfers[0]',
    'notice.activities[0].basis',
    'notice.activities[1].basis',
    'notice.activities[3].basis',
    'notice.activities[4].basis',
  ],
  seed004: ['notice.transfers[0].countries', 'notice.transfers[0]'],
};

function base(notice: unknown): Record<string, unknown> {
  return {
    revision: '1',
    controller: { name: 'Voorbeeld B.V.' },
    notice,
    purposes: [{ id: 'necessary', basis: 'necessary', justification: 'Onthoudt uw keuze.' }],
  };
}

/** The notice's errors, as <keuze-notice> reports them. */
function messages(notice: unknown): string[] {
  return validateNoticeConfig(notice).errors.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('notice config validation', () => {
  for (const [name, config] of Object.entries(seeds)) {
    it(`accepts the ${name} example without errors or unexpected warnings`, () => {
      const whole = validateConfig(config);
      expect(whole.errors, JSON.stringify(whole.errors)).to.deep.equal([]);
      expect(whole.warnings).to.deep.equal([]);
      const result = validateNoticeConfig(config.notice, {
        controllerName: config.controller?.name,
      });
      expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
      expect(result.ok).to.equal(true);
      expect(result.warnings.map((w) => w.path)).to.deep.equal(expectedWarnings[name] ?? []);
    });
  }

  it('leaves the notice section to the notice: a broken section does not refuse the config', () => {
    const notice = { url: '/privacy', sections: [{ id: 'extra', title: 42, body: ['x'] }] };
    const result = validateConfig(base(notice));
    expect(result.errors).to.deep.equal([]);
    expect(result.ok).to.equal(true);
    expect(result.config!.notice).to.deep.equal(notice);
    expect(result.config!.notice).not.to.equal(notice); // a copy, like the rest of the config
    expect(messages(notice)).to.deep.equal([
      'notice.sections[0].title: expected a string or a map of language tag to string, got 42',
    ]);
  });

  it('still checks in the config what the banner and the cookie centre use: an object with a safe link', () => {
    expect(
      validateConfig(base('privacy.html')).errors.map((e) => `${e.path}: ${e.message}`),
    ).to.deep.equal(['notice: expected an object, got "privacy.html"']);
    expect(
      validateConfig(base({ url: 'javascript:alert(1)' })).errors.map((e) => e.path),
    ).to.deep.equal(['notice.url']);
    // The link is the config's to check, so the notice does not report it a second time.
    expect(messages({ url: 'javascript:alert(1)' })).to.deep.equal([]);
  });

  it('accepts a config without a notice section, and so does the notice', () => {
    expect(validateConfig(base(undefined)).ok).to.equal(true);
    expect(validateNoticeConfig(undefined)).to.deep.equal({ ok: true, errors: [], warnings: [] });
  });

  it('reports a notice that cannot be read as an error, without throwing', () => {
    const notice = {
      get title(): string {
        throw new Error('no access');
      },
    };
    const result = validateNoticeConfig(notice);
    expect(result.ok).to.equal(false);
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).to.deep.equal([
      'notice: the notice could not be read: no access',
    ]);
  });

  it('reports a storage item without retention as an error at its exact path', () => {
    const config = base(undefined);
    (config.purposes as Record<string, unknown>[]).push({
      id: 'analytics',
      basis: 'consent',
      services: [
        { id: 'matomo', provider: 'Matomo', storage: [{ name: '_pk_id.*', type: 'cookie' }] },
      ],
    });
    expect(validateConfig(config).errors.map((e) => `${e.path}: ${e.message}`)).to.deep.equal([
      'purposes[1].services[0].storage[0].retention: expected a deletion period (ISO 8601 duration such as "P13M", or "session"), got nothing',
    ]);
  });

  it('points at the exact controller field that is wrong', () => {
    const errors = messages({ controllers: [{ name: 'A B.V.' }, { name: 'B B.V.', address: 42 }] });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^notice\.controllers\[1\]\.address: expected a string.*got 42$/);
  });

  it('accepts only the six GDPR legal bases for a processing activity', () => {
    const errors = messages({
      activities: [
        { id: 'crm', name: 'Klantenbeheer', basis: ['contract', 'legitimate-interest'] },
      ],
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain(
      'notice.activities[0].basis[1]: expected "consent" | "contract" | "legal-obligation"',
    );
  });

  it('requires a processing activity to have an id and a name; a missing basis is a warning', () => {
    const errors = messages({ activities: [{}] });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.activities[0].id',
      'notice.activities[0].name',
    ]);
    const warned = validateNoticeConfig({ activities: [{ id: 'a', name: 'A' }] }).warnings;
    expect(warned.map((w) => w.path)).to.include('notice.activities[0].basis');
    // A basis said for all activities covers them.
    const covered = validateNoticeConfig({
      basisNote: 'Op grond van de overeenkomst of uw toestemming.',
      activities: [{ id: 'a', name: 'A' }],
    }).warnings;
    expect(covered.map((w) => w.path)).not.to.include('notice.activities[0].basis');
  });

  it('rejects a retention that says neither how long nor in words', () => {
    const errors = messages({
      activities: [
        {
          id: 'logs',
          name: 'Logs',
          basis: 'legitimate-interests',
          retention: { from: 'creation' },
        },
      ],
    });
    expect(errors).to.include(
      'notice.activities[0].retention: expected a duration (ISO 8601 such as "P1Y") or a text saying how long, got neither',
    );
    expect(errors).to.include(
      'notice.activities[0].retention.from: a start event needs a duration to count from it',
    );
  });

  it('rejects an unknown retention start event and a malformed duration', () => {
    const errors = messages({
      activities: [
        {
          id: 'logs',
          name: 'Logs',
          basis: 'consent',
          retention: { duration: '1 jaar', from: 'birthday' },
        },
      ],
    });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.activities[0].retention.duration',
      'notice.activities[0].retention.from',
    ]);
  });

  it('rejects duplicate activity ids', () => {
    const activity = { id: 'crm', name: 'Klantenbeheer', basis: 'contract' };
    expect(messages({ activities: [activity, activity] })).to.deep.equal([
      'notice.activities[1].id: duplicate id "crm": already used at notice.activities[0].id',
    ]);
  });

  it('requires a way to exercise the rights', () => {
    expect(messages({ rights: { list: ['access'] } })).to.deep.equal([
      'notice.rights.exercise: expected how to exercise the rights (email, url, form, phone or address), got nothing',
    ]);
    expect(messages({ rights: { exercise: {} } })).to.deep.equal([
      'notice.rights.exercise: expected at least one way to exercise the rights: email, url, form, phone or address',
    ]);
    expect(messages({ rights: { exercise: { form: '/verzoek' } } })).to.deep.equal([]);
  });

  it('rejects an unknown right, a bad e-mail address and a javascript: form', () => {
    const errors = messages({
      rights: {
        list: ['inzage'],
        exercise: { email: 'dpo-at-voorbeeld.nl', form: 'javascript:alert(1)' },
      },
    });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.rights.list[0]',
      'notice.rights.exercise.email',
      'notice.rights.exercise.form',
    ]);
  });

  it('accepts the authority presets and rejects an unknown one', () => {
    expect(messages({ authority: 'nl-ap' })).to.deep.equal([]);
    expect(messages({ authority: 'be-gba' })).to.deep.equal([]);
    expect(messages({ authority: 'fr-cnil' })[0]).to.match(
      /^notice\.authority: expected a preset \("nl-ap" \| "be-gba"\)/,
    );
  });

  it('requires country codes, a known safeguard and a reachable copy contact for transfers', () => {
    const errors = messages({
      transfers: [{ countries: ['Verenigde Staten'], safeguard: 'privacy-shield', copy: {} }],
    });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.transfers[0].countries[0]',
      'notice.transfers[0].safeguard',
      'notice.transfers[0].copy',
    ]);
  });

  it('warns, without failing, when a transfer names no countries', () => {
    const result = validateNoticeConfig({ transfers: [{ safeguard: 'scc' }] });
    expect(result.ok).to.equal(true);
    expect(result.warnings.filter((w) => w.path.startsWith('notice.transfers'))).to.deep.equal([
      {
        path: 'notice.transfers[0].countries',
        message: 'no countries named: a notice should say where data goes (GDPR Art. 13(1)(f))',
        severity: 'warning',
      },
    ]);
  });

  it('checks dates, previous versions and the material-change window', () => {
    const errors = messages({
      effectiveDate: '2024-02-30',
      previousVersions: [{ date: '2025-01-01', url: '/privacy/2019' }],
      materialChange: { summary: 'Nieuwe ontvanger', days: 0 },
    });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.effectiveDate',
      'notice.materialChange.days',
      'notice.effectiveDate',
    ]);
    expect(
      messages({
        effectiveDate: '2024-03-01',
        previousVersions: [{ date: '2025-01-01', url: '/v1' }],
      }),
    ).to.deep.equal([
      'notice.previousVersions[0].date: expected a date before effectiveDate 2024-03-01, got "2025-01-01"',
    ]);
  });

  it('requires an explanation when automated decision-making is used', () => {
    expect(messages({ automatedDecisions: { used: true } })).to.deep.equal([
      'notice.automatedDecisions.description: expected the logic involved and its consequences (GDPR Art. 13(2)(f)), got nothing',
    ]);
    expect(messages({ automatedDecisions: { used: 'nee' } })).to.deep.equal([
      'notice.automatedDecisions.used: expected true or false, got "nee"',
    ]);
  });

  it('checks the age threshold for children', () => {
    expect(messages({ children: { minimumAge: 16 } })).to.deep.equal([]);
    expect(messages({ children: { text: 'Niet voor kinderen.' } })).to.deep.equal([]);
    expect(messages({ children: {} })).to.deep.equal([
      'notice.children: expected what the statement says about children: minimumAge, text or both, got neither',
    ]);
    expect(messages({ children: { minimumAge: '16' } })).to.deep.equal([
      'notice.children.minimumAge: expected a whole number of years from 1 to 21, got "16"',
    ]);
  });

  it('warns about a misspelt key with a suggestion', () => {
    expect(validateConfig(base({ effectivDate: '2024-01-01' })).warnings).to.deep.equal([]);
    const result = validateNoticeConfig({ effectivDate: '2024-01-01' });
    expect(
      result.warnings
        .filter((w) => w.path === 'notice.effectivDate')
        .map((w) => `${w.path}: ${w.message}`),
    ).to.deep.equal([
      'notice.effectivDate: unknown key "effectivDate": did you mean "effectiveDate"?',
    ]);
  });

  it('accepts every content string per language and rejects a bad language tag', () => {
    expect(messages({ title: { nl: 'Privacyverklaring', en: 'Privacy notice' } })).to.deep.equal(
      [],
    );
    expect(messages({ title: { Dutch: 'Privacyverklaring' } })[0]).to.match(
      /^notice\.title\.Dutch: expected a language tag/,
    );
  });

  it('keeps working when validateNotice is called on its own', () => {
    const issues = new Issues();
    validateNotice(issues, 'notice', 'privacy.html');
    expect(issues.errors.map((e) => `${e.path}: ${e.message}`)).to.deep.equal([
      'notice: expected an object, got "privacy.html"',
    ]);
  });
});

describe('notice model helpers', () => {
  const config = validateConfig(seed003).config as Config;

  it('lists every controller entity with its company number', () => {
    const list = controllers(config);
    expect(list).to.have.length(6);
    expect(list[5]).to.include({ name: 'Contact Expert NV', companyNumber: '0427.073.974' });
  });

  it('uses config.controller.name as the controller when no entities are listed', () => {
    const plain = validateConfig(base({})).config as Config;
    expect(controllers(plain)).to.deep.equal([{ name: 'Voorbeeld B.V.' }]);
  });

  it('declares only the sections a config fills, in a fixed order', () => {
    expect(declaredSections(config)).to.deep.equal([
      'controller',
      'activities',
      'cookies',
      'transfers',
      'rights',
      'complaint',
      'children',
      'security',
      'extra',
      'changes',
    ]);
    const minimal = validateConfig({
      revision: '1',
      purposes: [{ id: 'necessary', basis: 'necessary', justification: 'x' }],
    }).config as Config;
    expect(declaredSections(minimal)).to.deep.equal(['cookies']);
  });

  it('shows a material change from the effective date for the configured number of days', () => {
    const notice = { effectiveDate: '2024-03-01', materialChange: { summary: 'Nieuw', days: 30 } };
    expect(materialChangeActive(notice, new Date('2024-02-29T23:59:59Z'))).to.equal(false);
    expect(materialChangeActive(notice, new Date('2024-03-01T00:00:00Z'))).to.equal(true);
    expect(materialChangeActive(notice, new Date('2024-03-30T23:59:59Z'))).to.equal(true);
    expect(materialChangeActive(notice, new Date('2024-03-31T00:00:00Z'))).to.equal(false);
    expect(
      materialChangeActive(
        { effectiveDate: '2024-03-01', materialChange: { summary: 'x' } },
        new Date('2024-03-30T12:00:00Z'),
      ),
    ).to.equal(true);
    expect(
      materialChangeActive({ effectiveDate: '2024-03-01' }, new Date('2024-03-02T00:00:00Z')),
    ).to.equal(false);
  });

  it('splits a duration into its units', () => {
    expect(durationParts('P1Y6M')).to.deep.equal([
      ['years', 1],
      ['months', 6],
    ]);
    expect(durationParts('PT0S')).to.deep.equal([]);
  });

  it('builds the cookie declaration from exactly the rows the cookie centre shows', () => {
    const seed4 = validateConfig(seed004).config as Config;
    const declared = cookieDeclaration(seed4).flatMap((group) => group.rows);
    expect(declared).to.deep.equal(storageRows(seed4));
  });

  it('resolves the Dutch and Belgian authority presets', () => {
    expect(resolveAuthority('nl-ap')?.name).to.deep.include({ nl: 'Autoriteit Persoonsgegevens' });
    expect(resolveAuthority('be-gba')?.name).to.deep.include({
      nl: 'Gegevensbeschermingsautoriteit',
    });
    expect(resolveAuthority({ name: 'CNIL' })).to.deep.equal({ name: 'CNIL' });
    expect(resolveAuthority(undefined)).to.equal(undefined);
  });
});

describe('the notice says only what the config says', () => {
  it('warns the site owner by path about each Art. 13 item the notice lacks', () => {
    const empty = validateNoticeConfig({ url: '/privacy' });
    expect(empty.ok).to.equal(true);
    expect(empty.warnings.map((w) => w.path)).to.deep.equal([
      'notice.controllers',
      'notice.controllers',
      'notice.activities',
      'notice.recipients',
      'notice.transfers',
      'notice.rights',
      'notice.authority',
    ]);
    expect(empty.warnings[0].message).to.contain('Art. 13(1)(a)');
    // The contract's controller.name names the controller; its contact is still missing.
    const named = validateNoticeConfig({ url: '/privacy' }, { controllerName: 'Voorbeeld B.V.' });
    expect(named.warnings.filter((w) => w.path === 'notice.controllers')).to.have.length(1);
    expect(named.warnings[0].message).to.contain('no way to contact the controller');
  });

  it('warns about an activity without retention unless one rule covers every activity', () => {
    const activities = [{ id: 'a', name: 'A', basis: 'contract' }];
    const without = validateNoticeConfig({ activities }).warnings.map((w) => w.path);
    expect(without).to.include('notice.activities[0].retention');
    const general = validateNoticeConfig({
      activities,
      retention: { text: 'Niet langer dan nodig.' },
    }).warnings.map((w) => w.path);
    expect(general).not.to.include('notice.activities[0].retention');
    expect(messages({ retention: { from: 'creation' } })).to.deep.equal([
      'notice.retention: expected a duration (ISO 8601 such as "P1Y") or a text saying how long, got neither',
      'notice.retention.from: a start event needs a duration to count from it',
    ]);
  });

  it('warns when a transfer names the Privacy Shield or repealed contract-clause decisions', () => {
    const result = validateNoticeConfig({
      transfers: [
        { countries: ['US'], safeguard: 'scc', detail: 'Wij voldoen aan het Privacy Shield.' },
        {
          countries: ['US'],
          safeguard: 'scc',
          label: { nl: 'Modelcontractbepalingen (Besluit 2010/87/EU)' },
        },
        { countries: ['US'], safeguard: 'scc', label: 'Besluit (EU) 2021/914' },
      ],
    });
    const byPath = result.warnings.filter((w) => /^notice\.transfers\[\d\]$/.test(w.path));
    expect(byPath.map((w) => w.path)).to.deep.equal(['notice.transfers[0]', 'notice.transfers[1]']);
    expect(byPath[0].message).to.contain('C-311/18');
    expect(byPath[1].message).to.contain('2021/914');
  });

  it('accepts the new optional fields as additions, so older configs stay valid', () => {
    expect(
      messages({
        basisNote: 'Op grond van de overeenkomst.',
        retention: { duration: 'P1Y', from: 'creation' },
        complaint: { nl: 'Klachten richt u eerst aan ons.' },
        transfers: [{ countries: ['US'], safeguard: 'scc', label: 'Modelclausules' }],
        children: { text: 'Niet voor kinderen.' },
        automatedDecisions: { used: false },
      }),
    ).to.deep.equal([]);
    expect(messages({ basisNote: 42, complaint: [] }).map((m) => m.split(':')[0])).to.deep.equal([
      'notice.basisNote',
      'notice.complaint',
    ]);
  });
});

describe('the third parties the first layer names', () => {
  const config = (purposes: unknown[]) =>
    validateConfig({ revision: '1', controller: { name: 'Voorbeeld B.V.' }, purposes })
      .config as Config;

  it('names the providers of consent-based purposes, each once, in config order', () => {
    const names = thirdParties(
      config([
        {
          id: 'necessary',
          basis: 'necessary',
          justification: 'x',
          services: [{ id: 'cdn', provider: 'Cloud CDN' }],
        },
        {
          id: 'functional',
          basis: 'legitimate-interest',
          services: [{ id: 'chat', provider: 'Chat Co' }],
        },
        {
          id: 'analytics',
          basis: 'consent',
          services: [
            { id: 'matomo', provider: 'Matomo' },
            { id: 'yt', provider: 'Google Ireland' },
          ],
        },
        {
          id: 'marketing',
          basis: 'consent',
          services: [
            { id: 'ga', provider: 'Google Ireland' },
            { id: 'own', provider: 'Voorbeeld B.V.' },
          ],
        },
      ]),
    );
    expect(names).to.deep.equal(['Matomo', 'Google Ireland']);
  });

  it('names nobody when no consent-based purpose has a provider', () => {
    expect(
      thirdParties(config([{ id: 'necessary', basis: 'necessary', justification: 'x' }])),
    ).to.deep.equal([]);
  });

  it("names seed 004's social widget by the statement's own name", () => {
    expect(thirdParties(validateConfig(seed004).config as Config)).to.deep.equal(['Facebook']);
  });
});

describe("Keuze's own record", () => {
  const config = validateConfig({
    revision: '1',
    purposes: [
      { id: 'necessary', basis: 'necessary', justification: 'x' },
      { id: 'analytics', basis: 'consent' },
    ],
  }).config as Config;
  const MONTH = 31 * 24 * 3600 * 1000;

  it('keeps each decision 13 months after it was taken, then deletes it from IndexedDB', async () => {
    const database = `keuze-record-${Math.random().toString(36).slice(2)}`;
    const adapter = new IndexedDBAdapter(database);
    const taken = new Date('2026-01-15T10:00:00Z');
    const first = new ConsentStore(config, {
      adapter,
      now: () => taken,
      channel: false,
      gpc: false,
    });
    await first.load();
    await first.acceptAll('banner');
    await first.settled();
    first.dispose();

    // Seven months on the choice has expired (P6M) and is asked again, but its proof is kept.
    const later = new Date(taken.getTime() + 7 * MONTH);
    const second = new ConsentStore(config, {
      adapter,
      now: () => later,
      channel: false,
      gpc: false,
    });
    await second.load();
    await second.settled();
    second.dispose();
    expect(second.needsDecision).to.equal(true);
    expect(((await adapter.get()) as StoredState).current?.decidedAt).to.equal(taken.toISOString());

    // Past 13 months nothing is left: the database holds no record at all.
    const expired = new Date(taken.getTime() + 14 * MONTH);
    const third = new ConsentStore(config, {
      adapter,
      now: () => expired,
      channel: false,
      gpc: false,
    });
    await third.load();
    await third.settled();
    third.dispose();
    expect(await adapter.get()).to.equal(undefined);
    expect(third.receipt()).to.deep.equal({ current: null, history: [] });
  });

  it('drops only the decisions older than 13 months from the history', () => {
    const decision = (decidedAt: string) => ({
      ...decide(EMPTY_STATE, { type: 'accept-all' }, context(new Date(decidedAt)), choices)
        .current!,
    });
    const context = (now: Date) => ({
      config,
      configHash: 'h',
      now,
      gpc: false,
      locale: 'nl',
      layer: 'banner' as const,
    });
    const choices = { purposes: {}, services: {} };
    const state: StoredState = {
      version: 1,
      current: decision('2026-01-01T00:00:00Z'),
      history: [decision('2025-06-01T00:00:00Z'), decision('2024-06-01T00:00:00Z')],
    };
    const now = new Date('2026-03-01T00:00:00Z');
    expect(withoutExpired(state, now).history.map((d) => d.decidedAt)).to.deep.equal([
      '2025-06-01T00:00:00.000Z',
    ]);
    const pruned = withoutExpired(state, now);
    expect(withoutExpired(pruned, now), 'nothing left to drop: the same object').to.equal(pruned);
    const next = decide(state, { type: 'reject-all' }, context(now), choices);
    expect(next.history.map((d) => d.decidedAt)).to.deep.equal([
      '2026-01-01T00:00:00.000Z',
      '2025-06-01T00:00:00.000Z',
    ]);
    expect(withoutExpired(state, new Date('2027-03-01T00:00:00Z'))).to.equal(EMPTY_STATE);
  });

  it('matches the period the seed configs declare for it, and diagnostics say when one does not', () => {
    for (const seed of [seed000, seed001, seed002, seed003, seed004]) {
      const own = (seed.purposes[0].storage ?? []).find((item) => item.name === 'keuze');
      expect(own?.retention).to.equal(RECORD_RETENTION);
    }
    const wrong = structuredClone(seed000) as typeof seed000;
    wrong.purposes[0].storage![0].retention = 'P6M';
    const findings = diagnoseConfig(validateConfig(wrong).config as Config);
    expect(findings.map((f) => f.code)).to.include('own-record-retention');
  });
});

describe('legitimate interest and the device', () => {
  const purposes = (storage: unknown[]) => [
    { id: 'necessary', basis: 'necessary', justification: 'x' },
    { id: 'functional', basis: 'legitimate-interest', storage },
  ];

  it('accepts an exemption with a ground and a reason, and rejects a bad one by path', () => {
    const good = validateConfig({
      revision: '1',
      purposes: purposes([
        {
          name: 'basket',
          type: 'localStorage',
          retention: 'session',
          exemption: { ground: 'strictly-necessary', reason: 'Bewaart uw winkelmandje.' },
        },
      ]),
    });
    expect(good.errors).to.deep.equal([]);
    const bad = validateConfig({
      revision: '1',
      purposes: purposes([
        {
          name: 'basket',
          type: 'localStorage',
          retention: 'session',
          exemption: { ground: 'handy' },
        },
      ]),
    });
    expect(bad.errors.map((e) => e.path)).to.deep.equal([
      'purposes[1].storage[0].exemption.ground',
      'purposes[1].storage[0].exemption.reason',
    ]);
  });

  it('reports only the items that do not say why they are exempt', () => {
    const config = validateConfig({
      revision: '1',
      purposes: purposes([
        { name: 'chat_pref', type: 'cookie', retention: 'P1M' },
        {
          name: 'basket',
          type: 'localStorage',
          retention: 'session',
          exemption: { ground: 'strictly-necessary', reason: 'Bewaart uw winkelmandje.' },
        },
      ]),
    }).config as Config;
    const [finding] = diagnoseConfig(config).filter(
      (f) => f.code === 'legitimate-interest-storage',
    );
    expect(finding.message).to.contain('"chat_pref"');
    expect(finding.message).not.to.contain('"basket"');
    config.purposes[1].storage![0].exemption = { ground: 'transmission', reason: 'Routering.' };
    expect(diagnoseConfig(config).map((f) => f.code)).not.to.include('legitimate-interest-storage');
  });
});

describe('legitimate interest and the device, on every page load', () => {
  async function initWarnings(storage: unknown[]): Promise<string[]> {
    const lines: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    try {
      await new Keuze().init(
        {
          revision: '1',
          purposes: [
            { id: 'necessary', basis: 'necessary', justification: 'x' },
            { id: 'functional', basis: 'legitimate-interest', storage },
          ],
        },
        { adapter: new MemoryAdapter(), channel: false, gpc: false, gate: false },
      );
    } finally {
      console.warn = warn;
    }
    return lines.filter((line) => line.includes('legitimate interest'));
  }

  it('warns on the console at each init (each page load), not only in diagnostics()', async () => {
    const storage = [{ name: 'chat_pref', type: 'cookie', retention: 'P1M' }];
    const first = await initWarnings(storage);
    const second = await initWarnings(storage);
    expect(first).to.have.length(1);
    expect(first[0]).to.match(
      /^\[keuze\] config purposes\[1\]: .*"chat_pref".*ePrivacy Art\. 5\(3\)/,
    );
    expect(second).to.deep.equal(first);
  });

  it('stays quiet when every such item says why it is exempt', async () => {
    const lines = await initWarnings([
      {
        name: 'chat_pref',
        type: 'cookie',
        retention: 'P1M',
        exemption: { ground: 'strictly-necessary', reason: 'Houdt het gesprek vast dat u opende.' },
      },
    ]);
    expect(lines).to.deep.equal([]);
  });
});
