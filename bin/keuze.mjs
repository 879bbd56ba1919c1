#!/usr/bin/env node
// The `keuze` command line.
//   keuze scan <url> [--pages N] [--timeout S] [--json] [--config FILE] [--fail-on-preconsent]
//   keuze resolve <config.json> [--out FILE]
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';

const USAGE = `Usage:
  keuze scan <url> [options]    crawl a site and report what it stores and sends, before and after consent
      --pages N                 pages to visit (default 20)
      --timeout S               seconds a page may take to load (default 15)
      --json                    print the findings as JSON
      --config FILE             write a config draft (presets for known services, the rest "undeclared: describe me")
      --fail-on-preconsent      exit 1 when anything that needs consent was stored or sent before a decision
  keuze resolve <config.json> [--out FILE]
                                fill in every service that names a catalogue preset; prints the config

Exit codes: 0 done, 1 found something before consent (with --fail-on-preconsent) or the config is invalid, 2 could not run.`;

function fail(message) {
  console.error(`keuze: ${message}`);
  process.exit(2);
}

/** A progress bar on a terminal; nothing when the output is a file or a pipe. */
function progressBar() {
  if (!process.stderr.isTTY) return () => {};
  return ({ done, total, url }) => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
    const room = Math.max(0, (process.stderr.columns ?? 80) - bar.length - 2);
    process.stderr.write(`\r\x1b[K${bar} ${url.slice(0, room)}`);
    if (!url) process.stderr.write('\r\x1b[K');
  };
}

async function scanCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pages: { type: 'string', default: '20' },
      timeout: { type: 'string', default: '15' },
      json: { type: 'boolean', default: false },
      config: { type: 'string' },
      'fail-on-preconsent': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) fail(`scan needs one URL.\n\n${USAGE}`);
  const pages = Number(values.pages);
  const timeout = Number(values.timeout);
  if (!Number.isInteger(pages) || pages < 1)
    fail(`--pages expects a whole number of at least 1, got "${values.pages}"`);
  if (!(timeout > 0)) fail(`--timeout expects seconds above 0, got "${values.timeout}"`);
  const { scan, ScanError, parseStartUrl } = await import('./scan.mjs');
  const { analyze, formatTable, configDraft } = await import('./report.mjs');
  const { loadCatalogue } = await import('./match.mjs');
  let result;
  try {
    parseStartUrl(positionals[0]);
    result = await scan(positionals[0], {
      pages,
      timeout: timeout * 1000,
      onProgress: progressBar(),
    });
  } catch (error) {
    if (error instanceof ScanError) fail(error.message);
    throw error;
  }
  const report = analyze(result, loadCatalogue());
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatTable(report));
  if (values.config) {
    writeFileSync(values.config, `${JSON.stringify(configDraft(report), null, 2)}\n`);
    console.error(
      `keuze: wrote a config draft to ${values.config}; fill in every "describe me", then run keuze resolve.`,
    );
  }
  if (report.pages.every((page) => page.error)) {
    console.error(`keuze: no page could be loaded (${report.pages[0]?.error ?? 'no page'}).`);
    process.exit(2);
  }
  if (values['fail-on-preconsent'] && report.preconsent.length > 0) process.exit(1);
}

async function resolveCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  if (positionals.length !== 1) fail(`resolve needs one config file.\n\n${USAGE}`);
  let input;
  try {
    input = JSON.parse(readFileSync(positionals[0], 'utf8'));
  } catch (error) {
    fail(`${positionals[0]} could not be read as JSON: ${error.message}`);
  }
  const { resolvePresets, validateConfig, formatIssue } = await import('../dist/npm/core.js');
  const { loadCatalogue } = await import('./match.mjs');
  const catalogue = loadCatalogue();
  const { config, errors } = await resolvePresets(
    input,
    async (id) => (catalogue.ids.includes(id) ? catalogue.preset(id) : undefined),
    { known: () => catalogue.ids },
  );
  const checked = errors.length > 0 ? { errors, warnings: [] } : validateConfig(config);
  for (const warning of checked.warnings) console.error(`warning: ${formatIssue(warning)}`);
  if (checked.errors.length > 0) {
    for (const issue of checked.errors) console.error(`error: ${formatIssue(issue)}`);
    process.exit(1);
  }
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'scan') await scanCommand(rest);
  else if (command === 'resolve') await resolveCommand(rest);
  else if (!command || command === 'help' || command === '--help' || command === '-h')
    console.log(USAGE);
  else fail(`unknown command "${command}".\n\n${USAGE}`);
} catch (error) {
  if (
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  )
    fail(`${error.message}\n\n${USAGE}`);
  throw error;
}
