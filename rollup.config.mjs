import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild, { minify } from 'rollup-plugin-esbuild';

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
  plugins: [json({ preferConst: true }), esbuild({ target: 'es2021' })],
};

// ---------------------------------------------------------------------------
// The script-tag build: dist/keuze.min.js (a classic script: the first layer)
// and lazy parts beside it, dist/keuze-<part>.js, loaded by src/lazy/loader.ts.
// A lazy part must not bring its own Lit or its own copy of a core module
// (the store's context key and the locale registry must be the page's one), so
// it imports those from the main bundle: the main bundle exposes the modules
// listed in SHARED on `window.__keuze`, and each part's IIFE receives them as
// globals. `guardShared` fails the build when a part would bundle a module the
// main bundle already has.

/** Module → key on window.__keuze. Bare specifiers, or paths from the project root without extension. */
const SHARED = {
  lit: 'lit',
  'lit/decorators.js': 'decorators',
  'node_modules/lit-html/lit-html': 'lit', // lit/static-html.js imports lit-html directly; `lit` re-exports it all
  'src/core/locale': 'locale',
  'src/core/model': 'model',
  'src/core/config/check': 'check',
  'src/core/notice/validate': 'noticeValidate',
  'src/core/notice/authorities': 'authorities',
  'src/elements/context': 'context',
  'src/elements/localize': 'localize',
  'src/elements/events': 'events',
  'src/elements/names': 'names',
  'src/elements/styles/tokens': 'tokens',
};

const keyOf = (id) => {
  if (Object.hasOwn(SHARED, id)) return SHARED[id];
  if (!id.startsWith(root)) return undefined;
  const path = relative(root, id)
    .split(sep)
    .join('/')
    .replace(/\.(ts|js|mjs)$/, '');
  return SHARED[path];
};

/** The virtual module `virtual:keuze-shared` of the main bundle: namespaces by key. */
function exposeShared() {
  const ID = '\0keuze-shared';
  return {
    name: 'keuze-expose-shared',
    resolveId: (source) => (source === 'virtual:keuze-shared' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      const entries = [
        ...new Set(Object.entries(SHARED).map(([module, key]) => `${key}\0${module}`)),
      ]
        .map((pair) => pair.split('\0'))
        .filter(([key], index, all) => all.findIndex(([other]) => other === key) === index);
      const imports = entries.map(([, module], i) => {
        const specifier =
          module.startsWith('src/') || module.startsWith('node_modules/')
            ? `${join(root, module)}.${module.startsWith('src/') ? 'ts' : 'js'}`
            : module;
        return `import * as m${i} from ${JSON.stringify(specifier)};`;
      });
      const object = entries.map(([key], i) => `${key}: m${i}`).join(', ');
      return `${imports.join('\n')}\nexport const shared = Object.freeze({ ${object} });`;
    },
  };
}

let mainModules = new Set();
function rememberModules() {
  return {
    name: 'keuze-remember-modules',
    buildEnd() {
      mainModules = new Set(this.getModuleIds());
    },
  };
}

function guardShared(part) {
  return {
    name: 'keuze-guard-shared',
    buildEnd(error) {
      if (error) return;
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (info.isExternal || !mainModules.has(id) || id.startsWith('\0')) continue;
        this.error(
          `dist/keuze-${part}.js would bundle a second copy of ${relative(root, id)}, which keuze.min.js already has. ` +
            'Add it to SHARED in rollup.config.mjs.',
        );
      }
    },
  };
}

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

// Each part's UI strings travel with the part: keuze.min.js carries the banner's,
// the re-open button's and the placeholder's strings; `centre.*` keys come with
// dist/keuze-centre.js and `notice.*` keys with dist/keuze-notice.js, which
// register them (registerTranslation) before defining their element. Only for
// the languages the main bundle carries; languages fetched from dist/locales/
// are complete files.
const PART_KEYS = {
  centre: (key) => key.startsWith('centre.') && !key.startsWith('centre.retention.'), // names.ts' retention() is shared
  notice: (key) => key.startsWith('notice.'),
  placeholder: (key) => key.startsWith('placeholder.'),
};
const isLocaleFile = (id) => /[\\/]locales[\\/][A-Za-z-]+\.json$/.test(id);
const lazyKey = (key) => Object.values(PART_KEYS).some((inPart) => inPart(key));

/** Main build: drops the lazy parts' keys from the bundled locale files. */
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
      for (const file of [...mainModules].filter(isLocaleFile).sort()) {
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

const scriptPlugins = () => [
  nodeResolve({ browser: true }),
  json({ preferConst: true, compact: true }),
  // Transpile per module; minify the whole chunk once, so names are mangled across modules.
  esbuild({ target: 'es2021', minify: false, legalComments: 'none' }),
  minify({ target: 'es2021', legalComments: 'none' }),
];

const embed = {
  input: 'src/embed.ts',
  output: {
    file: 'dist/keuze.min.js',
    format: 'iife',
    sourcemap: true,
  },
  plugins: [exposeShared(), slimLocales(), ...scriptPlugins(), rememberModules(), copyLocales()],
};

const lazyPart = (part) => ({
  input: `src/lazy/${part}.ts`,
  external: (id) => keyOf(id) !== undefined,
  output: {
    file: `dist/keuze-${part}.js`,
    format: 'iife',
    sourcemap: true,
    globals: (id) => `__keuze.${keyOf(id)}`,
    interop: 'esModule',
  },
  plugins: [partTexts(part), ...scriptPlugins(), guardShared(part)],
});

export default [npm, embed, lazyPart('centre'), lazyPart('notice'), lazyPart('placeholder')];
