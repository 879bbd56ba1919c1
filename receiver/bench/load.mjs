#!/usr/bin/env node
// Load: N unique records at concurrency C, plus 10 % retries of records already
// acknowledged (as the widget's outbox would after a lost answer). Then every
// record is read back: none may be lost, none stored twice.
//   node receiver/bench/load.mjs --db pglite|postgres [--records 50000] [--concurrency 50]
import { makeRecord, option, percentile, send, setUp, storedIds } from './common.mjs';

const kind = option('db', 'pglite');
const total = Number(option('records', 50_000));
const concurrency = Number(option('concurrency', 50));
const retryShare = Number(option('retries', 0.1));

const bench = await setUp(kind);
const records = Array.from({ length: total }, (_, i) => makeRecord(i));
const acked = [];
const latencies = [];
const statuses = new Map();
let next = 0;
let retriesLeft = Math.round(total * retryShare);

/** The next request: mostly a new record, now and then a retry of one already acknowledged. */
function pick() {
  const retry =
    acked.length > 0 && retriesLeft > 0 && Math.random() < retryShare / (1 + retryShare);
  if (retry || (next >= total && retriesLeft > 0 && acked.length > 0)) {
    retriesLeft -= 1;
    return { record: acked[Math.floor(Math.random() * acked.length)], retry: true };
  }
  if (next < total) return { record: records[next++], retry: false };
  return null;
}

const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let job = pick(); job; job = pick()) {
      const t = performance.now();
      const status = await send(bench.url, job.record);
      latencies.push(performance.now() - t);
      const key = `${job.retry ? 'retry' : 'new'} ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (status >= 200 && status < 300 && !job.retry) acked.push(job.record);
      if (status < 200 || status >= 300) throw new Error(`unexpected answer ${status}`);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;

const counts = await storedIds(bench.url);
const lost = records.filter((record) => !counts.has(record.id)).length;
const duplicated = [...counts.values()].filter((n) => n > 1).length;
const sorted = Float64Array.from(latencies).sort();
await bench.tearDown();

const result = {
  database: kind,
  records: total,
  requests: latencies.length,
  concurrency,
  answers: Object.fromEntries(statuses),
  stored: counts.size,
  lost,
  duplicated,
  seconds: Number(seconds.toFixed(1)),
  requestsPerSecond: Math.round(latencies.length / seconds),
  recordsPerSecond: Math.round(total / seconds),
  latencyMs: {
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p99: Number(percentile(sorted, 99).toFixed(1)),
    max: Number(sorted[sorted.length - 1].toFixed(1)),
  },
};
console.log(JSON.stringify(result, null, 2));
process.exit(lost === 0 && duplicated === 0 && counts.size === total ? 0 : 1);
