// The built-in dictionaries. A plain .js module on purpose: TypeScript reads its
// types from dictionaries.d.ts and never pulls locales/*.json into the program,
// which would move every emitted declaration under dist/types/src/.
// esbuild and rollup bundle the JSON as usual.
export { default as en } from '../../locales/en.json';
export { default as nl } from '../../locales/nl.json';
