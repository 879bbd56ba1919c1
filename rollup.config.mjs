import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import htmlLiterals from 'rollup-plugin-html-literals';

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
// The script-tag build (docs/architecture.md):
//   dist/keuze.min.js   a small classic script, the one a site includes: finds
//                       the config, pushes the Consent Mode default before any
//                       later tag, defines window.keuze and imports the rest.
//   dist/keuze-*.js     one module graph (ES modules): the `banner` and `engine`
//                       entries, the `centre`, `notice` and `placeholder` parts
//                       they import on demand, and the chunks they share (Lit
//                       among them), split by rollup.
// Every loader requests a part's files at once (modulepreload) from the graph
// the build writes into `virtual:keuze-chunks`.

/** Each part's files, its own first, from the chunks rollup wrote (fileName → chunk). */
function graphOf(chunks) {
  const closure = (fileName, seen = new Set()) => {
    if (seen.has(fileName)) return seen;
    seen.add(fileName);
    for (const imported of chunks[fileName]?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const graph = {};
  for (const chunk of Object.values(chunks)) {
    if (chunk.type === 'asset' || !(chunk.isEntry || chunk.isDynamicEntry)) continue;
    graph[chunk.name] = [...closure(chunk.fileName)];
  }
  return graph;
}

/** The graph of the last module build, for the classic script built after it. */
let builtGraph;
const GRAPH_MARK = '__KEUZE_CHUNK_GRAPH__';

/**
 * `virtual:keuze-chunks` in the module graph: a mark that is replaced, once
 * rollup knows every chunk, by the graph itself (rollup then fills in the
 * hashes of the file names it contains).
 */
function chunkGraph() {
  const ID = '\0keuze-chunks';
  return {
    name: 'keuze-chunk-graph',
    buildStart() {
      // Files of an earlier build that this one may no longer write.
      for (const name of readdirSync(join(root, 'dist'), { withFileTypes: true }))
        if (name.isFile() && /^keuze-.+\.js(\.map)?$/.test(name.name))
          rmSync(join(root, 'dist', name.name));
    },
    resolveId: (source) => (source === 'virtual:keuze-chunks' ? ID : null),
    load: (id) => (id === ID ? `export default JSON.parse('${GRAPH_MARK}');` : null),
    renderChunk(code, _chunk, _options, { chunks }) {
      if (!code.includes(GRAPH_MARK)) return null;
      const json = JSON.stringify(JSON.stringify(graphOf(chunks))).slice(1, -1);
      return { code: code.replace(GRAPH_MARK, json), map: null };
    },
    generateBundle(_, bundle) {
      builtGraph = graphOf(bundle);
      // The same graph for tools: scripts/size.mjs (bytes per journey) and the tests.
      this.emitFile({
        type: 'asset',
        fileName: 'keuze-graph.json',
        source: `${JSON.stringify(builtGraph, null, 2)}\n`,
      });
    },
  };
}

/** `virtual:keuze-chunks` in the classic script: the graph the module build wrote. */
function builtChunkGraph() {
  const ID = '\0keuze-chunks';
  return {
    name: 'keuze-built-chunk-graph',
    resolveId: (source) => (source === 'virtual:keuze-chunks' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      if (!builtGraph) this.error('The module graph must be built before dist/keuze.min.js.');
      return `export default ${JSON.stringify(builtGraph)};`;
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

// Each part's UI strings travel with it: the shared dictionary carries the
// banner's (banner.*, gpc.*, purpose names); the engine registers the re-open
// button's, the purpose descriptions and the retention words the centre and the
// notice share; `centre.*`, `notice.*` and `placeholder.*` come with their part.
// Only for the bundled language (src/core/dictionaries.js); languages fetched
// from dist/locales/ are complete files.
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
  // The blocked embed and the message shown when the config was refused.
  placeholder: (key) => key.startsWith('placeholder.') || key.startsWith('unavailable.'),
};
const isLocaleFile = (id) => /[\\/]locales[\\/][A-Za-z-]+\.json$/.test(id);
const lazyKey = (key) => Object.values(PART_KEYS).some((inPart) => inPart(key));
/** The languages src/core/dictionaries.js bundles. */
const bundledLanguages = [
  ...readFileSync(join(root, 'src/core/dictionaries.js'), 'utf8').matchAll(
    /locales\/([A-Za-z-]+)\.json/g,
  ),
].map((match) => match[1]);

/** Drops the parts' keys from the bundled dictionary: each part registers its own. */
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

/** `virtual:keuze-part-texts/<part>` = { lang: { key: text } } of that part's keys, per bundled language. */
function partTexts() {
  const PREFIX = 'virtual:keuze-part-texts/';
  return {
    name: 'keuze-part-texts',
    resolveId: (source) => (source.startsWith(PREFIX) ? `\0${source}` : null),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const part = id.slice(PREFIX.length + 1);
      if (!PART_KEYS[part]) this.error(`No part "${part}" in PART_KEYS (rollup.config.mjs).`);
      const texts = {};
      for (const lang of bundledLanguages) {
        const all = JSON.parse(readFileSync(join(root, 'locales', `${lang}.json`), 'utf8'));
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
  // The CSS and HTML inside css`` and html`` templates, which the minifiers below leave alone.
  htmlLiterals({ include: ['src/**/*.ts'], failOnError: true }),
  // Transpile per module; minify the whole chunk once, so names are mangled across
  // modules. esbuild's minifier, then terser's: 3 % fewer bytes than either alone.
  esbuild({ target: 'es2022', minify: false, legalComments: 'none' }),
  minify({ target: 'es2022', legalComments: 'none' }),
  terser({ ecma: 2020, module: true, compress: { passes: 3 }, format: { comments: false } }),
];

/** The module graph: ES modules beside keuze.min.js. */
const moduleGraph = {
  input: { banner: 'src/lazy/banner.ts', engine: 'src/lazy/engine.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    // The parts by name (keuze.min.js imports the entries from the generated graph);
    // the chunks they share by content, so a cached one is never stale.
    entryFileNames: 'keuze-[name].js',
    chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'keuze-[name].js' : 'keuze-chunk-[hash].js'),
    // A chunk of a few hundred bytes costs a request more than its bytes: merge it.
    experimentalMinChunkSize: 2000,
    sourcemap: SOURCEMAP,
  },
  plugins: [chunkGraph(), slimLocales(), partTexts(), ...scriptPlugins(), copyLocales()],
};

/** The classic script a site includes. */
const classicScript = {
  input: 'src/embed.ts',
  output: { file: 'dist/keuze.min.js', format: 'iife', sourcemap: SOURCEMAP },
  plugins: [builtChunkGraph(), slimLocales(), ...scriptPlugins()],
};

export default [npm, moduleGraph, classicScript];
