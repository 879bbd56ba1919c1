// `npm install` from a git clone (or of a git dependency): build once when there is no
// build yet, so the package's entries exist. A clone that has built already is left
// alone, so a second `npm ci` stays quick.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync('dist/keuze.min.js') || !existsSync('dist/npm/index.js')) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { status } = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
