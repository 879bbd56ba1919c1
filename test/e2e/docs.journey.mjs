// Every code block in README.md and docs/*.md does what the text around it says.
// - json: parses; a full config (revision + purposes) passes the real validator and the
//   JSON Schema; a part of one (top-level keys, or a purpose) passes them inside a
//   minimal config.
// - html that loads keuze.min.js: served from a folder built by following the
//   hosting instructions literally, opened in Chromium: the banner shows, and a
//   `data-keuze-open` link opens the cookie centre. Other html with Keuze markup
//   is placed on that page and must not load gated content before consent.
// - ts: type-checked under strict TypeScript against the built package;
//   js/jsx/vue: bundled with esbuild against the built package (imports and
//   named exports must exist); js for the script tag runs on the page.
// - css: every rule parses in Chromium and names only parts the elements have.
// - sh: every `npm run X` names a script in package.json; every `node FILE` exists.
// A block may opt out with an info string such as ```json fragment.
//
// Run: npm run build && node --test test/e2e/docs.journey.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { contentType } from '../../scripts/content-types.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { validateConfig, resolvePresets } = await import(join(root, 'dist/npm/core.js'));
const schemaAccepts = new Ajv({ strict: false }).compile(
  JSON.parse(readFileSync(join(root, 'dist/keuze.schema.json'), 'utf8')),
);

const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The fenced blocks of a Markdown file, indented ones included. */
function blocksOf(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang, info] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    blocks.push({
      file,
      line: i + 1,
      lang,
      fragment: /\bfragment\b/.test(info),
      text: body.join('\n'),
      name: `${file}:${i + 1} (${lang || 'no language'})`,
    });
    i = j;
  }
  return blocks;
}

const blocks = DOCS.flatMap(blocksOf);
const checked = blocks.filter((block) => !block.fragment);
const of = (...langs) => checked.filter((block) => langs.includes(block.lang));

const MINIMAL = {
  revision: '2026-11-01',
  purposes: [{ id: 'necessary', basis: 'necessary', justification: 'Stores your cookie choice.' }],
};
const TOP_LEVEL = new Set([
  ...Object.keys(MINIMAL),
  'controller',
  'notice',
  'expiry',
  'layout',
  'theme',
  'locale',
  'locales',
  'texts',
  'reopen',
  'googleConsentMode',
  'log',
  'reloadOnWithdraw',
  'gpc',
  'debug',
  'api',
]);

/** A catalogue preset, read the way `npx keuze resolve` reads it: from the package. */
async function packagedPreset(id) {
  const file = join(root, 'catalogue/services', `${id}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** What a JSON block is, and the config it stands for (or undefined: not a config). */
function asConfig(value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('revision' in value && Array.isArray(value.purposes)) return value;
    if ('id' in value && 'basis' in value)
      return { ...MINIMAL, purposes: [...MINIMAL.purposes, value] };
    if (Object.keys(value).every((key) => TOP_LEVEL.has(key))) return { ...MINIMAL, ...value };
  }
  return undefined;
}

describe('the docs: json blocks', () => {
  it('has json blocks to check', () => assert.ok(of('json').length >= 8));
  for (const block of of('json')) {
    it(`${block.name} parses, and a config in it passes the validator and the schema`, async () => {
      const value = JSON.parse(block.text);
      const authored = asConfig(value);
      if (!authored) return;
      // A config that names presets is what a site owner writes; it is served resolved.
      const resolved = await resolvePresets(authored, packagedPreset);
      assert.deepEqual(
        resolved.errors.map((issue) => `${issue.path}: ${issue.message}`),
        [],
        'preset errors',
      );
      const config = resolved.config;
      const result = validateConfig(config);
      assert.deepEqual(
        result.errors.map((issue) => `${issue.path}: ${issue.message}`),
        [],
        'validator errors',
      );
      assert.equal(result.ok, true);
      assert.equal(schemaAccepts(config), true, JSON.stringify(schemaAccepts.errors));
    });
  }
});

describe('the docs: sh blocks', () => {
  for (const block of of('sh')) {
    it(`${block.name} names only npm scripts and files that exist`, () => {
      const commands = block.text
        .split('\n')
        .map((line) => line.replace(/#.*$/, '').trim())
        .filter(Boolean)
        .flatMap((line) => line.split(/&&|;/).map((part) => part.trim()))
        .map((command) => command.replace(/^(\w+=\S+\s+)+/, ''));
      for (const command of commands) {
        const run = /^npm run (\S+)/.exec(command);
        if (run) assert.ok(pkg.scripts[run[1]], `npm run ${run[1]}: no such script`);
        const lifecycle = /^npm (start|test)\b/.exec(command);
        if (lifecycle) assert.ok(pkg.scripts[lifecycle[1]], `npm ${lifecycle[1]}: no script`);
        const node = /^node (?:--test )?(?:--\S+ )*([\w./-]+\.m?js)/.exec(command);
        if (node) assert.ok(existsSync(join(root, node[1])), `node ${node[1]}: no such file`);
      }
    });
  }
});

// A temporary site, built by following docs/getting-started.md literally.
const work = mkdtempSync(join(tmpdir(), 'keuze-docs-'));
const site = join(work, 'public');
let server;
let base;
let browser;

/** The `sh` block of the hosting section, run as written from a folder holding the build. */
function followHostingInstructions() {
  const guide = blocksOf('docs/getting-started.md');
  const copy = guide.find((block) => block.lang === 'sh' && /\bcp\b/.test(block.text));
  assert.ok(copy, 'docs/getting-started.md has no copy instructions');
  symlinkSync(join(root, 'dist'), join(work, 'dist'));
  execFileSync('sh', ['-e', '-c', copy.text], { cwd: work });
}

/** Pages: `/__block/N` is html block N inside a page; everything else is the site folder. */
const pages = new Map();
function serve(request, response) {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204);
    response.end();
    return;
  }
  const page = pages.get(url.pathname);
  if (page) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers });
    response.end(page.html);
    return;
  }
  const file = normalize(join(site, decodeURIComponent(url.pathname)));
  if (file.startsWith(site) && existsSync(file) && statSync(file).isFile()) {
    response.writeHead(200, { 'Content-Type': contentType(file) });
    response.end(readFileSync(file));
    return;
  }
  response.writeHead(404);
  response.end();
}

const README_EMBED = blocksOf('README.md').find(
  (block) => block.lang === 'html' && block.text.includes('keuze.min.js'),
);

function page(body, lang = 'en') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>docs</title></head><body>${body}</body></html>`;
}

async function open(path) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const requests = [];
  tab.on('request', (request) => requests.push(request.url()));
  await tab.goto(base + path);
  return { context, tab, errors, requests };
}

const bannerButton = (tab, action) =>
  tab.locator(`keuze-banner [data-keuze-action="${action}"]`).first();

describe('the docs in Chromium', () => {
  before(async () => {
    followHostingInstructions();
    writeFileSync(
      join(site, 'keuze.json'),
      JSON.stringify({
        ...MINIMAL,
        purposes: [...MINIMAL.purposes, { id: 'analytics', basis: 'consent' }],
      }),
    );
    server = createServer(serve);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the hosting instructions copy the script-tag files and nothing for bundlers', () => {
    const copied = readdirSync(join(site, 'keuze'));
    assert.ok(copied.includes('keuze.min.js'));
    assert.ok(copied.includes('locales'));
    assert.ok(
      copied.some((name) => /^keuze-.+\.js$/.test(name)),
      'no lazy parts copied',
    );
    assert.ok(!copied.includes('npm') && !copied.includes('types'), 'copied the npm build');
    assert.ok(!copied.some((name) => name.endsWith('.map')), 'copied source maps');
  });

  it('the hosted folder, under the CSP docs/security.md asks for, shows the banner, opens the centre from the settings link and speaks Dutch on a Dutch page', async () => {
    const csp = blocksOf('docs/security.md').find((block) => block.lang === 'http');
    assert.ok(csp, 'docs/security.md has no CSP block');
    const policy = csp.text
      .replace(/^Content-Security-Policy:\s*/, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/'nonce-\{[^}]*\}'/, "'nonce-docs'")
      .trim();
    const embed = blocksOf('docs/getting-started.md').find(
      (block) => block.lang === 'html' && block.text.includes('keuze.min.js'),
    );
    for (const lang of ['en', 'nl']) {
      pages.set(`/hosted-${lang}`, {
        html: page(embed.text, lang),
        headers: { 'Content-Security-Policy': policy },
      });
    }
    const english = await open('/hosted-en');
    const violations = [];
    await english.tab.exposeFunction('reportViolation', (text) => violations.push(text));
    await english.tab.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        globalThis.reportViolation(event.violatedDirective),
      ),
    );
    await bannerButton(english.tab, 'accept-all').waitFor();
    await english.tab.locator('a[data-keuze-open]').click();
    await english.tab.locator('keuze-centre dialog[open]').waitFor();
    assert.equal(english.tab.url(), `${base}/hosted-en`, 'the settings link navigated away');
    assert.deepEqual(english.errors, []);
    assert.deepEqual(violations, []);
    await english.context.close();

    const dutch = await open('/hosted-nl');
    await bannerButton(dutch.tab, 'accept-all').waitFor();
    assert.match(await bannerButton(dutch.tab, 'accept-all').innerText(), /accepteren/i);
    assert.ok(dutch.requests.some((url) => url.endsWith('/keuze/locales/nl.json')));
    await dutch.context.close();
  });

  const embeds = of('html').filter((block) => block.text.includes('keuze.min.js'));
  it('has html blocks that embed Keuze', () => assert.ok(embeds.length >= 5));
  for (const [index, block] of embeds.entries()) {
    it(`${block.name} shows the banner`, async () => {
      pages.set(`/__embed/${index}`, { html: page(block.text) });
      const { context, tab, errors } = await open(`/__embed/${index}`);
      await bannerButton(tab, 'accept-all').waitFor({ timeout: 8000 });
      if ((await tab.locator('[data-keuze-open]').count()) > 0) {
        await tab.locator('[data-keuze-open]').first().click();
        await tab.locator('keuze-centre dialog[open]').waitFor();
      }
      // Scripts in the block that call Google's servers fail offline; Keuze's own must not.
      assert.deepEqual(
        errors.filter((error) => !/googletagmanager|ERR_|Failed to load resource/.test(error)),
        [],
      );
      await context.close();
    });
  }

  const markup = of('html').filter(
    (block) => !block.text.includes('keuze.min.js') && /data-consent|<keuze-/.test(block.text),
  );
  for (const [index, block] of markup.entries()) {
    it(`${block.name} holds its gated content until consent, on a page with Keuze`, async () => {
      pages.set(`/__markup/${index}`, { html: page(README_EMBED.text + block.text) });
      const { context, tab, errors } = await open(`/__markup/${index}`);
      await bannerButton(tab, 'accept-all').waitFor({ timeout: 8000 });
      const early = await tab.evaluate(() =>
        [...document.querySelectorAll('iframe[data-consent], img[data-consent]')]
          .filter((element) => element.getAttribute('src'))
          .map((element) => element.outerHTML),
      );
      assert.deepEqual(early, [], 'gated embeds loaded before consent');
      const ran = await tab.evaluate(
        () =>
          [...document.querySelectorAll('script[data-consent]')].filter(
            (script) => script.type !== 'text/plain',
          ).length,
      );
      assert.equal(ran, 0, 'a gated script ran before consent');
      if (block.text.includes('<keuze-notice')) {
        await tab.locator('keuze-notice h2, keuze-notice h3').first().waitFor();
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  for (const block of of('css')) {
    it(`${block.name} parses and styles only parts the elements expose`, async () => {
      pages.set('/__css', { html: page(README_EMBED.text) });
      const { context, tab } = await open('/__css');
      await bannerButton(tab, 'accept-all').waitFor();
      await tab.evaluate(() => window.keuze.open());
      await tab.locator('keuze-centre dialog[open]').waitFor();
      const problems = await tab.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        const found = [];
        const written = css.match(/\{/g)?.length ?? 0;
        if (sheet.cssRules.length !== written)
          found.push(`${written - sheet.cssRules.length} rules dropped`);
        for (const rule of sheet.cssRules) {
          const part = /^([a-z-]+)::part\(([a-z-]+)\)$/.exec(rule.selectorText ?? '');
          if (!part) continue;
          const host = document.querySelector(part[1]);
          if (!host?.shadowRoot?.querySelector(`[part~="${part[2]}"]`))
            found.push(`${part[1]} has no part "${part[2]}"`);
        }
        return found;
      }, block.text);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  const scriptTagJs = of('js').filter(
    (block) =>
      /\bkeuze\./.test(block.text) && !/^\s*import\b|\brequire\(|\bapp\./m.test(block.text),
  );
  for (const [index, block] of scriptTagJs.entries()) {
    it(`${block.name} runs on a page with the script tag`, async () => {
      pages.set(`/__js/${index}`, { html: page(README_EMBED.text) });
      const { context, tab, errors } = await open(`/__js/${index}`);
      await bannerButton(tab, 'accept-all').waitFor();
      await tab.addScriptTag({ content: block.text });
      await tab.evaluate(() => window.keuze.ready);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('the docs: code for bundlers', () => {
  // An app folder per doc file, the package installed as a symlink, as `npm link` would.
  const apps = mkdtempSync(join(tmpdir(), 'keuze-docs-apps-'));
  after(() => rmSync(apps, { recursive: true, force: true }));

  function appFor(block) {
    const dir = join(apps, block.file.replace(/\W/g, '_'));
    if (!existsSync(dir)) {
      mkdirSync(join(dir, 'node_modules'), { recursive: true });
      symlinkSync(root, join(dir, 'node_modules/keuze'));
      writeFileSync(join(dir, 'keuze.json'), JSON.stringify(MINIMAL));
      // Blocks that name their file in a first-line comment import each other by that name.
      for (const other of checked.filter((b) => b.file === block.file)) {
        const named = /^\s*(?:\/\/|<!--)\s*([\w.-]+\.(?:m?js|jsx|ts|tsx|vue))/.exec(other.text);
        if (named) writeFileSync(join(dir, named[1]), other.text);
      }
    }
    return dir;
  }

  const external = ['react', 'react/*', 'vue', '@vitejs/*', 'express'];
  for (const block of of('js', 'jsx', 'ts', 'tsx', 'vue')) {
    it(`${block.name} bundles against the built package`, async () => {
      const dir = appFor(block);
      const source =
        block.lang === 'vue'
          ? (/<script[^>]*>([\s\S]*?)<\/script>/.exec(block.text)?.[1] ?? '')
          : block.text;
      const loader = block.lang === 'vue' ? 'js' : block.lang;
      await build({
        stdin: { contents: source, loader, resolveDir: dir, sourcefile: block.name },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        jsx: 'automatic',
        external,
        logLevel: 'silent',
      });
    });
  }

  /** An app folder with the package and the frameworks' typings, for tsc. */
  function typecheckApp(name, sources) {
    const dir = join(apps, name);
    mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules/keuze'));
    symlinkSync(join(root, 'node_modules/@types/react'), join(dir, 'node_modules/@types/react'));
    symlinkSync(join(root, 'node_modules/vue'), join(dir, 'node_modules/vue'));
    writeFileSync(join(dir, 'keuze.json'), JSON.stringify(MINIMAL));
    for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          resolveJsonModule: true,
          skipLibCheck: false, // the package's own .d.ts files are checked too
          jsx: 'react-jsx',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: [],
        },
        files: Object.keys(sources),
      }),
    );
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript-native/bin/tsc'), '-p', dir],
        { encoding: 'utf8' },
      );
      return '';
    } catch (error) {
      return error.stdout || String(error);
    }
  }

  it('ts blocks type-check under strict TypeScript', () => {
    const ts = of('ts', 'tsx');
    assert.ok(ts.length >= 3, 'no ts blocks found');
    const sources = Object.fromEntries(
      ts.map((block, index) => [`block${index}.${block.lang}`, `${block.text}\nexport {};\n`]),
    );
    const errors = typecheckApp('typecheck', sources);
    const names = ts.map((block, index) => `block${index}.${block.lang} = ${block.name}`);
    assert.equal(errors, '', names.join('\n'));
  });

  it('the React and Vue typings refuse a misspelt attribute value and a misspelt element', () => {
    const errors = typecheckApp('typos', {
      'typo.tsx': `import type {} from 'keuze/react';
export const a = <keuze-banner layout="boxx"></keuze-banner>;
export const b = <keuze-baner></keuze-baner>;
export const c = <keuze-notice heading-level={2} id-prefix="x"></keuze-notice>;
`,
      'typo-vue.ts': `import type {} from 'keuze/vue';
import type { GlobalComponents } from 'vue';
export const known: keyof GlobalComponents = 'keuze-centre';
export const typo: keyof GlobalComponents = 'keuze-centr';
`,
    });
    const lines = errors.split('\n').filter(Boolean);
    assert.equal(lines.filter((line) => /typo\.tsx\(2,.*boxx/.test(line)).length, 1, errors);
    assert.ok(
      lines.some((line) => /typo\.tsx\(3,.*keuze-baner/.test(line)),
      errors,
    );
    assert.ok(
      lines.some((line) => /typo-vue\.ts\(4,/.test(line)),
      errors,
    );
    assert.ok(!lines.some((line) => /typo\.tsx\(4,|typo-vue\.ts\(3,/.test(line)), errors);
  });
});

describe('the docs: no block left unchecked', () => {
  it('every block has a language this test checks, or says it is a fragment', () => {
    const known = ['json', 'sh', 'html', 'css', 'js', 'jsx', 'ts', 'tsx', 'vue', 'http'];
    const unknown = blocks.filter((block) => !block.fragment && !known.includes(block.lang));
    assert.deepEqual(
      unknown.map((block) => block.name),
      [],
    );
  });

  it('opts out rarely', () => {
    const fragments = blocks.filter((block) => block.fragment);
    assert.ok(
      fragments.length <= 3,
      `${fragments.length} fragments: ${fragments.map((b) => b.name)}`,
    );
  });
});
