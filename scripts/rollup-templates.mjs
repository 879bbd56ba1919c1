// A rollup plugin that minifies the CSS and HTML inside `css`, `html` and `svg`
// tagged templates. esbuild's minifier leaves template literal contents alone,
// so without this every bundle carries the templates' indentation and comments.
//
// It runs on JavaScript (place it after the esbuild plugin), parses with
// rollup's own parser and splices the new text into the quasis by hand, with a
// sourcemap for the splice. Expressions (`${…}`) are never touched: the
// minifiers see each one as an opaque placeholder, and a template whose
// placeholder count would change is left as it was.
//
// The minifiers work on the cooked text (what the tag function receives) and
// write it back escaped, so `\``, `\\` and `\${` in a template survive. A
// template with an invalid escape (cooked === null) is left alone.

import { resolve, sep } from 'node:path';

/** Lit's modules whose `css`, `html` and `svg` exports are template tags (aliases count too). */
const LIT_MODULE = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
const TAG_KINDS = { css: 'css', html: 'html', svg: 'svg' };

/**
 * @param {{ include?: (id: string) => boolean }} [options] which modules to
 *   minify; by default the .ts/.js files under `<cwd>/src/`.
 */
export function minifyTemplates(options = {}) {
  const srcDir = resolve('src') + sep;
  const include =
    options.include ??
    ((id) => id.startsWith(srcDir) && /\.(ts|tsx|js|mjs)$/.test(id.replace(/\?.*$/, '')));
  return {
    name: 'keuze-minify-templates',
    transform(code, id) {
      if (!include(id) || !code.includes('`')) return null;
      return transformTemplates(code, (text) => this.parse(text), id);
    },
  };
}

/**
 * Minifies every css/html/svg tagged template in `code` (JavaScript).
 * @returns {{ code: string, map: object } | null} null when nothing changed.
 */
export function transformTemplates(code, parse, id = '') {
  const ast = parse(code);
  const tags = new Map(Object.entries(TAG_KINDS));
  const found = [];
  walk(ast, (node) => {
    if (node.type === 'ImportDeclaration' && LIT_MODULE.test(node.source.value)) {
      for (const spec of node.specifiers) {
        const imported = spec.type === 'ImportSpecifier' ? spec.imported.name : undefined;
        if (imported && Object.hasOwn(TAG_KINDS, imported)) tags.set(spec.local.name, imported);
      }
    } else if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier') {
      found.push(node);
    }
  });

  const splices = [];
  for (const node of found) {
    const kind = tags.get(node.tag.name);
    if (!kind) continue;
    const quasis = node.quasi.quasis;
    const cooked = quasis.map((q) => q.value.cooked);
    if (cooked.some((text) => typeof text !== 'string')) continue;
    const minified = kind === 'css' ? minifyCss(cooked) : minifyHtml(cooked);
    quasis.forEach((quasi, index) => {
      if (minified[index] !== cooked[index])
        splices.push({ start: quasi.start, end: quasi.end, text: escapeRaw(minified[index]) });
    });
  }
  if (splices.length === 0) return null;
  splices.sort((a, b) => a.start - b.start);
  return splice(code, splices, id);
}

/** Visits every node of an ESTree AST. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object' && typeof value.type === 'string')
      walk(value, visit);
  }
}

/** Cooked text → raw template text that cooks back to it. */
export function escapeRaw(text) {
  return text.replace(/\\|`|\$\{|\r/g, (match) => (match === '\r' ? '\\r' : `\\${match}`));
}

// ---------------------------------------------------------------------------
// Splicing with a sourcemap. Unchanged text maps character by character to
// where it was; a replaced quasi maps to the start of the original quasi.

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += VLQ[digit];
  } while (rest > 0);
  return out;
}

function splice(code, splices, id) {
  const lines = [];
  let segments = [];
  let generatedColumn = 0;
  let originalLine = 0;
  let originalColumn = 0;
  // Deltas carried across the whole map (generated column resets per line).
  let previous = { generatedColumn: 0, originalLine: 0, originalColumn: 0 };
  const mark = (line, column) => {
    segments.push(
      vlq(generatedColumn - previous.generatedColumn) +
        'A' + // source index 0, delta 0
        vlq(line - previous.originalLine) +
        vlq(column - previous.originalColumn),
    );
    previous = { generatedColumn, originalLine: line, originalColumn: column };
  };
  const newLine = () => {
    lines.push(segments.join(','));
    segments = [];
    generatedColumn = 0;
    previous = { ...previous, generatedColumn: 0 };
  };
  const advanceOriginal = (text) => {
    for (const char of text) {
      if (char === '\n') {
        originalLine += 1;
        originalColumn = 0;
      } else originalColumn += char.length;
    }
  };

  let output = '';
  let position = 0;
  const copy = (end) => {
    for (let i = position; i < end; i += 1) {
      const char = code[i];
      if (char === '\n') {
        newLine();
        originalLine += 1;
        originalColumn = 0;
      } else {
        mark(originalLine, originalColumn);
        generatedColumn += 1;
        originalColumn += 1;
      }
    }
    output += code.slice(position, end);
    position = end;
  };
  for (const { start, end, text } of splices) {
    copy(start);
    const at = { line: originalLine, column: originalColumn };
    let first = true;
    for (const part of text.split('\n')) {
      if (!first) newLine();
      if (part.length > 0) mark(at.line, at.column);
      generatedColumn += part.length;
      first = false;
    }
    advanceOriginal(code.slice(start, end));
    output += text;
    position = end;
  }
  copy(code.length);
  lines.push(segments.join(','));
  return {
    code: output,
    map: { version: 3, file: id, sources: [id], names: [], mappings: lines.join(';') },
  };
}

// ---------------------------------------------------------------------------
// Placeholders: the quasis are joined with a private-use character standing for
// each `${…}`, minified as one text, and split again.

const PLACEHOLDER = '\uE000';

function joinQuasis(strings) {
  if (strings.some((text) => text.includes(PLACEHOLDER))) return null;
  return strings.join(PLACEHOLDER);
}

function splitQuasis(text, strings) {
  const parts = text.split(PLACEHOLDER);
  return parts.length === strings.length ? parts : strings;
}

// ---------------------------------------------------------------------------
// CSS

const CSS_WS = /[ \t\n\r\f]/;
/** Characters that form one token each; everything else joins into words. */
const CSS_PUNCT = new Set(['{', '}', '(', ')', ';', ':', ',', '>', '!']);
/** Whitespace next to these (on either side) never matters. */
const CSS_TIGHT = new Set(['{', '}', ';', ',', '>', '!']);

/**
 * Minifies CSS given as template quasis: comments out, whitespace collapsed and
 * dropped where CSS ignores it, the last `;` of a block dropped. Returns the
 * quasis unchanged when the CSS is beyond it (a placeholder inside a comment).
 * @param {string[]} strings cooked quasis
 * @returns {string[]}
 */
export function minifyCss(strings) {
  const joined = joinQuasis(strings);
  if (joined === null) return strings;
  const tokens = tokenizeCss(joined);
  if (tokens === null) return strings;
  return splitQuasis(printCss(tokens), strings);
}

/** Tokens: { type: 'ws' | 'string' | 'raw' | 'punct' | 'word' | 'ph', text }. Comments count as whitespace. */
function tokenizeCss(text) {
  const tokens = [];
  let i = 0;
  const push = (type, from) => tokens.push({ type, text: text.slice(from, i) });
  while (i < text.length) {
    const start = i;
    const char = text[i];
    if (CSS_WS.test(char) || text.startsWith('/*', i)) {
      while (i < text.length) {
        if (CSS_WS.test(text[i])) i += 1;
        else if (text.startsWith('/*', i)) {
          const close = text.indexOf('*/', i + 2);
          if (close === -1) return null;
          if (text.slice(i, close).includes(PLACEHOLDER)) return null;
          i = close + 2;
        } else break;
      }
      tokens.push({ type: 'ws', text: ' ' });
    } else if (char === '"' || char === "'") {
      i += 1;
      while (i < text.length && text[i] !== char && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, text.length);
      push('string', start);
    } else if (char === PLACEHOLDER) {
      i += 1;
      push('ph', start);
    } else if (
      char === '(' &&
      /^url$/i.test(tokens.at(-1)?.text ?? '') &&
      tokens.at(-1).type === 'word'
    ) {
      // url(unquoted): copied as it is, up to the `)`.
      let j = i + 1;
      while (CSS_WS.test(text[j] ?? '')) j += 1;
      if (text[j] === '"' || text[j] === "'") {
        i += 1;
        push('punct', start);
      } else {
        while (i < text.length && text[i] !== ')') i += text[i] === '\\' ? 2 : 1;
        i = Math.min(i + 1, text.length);
        push('raw', start);
      }
    } else if (CSS_PUNCT.has(char)) {
      i += 1;
      push('punct', start);
    } else {
      while (
        i < text.length &&
        !CSS_WS.test(text[i]) &&
        !CSS_PUNCT.has(text[i]) &&
        text[i] !== '"' &&
        text[i] !== "'" &&
        text[i] !== PLACEHOLDER &&
        !text.startsWith('/*', i)
      )
        i += text[i] === '\\' ? 2 : 1;
      i = Math.min(i, text.length);
      push('word', start);
    }
  }
  return tokens;
}

function printCss(tokens) {
  const significant = (from, step) => {
    for (let k = from; k >= 0 && k < tokens.length; k += step)
      if (tokens[k].type !== 'ws') return k;
    return -1;
  };
  const isPunct = (k, chars) => tokens[k]?.type === 'punct' && chars.includes(tokens[k].text);
  let out = '';
  let depth = 0;
  /** Function names of the open parentheses. */
  const functions = [];
  /** Inside the value of a custom property (`--x: …`), kept token for token. */
  let custom = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (token.type === 'ws') {
      const before = significant(k - 1, -1);
      const after = significant(k + 1, 1);
      if (before === -1 || after === -1) continue;
      // A custom property's value and var()/env() arguments are substituted as
      // written, so their whitespace shrinks to one space but stays.
      if (custom || functions.some((name) => name === 'var' || name === 'env')) {
        out += ' ';
        continue;
      }
      if (isPunct(before, [...CSS_TIGHT, ':', '('])) continue;
      if (isPunct(after, [...CSS_TIGHT, ')'])) continue;
      if (isPunct(after, ':') && depth > 0 && isPropertyName(tokens, before, after)) continue;
      out += ' ';
      continue;
    }
    if (isPunct(k, '{')) depth += 1;
    else if (isPunct(k, '}')) {
      depth = Math.max(0, depth - 1);
      custom = false;
    } else if (isPunct(k, '(')) {
      functions.push(tokens[k - 1]?.type === 'word' ? tokens[k - 1].text.toLowerCase() : '');
    } else if (isPunct(k, ')')) functions.pop();
    else if (isPunct(k, ';')) {
      custom = false;
      if (isPunct(significant(k + 1, 1), '}')) continue;
    } else if (isPunct(k, ':') && functions.length === 0) {
      // Also at the top level: a fragment of declarations interpolated into a block.
      const name = significant(k - 1, -1);
      if (tokens[name]?.type === 'word' && tokens[name].text.startsWith('--'))
        custom = isPropertyName(tokens, name, k, true);
    } else if (
      token.type === 'word' &&
      !custom &&
      !functions.some((name) => name === 'var' || name === 'env')
    ) {
      // 0.5rem → .5rem (a selector never starts with a digit). Not where values are kept as written.
      out += token.text.replace(/^(-?)0+\.(?=\d)/, '$1.');
      continue;
    }
    out += token.text;
  }
  return out;
}

/**
 * Whether `name :` (the tokens at `name` and `colon`, inside a block) starts a
 * declaration: one word at the start of a statement, and the statement ends
 * with `;` or `}`, not with `{` (that would be a nested selector, `a :hover {`,
 * where the space matters). With `orFirst`, also at the start of the template.
 * An interpolation before the name counts as the end of a statement.
 */
function isPropertyName(tokens, name, colon, orFirst = false) {
  if (tokens[name].type !== 'word') return false;
  let b = name - 1;
  while (b >= 0 && tokens[b].type === 'ws') b -= 1;
  if (b < 0) {
    if (!orFirst) return false;
  } else if (tokens[b].type === 'ph') {
    // After an interpolated fragment of declarations (`${colours} --k-radius: …`).
  } else if (tokens[b].type !== 'punct' || !'{;}'.includes(tokens[b].text)) return false;
  let parens = 0;
  for (let a = colon + 1; a < tokens.length; a += 1) {
    const { type, text } = tokens[a];
    if (type !== 'punct') continue;
    if (text === '(') parens += 1;
    else if (text === ')') parens -= 1;
    else if (parens === 0 && text === '{') return false;
    else if (parens === 0 && (text === ';' || text === '}')) return true;
  }
  return true;
}

// ---------------------------------------------------------------------------
// HTML (Lit templates)

const HTML_WS = /[ \t\n\r\f]/;
/** Elements whose contents are copied as they are. */
const VERBATIM = new Set(['pre', 'textarea', 'script', 'style', 'listing', 'xmp', 'plaintext']);
/**
 * Elements next to which whitespace never renders (block-level, table parts,
 * line breaks, and SVG's non-text elements): whitespace touching one of their
 * tags is dropped; elsewhere it shrinks to one space, so inline layout
 * (`</a> <a>`) stays as it was.
 */
const BOUNDARY = new Set(
  (
    'address article aside blockquote body br caption col colgroup dd details dialog div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend ' +
    'li link main menu meta nav ol optgroup option p search section summary table tbody td ' +
    'template tfoot th thead title tr ul ' +
    'circle clippath defs desc ellipse filter g line lineargradient marker mask path pattern ' +
    'polygon polyline radialgradient rect stop symbol use'
  ).split(' '),
);

/**
 * Minifies a Lit template given as quasis: in text, a whitespace run with a line
 * break becomes one space, or nothing where it touches the tag of a block-level
 * element; inside a tag, whitespace between attributes becomes one space and
 * goes before `>`. Attribute values, comments, <pre>, <textarea>, <script> and
 * <style> are left as they are; whitespace without a line break in text too.
 * The same rules serve `svg` templates (SVG's text-free elements are in
 * BOUNDARY) and lit/static-html.js, where a tag name may be a placeholder
 * (`<${tag}>`): that tag counts as an unknown, inline element.
 * @param {string[]} strings cooked quasis
 * @returns {string[]}
 */
export function minifyHtml(strings) {
  const text = joinQuasis(strings);
  if (text === null) return strings;
  let out = '';
  let i = 0;
  /** What the last thing before a text whitespace run was: 'start', 'text', 'ph', or a tag name (with `tag: true`). */
  let before = { kind: 'start' };

  const tagNameAt = (at) => {
    // `at` is just after `<`. Returns the lower-case name, '' for a placeholder (static html), or null if no tag starts.
    let j = at;
    if (text[j] === '/') j += 1;
    if (text[j] === PLACEHOLDER) return '';
    const match = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(text.slice(j, j + 64));
    return match ? match[0].toLowerCase() : null;
  };

  while (i < text.length) {
    const char = text[i];
    if (HTML_WS.test(char)) {
      let j = i;
      while (j < text.length && HTML_WS.test(text[j])) j += 1;
      const run = text.slice(i, j);
      i = j;
      if (!run.includes('\n')) {
        out += run;
        before = { kind: 'text' };
        continue;
      }
      const nextName = text[i] === '<' ? tagNameAt(i + 1) : null;
      const touchesBoundary =
        (before.tag && BOUNDARY.has(before.name)) || (nextName && BOUNDARY.has(nextName));
      // The start or end of the template counts as unknown (it may sit inside a sentence).
      if (!touchesBoundary) out += ' ';
      before = { kind: 'text' };
    } else if (char === PLACEHOLDER) {
      out += char;
      i += 1;
      before = { kind: 'ph' };
    } else if (char === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close === -1 ? text.length : close + 3;
      out += text.slice(i, end);
      i = end;
      before = { kind: 'text' };
    } else if (char === '<' && tagNameAt(i + 1) !== null) {
      const name = tagNameAt(i + 1);
      const closing = text[i + 1] === '/';
      const tag = readTag(text, i);
      out += tag.text;
      i = tag.end;
      before = { kind: 'tag', tag: true, name };
      if (!closing && VERBATIM.has(name) && !tag.text.endsWith('/>')) {
        const close = new RegExp(`</${name}[\\s/>]`, 'i').exec(text.slice(i));
        const end = close ? i + close.index : text.length;
        out += text.slice(i, end);
        i = end;
        before = { kind: 'text' };
      }
    } else {
      out += char;
      i += 1;
      before = { kind: 'text' };
    }
  }
  return splitQuasis(out, strings);
}

/**
 * Reads a start or end tag from `<` to its `>`: attribute values in quotes are
 * copied; whitespace becomes one space, none before `>`, and none before `/>`
 * unless an unquoted value or a placeholder precedes it (`a=b/>` would put the
 * slash in the value).
 */
function readTag(text, start) {
  let out = '<';
  let i = start + 1;
  /** 'name' | 'eq' | 'value' (unquoted or placeholder) | 'quoted' */
  let last = 'name';
  while (i < text.length) {
    const char = text[i];
    if (HTML_WS.test(char)) {
      while (i < text.length && HTML_WS.test(text[i])) i += 1;
      if (text[i] === '>') continue;
      if (text.startsWith('/>', i) && (last === 'name' || last === 'quoted')) continue;
      out += ' ';
      if (last !== 'eq') last = 'space';
    } else if (char === '>') {
      return { text: out + '>', end: i + 1 };
    } else if ((char === '"' || char === "'") && last === 'eq') {
      const close = text.indexOf(char, i + 1);
      const end = close === -1 ? text.length : close + 1;
      out += text.slice(i, end);
      i = end;
      last = 'quoted';
    } else if (char === '=') {
      out += char;
      i += 1;
      last = 'eq';
    } else if (char === PLACEHOLDER) {
      out += char;
      i += 1;
      last = 'value';
    } else {
      out += char;
      i += 1;
      if (last === 'eq' || last === 'value') last = 'value';
      else if (last !== 'quoted') last = 'name';
      else last = 'value';
    }
  }
  return { text: out, end: i };
}
