// Lets a node suite import a TypeScript module of src/: esbuild bundles it into a
// temporary ES module (node 20 cannot load .ts itself).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

export async function loadTs(path) {
  const dir = mkdtempSync(join(tmpdir(), 'keuze-ts-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({
      entryPoints: [join(root, path)],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
