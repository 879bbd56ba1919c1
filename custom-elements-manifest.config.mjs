// custom-elements.json, written by `npm run build` (`npm run analyze`). The
// elements' JSDoc headers give summaries, attributes, events, parts and their
// own custom properties; this plugin adds what lives elsewhere in the code, so
// each fact has one source:
// - tag names: the registrations in src/define.ts;
// - event detail types: KeuzeEventMap in src/core/types.ts;
// - the design tokens every shadow-DOM element reads: src/elements/styles/tokens.css.ts;
// and it drops what is not public API: internal state declared in Lit's
// `static properties` with `state: true`, the plain base class's plumbing, and
// helper classes that are not elements.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const read = (file) => readFileSync(new URL(file, import.meta.url), 'utf8');

/** `['keuze-banner', KeuzeBanner]` pairs of src/define.ts → class name → tag name. */
function tagNames() {
  const pairs = read('./src/define.ts').matchAll(/\['(keuze-[a-z-]+)',\s*(\w+)\]/g);
  return new Map([...pairs].map(([, tag, name]) => [name, tag]));
}

/** `'keuze-show': CustomEvent<{ layer: VisibleLayer }>` lines of KeuzeEventMap. */
function eventTypes() {
  const types = read('./src/core/types.ts');
  const layers = /type VisibleLayer = ([^;]+);/.exec(types)[1];
  const error = /interface ErrorDetail \{([\s\S]*?)\n\}/
    .exec(types)[1]
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  const map = /interface KeuzeEventMap \{([\s\S]*?)\n\}/.exec(types)[1];
  return new Map(
    [...map.matchAll(/'(keuze-[a-z]+)':\s*(CustomEvent<[^;]+>);/g)].map(([, name, type]) => [
      name,
      type.replace('VisibleLayer', layers).replace('ErrorDetail', `{ ${error} }`),
    ]),
  );
}

/** The public `--keuze-*` properties the token sheet reads, with their defaults. */
async function tokens() {
  const { outputFiles } = await build({
    entryPoints: [new URL('./src/elements/styles/tokens.css.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  const source = `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`;
  const { tokensCss } = await import(source);
  const found = new Map();
  for (const [, name, fallback] of tokensCss.matchAll(/var\((--keuze-[a-z-]+),\s*([^;]*?)\);/g)) {
    if (!found.has(name)) found.set(name, fallback.trim());
  }
  return found;
}

/** Members of the plain base class (src/elements/host.ts) that are plumbing, not API. */
const PLUMBING = new Set([
  'renderRoot',
  'updateComplete',
  'adoptedStyleSheets',
  'addController',
  'removeController',
]);

// The analyzer does not wait for a plugin's promise: read everything first.
const tokenDefaults = await tokens();

function keuzeManifest() {
  return {
    name: 'keuze-manifest',
    packageLinkPhase({ customElementsManifest }) {
      const tags = tagNames();
      const events = eventTypes();
      // The analyzer lists files in the order it happened to read them: sorted, every build
      // writes the same file and a checkout stays clean.
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      for (const module of customElementsManifest.modules) {
        const declarations = [];
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') {
            declarations.push(declaration);
            continue;
          }
          const tagName = tags.get(declaration.name);
          if (!tagName) {
            if (declaration.name !== 'KeuzeElement') continue; // controllers are not API
            declarations.push(declaration);
            continue;
          }
          declaration.tagName = tagName;
          declaration.customElement = true;
          const privateFields = new Set(
            (declaration.members ?? [])
              .filter((member) => member.privacy === 'private' || member.privacy === 'protected')
              .map((member) => member.name),
          );
          declaration.members = (declaration.members ?? []).filter(
            (member) =>
              !PLUMBING.has(member.name) &&
              !member.name.startsWith('#') &&
              !privateFields.has(member.name),
          );
          const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
          declaration.attributes = (declaration.attributes ?? [])
            .filter((attribute) => !privateFields.has(attribute.fieldName ?? attribute.name))
            .map((attribute) => {
              // The plain elements mirror each attribute as a property of the same name.
              const field = declaration.members.find(
                (member) => member.name === (attribute.fieldName ?? camel(attribute.name)),
              );
              return field
                ? { ...attribute, fieldName: field.name, type: attribute.type ?? field.type }
                : attribute;
            });
          for (const event of declaration.events ?? []) {
            const type = events.get(event.name);
            if (type) event.type = { text: type };
          }
          declaration.cssParts = (declaration.cssParts ?? []).filter((part) => part.name);
          // Every element drawn in a shadow root reads the design tokens.
          if (tagName !== 'keuze-notice') {
            const own = new Set((declaration.cssProperties ?? []).map((p) => p.name));
            for (const [name, fallback] of tokenDefaults) {
              if (own.has(name)) continue;
              (declaration.cssProperties ??= []).push({
                name,
                default: fallback,
                description: 'Design token (see styles/README.md).',
              });
            }
          }
          declarations.push(declaration);
        }
        module.declarations = declarations;
        module.exports = (module.exports ?? []).filter(
          (entry) =>
            entry.kind !== 'js' ||
            declarations.some((declaration) => declaration.name === entry.declaration?.name) ||
            !/^[A-Z]/.test(entry.name),
        );
        for (const declaration of declarations) {
          if (declaration.tagName) {
            module.exports.push({
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: { name: declaration.name, module: 'src/define.ts' },
            });
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [keuzeManifest()],
};
