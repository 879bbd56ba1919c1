// The script-tag entry (dist/keuze.min.js), the first layer: finds the config,
// pushes the Consent Mode default, reads the stored decision and shows the
// banner. Everything else — validation, the store, the gate, the integrations,
// Lit and the other elements — is the engine (dist/keuze-engine.js), loaded once
// the banner has painted, or at once for a returning visitor (src/boot/facade.ts).
// `data-ui="none"` mounts nothing.
//
// Config, in this order: `data-config="URL"` on the script tag, else an inline
// `<script type="application/json" id="keuze-config">`. An inline config is read
// synchronously, so the Consent Mode default is in place before any later tag.
//
// Loading rules (README, "Security"): the first copy of the script and the first
// config win; later ones are reported on the console and ignored. An inline
// config placed after the script tag is read at DOMContentLoaded. A page that
// calls `keuze.init(config)` itself before then gets the UI mounted for it.
// `defer`, `async`, head or end of body all behave the same.
import { shared } from 'virtual:keuze-shared';
import { KeuzeBanner } from './elements/banner/banner.js';
import { setLocaleBase } from './core/locale.js';
import { isOurScript, loadPart, partUrl, reportLoadError } from './lazy/loader.js';
import * as trustedTypes from './core/trusted-types.js';
import { BootKeuze, type Engine, type PublicKeuze } from './boot/facade.js';
import { mountBanner } from './boot/mount.js';

declare global {
  interface Window {
    keuze: PublicKeuze;
  }
}

const CONFIG_TIMEOUT_MS = 10_000;

function readInline(): unknown {
  const all = document.querySelectorAll('script#keuze-config');
  const element = all[0] ?? document.getElementById('keuze-config');
  if (!element) return undefined;
  if (all.length > 1) {
    console.warn(
      `[keuze] ${all.length} configs with id="keuze-config" were found; the first one is used, the others are ignored.`,
    );
  }
  try {
    return JSON.parse(element.textContent ?? '');
  } catch (error) {
    throw new Error(`The config in #keuze-config is not valid JSON (${(error as Error).message}).`);
  }
}

async function fetchConfig(url: string, timeout: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
    if (!response.ok)
      throw new Error(`The config at ${url} could not be loaded (HTTP ${response.status}).`);
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`The config at ${url} is not valid JSON (${(error as Error).message}).`);
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError')
      throw new Error(`The config at ${url} did not arrive within ${timeout / 1000} s.`);
    if (error instanceof TypeError)
      throw new Error(`The config at ${url} could not be loaded (${error.message}).`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for DOMContentLoaded, unless `parsed` says the page has got far enough already. */
function untilParsed(parsed: unknown): unknown {
  return (
    parsed ||
    new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  );
}

/** What dist/keuze-engine.js left on window.__keuze (once it has run). */
const engine = (): Engine => (window as unknown as { __keuze: { engine: Engine } }).__keuze.engine;

/** The engine's exports; a failed download is something the site owner must see. */
function loadEngine(): Promise<Engine> {
  return loadPart('engine').then(engine, (error: Error) => {
    reportLoadError(error);
    throw error;
  });
}

const keuze = new BootKeuze(loadEngine);

async function start(script: HTMLScriptElement | null): Promise<void> {
  const url = script?.dataset.config;
  const asked = Number(script?.dataset.configTimeout);
  const timeout = Number.isFinite(asked) && asked > 0 ? asked : CONFIG_TIMEOUT_MS;
  let config: unknown;
  try {
    if (url) {
      if (document.getElementById('keuze-config')) {
        console.warn(
          '[keuze] The script has data-config and the page has an inline #keuze-config; data-config is used.',
        );
      }
      config = await fetchConfig(url, timeout);
    } else {
      config = readInline();
      if (config === undefined) {
        await untilParsed(document.readyState !== 'loading');
        config = readInline();
      }
    }
  } catch (error) {
    await keuze.fail((error as Error).message);
    return;
  }
  if (config === undefined && keuze.started) {
    await mount(script);
    return;
  }
  if (config === undefined) {
    await keuze.fail(
      'No config found: add <script type="application/json" id="keuze-config"> or data-config="URL" on the script tag.',
    );
    return;
  }
  void keuze.init(config);
  await mount(script);
}

/** The banner now (from the boot store), the rest of the UI once the engine has the store. */
async function mount(script: HTMLScriptElement | null): Promise<void> {
  const ui = script?.dataset.ui;
  const boot = ui === 'none' ? undefined : keuze.boot;
  let handOver: ReturnType<typeof mountBanner> | undefined;
  if (boot) {
    await untilParsed(document.body);
    handOver = mountBanner(boot);
    const idle = () => keuze.whenIdle();
    document.addEventListener('keuze-show', idle, { once: true });
    setTimeout(idle, 4000); // the banner waits at most 3 s for its language
  } else {
    void keuze.now();
  }
  await keuze.ready;
  const store = keuze.store;
  handOver?.(store);
  if (!store || ui === 'none') return;
  await untilParsed(document.body);
  engine().mountUI(store, { ui });
}

setLocaleBase(new URL('locales/', partUrl('engine')));
if (!('__keuze' in window)) {
  // The Trusted Types functions go only to a script our loader added (src/lazy/trusted-types-claim.ts).
  const claimTrustedTypes = () => {
    if (isOurScript(document.currentScript)) return trustedTypes;
    throw new Error("[keuze] The keuze Trusted Types policy is only for Keuze's own scripts.");
  };
  Object.defineProperty(window, '__keuze', { value: { ...shared, claimTrustedTypes } });
}
if (!customElements.get('keuze-banner')) customElements.define('keuze-banner', KeuzeBanner);

if (window.keuze) {
  console.warn('[keuze] The script was loaded twice; the first copy stays in charge.');
} else {
  window.keuze = keuze;
  void start(document.currentScript as HTMLScriptElement | null);
}
