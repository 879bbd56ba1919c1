// Languages load on demand: only English is built in; the others are fetched
// as JSON from a folder (beside the script in the script-tag build), each file
// once, the base language before a regional file. The files are served raw by
// the test server exactly as a site's web server would.
import { expect } from '@open-wc/testing';
import {
  availableLocales,
  getLocaleBase,
  isLocaleLoaded,
  loadLocale,
  lookup,
  registerTranslation,
  setLocaleBase,
} from '../../src/core/locale.js';
import { formatDate, formatDuration } from '../../src/core/format.js';

const BASE = '/__raw/locales/';

/** Paths of the locale files this page has requested so far, in request order. */
function requested(folder = BASE): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith(folder));
}

/** Collects console.warn calls while `run` runs. */
async function warnings(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('loading languages on demand', () => {
  afterEach(() => setLocaleBase(BASE));

  it('carries only English until another language is needed', () => {
    expect(availableLocales()).to.deep.equal(['en']);
    expect(lookup('banner.accept', 'nl')).to.equal('Accept all');
  });

  it('fetches nothing when it has not been told where the files are (npm use)', async () => {
    setLocaleBase(null);
    expect(getLocaleBase()).to.equal(undefined);
    expect(await loadLocale('it')).to.equal(false);
    expect(requested('/')).to.not.include('/__raw/locales/it.json');
    expect(requested().filter((path) => path.endsWith('/it.json'))).to.deep.equal([]);
    expect(lookup('banner.accept', 'it')).to.equal('Accept all');
  });

  it('fetches exactly the one file a German visitor needs, once, and then speaks German', async () => {
    setLocaleBase(BASE);
    const before = requested().length;
    const [first, second] = await Promise.all([loadLocale('de'), loadLocale('de-AT')]);
    expect(first).to.equal(true);
    expect(second).to.equal(true);
    await loadLocale('de');
    expect(requested().slice(before)).to.deep.equal(['/__raw/locales/de.json']);
    expect(lookup('banner.accept', 'de-AT')).to.equal('Alle akzeptieren');
    expect(isLocaleLoaded('de')).to.equal(true);
  });

  it('fetches Dutch with Belgian Dutch and lays the Belgian words over the Dutch ones', async () => {
    setLocaleBase(BASE);
    const before = requested().length;
    expect(isLocaleLoaded('nl-BE')).to.equal(false);
    expect(await loadLocale('nl-BE')).to.equal(true);
    // Both requests start at once (loadLocale), so the order they show up in is the network's.
    expect([...requested().slice(before)].sort()).to.deep.equal([
      '/__raw/locales/nl-BE.json',
      '/__raw/locales/nl.json',
    ]);
    expect(lookup('banner.accept', 'nl-BE')).to.equal('Alles aanvaarden');
    // Keys the Belgian file does not override come from Dutch, not English.
    expect(lookup('banner.reject', 'nl-BE')).to.equal('Alles weigeren');
    expect(lookup('banner.accept', 'nl')).to.equal('Alles accepteren');
  });

  it('does not fetch a language the site registered itself', async () => {
    setLocaleBase(BASE);
    registerTranslation('sv', { 'banner.accept': 'Godkänn alla (egen)' });
    const before = requested().length;
    expect(await loadLocale('sv')).to.equal(true);
    expect(requested().slice(before)).to.deep.equal([]);
    expect(lookup('banner.accept', 'sv')).to.equal('Godkänn alla (egen)');
  });

  it('shows English and warns once when a language file cannot be fetched', async () => {
    setLocaleBase('/__raw/no-such-folder/');
    const seen = await warnings(async () => {
      expect(await loadLocale('pl')).to.equal(false);
      expect(await loadLocale('pl')).to.equal(false);
      expect(await loadLocale('pl-PL')).to.equal(false);
    });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.contain('/__raw/no-such-folder/pl.json');
    expect(seen[0]).to.contain('English');
    expect(isLocaleLoaded('pl')).to.equal(true); // settled: nothing to wait for any more
    expect(lookup('banner.accept', 'pl')).to.equal('Accept all');
  });

  it('never asks for a file Keuze does not ship', async () => {
    setLocaleBase(BASE);
    const before = requested().length;
    expect(await loadLocale('tlh')).to.equal(false); // Klingon: English it is
    expect(requested().slice(before)).to.deep.equal([]);
  });
});

describe('durations and dates with Intl', () => {
  it('words a deletion period in English and Dutch: "13 months", "13 maanden"', () => {
    expect(formatDuration('P13M', 'en')).to.equal('13 months');
    expect(formatDuration('P1M', 'en')).to.equal('1 month');
    expect(formatDuration('P13M', 'nl')).to.equal('13 maanden');
    expect(formatDuration('PT30M', 'nl')).to.equal('30 minuten');
    expect(formatDuration('P1Y6M', 'en')).to.equal('1 year and 6 months');
    expect(formatDuration('P1Y6M', 'nl')).to.equal('1 jaar en 6 maanden');
  });

  it('uses the Polish plural forms: 1 miesiąc, 2 miesiące, 5 miesięcy', () => {
    expect(formatDuration('P1M', 'pl')).to.equal('1 miesiąc');
    expect(formatDuration('P2M', 'pl')).to.equal('2 miesiące');
    expect(formatDuration('P5M', 'pl')).to.equal('5 miesięcy');
    expect(formatDuration('P22M', 'pl')).to.equal('22 miesiące');
  });

  it('words durations in Arabic with Arabic plural forms', () => {
    const thirteen = formatDuration('P13M', 'ar');
    const two = formatDuration('P2M', 'ar');
    expect(thirteen).to.match(/شهر/);
    expect(thirteen).to.not.equal(formatDuration('P13M', 'en'));
    expect(two).to.not.equal(thirteen.replace(/13|١٣/, '2'));
  });

  it('says "session" in the visitor’s language and leaves non-durations as written', async () => {
    setLocaleBase(BASE);
    await loadLocale('fr');
    expect(formatDuration('session', 'en')).to.equal(lookup('centre.retention.session', 'en'));
    expect(formatDuration('session', 'fr')).to.equal(lookup('centre.retention.session', 'fr'));
    expect(formatDuration('session', 'fr')).to.not.equal(formatDuration('session', 'en'));
    expect(formatDuration('until Christmas', 'en')).to.equal('until Christmas');
    expect(
      formatDuration('session', 'en', { en: { 'centre.retention.session': 'Until you leave' } }),
    ).to.equal('Until you leave');
  });

  it('writes dates in the visitor’s language', () => {
    const date = '2026-11-22T10:15:00Z';
    expect(formatDate(date, 'nl', true)).to.match(/22 november 2026/);
    expect(formatDate(date, 'de', true)).to.match(/22\. November 2026/);
    expect(formatDate(date, 'en', true)).to.match(/November 22, 2026/);
    expect(formatDate('not a date', 'en')).to.equal('not a date');
  });
});
