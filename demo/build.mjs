// Bundles the config builder and its preview (demo/src/*.ts) into demo/build/*.js.
// They use the widget's own validateConfig, store and elements from src/, so the
// builder's errors are exactly the ones the widget would report. The output is
// plain classic scripts: builder.html then works from any static host, even file://.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function buildDemo({ quiet = false } = {}) {
  const started = Date.now();
  await build({
    entryPoints: { builder: `${here}src/builder.ts`, preview: `${here}src/preview.ts` },
    outdir: `${here}build`,
    bundle: true,
    format: 'iife',
    target: 'es2021',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    tsconfigRaw: {
      compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false },
    },
  });
  if (!quiet) console.log(`Built the config builder in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDemo();
