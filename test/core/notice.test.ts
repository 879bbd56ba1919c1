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
import type { Config } from '../../src/core/types.js';
import seed000 from '../../demo/configs/seed-000.json';
import seed001 from '../../demo/configs/seed-001.json';
import seed002 from '../../demo/configs/seed-002.json';
import seed003 from '../../demo/configs/seed-003.json';
import seed004 from '../../demo/configs/seed-004.json';

const seeds: Record<string, { notice?: unknown }> = { seed000, seed001, seed002, seed003, seed004 };
/** Seed 004 names no countries for its transfers; the validator says so, as it should. */
const expectedWarnings: Record<string, string[]> = { seed004: ['notice.transfers[0].countries'] };

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
      const result = validateNoticeConfig(config.notice);
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

  it('requires a processing activity to have an id, a name and a basis', () => {
    const errors = messages({ activities: [{}] });
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      'notice.activities[0].id',
      'notice.activities[0].name',
      'notice.activities[0].basis',
    ]);
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
    expect(result.warnings.map((w) => w.path)).to.deep.equal(['notice.transfers[0].countries']);
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
    expect(messages({ children: { minimumAge: '16' } })).to.deep.equal([
      'notice.children.minimumAge: expected a whole number of years from 1 to 21, got "16"',
    ]);
  });

  it('warns about a misspelt key with a suggestion', () => {
    expect(validateConfig(base({ effectivDate: '2024-01-01' })).warnings).to.deep.equal([]);
    const result = validateNoticeConfig({ effectivDate: '2024-01-01' });
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).to.deep.equal([
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
