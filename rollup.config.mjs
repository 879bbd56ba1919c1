import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/rollup-templates.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const npmExternals = [/^lit(\/|$)/, /^@lit\//, /^idb-keyval(\/|$)/];

/** The npm build: ESM per entry, dependencies left to the site's bundler. */
const npm = {
  input: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    core: 'src/core/index.ts',
  },
  external: npmExternals,
  output: {
    dir: 'dist/npm',
    format: 'es',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [json({ preferConst: true }), esbuild({ target: 'es2022' })],
};

// ---------------------------------------------------------------------------
// The script-tag build, in layers that share modules through the
// non-enumerable `window.__keuze`:
//   dist/keuze.min.js      the boot: config, Consent Mode default, the stored
//                          decision, the banner (no Lit). The first layer.
//   dist/keuze-engine.js   validation, store, gate, integrations, re-open,
//                          mountUI (no Lit); loaded by the boot after the banner
//                          painted, and at once for a returning visitor.
//   dist/keuze-lit.js      Lit, for the parts built on it; loaded before them.
//   dist/keuze-<part>.js   the cookie centre, the notice, the placeholder.
// A later layer must not bring its own copy of a stateful module (the locale
// registry, the store context, the Trusted Types policy, the loader): it imports
// it from an earlier layer, whose IIFE exposes the namespaces listed below, and
// receives them as globals. `guardShared` fails the build when a layer would
// bundle a module an earlier layer shares.

/** Module → key on window.__keuze, per layer. Bare specifiers, or paths from the project root without extension. */
const BOOT_SHARED = {
  'src/core/integrations/consent-mode': 'consentMode', // remembers which data layers have their default
  'src/core/locale': 'locale',
  'src/core/page-store': 'pageStore',
  'src/elements/localize': 'localize',
  'src/elements/context': 'context',
  'src/elements/host': 'host', // the banner's base, which the re-open button and the placeholder share
  'src/elements/styles/tokens.css': 'tokensCss',
  'src/lazy/loader': 'loader',
};
const ENGINE_SHARED = {
  'src/core/model': 'model',
  'src/core/config/check': 'check',
  // Stateless, but the parts need more of them than the boot's tree-shaken copies.
  'src/elements/events': 'events',
  'src/elements/names': 'names',
};

const LIT_SHARED = {
  lit: 'lit',
  // lit/static-html.js and Lit's decorators import these directly; `lit` re-exports them all.
  'node_modules/lit-html/lit-html': 'lit',
  'node_modules/@lit/reactive-element/reactive-element': 'lit',
  'src/elements/styles/tokens': 'tokens',
  // Not Lit, but only the parts built on it use them (dates and durations in the centre and the notice).
  'src/elements/localize-format': 'localizeFormat',
  'src/core/format': 'format',
};

/**
 * The lazy parts, and whether each is built on Lit (then dist/keuze-lit.js is
 * loaded before it). The engine reads this table (`virtual:keuze-parts`); the
 * part's build checks it against what the part really imports.
 */
const PARTS = { centre: { lit: true }, notice: { lit: true }, placeholder: { lit: false } };

const keyIn = (table) => (id) => {
  if (Object.hasOwn(table, id)) return table[id];
  if (!id.startsWith(root)) return undefined;
  const path = relative(root, id)
    .split(sep)
    .join('/')
    .replace(/\.(ts|js|mjs)$/, '');
  return table[path];
};
const bootKey = keyIn(BOOT_SHARED);
const engineKey = keyIn(ENGINE_SHARED);
const litKey = keyIn(LIT_SHARED);
const partKey = (id) => bootKey(id) ?? engineKey(id) ?? litKey(id);

/**
 * What the later layers import from each layer's shared modules: layer → key →
 * names. Filled while they build (`recordImports`); each sharing layer is then
 * built a second time exposing only those names, so it keeps nothing on
 * `window.__keuze` that no one uses and tree-shaking still works on the rest.
 */
const importedNames = { boot: new Map(), engine: new Map(), lit: new Map() };
const keyOfLayer = () => ({ boot: bootKey, engine: engineKey, lit: litKey });

function recordImports() {
  return {
    name: 'keuze-record-imports',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, names] of Object.entries(chunk.importedBindings)) {
          for (const [layer, keyOf] of Object.entries(keyOfLayer())) {
            const key = keyOf(id);
            if (key === undefined) continue;
            const known = importedNames[layer].get(key) ?? new Set();
            for (const name of names) known.add(name);
            importedNames[layer].set(key, known);
          }
        }
      }
    },
  };
}

/**
 * The virtual module `virtual:keuze-shared` of a layer: by key, its shared
 * modules' namespaces (first pass), or only the names later layers import (`final`).
 */
function exposeShared(table, layer, { final = false } = {}) {
  const ID = '\0keuze-shared';
  return {
    name: 'keuze-expose-shared',
    resolveId: (source) => (source === 'virtual:keuze-shared' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      const entries = Object.entries(table).filter(
        ([, key], index, all) => all.findIndex(([, other]) => other === key) === index,
      );
      const imports = [];
      const object = [];
      entries.forEach(([module, key], i) => {
        const specifier = JSON.stringify(
          module.startsWith('src/') || module.startsWith('node_modules/')
            ? `${join(root, module)}.${module.startsWith('src/') ? 'ts' : 'js'}`
            : module,
        );
        const names = final ? importedNames[layer].get(key) : undefined;
        if (final && !names) return; // no later layer imports this module
        if (!names || names.has('*')) {
          imports.push(`import * as m${i} from ${specifier};`);
          object.push(`${key}: m${i}`);
          return;
        }
        const list = [...names].sort();
        imports.push(
          `import { ${list.map((name, j) => `${name} as m${i}_${j}`).join(', ')} } from ${specifier};`,
        );
        object.push(`${key}: { ${list.map((name, j) => `${name}: m${i}_${j}`).join(', ')} }`);
      });
      return `${imports.join('\n')}\nexport const shared = { ${object.join(', ')} };`;
    },
  };
}

/** Remembers the modules of a layer, for the guard of the next ones. */
const layerModules = { boot: new Set(), engine: new Set(), lit: new Set() };
function rememberModules(layer) {
  return {
    name: 'keuze-remember-modules',
    buildEnd() {
      layerModules[layer] = new Set(this.getModuleIds());
    },
  };
}

// Stateless helpers a layer may carry its own copy of: each part tree-shakes
// Lit's decorators to the few it uses instead of the engine exposing them all.
const DUPLICABLE =
  /[\\/]node_modules[\\/](@lit[\\/]reactive-element[\\/]decorators|lit[\\/]decorators)/;

/**
 * Fails the build when layer `name` would bundle a module an earlier layer has.
 * The engine and the Lit layer may repeat the boot's pure functions (decision
 * reading, storage adapters, the Consent Mode default), never its state; a part
 * repeats nothing.
 */
function guardShared(name, earlier, { mayRepeatPure = false } = {}) {
  return {
    name: 'keuze-guard-shared',
    buildEnd(error) {
      if (error) return;
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (info.isExternal || id.startsWith('\0') || DUPLICABLE.test(id)) continue;
        const owner = earlier.find((layer) => layerModules[layer].has(id));
        if (!owner || (mayRepeatPure && !bootKey(id) && !isStateful(id))) continue;
        this.error(
          `dist/keuze-${name}.js would bundle a second copy of ` +
            `${relative(root, id)}, which the ${owner} layer already has. Share it in rollup.config.mjs.`,
        );
      }
    },
  };
}
/** Fails the build when a layer that must load without Lit bundles any of it. */
function noLit(name) {
  return {
    name: 'keuze-no-lit',
    buildEnd(error) {
      if (error) return;
      const lit = [...this.getModuleIds()].find((id) =>
        /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id),
      );
      if (lit)
        this.error(
          `dist/keuze-${name}.js would bundle Lit (${relative(root, lit)}): ` +
            'Lit belongs in dist/keuze-lit.js, which only the parts built on it load.',
        );
    },
  };
}

/** Fails the build when a part's use of Lit differs from what PARTS says (the engine would load it in the wrong order, or for nothing). */
function checkPartsTable(part) {
  return {
    name: 'keuze-check-parts-table',
    buildEnd(error) {
      if (error) return;
      const usesLit = [...this.getModuleIds()].some(
        (id) => this.getModuleInfo(id).isExternal && litKey(id) !== undefined,
      );
      if (usesLit !== PARTS[part].lit)
        this.error(
          `dist/keuze-${part}.js ${usesLit ? 'imports' : 'does not import'} Lit, but PARTS in ` +
            `rollup.config.mjs says lit: ${PARTS[part].lit}.`,
        );
    },
  };
}

/** `virtual:keuze-parts`: the PARTS table, for the engine's loader. */
function partsTable() {
  const ID = '\0keuze-parts';
  return {
    name: 'keuze-parts-table',
    resolveId: (source) => (source === 'virtual:keuze-parts' ? ID : null),
    load: (id) => (id === ID ? `export default ${JSON.stringify(PARTS)};` : null),
  };
}

// The engine may repeat the boot's pure functions (decision reading, storage
// adapters, Consent Mode default); state must live once.
const isStateful = (id) =>
  /[\\/]src[\\/](core[\\/](locale|page-store|trusted-types|integrations[\\/]consent-mode)|elements[\\/](localize|context)|lazy[\\/]loader)\.ts$/.test(
    id,
  );

/** Copies locales/*.json to dist/locales/ so the script-tag build can fetch other languages from beside itself. */
function copyLocales() {
  return {
    name: 'keuze-copy-locales',
    writeBundle() {
      const from = join(root, 'locales');
      const to = join(root, 'dist/locales');
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(from))
        if (name.endsWith('.json')) copyFileSync(join(from, name), join(to, name));
    },
  };
}

// Each layer's UI strings travel with it: keuze.min.js carries the banner's
// (banner.*, gpc.*, purpose names); the engine registers the re-open button's,
// the purpose descriptions and the retention words the centre and the notice share; `centre.*`,
// `notice.*` and `placeholder.*` come with their part. Only for the languages
// the boot carries; languages fetched from dist/locales/ are complete files.
const PART_KEYS = {
  engine: (key) =>
    key.startsWith('reopen.') ||
    key.startsWith('centre.retention.') ||
    /^purpose\.[^.]+\.description$/.test(key),
  centre: (key) => key.startsWith('centre.') && !key.startsWith('centre.retention.'),
  // The notice's cookie tables share the centre's column words and its "always active".
  notice: (key) =>
    key.startsWith('notice.') ||
    key.startsWith('centre.storage.') ||
    key === 'centre.basis.necessary',
  placeholder: (key) => key.startsWith('placeholder.'),
};
const isLocaleFile = (id) => /[\\/]locales[\\/][A-Za-z-]+\.json$/.test(id);
const lazyKey = (key) => Object.values(PART_KEYS).some((inPart) => inPart(key));

/** Boot build: drops the later layers' keys from the bundled locale files. */
function slimLocales() {
  return {
    name: 'keuze-slim-locales',
    transform(code, id) {
      if (!isLocaleFile(id)) return null;
      const kept = Object.fromEntries(
        Object.entries(JSON.parse(code)).filter(([key]) => !lazyKey(key)),
      );
      return { code: JSON.stringify(kept), map: null };
    },
  };
}

/** Part build: `virtual:keuze-part-texts` = { lang: { key: text } } of this part's keys, per bundled language. */
function partTexts(part) {
  const ID = '\0keuze-part-texts';
  return {
    name: 'keuze-part-texts',
    resolveId: (source) => (source === 'virtual:keuze-part-texts' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      const texts = {};
      for (const file of [...layerModules.boot].filter(isLocaleFile).sort()) {
        const lang = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
        const all = JSON.parse(readFileSync(file, 'utf8'));
        texts[lang] = Object.fromEntries(
          Object.entries(all).filter(([key]) => PART_KEYS[part](key)),
        );
      }
      return `export default ${JSON.stringify(texts)};`;
    },
  };
}

// The maps are written beside each file but not linked from it: the link comment
// would cost every visitor ~30 bytes gzip per file. Load a map in the browser's
// developer tools when needed.
const SOURCEMAP = 'hidden';

const scriptPlugins = () => [
  nodeResolve({ browser: true }),
  json({ preferConst: true, compact: true }),
  // Transpile per module; minify the whole chunk once, so names are mangled across
  // modules. esbuild's minifier, then terser's: 3 % fewer bytes than either alone.
  esbuild({ target: 'es2022', minify: false, legalComments: 'none' }),
  minifyTemplates(), // the CSS and HTML inside css`` and html`` templates, which esbuild leaves alone
  minify({ target: 'es2022', legalComments: 'none' }),
  terser({ ecma: 2020, compress: { passes: 3 }, format: { comments: false } }),
];

const bootLayer = ({ final = false } = {}) => ({
  input: 'src/embed.ts',
  output: {
    file: 'dist/keuze.min.js',
    format: 'iife',
    sourcemap: SOURCEMAP,
  },
  plugins: [
    exposeShared(BOOT_SHARED, 'boot', { final }),
    slimLocales(),
    ...scriptPlugins(),
    rememberModules('boot'),
    noLit('boot'),
    copyLocales(),
  ],
});

/** The engine asks the boot for its Trusted Types functions instead of creating the policy again. */
function claimTrustedTypes() {
  const real = join(root, 'src/core/trusted-types.ts');
  return {
    name: 'keuze-claim-trusted-types',
    async resolveId(source, importer, options) {
      if (!importer?.startsWith(join(root, 'src'))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id !== real || importer.endsWith('trusted-types-claim.ts')) return null;
      return join(root, 'src/lazy/trusted-types-claim.ts');
    },
  };
}

/** A layer after the boot: an IIFE whose imports of earlier layers' shared modules read `window.__keuze`. */
const laterLayer = (input, file, keyOf, plugins) => ({
  input,
  external: (id) => keyOf(id) !== undefined,
  makeAbsoluteExternalsRelative: false, // recordImports maps the ids back to keys
  output: {
    file,
    format: 'iife',
    sourcemap: SOURCEMAP,
    globals: (id) => `__keuze.${keyOf(id)}`,
    interop: 'esModule',
  },
  plugins: [...plugins, recordImports()],
});

const engineLayer = ({ final = false } = {}) =>
  laterLayer('src/lazy/engine.ts', 'dist/keuze-engine.js', bootKey, [
    claimTrustedTypes(),
    exposeShared(ENGINE_SHARED, 'engine', { final }),
    partTexts('engine'),
    partsTable(),
    ...scriptPlugins(),
    rememberModules('engine'),
    guardShared('engine', ['boot'], { mayRepeatPure: true }),
    noLit('engine'),
  ]);

/** Lit and the tokens as Lit CSS, with the Trusted Types policy lent to Lit while it evaluates. */
const litLayer = ({ final = false } = {}) =>
  laterLayer('src/lazy/lit.ts', 'dist/keuze-lit.js', bootKey, [
    claimTrustedTypes(),
    exposeShared(LIT_SHARED, 'lit', { final }),
    ...scriptPlugins(),
    rememberModules('lit'),
    guardShared('lit', ['boot', 'engine'], { mayRepeatPure: true }),
  ]);

const lazyPart = (part) =>
  laterLayer(`src/lazy/${part}.ts`, `dist/keuze-${part}.js`, partKey, [
    partTexts(part),
    ...scriptPlugins(),
    guardShared(part, ['boot', 'engine', 'lit']),
    checkPartsTable(part),
  ]);

// Each sharing layer twice: first to learn what the later layers import from it,
// then (`final`, overwriting the first file) exposing only that.
export default [
  npm,
  bootLayer(),
  engineLayer(),
  litLayer(),
  ...Object.keys(PARTS).map(lazyPart),
  bootLayer({ final: true }),
  engineLayer({ final: true }),
  litLayer({ final: true }),
];
