// Copies the catalogue's per-service files beside the script-tag build
// (dist/catalogue/<id>.json and ids.json): a config that names a preset makes the
// visitor's browser fetch that one file, never the whole catalogue.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const from = join(root, 'catalogue');
const to = join(root, 'dist/catalogue');
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const name of readdirSync(join(from, 'services')))
  copyFileSync(join(from, 'services', name), join(to, name));
copyFileSync(join(from, 'ids.json'), join(to, 'ids.json'));
copyFileSync(join(from, 'names.json'), join(to, 'names.json'));
// For the config builder's search; a visitor's browser never asks for it.
copyFileSync(join(from, 'index.json'), join(to, 'index.json'));
copyFileSync(join(from, 'NOTICE'), join(to, 'NOTICE'));
copyFileSync(join(from, 'LICENSE-open-cookie-database'), join(to, 'LICENSE-open-cookie-database'));
