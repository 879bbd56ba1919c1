// The script-tag entry (dist/keuze.min.js), a small classic script: finds the
// config, pushes the Consent Mode default synchronously (before any later tag)
// and defines window.keuze at once; everything else is the module graph beside
// it (docs/architecture.md). It imports the `banner` part at once, requesting
// every file of it and of the engine in parallel (modulepreload, the engine at
// low priority), so nothing waits for one script after another. The banner
// shows once the stored decision is read; the engine runs after the banner has
// painted, or at once for a returning visitor (src/boot/facade.ts).
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
import { BootKeuze, type Engine, type FirstLayer, type PublicKeuze } from './boot/facade.js';
import { partUrl, preload, type Part } from './lazy/chunks.js';
import type { ConsentStore } from './core/store.js';
import { defaultAdapter } from './core/storage/fallback.js';

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

// document.currentScript is only set while this script evaluates: remember it now.
const script = document.currentScript as HTMLScriptElement | null;
/** The module graph lives beside this script, wherever the site hosts dist/. */
const base =
  script?.src ||
  document.querySelector<HTMLScriptElement>('script[src*="keuze"]')?.src ||
  document.baseURI;
const nonce = script?.nonce ?? '';

/** Imports a part of the module graph; a failed download is something the site owner must see. */
function load<T>(part: Part): Promise<T> {
  preload(part, base, nonce);
  return (import(partUrl(part, base)) as Promise<T>).catch((error: Error) => {
    const message = `The ${part} (${partUrl(part, base)}) could not be loaded (${error.message}).`;
    console.error(`[keuze] ${message}`);
    document.dispatchEvent(
      new CustomEvent('keuze-error', { detail: { message }, bubbles: true, composed: true }),
    );
    throw error;
  });
}

let engine: Promise<Engine> | undefined;
/** The engine's exports once it has loaded. */
let loaded: Engine | undefined;
const loadEngine = (): Promise<Engine> => {
  engine ??= load<Engine>('engine').then((module) => {
    module.useNonce(nonce);
    return (loaded = module);
  });
  engine.catch(() => (engine = undefined)); // a later attempt may succeed
  return engine;
};
let firstLayer: Promise<FirstLayer> | undefined;
/** The banner part, imported once (a failed download is reported once). */
const loadFirstLayer = () => (firstLayer ??= load<FirstLayer>('banner'));
const withBanner = script?.dataset.ui !== 'none';

/**
 * The stored decision, read once, as soon as this script runs: while the parts
 * download. The banner and the engine both take this read (one reader, one
 * read; src/core/storage/fallback.ts).
 */
const first = !window.keuze;

/**
 * Whether this script came from the HTTP cache (0 bytes over the network): the
 * other files of the graph then almost surely did too, and cost no bandwidth.
 * Cross-origin without Timing-Allow-Origin reads as cached too.
 */
function fromCache(): boolean {
  const [entry] = performance.getEntriesByName(base, 'resource') as PerformanceResourceTiming[];
  return entry !== undefined && entry.transferSize === 0;
}

// Every file the first layer needs at once, before anything else. The engine's too when they
// come from the cache (a returning visitor); else once the read has answered (afterRead).
if (first) {
  if (withBanner) preload('banner', base, nonce);
  if (!withBanner || fromCache()) preload('engine', base, nonce, withBanner);
}
const record = first ? defaultAdapter().get() : undefined;
record?.catch(() => undefined); // a failed read is reported by the engine's store

const keuze = new BootKeuze(loadEngine, withBanner ? loadFirstLayer : undefined, record);

/**
 * What the read tells before any part has arrived. A decision is stored: the
 * engine loads at once (a returning visitor's gate waits for the engine, never
 * for the banner; the engine judges the decision and validates the config
 * before anything gated runs). None: the banner comes first, the engine's files
 * follow the banner's (sharing the bandwidth would delay the banner), and the
 * browser loads the banner's locale data while the files are on their way.
 */
function afterRead(decided: boolean): void {
  if (decided) {
    void keuze.now().catch(() => undefined);
    return;
  }
  if (!withBanner) return;
  void loadFirstLayer().then(
    () => preload('engine', base, nonce, true),
    () => undefined,
  );
  setTimeout(warmListFormat);
}

/**
 * The banner names its purposes and third parties as a list in the visitor's
 * language (Intl.ListFormat). The page's first Intl object makes the browser
 * load its locale data: about 35 ms of main thread here, 150 ms on a slow
 * phone. Done while the banner's files download, it no longer delays the banner.
 */
function warmListFormat(): void {
  try {
    new Intl.ListFormat(document.documentElement.lang || navigator.language).format(['a', 'b']);
  } catch {
    // an unknown language tag: the banner falls back by itself
  }
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
  const boot = ui === 'none' ? undefined : await keuze.boot?.catch(() => undefined);
  let handOver: ((engine?: ConsentStore) => void) | undefined;
  await boot?.ready;
  // A returning visitor's gate comes first: the engine mounts the elements once it has run.
  if (boot?.needsDecision) {
    await untilParsed(document.body);
    const { mountBanner } = await loadFirstLayer();
    handOver = mountBanner(boot);
    const idle = () => keuze.whenIdle();
    document.addEventListener('keuze-show', idle, { once: true });
    setTimeout(idle, 4000); // the banner waits at most 3 s for its language
  } else if (!boot) {
    void keuze.now();
  }
  await keuze.ready;
  const store = keuze.store;
  handOver?.(store);
  if (!store || ui === 'none') return;
  // A returning visitor's page has no banner part yet: it comes when the store asks for a decision.
  if (!handOver) await bannerWhenAsked(store);
  await untilParsed(document.body);
  loaded?.mountUI(store, { ui }); // loaded: the store is the engine's
}

/**
 * The banner's part whenever the engine's store asks for a decision: a returning
 * visitor's decision turned out outdated (another revision, expired), or was withdrawn.
 * A first visit has it already.
 */
function bannerWhenAsked(store: ConsentStore): Promise<unknown> | undefined {
  const ask = () => (store.needsDecision ? loadFirstLayer().catch(() => undefined) : undefined);
  store.addEventListener('change', () => void ask());
  return ask();
}

if (window.keuze) {
  console.warn('[keuze] The script was loaded twice; the first copy stays in charge.');
} else {
  window.keuze = keuze;
  void keuze.decided?.then(afterRead);
  void start(script);
}
