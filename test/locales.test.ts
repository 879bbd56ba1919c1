// The locale check: every language a site can enable says everything English
// says, with the same placeholders, and nothing left empty or untranslated.
// The files are fetched raw, exactly as the script-tag build fetches them from
// beside the script, so a file that is not valid JSON fails here too.
import { expect } from '@open-wc/testing';

/** The 24 official EU languages, the regional variants and one right-to-left language. */
const FULL = [
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'ga',
  'hr',
  'hu',
  'it',
  'lt',
  'lv',
  'mt',
  'nl',
  'pl',
  'pt',
  'ro',
  'sk',
  'sl',
  'sv',
  'ar',
];
/** Regional files hold only what differs; the loader lays them over the base language. */
const REGIONAL = ['nl-BE', 'fr-BE'];

/** Strings that may stay as in English: product names, loanwords, codes. */
const MAY_MATCH_ENGLISH = new Set([
  'centre.storage.type.cookie',
  'centre.storage.type.indexedDB',
  'centre.storage.type.pixel',
  'purpose.marketing.name',
  'notice.safeguard.dpf',
  'notice.email',
  'notice.website',
]);

type Dictionary = Record<string, string>;

async function load(lang: string): Promise<Dictionary> {
  const response = await fetch(`/__raw/locales/${lang}`);
  expect(response.status, `locales/${lang}.json exists`).to.equal(200);
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new Error(`locales/${lang}.json is not valid JSON: ${(error as Error).message}`);
  }
  expect(parsed, `locales/${lang}.json is a flat object`).to.be.an('object');
  return parsed as Dictionary;
}

function placeholders(value: string): string[] {
  return [...new Set(value.match(/\{\w+\}/g) ?? [])].sort();
}

/** Keys whose value is a placeholder pair "one|other", chosen with Intl.PluralRules. */
function pluralForms(value: string): number {
  return value.split('|').length;
}

/** Every problem with one dictionary, as readable lines (empty when it is fine). */
function problems(
  lang: string,
  dictionary: Dictionary,
  reference: Dictionary,
  partial: boolean,
): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(dictionary)) {
    if (!(key in reference)) {
      found.push(`${key}: not a key of en`);
      continue;
    }
    if (typeof value !== 'string') {
      found.push(`${key}: not a string`);
      continue;
    }
    if (value.trim() === '') found.push(`${key}: empty`);
    if (value !== value.trim()) found.push(`${key}: leading or trailing space`);
    const expected = placeholders(reference[key]).join(' ');
    const actual = placeholders(value).join(' ');
    if (expected !== actual)
      found.push(`${key}: placeholders "${actual}" instead of "${expected}"`);
    if (pluralForms(value) !== pluralForms(reference[key]))
      found.push(
        `${key}: ${pluralForms(value)} plural forms instead of ${pluralForms(reference[key])}`,
      );
    // Locale strings are text, never markup: the elements render them as text.
    if (/[<>]/.test(value)) found.push(`${key}: contains < or >`);
  }
  if (!partial) {
    for (const key of Object.keys(reference))
      if (!(key in dictionary)) found.push(`${key}: missing`);
  }
  return found.map((line) => `${lang}: ${line}`);
}

describe('locale files', () => {
  let en: Dictionary;

  before(async () => {
    en = await load('en');
  });

  for (const lang of FULL) {
    it(`${lang} has exactly the keys of English, with the same placeholders, none empty`, async () => {
      const dictionary = await load(lang);
      expect(problems(lang, dictionary, en, false)).to.deep.equal([]);
    });
  }

  for (const lang of FULL.filter((tag) => tag !== 'en')) {
    it(`${lang} is a translation, not a copy of English`, async () => {
      const dictionary = await load(lang);
      const copied = Object.keys(en).filter(
        (key) => !MAY_MATCH_ENGLISH.has(key) && dictionary[key] === en[key],
      );
      // A few words are the same in many languages ("Cookie", "Marketing"); a copied sentence is not.
      const words = (value: string) =>
        value
          .replace(/\{\w+\}|\|/g, ' ')
          .split(/\s+/)
          .filter(Boolean).length;
      const sentences = copied.filter((key) => words(en[key]) > 2);
      expect(sentences, `${lang}: sentences identical to English`).to.deep.equal([]);
      expect(
        copied.length,
        `${lang}: strings identical to English: ${copied.join(', ')}`,
      ).to.be.at.most(12);
    });
  }

  for (const lang of FULL.filter((tag) => tag !== 'en')) {
    it(`${lang} offers accept and reject as two different, equally plain labels`, async () => {
      const dictionary = await load(lang);
      for (const layer of ['banner', 'centre']) {
        const accept = dictionary[`${layer}.accept`];
        const reject = dictionary[`${layer}.reject`];
        expect(accept, `${lang} ${layer}`).to.not.equal(reject);
        // No exclamation marks or emphasis that would nudge towards one button.
        expect(`${accept} ${reject}`, `${lang} ${layer}`).to.not.match(/[!¡*]/);
        // Equal weight: neither label is more than twice as long as the other.
        const [short, long] = [accept.length, reject.length].sort((a, b) => a - b);
        expect(long / short, `${lang} ${layer}: "${accept}" / "${reject}"`).to.be.at.most(2);
      }
    });
  }

  for (const lang of REGIONAL) {
    it(`${lang} overrides only keys English has, with the same placeholders, none empty`, async () => {
      const dictionary = await load(lang);
      expect(Object.keys(dictionary).length, `${lang} overrides something`).to.be.greaterThan(0);
      expect(problems(lang, dictionary, en, true)).to.deep.equal([]);
    });
  }

  it('finds a problem in a broken dictionary, so the check itself can fail', () => {
    const broken = {
      'banner.accept': '',
      'banner.intro': '{controler} …',
      'banner.bogus': 'x',
      'notice.unit.days': '{n} d',
    };
    expect(problems('xx', broken, { ...en }, true)).to.deep.equal([
      'xx: banner.accept: empty',
      'xx: banner.intro: placeholders "{controler}" instead of "{controller} {purposes}"',
      'xx: banner.bogus: not a key of en',
      'xx: notice.unit.days: 1 plural forms instead of 2',
    ]);
    expect(problems('xx', { 'banner.accept': 'Ok' }, { ...en }, false).length).to.equal(
      Object.keys(en).length - 1,
    );
  });
});
