#!/usr/bin/env node
// Bytes per journey of the script-tag build: every JS and CSS file a visitor
// downloads on each journey (the CSS lives in the JS), gzip -9 as a CDN serves
// it. The files of each part come from the graph the build writes
// (dist/keuze-graph.json), so a change in the chunks is counted as it ships.
// Bytes only: timings are never pass/fail (see bench/).
//
// The budget (issue 14) holds the bytes before the banner, Lit included; each
// journey also has a ceiling, its size when the module graph came in plus a
// little room, which only ever goes down (test/build/budget.test.mjs).
//
//   node scripts/size.mjs            # table; exit 1 when over a budget or ceiling
//   node scripts/size.mjs --json     # the same numbers as JSON
//   node scripts/size.mjs --dist DIR # another build's files
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultDist = join(root, 'dist');

/** Each journey: what it is, and which parts of the graph it loads (keuze.min.js always). */
export const JOURNEYS = {
  banner: { label: 'first visit, until the banner shows', parts: ['banner'] },
  firstVisit: { label: 'first visit, banner answered, no centre', parts: ['banner', 'engine'] },
  returning: { label: 'returning visitor (gate and re-open button)', parts: ['banner', 'engine'] },
  centre: { label: 'cookie centre opened', parts: ['banner', 'engine', 'centre'] },
  notice: { label: 'privacy page with the notice', parts: ['banner', 'engine', 'notice'] },
};

// gzip bytes, all in one place. BUDGETS: what issue 14 asks. CEILINGS: the ratchet.
export const BUDGETS = { banner: 15_000 };
// Each journey's bytes as they last went down (docs/architecture.md, "Bytes", says what is
// in them). Lower one whenever a change saves bytes; raise one only with the reason in
// the commit.
export const CEILINGS = {
  banner: 19_916,
  firstVisit: 43_691,
  returning: 43_691,
  centre: 50_616,
  notice: 57_325,
};

/** gzip -9 size of a file in dist/. */
function gz(file, dist) {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

export function measure(dist = defaultDist) {
  const graphFile = join(dist, 'keuze-graph.json');
  if (!existsSync(join(dist, 'keuze.min.js')) || !existsSync(graphFile)) {
    throw new Error(`${dist} has no script-tag build: run \`npm run build\` first.`);
  }
  const graph = JSON.parse(readFileSync(graphFile, 'utf8'));
  const files = {};
  const journeys = {};
  for (const [name, { label, parts }] of Object.entries(JOURNEYS)) {
    const list = [...new Set(['keuze.min.js', ...parts.flatMap((part) => graph[part])])];
    for (const file of list) files[file] ??= gz(file, dist);
    journeys[name] = {
      label,
      files: list,
      gzip: list.reduce((total, file) => total + files[file], 0),
      budget: BUDGETS[name],
      ceiling: CEILINGS[name],
    };
  }
  return { files, journeys };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let result;
  try {
    const at = process.argv.indexOf('--dist');
    result = measure(at > 0 ? process.argv[at + 1] : undefined);
  } catch (error) {
    console.error(`size: ${error.message}`);
    process.exit(2);
  }
  const json = process.argv.includes('--json');
  const say = json ? console.error : console.log; // with --json, stdout is only the JSON
  if (json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log('file                                  gzip -9');
    for (const [file, bytes] of Object.entries(result.files))
      console.log(`  ${file.padEnd(34)}${String(bytes).padStart(8)} B`);
  }
  let over = false;
  for (const { label, gzip, budget, ceiling } of Object.values(result.journeys)) {
    const limit = Math.min(budget ?? Infinity, ceiling);
    over ||= gzip > ceiling || gzip > (budget ?? Infinity);
    const status = gzip <= limit ? 'ok  ' : 'OVER';
    say(
      `${status} ${label}: ${gzip} B` +
        `${budget ? `; budget ${budget} B` : ''}; ceiling ${ceiling} B`,
    );
  }
  process.exit(over ? 1 : 0);
}
