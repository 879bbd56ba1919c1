import { expect } from '@open-wc/testing';
import { formatIssue, validateConfig } from '../../src/core/config/validate.js';
import { duplicateIds } from '../../src/core/config/ids.js';
import { exampleConfig, purposesOf } from '../helpers/configs.js';

function errorsOf(input: unknown): string[] {
  return validateConfig(input).errors.map(formatIssue);
}

describe('config validation', () => {
  it('accepts the example config from the design card and fills in defaults', () => {
    const result = validateConfig(exampleConfig());
    expect(result.errors).to.deep.equal([]);
    expect(result.ok).to.equal(true);
    expect(result.config!.layout).to.equal('bar');
    expect(result.config!.expiry).to.equal('P6M');
    expect(result.config!.purposes[0].services).to.deep.equal([]);
  });

  it('names the field and the allowed values when a basis is misspelt', () => {
    const raw = exampleConfig();
    purposesOf(raw)[2].basis = 'consentt';
    expect(errorsOf(raw)).to.include(
      'purposes[2].basis: expected "necessary" | "consent" | "legitimate-interest", got "consentt"',
    );
  });

  it('reports every problem at once, not only the first', () => {
    const raw = exampleConfig();
    purposesOf(raw)[1].basis = 'maybe';
    purposesOf(raw)[2].id = 42;
    raw.layout = 'popup';
    raw.expiry = 'six months';
    const errors = errorsOf(raw);
    expect(errors).to.have.length(4);
    expect(errors).to.include('purposes[2].id: expected a string, got 42');
    expect(errors).to.include('layout: expected "bar" | "box" | "modal", got "popup"');
    expect(errors).to.include(
      'expiry: expected an ISO 8601 duration such as "P6M", got "six months"',
    );
  });

  it('refuses duplicate ids across purposes and services, naming both places', () => {
    const raw = exampleConfig();
    (purposesOf(raw)[3].services as Array<Record<string, unknown>>)[0].id = 'matomo';
    expect(errorsOf(raw)).to.include(
      'purposes[3].services[0].id: duplicate id "matomo": already used at purposes[2].services[0].id; ids must be unique across purposes and services',
    );
  });

  it('refuses a service that shares its id with a purpose, and the first layer sees the same', () => {
    const raw = exampleConfig();
    const purposes = purposesOf(raw);
    const services = purposes[2].services as Array<Record<string, unknown>>;
    services[0].id = purposes[2].id;
    const message = `purposes[2].services[0].id: duplicate id ${JSON.stringify(purposes[2].id)}: already used at purposes[2].id; ids must be unique across purposes and services`;
    expect(errorsOf(raw)).to.include(message);
    // One rule: the check the script-tag build's first layer runs before it shows a banner.
    expect(duplicateIds(raw)).to.deep.equal([
      { id: purposes[2].id, path: 'purposes[2].services[0].id', earlier: 'purposes[2].id' },
    ]);
    expect(duplicateIds(exampleConfig())).to.deep.equal([]);
  });

  it('reports unknown keys as likely typos without refusing the config', () => {
    const raw = exampleConfig();
    raw.revison = 'x';
    purposesOf(raw)[0].justifcation = 'typo';
    const result = validateConfig(raw);
    expect(result.ok).to.equal(true);
    const warnings = result.warnings.map(formatIssue);
    expect(warnings).to.include('revison: unknown key "revison": did you mean "revision"?');
    expect(warnings).to.include(
      'purposes[0].justifcation: unknown key "justifcation": did you mean "justification"?',
    );
  });

  it('requires a justification for a necessary purpose', () => {
    const raw = exampleConfig();
    delete purposesOf(raw)[0].justification;
    expect(errorsOf(raw)).to.include(
      'purposes[0].justification: expected a justification (why this purpose is strictly necessary), got nothing',
    );
  });

  it('requires a deletion period on every storage item', () => {
    const raw = exampleConfig();
    const service = (purposesOf(raw)[2].services as Array<Record<string, unknown>>)[0];
    delete (service.storage as Array<Record<string, unknown>>)[0].retention;
    expect(errorsOf(raw)).to.include(
      'purposes[2].services[0].storage[0].retention: expected a deletion period (ISO 8601 duration such as "P13M", or "session"), got nothing',
    );
  });

  it('accepts "session" and ISO durations as retention, and refuses other words', () => {
    const raw = exampleConfig();
    const storage = (purposesOf(raw)[2].services as Array<Record<string, unknown>>)[0]
      .storage as Array<Record<string, unknown>>;
    storage.push(
      { name: 'a', type: 'cookie', retention: 'session' },
      { name: 'b', type: 'cookie', retention: 'PT30M' },
      { name: 'c', type: 'cookie', retention: '1 year' },
    );
    expect(errorsOf(raw)).to.deep.equal([
      'purposes[2].services[0].storage[3].retention: expected an ISO 8601 duration such as "P13M" or "PT30M", or "session", got "1 year"',
    ]);
  });

  it('refuses an expiry longer than 13 months', () => {
    const raw = exampleConfig();
    raw.expiry = 'P2Y';
    expect(errorsOf(raw)).to.deep.equal(['expiry: expected at most 13 months ("P13M"), got "P2Y"']);
    raw.expiry = 'P13M';
    expect(errorsOf(raw)).to.deep.equal([]);
  });

  it('refuses javascript: and data: URLs for privacy policies and the log endpoint', () => {
    const raw = exampleConfig();
    (purposesOf(raw)[3].services as Array<Record<string, unknown>>)[0].privacyPolicy =
      'javascript:alert(1)';
    raw.log = { endpoint: 'data:text/plain,x' };
    const errors = errorsOf(raw);
    expect(errors).to.include(
      'purposes[3].services[0].privacyPolicy: expected an http(s), mailto, tel or relative URL, got "javascript:alert(1)"',
    );
    expect(errors).to.include(
      'log.endpoint: expected an https URL or a path on this site such as "/consent-log", got "data:text/plain,x"',
    );
  });

  it('sends the log only to an https URL or a path on this site, without user info', () => {
    const problems: Record<string, string> = {
      'http://log.example.nl/consent': 'expected an https URL or a path on this site',
      'mailto:dpo@example.nl': 'expected an https URL or a path on this site',
      'https://user:secret@log.example.nl/consent': 'without a user name or password',
      'https://user@log.example.nl/': 'without a user name or password',
      '//log.example.nl/consent': 'not "//host"',
      '/\\log.example.nl/consent': 'without "\\"',
      'https:\\\\log.example.nl': 'without "\\"',
      ' /consent': 'without spaces',
    };
    for (const [endpoint, message] of Object.entries(problems)) {
      const raw = exampleConfig();
      raw.log = { endpoint };
      const errors = errorsOf(raw);
      expect(errors.length, endpoint).to.equal(1);
      expect(errors[0], endpoint).to.match(/^log\.endpoint: /);
      expect(errors[0], endpoint).to.contain(message);
    }
    for (const endpoint of ['https://log.example.nl/consent', '/consent-log', 'api/consent']) {
      const raw = exampleConfig();
      raw.log = { endpoint };
      expect(errorsOf(raw), endpoint).to.deep.equal([]);
    }
  });

  it('checks localized texts per language tag', () => {
    const raw = exampleConfig();
    purposesOf(raw)[2].name = { en: 'Statistics', Dutch: 'Statistieken', nl: '' };
    const errors = errorsOf(raw);
    expect(errors).to.include(
      'purposes[2].name.Dutch: expected a language tag such as "en" or "nl-BE", got "Dutch"',
    );
    expect(errors).to.include('purposes[2].name.nl: expected a non-empty string, got ""');
  });

  it('validates the Google Consent Mode options', () => {
    const raw = exampleConfig();
    raw.googleConsentMode = {
      map: { analytics: ['analytics_storage', 'analytic_storage'] },
      waitForUpdate: -5,
      region: ['nl'],
    };
    const errors = errorsOf(raw);
    expect(
      errors.some((e) => e.startsWith('googleConsentMode.map.analytics[1]: expected "ad_storage"')),
    ).to.equal(true);
    expect(errors).to.include(
      'googleConsentMode.waitForUpdate: expected milliseconds from 0 to 60000, got -5',
    );
    expect(errors).to.include(
      'googleConsentMode.region[0]: expected an ISO 3166 code such as "NL" or "BE-VLG", got "nl"',
    );
  });

  it('gives a clear error for input that is not a config at all', () => {
    expect(errorsOf(null)).to.deep.equal(['expected a config object, got null']);
    expect(errorsOf([])).to.deep.equal(['expected a config object, got an array']);
    expect(errorsOf({})).to.include('revision: expected a string, got nothing');
    expect(errorsOf({})).to.include('purposes: expected an array of purposes, got nothing');
  });

  it('does not throw on values that cannot be copied, and reports them', () => {
    const raw = exampleConfig();
    raw.controller = { name: 'X', extra: () => 1 };
    const result = validateConfig(raw);
    expect(result.ok).to.equal(false);
    expect(result.errors[0].message).to.match(/could not be read/);
  });

  it('returns a copy: changing the input afterwards changes nothing', () => {
    const raw = exampleConfig();
    const result = validateConfig(raw);
    purposesOf(raw)[0].id = 'changed';
    expect(result.config!.purposes[0].id).to.equal('necessary');
  });
});
