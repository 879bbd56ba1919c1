import { expect, oneEvent } from '@open-wc/testing';
import { Keuze } from '../../src/core/keuze.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { exampleConfig, purposesOf } from '../helpers/configs.js';

function fresh() {
  return new Keuze();
}

const quiet = { adapter: new MemoryAdapter(), channel: false as const, gpc: false, gate: false };

describe('keuze API', () => {
  it('fires keuze-ready on document once the decision was read', async () => {
    const keuze = fresh();
    const ready = oneEvent(document, 'keuze-ready');
    void keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const event = (await ready) as CustomEvent;
    expect(event.detail.consent.decided).to.equal(false);
    expect((await keuze.ready).decided).to.equal(false);
  });

  it('fires keuze-change on document with the previous state and what changed', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const change = oneEvent(document, 'keuze-change');
    await keuze.save({ analytics: true });
    const { detail } = (await change) as CustomEvent;
    expect(detail.previous.purposes.analytics).to.equal(false);
    expect(detail.consent.purposes.analytics).to.equal(true);
    expect(detail.changed).to.include('analytics');
    expect(detail).not.to.have.property('source');
  });

  it('on() listens with short or full names and returns a function that stops', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const seen: string[] = [];
    const stop = keuze.on('change', (event) =>
      seen.push(event.detail.consent.decided ? 'decided' : 'open'),
    );
    const stopFull = keuze.on('keuze-change', () => seen.push('full'));
    await keuze.acceptAll();
    stop();
    stopFull();
    await keuze.rejectAll();
    expect(seen).to.deep.equal(['decided', 'full']);
  });

  it('fails closed on an invalid config: keuze-error names the field, nothing is granted', async () => {
    const keuze = fresh();
    const raw = exampleConfig();
    purposesOf(raw)[2].basis = 'consentt';
    const errors: Array<{ message: string; path?: string }> = [];
    const listener = (event: Event) => errors.push((event as CustomEvent).detail);
    document.addEventListener('keuze-error', listener);
    const consoleError = console.error;
    const logged: string[] = [];
    console.error = (message: string) => logged.push(message);
    try {
      const consent = await keuze.init(raw, quiet);
      expect(consent.decided).to.equal(false);
    } finally {
      console.error = consoleError;
      document.removeEventListener('keuze-error', listener);
    }
    expect(errors).to.deep.equal([
      {
        message:
          'purposes[2].basis: expected "necessary" | "consent" | "legitimate-interest", got "consentt"',
        path: 'purposes[2].basis',
      },
    ]);
    expect(logged[0]).to.contain('purposes[2].basis');
    expect(keuze.granted('necessary')).to.equal(false);
    expect(keuze.store).to.equal(undefined);
    let rejected = '';
    await keuze.acceptAll().catch((error: Error) => (rejected = error.message));
    expect(rejected).to.contain('config is invalid');
    expect(keuze.diagnostics()[0]).to.include({
      level: 'error',
      code: 'config-invalid',
      path: 'purposes[2].basis',
    });
  });

  it('still tells Google tags "denied" when a Consent Mode config is invalid', async () => {
    const keuze = fresh();
    const raw = exampleConfig();
    raw.googleConsentMode = { dataLayerName: 'brokenConfigLayer' };
    purposesOf(raw)[0].basis = 'nope';
    const consoleError = console.error;
    console.error = () => {};
    try {
      await keuze.init(raw, quiet);
    } finally {
      console.error = consoleError;
    }
    const layer = (window as unknown as Record<string, unknown[]>).brokenConfigLayer;
    const entry = Array.from(layer[0] as ArrayLike<unknown>);
    expect(entry[0]).to.equal('consent');
    expect(entry[1]).to.equal('default');
    expect((entry[2] as Record<string, string>).analytics_storage).to.equal('denied');
    expect((entry[2] as Record<string, string>).ad_storage).to.equal('denied');
  });

  it('rejects API calls made before init with a clear message', async () => {
    const keuze = fresh();
    let message = '';
    await keuze.rejectAll().catch((error: Error) => (message = error.message));
    expect(message).to.equal('Keuze is not initialised: call keuze.init(config) first.');
    expect(keuze.get()).to.deep.equal({ decided: false, purposes: {}, services: {} });
  });

  it('keeps the first config when init is called twice', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      await keuze.init({ revision: 'other', purposes: [] }, quiet);
    } finally {
      console.warn = warn;
    }
    expect(keuze.store!.config.revision).to.equal('2026-11-01');
    expect(warnings[0]).to.contain('init() was called again');
  });

  it('gives a receipt with the current decision and its history as JSON', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const first = await keuze.acceptAll();
    const second = await keuze.save({ analytics: false });
    const receipt = JSON.parse(keuze.receipt());
    expect(receipt.controller).to.equal('Voorbeeld B.V.');
    expect(receipt.current.id).to.equal(second.id);
    expect(receipt.current.method).to.equal('withdraw');
    expect(receipt.history[0].id).to.equal(first.id);
  });

  it('whenGranted waits for consent given through the API', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const granted = keuze.whenGranted('matomo');
    await keuze.save({ analytics: true });
    await granted;
    expect(keuze.granted('matomo')).to.equal(true);
  });

  it('reset asks again', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    await keuze.acceptAll();
    await keuze.reset();
    expect(keuze.get().decided).to.equal(false);
  });

  it('open() asks the UI to show the cookie centre', async () => {
    const keuze = fresh();
    await keuze.init(exampleConfig(), { ...quiet, adapter: new MemoryAdapter() });
    const opened = oneEvent(keuze.store!, 'open');
    keuze.open();
    expect(((await opened) as CustomEvent).detail).to.have.property('opener');
  });

  it('lists unknown config keys in diagnostics', async () => {
    const keuze = fresh();
    const raw = exampleConfig();
    raw.layuot = 'box';
    const warn = console.warn;
    console.warn = () => {};
    try {
      await keuze.init(raw, { ...quiet, adapter: new MemoryAdapter() });
    } finally {
      console.warn = warn;
    }
    expect(
      keuze
        .diagnostics()
        .some(
          (f) => f.code === 'config-unknown-key' && f.message.includes('did you mean "layout"'),
        ),
    ).to.equal(true);
  });
});
