// The npm build's languages: one dynamic import per shipped file, so a site's
// bundler (Vite, esbuild, webpack, rollup) emits each language as its own small
// chunk and a visitor downloads only theirs, with no setup by the site. Literal
// paths on purpose: every bundler understands them. A plain .js module for the
// reason given in dictionaries.js. English is bundled (dictionaries.js).
const importers = {
  ar: () => import('../../locales/ar.json'),
  bg: () => import('../../locales/bg.json'),
  cs: () => import('../../locales/cs.json'),
  da: () => import('../../locales/da.json'),
  de: () => import('../../locales/de.json'),
  el: () => import('../../locales/el.json'),
  es: () => import('../../locales/es.json'),
  et: () => import('../../locales/et.json'),
  fi: () => import('../../locales/fi.json'),
  fr: () => import('../../locales/fr.json'),
  'fr-BE': () => import('../../locales/fr-BE.json'),
  ga: () => import('../../locales/ga.json'),
  hr: () => import('../../locales/hr.json'),
  hu: () => import('../../locales/hu.json'),
  it: () => import('../../locales/it.json'),
  lt: () => import('../../locales/lt.json'),
  lv: () => import('../../locales/lv.json'),
  mt: () => import('../../locales/mt.json'),
  nl: () => import('../../locales/nl.json'),
  'nl-BE': () => import('../../locales/nl-BE.json'),
  pl: () => import('../../locales/pl.json'),
  pt: () => import('../../locales/pt.json'),
  ro: () => import('../../locales/ro.json'),
  sk: () => import('../../locales/sk.json'),
  sl: () => import('../../locales/sl.json'),
  sv: () => import('../../locales/sv.json'),
};

/** The dictionary of a shipped file (`nl`, `nl-BE`), or undefined when Keuze ships none. */
export function importLocale(file) {
  const load = importers[file];
  return load ? load().then((module) => module.default) : undefined;
}
