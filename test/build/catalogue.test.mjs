// The service catalogue: rebuilt from the same inputs it is byte-equal (to itself
// and to what is committed), and every curated preset is a valid Keuze service.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogue, DEFAULT_SOURCE } from '../../catalogue/build.mjs';
import { loadTs } from '../helpers/load-ts.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const committed = join(root, 'catalogue');

function snapshot(dir) {
  const files = {};
  for (const name of ['index.json', 'ids.json', 'names.json', 'LICENSE-open-cookie-database'])
    files[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'services')).sort())
    files[`services/${name}`] = readFileSync(join(dir, 'services', name), 'utf8');
  return files;
}

describe('the service catalogue', () => {
  // The Open Cookie Database lives beside the repository (../shared/data), not in it.
  const noSource = DEFAULT_SOURCE ? false : 'the Open Cookie Database is not beside the repository';
  it('builds byte-equal twice, and equal to the committed catalogue', { skip: noSource }, () => {
    const a = mkdtempSync(join(tmpdir(), 'keuze-cat-'));
    const b = mkdtempSync(join(tmpdir(), 'keuze-cat-'));
    try {
      buildCatalogue({ out: a });
      buildCatalogue({ out: b });
      const first = snapshot(a);
      assert.deepEqual(snapshot(b), first);
      assert.deepEqual(
        snapshot(committed),
        first,
        'the committed catalogue is stale: run node catalogue/build.mjs',
      );
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('curates at least 60 services and marks the rest as uncurated', () => {
    const index = JSON.parse(readFileSync(join(committed, 'index.json'), 'utf8'));
    const curated = index.services.filter((s) => s.curated);
    assert.ok(curated.length >= 60, `${curated.length} curated`);
    assert.ok(index.services.some((s) => s.curated === false));
  });

  it('every curated preset validates as a Keuze service, with nl and en descriptions', async () => {
    const { validateConfig, formatIssue } = await loadTs('src/core/config/validate.ts');
    const index = JSON.parse(readFileSync(join(committed, 'index.json'), 'utf8'));
    for (const { id, curated } of index.services) {
      if (!curated) continue;
      const preset = JSON.parse(readFileSync(join(committed, 'services', `${id}.json`), 'utf8'));
      const basis = preset.purpose === 'necessary' ? 'necessary' : 'consent';
      const result = validateConfig({
        revision: '1',
        purposes: [
          {
            id: 'p',
            basis,
            justification: 'test',
            services: [{ id: 'svc', ...preset.service }],
          },
        ],
      });
      const problems = [...result.errors, ...result.warnings].map(formatIssue);
      assert.deepEqual(problems, [], `${id}: ${problems.join('; ')}`);
      assert.ok(preset.service.description.nl && preset.service.description.en, id);
      assert.ok(preset.service.country && preset.service.privacyPolicy, id);
      assert.ok(['necessary', 'functional', 'analytics', 'marketing'].includes(preset.purpose));
    }
  });
});
