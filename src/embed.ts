// The script-tag entry (dist/keuze.min.js): finds the config, starts Keuze,
// exposes window.keuze and mounts the banner, the cookie centre and the
// re-open button. `data-ui="none"` mounts nothing.
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
import './core/lit-policy.js'; // first: Lit must find the `keuze` Trusted Types policy
import { keuze, type Keuze } from './core/keuze.js';
// Registers the banner and re-open button now; the centre, notice and placeholder load when needed.
import './lazy/define-embed.js';
import { mountUI } from './elements/mount.js';

declare global {
  interface Window {
    keuze: Keuze;
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

function whenBodyExists(): Promise<void> {
  if (document.body) return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

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
        // The inline config may come after the script tag: wait for the document.
        if (document.readyState === 'loading') {
          await new Promise((resolve) =>
            document.addEventListener('DOMContentLoaded', resolve, { once: true }),
          );
        }
        config = readInline();
      }
    }
  } catch (error) {
    await keuze.fail((error as Error).message);
    return;
  }
  if (config === undefined && keuze.store) {
    // No config of ours, but the page started Keuze itself (keuze.init): give it the UI.
    await mount(script);
    return;
  }
  if (config === undefined) {
    await keuze.fail(
      'No config found: add <script type="application/json" id="keuze-config"> or data-config="URL" on the script tag.',
    );
    return;
  }
  await keuze.init(config);
  await mount(script);
}

async function mount(script: HTMLScriptElement | null): Promise<void> {
  if (!keuze.store) return;
  if (script?.dataset.ui === 'none') return;
  await whenBodyExists();
  mountUI(keuze.store, { ui: script?.dataset.ui });
}

if (window.keuze) {
  console.warn('[keuze] The script was loaded twice; the first copy stays in charge.');
} else {
  window.keuze = keuze;
  void start(document.currentScript as HTMLScriptElement | null);
}
