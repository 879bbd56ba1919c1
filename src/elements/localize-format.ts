// Dates, deletion periods and country names in the visitor's language: for the
// cookie centre, which the engine loads. Kept out of localize.ts, which the
// banner (first layer) carries.
import { formatDate, formatDuration } from '../core/format.js';
import { LocalizeController } from './localize.js';

// One Intl.DisplayNames per language: constructing one costs far more than a lookup,
// and a large centre asks for hundreds of country names per render.
const regionNames = new Map<string, Intl.DisplayNames>();

export class FormatController extends LocalizeController {
  /** A deletion period in words: `P13M` → "13 months" / "13 maanden"; `session` → the dictionary's word. */
  duration(iso: string): string {
    return formatDuration(iso, this.lang, this.source()?.texts);
  }

  /** A date and time in the current language. */
  date(iso: string): string {
    return formatDate(iso, this.lang);
  }

  /** A country name for an ISO 3166 alpha-2 code; other values as given. */
  country(value: string): string {
    if (!/^[A-Za-z]{2}$/.test(value)) return value;
    try {
      const lang = this.lang;
      let names = regionNames.get(lang);
      if (!names) regionNames.set(lang, (names = new Intl.DisplayNames(lang, { type: 'region' })));
      return names.of(value.toUpperCase()) ?? value;
    } catch {
      return value;
    }
  }
}
