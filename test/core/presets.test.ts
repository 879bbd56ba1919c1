import { expect } from '@open-wc/testing';
import {
  resolvePresets,
  presetsBeside,
  type FetchPreset,
  type Preset,
} from '../../src/core/config/presets.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { storageRows } from '../../src/core/model.js';

/** The real catalogue files, as the dev server serves them. */
const catalogue: FetchPreset = async (id) => {
  const response = await fetch(`/catalogue/services/${id}.json`);
  return response.ok ? ((await response.json()) as Preset) : undefined;
};
const known = async () => (await (await fetch('/catalogue/ids.json')).json()) as string[];

const config = (service: object) => ({
  revision: '1',
  purposes: [
    { id: 'necessary', basis: 'necessary', justification: 'Stores your choice.' },
    { id: 'analytics', basis: 'consent', services: [service] },
  ],
});

describe('config presets', () => {
  it('fills in provider, country, privacy URL and the full storage table of a named preset', async () => {
    const { config: resolved, errors } = await resolvePresets(
      config({ id: 'ga', preset: 'google-analytics-4' }),
      catalogue,
    );
    expect(errors).to.deep.equal([]);
    const result = validateConfig(resolved);
    expect(result.errors).to.deep.equal([]);
    const service = result.config!.purposes[1].services![0];
    expect(service.id).to.equal('ga');
    expect(service.provider).to.equal('Google Ireland Limited');
    expect(service.country).to.equal('IE');
    expect(service.privacyPolicy).to.match(/^https:\/\//);
    const names = storageRows(result.config!).map((row) => row.item.name);
    expect(names).to.include.members(['_ga', '_ga_*', '_gid']);
    expect(
      storageRows(result.config!).find((row) => row.item.name === '_ga')!.item.retention,
    ).to.equal('P2Y');
  });

  it('lets the config override any field of the preset', async () => {
    const { config: resolved } = await resolvePresets(
      config({
        id: 'stats',
        preset: 'matomo',
        provider: 'Our own Matomo',
        storage: [{ name: '_pk_id.*', type: 'cookie', retention: 'P6M' }],
      }),
      catalogue,
    );
    const service = validateConfig(resolved).config!.purposes[1].services![0];
    expect(service.provider).to.equal('Our own Matomo');
    expect(service.storage).to.deep.equal([{ name: '_pk_id.*', type: 'cookie', retention: 'P6M' }]);
    expect(service.privacyPolicy).to.equal('https://matomo.org/privacy-policy/');
  });

  it('names an unknown preset with its path and a "did you mean"', async () => {
    const { errors } = await resolvePresets(
      config({ id: 'ga', preset: 'google-analytics4' }),
      catalogue,
      { known },
    );
    expect(errors).to.have.length(1);
    expect(errors[0].path).to.equal('purposes[1].services[0].preset');
    expect(errors[0].message).to.equal(
      'unknown preset "google-analytics4": did you mean "google-analytics-4"?',
    );
  });

  it('fetches each named preset once and nothing else', async () => {
    const asked: string[] = [];
    const counting: FetchPreset = (id) => {
      asked.push(id);
      return catalogue(id);
    };
    const input = {
      revision: '1',
      purposes: [
        {
          id: 'marketing',
          basis: 'consent',
          services: [
            { id: 'meta', preset: 'meta-pixel' },
            { id: 'yt', preset: 'youtube' },
            { id: 'own', provider: 'Us' },
          ],
        },
        { id: 'analytics', basis: 'consent', services: [{ id: 'yt2', preset: 'youtube' }] },
      ],
    };
    const { errors } = await resolvePresets(input, counting);
    expect(errors).to.deep.equal([]);
    expect(asked.sort()).to.deep.equal(['meta-pixel', 'youtube']);
  });

  it('leaves the input untouched', async () => {
    const input = config({ id: 'hj', preset: 'hotjar' });
    const before = JSON.stringify(input);
    await resolvePresets(input, catalogue);
    expect(JSON.stringify(input)).to.equal(before);
  });

  it('refuses a preset that was never resolved, with a message that says how', () => {
    const result = validateConfig(config({ id: 'ga', preset: 'google-analytics-4' }));
    expect(result.ok).to.equal(false);
    expect(result.errors[0].path).to.equal('purposes[1].services[0].preset');
    expect(result.errors[0].message).to.contain('keuze resolve');
  });

  it('reads the file beside the script, and a missing one is an unknown preset', async () => {
    const source = presetsBeside(new URL('/dist/keuze-engine.js', location.href).href);
    expect((await source.fetch('hotjar'))!.service.provider).to.equal('Hotjar Ltd');
    expect(await source.fetch('no-such-service')).to.equal(undefined);
    expect(await source.fetch('../index')).to.equal(undefined);
    expect(await source.known!()).to.include('hotjar');
  });
});
