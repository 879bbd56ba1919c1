// The build's template minifier (scripts/rollup-templates.mjs): exact outputs
// for the cases where a careless minifier changes what the browser sees, and a
// check of every stylesheet in src/ against esbuild's CSS minifier.
// Run: node --test test/build/
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyHtml, minifyTemplates } from '../../scripts/rollup-templates.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** Splits a tagged template's text at `${…}` the way a tag function receives it. */
const quasis = (text) => text.split('${}');
const css = (text) => minifyCss(quasis(text)).join('${}');
const html = (text) => minifyHtml(quasis(text)).join('${}');

/** Runs the plugin's transform hook as rollup would, for a module under src/. */
function transform(code, id = join(root, 'src/elements/example.ts')) {
  const plugin = minifyTemplates({ include: (file) => file.startsWith(join(root, 'src/')) });
  return plugin.transform.call({ parse: (text) => parseAst(text) }, code, id);
}

describe('css templates', () => {
  it('drops comments, indentation and the last semicolon of a block', () => {
    assert.equal(
      css(`
  :host {
    /* Only the font family is inherited. */
    all: initial;
    color: var(--k-text);
  }
`),
      ':host{all:initial;color:var(--k-text)}',
    );
  });

  it('drops the leading zero of a decimal, but not in a custom property or var() fallback', () => {
    assert.equal(
      css(
        `.a { padding: 0.625rem -0.5em; opacity: 0.55; margin: 10.5px 0 }\n:host { --k-x: 0.5rem; gap: var(--y, 0.75rem) }`,
      ),
      '.a{padding:.625rem -.5em;opacity:.55;margin:10.5px 0}:host{--k-x: 0.5rem;gap:var(--y, 0.75rem)}',
    );
  });

  it('keeps the space of a descendant combinator and drops it around > and ,', () => {
    assert.equal(
      css(`.box .text,\n.modal   .text {\n  flex-basis: 100%;\n}\n.body > p { margin: 0 }`),
      '.box .text,.modal .text{flex-basis:100%}.body>p{margin:0}',
    );
  });

  it('keeps :host(...), ::part() and a space before a pseudo-class that is a descendant', () => {
    assert.equal(
      css(`:host( :not([theme='light']) ) .x ::part(label) { a: b; }\n.a :hover { c: d }`),
      ":host(:not([theme='light'])) .x ::part(label){a:b}.a :hover{c:d}",
    );
  });

  it('keeps the space before ( after `and` in a media query', () => {
    assert.equal(
      css(
        `@media (min-width: 40rem) and (prefers-reduced-motion: reduce) {\n  * { transition: none; }\n}`,
      ),
      '@media (min-width:40rem) and (prefers-reduced-motion:reduce){*{transition:none}}',
    );
  });

  it('keeps the spaces around + and - in calc()', () => {
    assert.equal(
      css(
        `.a { inline-size: min(26rem, calc(100vw - 2 * var(--k-space))); margin: calc(1px + -2px); }`,
      ),
      '.a{inline-size:min(26rem,calc(100vw - 2 * var(--k-space)));margin:calc(1px + -2px)}',
    );
  });

  it('writes !important without the space', () => {
    assert.equal(
      css(`:host([hidden]) {\n  display: none !important;\n}`),
      ':host([hidden]){display:none!important}',
    );
  });

  it('leaves quoted strings as they are, comment-like text and spaces included', () => {
    assert.equal(
      css(
        `a::after { content: ' (' attr(href) ')'; }\nspan + span::before { content: ' /* · */ '; }\n[title="a  { b"] { x: "y;}" }`,
      ),
      `a::after{content:' (' attr(href) ')'}span + span::before{content:' /* · */ '}[title="a  { b"]{x:"y;}"}`,
    );
  });

  it('leaves an unquoted url() as it is', () => {
    assert.equal(
      css(`.a { background: url( data:image/svg+xml;a,b ); }`),
      '.a{background:url( data:image/svg+xml;a,b )}',
    );
  });

  it('drops the space before the colon of a declaration but not of a nested selector', () => {
    assert.equal(
      css(`.a {\n  color : red;\n  b :hover { c: d }\n}`),
      '.a{color:red;b :hover{c:d}}',
    );
  });

  it('keeps expressions apart from the words around them', () => {
    assert.deepEqual(minifyCss(['\n  ', '\n  .x {\n    color: ', ';\n  }\n  ', ' ', '\n']), [
      '',
      ' .x{color:',
      '}',
      ' ',
      '',
    ]);
    assert.deepEqual(minifyCss(['.a { margin: ', ' ', '; }']), ['.a{margin:', ' ', '}']);
  });

  it('leaves a template alone when an expression sits inside a comment', () => {
    const strings = ['.a { /* ', ' */ color: red; }'];
    assert.deepEqual(minifyCss(strings), strings);
  });

  it('keeps a no-break space, which is not CSS whitespace', () => {
    assert.equal(css(`.a\u00a0b {\n  x: y;\n}`), '.a\u00a0b{x:y}');
  });

  it('keeps an escaped space in a selector', () => {
    assert.equal(css(`.a\\ b .c { x: y }`), '.a\\ b .c{x:y}');
  });
});

describe('html templates', () => {
  it('drops whitespace with a line break next to block-level tags', () => {
    assert.equal(
      html(`
      <div class="inner">
        <p id="intro">
          Hello \${}
        </p>
      </div>
    `),
      '<div class="inner"><p id="intro">Hello ${}</p></div>',
    );
  });

  it('keeps one space between inline elements so their text does not run together', () => {
    assert.equal(
      html(`<a href="/x">One</a>\n    <a href="/y">Two</a>\n  <bdi>\${}</bdi>`),
      '<a href="/x">One</a> <a href="/y">Two</a> <bdi>${}</bdi>',
    );
  });

  it('keeps one space around expressions in text, and text on one line as it is', () => {
    assert.equal(html(`a \${} b`), 'a ${} b');
    assert.equal(html(`<p>a   b\${}  c</p>`), '<p>a   b${}  c</p>');
    assert.equal(html(`\n  \${}\n  \${}\n`), ' ${} ${} ');
  });

  it('puts the attributes of a tag on one line and leaves their values alone', () => {
    assert.equal(
      html(`<button
          type="button"
          class="button  accept"
          title='two
            lines'
          data-x=a
          @click=\${}
        >
          \${}
        </button>`),
      `<button type="button" class="button  accept" title='two
            lines' data-x=a @click=\${}> \${} </button>`,
    );
  });

  it('never lets an unquoted value or an expression swallow the slash of />', () => {
    assert.equal(html(`<br />\n<input disabled />`), '<br/><input disabled/>');
    assert.equal(html(`<input .value=\${} />`), '<input .value=${} />');
    assert.equal(html(`<img alt=x />`), '<img alt=x />');
    assert.equal(html(`<img alt="x" />`), '<img alt="x"/>');
  });

  it('leaves <pre>, <textarea>, <script> and <style> as they are', () => {
    const pre = `<pre>\n  a\n    b \${}\n</pre>`;
    assert.equal(html(`<div>\n  ${pre}\n</div>`), `<div>${pre}</div>`);
    const textarea = `<textarea name="t">\n  x\n</textarea>`;
    assert.equal(html(`${textarea}\n  <p>y</p>`), `${textarea}<p>y</p>`);
    const style = `<style>\n  .a > .b { x: y }\n</style>`;
    assert.equal(html(style), style);
  });

  it('leaves comments as they are', () => {
    const comment = '<!-- a\n    b -->';
    assert.equal(html(`<b>x</b>\n  ${comment}`), `<b>x</b> ${comment}`);
  });

  it('keeps a no-break space, which HTML does not collapse', () => {
    assert.equal(html('<p>a\u00a0\n    b</p>'), '<p>a\u00a0 b</p>');
  });

  it('handles tag names that are expressions (lit/static-html.js)', () => {
    assert.equal(
      html(`<\${} class="title">\n  \${}\n</\${}>\n<p>x</p>`),
      '<${} class="title"> ${} </${}><p>x</p>',
    );
  });

  it('drops whitespace between SVG shapes', () => {
    assert.equal(
      html(
        `\n  <svg viewBox="0 0 24 24" aria-hidden="true">\n    <path d="M6 6 L18 18" />\n    <path d="M18 6 L6 18" />\n  </svg>\n`,
      ),
      ' <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6 L18 18"/><path d="M18 6 L6 18"/></svg> ',
    );
  });
});

describe('the rollup plugin', () => {
  it('minifies css, html and svg tags and tags imported under another name, and nothing else', () => {
    const code = [
      "import { html as staticHtml } from 'lit/static-html.js';",
      "import { css as litCss } from 'lit';",
      'const a = css`\n  .a {\n    x: y;\n  }\n`;',
      'const b = litCss`\n  .b {\n    x: y;\n  }\n`;',
      'const c = html`<div>\n  ${a}\n</div>`;',
      'const d = svg`<g>\n  <path d="M0 0" />\n</g>`;',
      'const e = staticHtml`<${tag}>\n  ${a}\n</${tag}>`;',
      'const f = sql`SELECT\n  1;`;',
      'const g = `<div>\n  untagged\n</div>`;',
    ].join('\n');
    const lines = transform(code).code.split('\n');
    assert.deepEqual(lines, [
      "import { html as staticHtml } from 'lit/static-html.js';",
      "import { css as litCss } from 'lit';",
      'const a = css`.a{x:y}`;',
      'const b = litCss`.b{x:y}`;',
      'const c = html`<div>${a}</div>`;',
      'const d = svg`<g><path d="M0 0"/></g>`;',
      'const e = staticHtml`<${tag}> ${a} </${tag}>`;',
      'const f = sql`SELECT',
      '  1;`;',
      'const g = `<div>',
      '  untagged',
      '</div>`;',
    ]);
  });

  it('keeps escapes in a template meaning what they meant', () => {
    const code =
      "const a = css`\n  /* Not \\`this\\` */\n  .a::before {\n    content: '\\\\2022 \\${x}';\n  }\n`;";
    assert.equal(transform(code).code, "const a = css`.a::before{content:'\\\\2022 \\${x}'}`;");
  });

  it('leaves a template with an invalid escape alone', () => {
    const code = 'const a = css`\n  .a { content: "\\unicode"; }\n`;';
    assert.equal(transform(code), null);
  });

  it('leaves modules outside src/ alone', () => {
    const code = 'const a = css`\n  .a { x: y; }\n`;';
    assert.equal(transform(code, join(root, 'node_modules/lit/index.js')), null);
    assert.notEqual(transform(code), null);
  });

  it('returns a sourcemap that maps unchanged code to where it was', () => {
    const code = [
      'const styles = css`',
      '  .a {',
      '    x: y;',
      '  }',
      '`;',
      'export function render(name) {',
      '  return html`<p>',
      '    Hello ${name}',
      '  </p>`;',
      '}',
    ].join('\n');
    const result = transform(code);
    const original = code.split('\n');
    const generated = result.code.split('\n');
    const decoded = decodeMappings(result.map.mappings);
    let checked = 0;
    decoded.forEach((segments, line) => {
      for (const [column, , fromLine, fromColumn] of segments) {
        const char = generated[line][column];
        // Replaced template text maps to its start; every other character maps to itself.
        if (original[fromLine][fromColumn] === char) checked += 1;
        else assert.ok(isInsideQuasi(result.code, line, column), `${line}:${column} ${char}`);
      }
    });
    assert.ok(checked > 50);
    const exportLine = generated.findIndex((line) => line.startsWith('export function render'));
    const [, , fromLine] = decoded[exportLine][0];
    assert.equal(original[fromLine], 'export function render(name) {');
  });

  it('builds with rollup and sourcemaps without a warning', async () => {
    const warnings = [];
    const source = join(root, 'src/virtual-example.js');
    const bundle = await rollup({
      input: source,
      onwarn: (warning) => warnings.push(warning),
      plugins: [
        {
          name: 'virtual',
          resolveId: (id) => (id === source ? id : null),
          load: (id) =>
            id === source
              ? 'const css = (s) => s.join("");\nexport const a = css`\n  .a {\n    x: y;\n  }\n`;\nexport const b = 1;\n'
              : null,
        },
        minifyTemplates(),
      ],
    });
    const { output } = await bundle.generate({ format: 'es', sourcemap: true });
    await bundle.close();
    assert.deepEqual(
      warnings.map((warning) => warning.code),
      [],
    );
    assert.match(output[0].code, /css`\.a\{x:y\}`/);
    assert.ok(output[0].map.mappings.length > 0);
  });
});

describe('every stylesheet in src/', () => {
  const files = listFiles(join(root, 'src')).filter((file) => file.endsWith('.ts'));
  const sheets = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (!source.includes('css`')) continue;
    const { code } = transformSync(source, { loader: 'ts', target: 'es2021', format: 'esm' });
    for (const strings of cssTemplates(code)) sheets.push({ file, strings });
  }

  it('finds the stylesheets', () => {
    assert.ok(sheets.length >= 5, `found ${sheets.length}`);
  });

  for (const [index, { file, strings }] of sheets.entries()) {
    const name = `${file.slice(root.length + 1)} #${index}`;
    it(`${name} means the same CSS to esbuild after minifying`, () => {
      const minified = minifyCss(strings);
      assert.equal(minified.length, strings.length);
      const dummy = (parts) => parts.join('ph0');
      const output = dummy(minified);
      assert.ok(!output.includes('/*'), 'no comment left');
      assert.ok(!output.includes('\n'), 'no line break left');
      assert.equal(output.split('{').length, output.split('}').length, 'balanced braces');
      assert.ok(output.length < dummy(strings).length, 'smaller');
      assert.equal(normalise(output), normalise(dummy(strings)));
    });
  }
});

/**
 * esbuild's CSS minifier as an independent reading of the stylesheet. A
 * fragment of declarations (no block, interpolated into one elsewhere) is read
 * inside a rule.
 */
function normalise(text) {
  const sheet = text.includes('{') ? text : `:host{${text}}`;
  return transformSync(sheet, { loader: 'css', minify: true, logLevel: 'silent' }).code;
}

/** Cooked quasis of every css`…` template in a JavaScript module. */
function cssTemplates(code) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (
      node.type === 'TaggedTemplateExpression' &&
      node.tag.type === 'Identifier' &&
      node.tag.name === 'css'
    )
      found.push(node.quasi.quasis.map((quasi) => quasi.value.cooked));
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(code));
  return found;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function decodeMappings(mappings) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const state = [0, 0, 0, 0];
  return mappings.split(';').map((line) => {
    state[0] = 0;
    if (!line) return [];
    return line.split(',').map((segment) => {
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = alphabet.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      values.forEach((delta, i) => (state[i] += delta));
      return [...state];
    });
  });
}

/** Whether a generated position lies between the backticks of a template (roughly: an odd number of backticks before it on the line or earlier). */
function isInsideQuasi(code, line, column) {
  const lines = code.split('\n');
  const before = lines.slice(0, line).join('\n') + '\n' + lines[line].slice(0, column + 1);
  return (before.match(/`/g) ?? []).length % 2 === 1 || lines[line][column] === '`';
}
