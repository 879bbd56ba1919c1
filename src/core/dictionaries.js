// The built-in dictionary: English only, so the script-tag bundle carries one
// language; every other language loads on demand (see loadLocale in locale.ts)
// or is registered by a site's own bundle. A plain .js module on purpose:
// TypeScript reads its types from dictionaries.d.ts and never pulls
// locales/*.json into the program, which would move every emitted declaration
// under dist/types/src/. esbuild and rollup bundle the JSON as usual.
export { default as en } from '../../locales/en.json';
