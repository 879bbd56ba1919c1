// The widget's version, from package.json at build time (rollup's and esbuild's
// JSON plugins keep only this field). A plain .js module like dictionaries.js, so
// TypeScript reads version.d.ts and never pulls package.json into the program.
export { version } from '../../package.json';
