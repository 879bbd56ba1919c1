#!/usr/bin/env node
// What weighs what in the built files: per source module, its bytes of minified
// output (from the source maps beside the files, which the build writes), its
// share of the file's gzip bytes, and what the file's gzip size would lose without
// it ("saves": the most a move of that module out of the file can gain; shares
// of modules that compress well together add up to more than the file).
//
//   node bench/attribute.mjs                    # the files before the banner (keuze.min.js + the banner part)
//   node bench/attribute.mjs --journey centre   # another journey of scripts/size.mjs
//   node bench/attribute.mjs dist/keuze-engine.js [more files]
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { SourceMapConsumer } from 'source-map';
import { JOURNEYS } from '../scripts/size.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags, positionals } = parseArgs({
  options: { journey: { type: 'string' }, dist: { type: 'string' } },
  allowPositionals: true,
});
const dist = flags.dist ?? join(root, 'dist');

/** The files to attribute: those named, else the journey's (keuze.min.js and its parts' files). */
function filesToAttribute() {
  if (positionals.length && !flags.journey) return positionals;
  const journey = JOURNEYS[flags.journey ?? 'banner'];
  if (!journey) throw new Error(`--journey: one of ${Object.keys(JOURNEYS).join(', ')}`);
  const graph = JSON.parse(readFileSync(join(dist, 'keuze-graph.json'), 'utf8'));
  const files = ['keuze.min.js', ...journey.parts.flatMap((part) => graph[part])];
  return [...new Set(files)].map((file) => join(dist, file));
}

const gzip = (text) => gzipSync(text, { level: 9 }).length;

/** Each source module's characters of `code`, from the file's source map. */
async function charactersBySource(code, map) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const starts = [];
  await SourceMapConsumer.with(map, null, (consumer) => {
    consumer.eachMapping((m) =>
      starts.push([lineStarts[m.generatedLine - 1] + m.generatedColumn, m.source]),
    );
  });
  starts.sort((a, b) => a[0] - b[0]);
  const owner = new Array(code.length).fill(null);
  starts.forEach(([start, source], index) => {
    const end = starts[index + 1]?.[0] ?? code.length;
    for (let i = start; i < end; i++) owner[i] = source;
  });
  return owner;
}

const short = (source) =>
  (source ?? '(no source: glue)').replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');

let grand = 0;
for (const file of filesToAttribute()) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const owner = await charactersBySource(code, map);
  const total = gzip(code);
  grand += total;
  const sizes = new Map();
  for (const source of owner) sizes.set(source, (sizes.get(source) ?? 0) + 1);
  console.log(`\n${basename(file)}: ${code.length} B minified, ${total} B gzip -9`);
  console.log('  minified   gzip share   saves  module');
  const rows = [...sizes].map(([source, raw]) => {
    const without = [...code].filter((_, i) => owner[i] !== source).join('');
    return {
      source,
      raw,
      share: Math.round((total * raw) / code.length),
      saves: total - gzip(without),
    };
  });
  for (const { source, raw, share, saves } of rows.sort((a, b) => b.share - a.share))
    console.log(
      `  ${String(raw).padStart(8)} ${String(share).padStart(12)} ${String(saves).padStart(7)}  ${short(source)}`,
    );
}
console.log(`\n${grand} B gzip in all`);
