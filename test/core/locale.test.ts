import { expect } from '@open-wc/testing';
import {
  fallbackChain,
  format,
  isRtl,
  localizedText,
  lookup,
  registerTranslation,
  resolveLocale,
  text,
} from '../../src/core/locale.js';
import en from '../../locales/en.json';
import nl from '../../locales/nl.json';

// Only English is built in; a site's own bundle registers the others like this.
registerTranslation('nl', nl);

describe('locale lookup', () => {
  it('falls back from nl-BE to nl to en', () => {
    expect(fallbackChain('nl-BE')).to.deep.equal(['nl-be', 'nl', 'en']);
    expect(resolveLocale('nl-BE', ['en', 'nl'])).to.equal('nl');
    expect(resolveLocale('fr-BE', ['en', 'nl'])).to.equal('en');
    expect(resolveLocale('NL_be', ['en', 'nl'])).to.equal('nl');
    expect(resolveLocale('', ['en', 'nl'])).to.equal('en');
  });

  it('picks a config text by language, region first, then English, then any', () => {
    const name = { en: 'Statistics', nl: 'Statistieken', 'nl-BE': 'Statistiek' };
    expect(text(name, 'nl-BE')).to.equal('Statistiek');
    expect(text(name, 'nl-NL')).to.equal('Statistieken');
    expect(text(name, 'de')).to.equal('Statistics');
    expect(text({ fr: 'Statistiques' }, 'nl')).to.equal('Statistiques');
    expect(text('Same everywhere', 'nl')).to.equal('Same everywhere');
    expect(text(undefined, 'nl')).to.equal('');
  });

  it('says which language a config text came from, so its element can carry that lang', () => {
    const name = { en: 'Statistics', nl: 'Statistieken', 'nl-BE': 'Statistiek' };
    expect(localizedText(name, 'nl-BE')).to.deep.equal({ text: 'Statistiek', lang: 'nl-BE' });
    expect(localizedText(name, 'de')).to.deep.equal({ text: 'Statistics', lang: 'en' });
    expect(localizedText({ fr: 'Statistiques' }, 'nl')).to.deep.equal({
      text: 'Statistiques',
      lang: 'fr',
    });
    expect(localizedText('Same everywhere', 'nl')).to.deep.equal({ text: 'Same everywhere' });
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(
      format('{controller} uses {what}', { controller: 'Voorbeeld B.V.', what: 'cookies' }),
    ).to.equal('Voorbeeld B.V. uses cookies');
    expect(format('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });

  it('prefers the site’s override, but never an English override over the Dutch dictionary for a Dutch visitor', () => {
    const texts = {
      en: { 'banner.accept': 'Sure' },
      'nl-BE': { 'banner.reject': 'Weigeren maar' },
    };
    expect(lookup('banner.accept', 'en', texts)).to.equal('Sure');
    expect(lookup('banner.accept', 'nl-BE', texts)).to.equal('Alles accepteren');
    expect(lookup('banner.reject', 'nl-BE', texts)).to.equal('Weigeren maar');
    expect(lookup('no.such.key', 'nl')).to.equal('no.such.key');
  });

  it('accepts more languages at run time', () => {
    registerTranslation('de', { 'banner.accept': 'Alle akzeptieren' });
    expect(lookup('banner.accept', 'de-AT')).to.equal('Alle akzeptieren');
    expect(lookup('banner.reject', 'de')).to.equal('Reject all');
  });

  it('knows which languages are written right to left', () => {
    expect(isRtl('ar')).to.equal(true);
    expect(isRtl('he-IL')).to.equal(true);
    expect(isRtl('nl')).to.equal(false);
  });

  it('has every English key in Dutch, with the same placeholders, addressing the visitor as "u"', () => {
    const english = en as Record<string, string>;
    const dutch = nl as Record<string, string>;
    for (const key of Object.keys(english)) {
      expect(dutch, key).to.have.property(key);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(dutch[key]), key).to.deep.equal(names(english[key]));
      expect(dutch[key], key).to.not.match(/\b(je|jij|jouw)\b/i);
    }
    expect(dutch['banner.accept']).to.equal('Alles accepteren');
    expect(dutch['banner.reject']).to.equal('Alles weigeren');
  });
});
