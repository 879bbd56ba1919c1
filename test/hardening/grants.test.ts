// Only a person grants consent: the API's acceptAll() and save() with a grant
// are refused unless a click or key press is being handled (the browser's user
// activation), or the site owner opted out for a custom UI. Refusals and
// withdrawals always work. Real activation comes from the test runner's
// sendMouse / sendKeys, which drive the browser like a person.
// The refusals run first: an activation from a later test would still be fresh.
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { Keuze } from '../../src/core/keuze.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import { validateConfig } from '../../src/core/config/validate.js';
import { exampleConfig } from '../helpers/configs.js';

async function started(change?: (raw: Record<string, unknown>) => void): Promise<Keuze> {
  const keuze = new Keuze();
  const raw = exampleConfig();
  delete raw.api;
  change?.(raw);
  await keuze.init(raw, { adapter: new MemoryAdapter(), channel: false, gpc: false, gate: false });
  return keuze;
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call was not refused');
}

/** A button of the site's own UI that runs `action` when a person clicks it or presses a key on it. */
function siteButton(action: () => Promise<unknown>): {
  button: HTMLButtonElement;
  result: Promise<unknown>;
} {
  const button = document.createElement('button');
  button.textContent = 'Accept (site UI)';
  button.style.cssText = 'position:fixed;left:10px;top:10px;width:120px;height:40px';
  document.body.append(button);
  const result = new Promise((resolve, reject) =>
    button.addEventListener('click', () => action().then(resolve, reject), { once: true }),
  );
  return { button, result };
}

describe('a script cannot grant consent for the visitor', () => {
  afterEach(() => document.querySelectorAll('button').forEach((b) => b.remove()));

  it('acceptAll() from script, with no person acting, is refused with a clear error and a diagnostic', async () => {
    expect(navigator.userActivation?.isActive ?? false).to.equal(false);
    const keuze = await started();
    const error = await refusal(keuze.acceptAll());
    expect(error.message).to.contain('acceptAll() was refused');
    expect(error.message).to.contain('grantWithoutActivation');
    expect(keuze.granted('analytics')).to.equal(false);
    expect(keuze.get().decided).to.equal(false);
    expect(keuze.diagnostics().map((f) => f.code)).to.include('api-grant-refused');
  });

  it('save() that turns something on is refused; a save that only refuses is not', async () => {
    const keuze = await started();
    const error = await refusal(keuze.save({ analytics: true }));
    expect(error.message).to.contain('save() was refused');
    expect(keuze.granted('analytics')).to.equal(false);
    const decision = await keuze.save({ analytics: false, functional: false });
    expect(decision.method).to.equal('custom');
    expect(keuze.granted('functional')).to.equal(false);
  });

  it('rejectAll(), withdrawal and reset always work from script', async () => {
    const keuze = await started();
    expect((await keuze.rejectAll()).method).to.equal('reject-all');
    await keuze.reset();
    expect(keuze.get().decided).to.equal(false);
  });

  it('a clicked button of a custom UI may grant', async () => {
    const keuze = await started();
    const { button, result } = siteButton(() => keuze.acceptAll());
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [box.x + 10, box.y + 10] });
    await result;
    expect(keuze.granted('analytics')).to.equal(true);
    expect(keuze.get().record?.layer).to.equal('api');
  });

  it('a key press on a custom UI may grant', async () => {
    const keuze = await started();
    const { button, result } = siteButton(() => keuze.save({ marketing: true }));
    button.focus();
    await sendKeys({ press: 'Enter' });
    await result;
    expect(keuze.granted('marketing')).to.equal(true);
  });

  it('with api.grantWithoutActivation a custom UI may grant from script', async () => {
    const keuze = await started((raw) => (raw.api = { grantWithoutActivation: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await keuze.acceptAll();
    expect(keuze.granted('analytics')).to.equal(true);
  });

  it('the config validator names a wrong api option', () => {
    const raw = exampleConfig();
    delete raw.api;
    raw.api = { grantWithoutActivation: 'yes' };
    const result = validateConfig(raw);
    expect(result.ok).to.equal(false);
    expect(result.errors[0].path).to.equal('api.grantWithoutActivation');
    raw.api = { grantsWithoutActivation: true };
    expect(validateConfig(raw).warnings[0].message).to.contain(
      'did you mean "grantWithoutActivation"',
    );
  });
});
