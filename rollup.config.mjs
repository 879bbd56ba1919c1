import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild from 'rollup-plugin-esbuild';

const npmExternals = [/^lit(\/|$)/, /^@lit\//, /^idb-keyval(\/|$)/];

/** The npm build: ESM per entry, dependencies left to the site's bundler. */
const npm = {
  input: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    core: 'src/core/index.ts',
  },
  external: npmExternals,
  output: {
    dir: 'dist/npm',
    format: 'es',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [json({ preferConst: true }), esbuild({ target: 'es2021' })],
};

/** The script-tag build: one minified file with Lit and idb-keyval inside. */
const embed = {
  input: 'src/embed.ts',
  output: {
    file: 'dist/keuze.min.js',
    format: 'iife',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    json({ preferConst: true, compact: true }),
    esbuild({ target: 'es2021', minify: true, legalComments: 'none' }),
  ],
};

export default [npm, embed];
