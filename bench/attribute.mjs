#!/usr/bin/env node
// What weighs what in a built file: bytes of minified output per source module,
// from the source map. `node bench/attribute.mjs dist/keuze.min.js`
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map';

const file = process.argv[2] ?? 'dist/keuze.min.js';
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const lines = code.split('\n');
const bytes = new Map();
await SourceMapConsumer.with(map, null, (consumer) => {
  let previous = null;
  consumer.eachMapping((m) => {
    if (previous) {
      const same = previous.generatedLine === m.generatedLine;
      const length = same
        ? m.generatedColumn - previous.generatedColumn
        : lines[previous.generatedLine - 1].length - previous.generatedColumn;
      const key = previous.source ?? '(none)';
      bytes.set(key, (bytes.get(key) ?? 0) + length);
    }
    previous = m;
  });
});
const total = code.length;
const rows = [...bytes].sort((a, b) => b[1] - a[1]);
for (const [source, n] of rows.slice(0, Number(process.argv[3] ?? 40))) {
  console.log(
    `${(n / 1000).toFixed(1).padStart(7)} kB ${((100 * n) / total).toFixed(1).padStart(5)}%  ${source.replace(/^(\.\.\/)+/, '')}`,
  );
}
console.log(`${(total / 1000).toFixed(1).padStart(7)} kB total`);
