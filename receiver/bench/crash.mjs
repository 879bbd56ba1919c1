#!/usr/bin/env node
// Crash: records stream in at concurrency C; partway the receiver is killed with
// SIGKILL and started again on the same data. A sender keeps what was not
// acknowledged and sends it again (as the widget's outbox does). Afterwards every
// record acknowledged before the kill is there, and every record is there once.
//   node receiver/bench/crash.mjs --db pglite|postgres [--records 10000] [--concurrency 50]
import { makeRecord, option, send, setUp, storedIds } from './common.mjs';

const kind = option('db', 'pglite');
const total = Number(option('records', 10_000));
const concurrency = Number(option('concurrency', 50));

const bench = await setUp(kind);
const records = Array.from({ length: total }, (_, i) => makeRecord(i));
const waiting = [...records].reverse();
const ackedBeforeKill = new Set();
let acks = 0;
let failures = 0;
let killed = false;
let restartMs = 0;
let down = null;

const killAt = Math.floor(total / 3);

async function worker() {
  for (;;) {
    const record = waiting.pop();
    if (!record) {
      if (down) {
        await down;
        continue;
      }
      return;
    }
    const status = await send(bench.url, record);
    if (status >= 200 && status < 300) {
      acks += 1;
      if (!killed) ackedBeforeKill.add(record.id);
      if (!killed && acks >= killAt) {
        killed = true;
        down = (async () => {
          await bench.kill('SIGKILL');
          restartMs = await bench.restart();
          down = null;
        })();
      }
    } else {
      // Not acknowledged: back into the outbox, tried again once the receiver answers.
      failures += 1;
      waiting.unshift(record);
      if (down) await down;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;

const counts = await storedIds(bench.url);
const missingAcked = [...ackedBeforeKill].filter((id) => !counts.has(id)).length;
const lost = records.filter((record) => !counts.has(record.id)).length;
const duplicated = [...counts.values()].filter((n) => n > 1).length;
await bench.tearDown();

console.log(
  JSON.stringify(
    {
      database: kind,
      records: total,
      killedAfterAcks: killAt,
      ackedBeforeKill: ackedBeforeKill.size,
      ackedBeforeKillMissing: missingAcked,
      failedAttemptsResent: failures,
      restartMs,
      stored: counts.size,
      lost,
      duplicated,
      seconds: Number(seconds.toFixed(1)),
    },
    null,
    2,
  ),
);
process.exit(missingAcked === 0 && lost === 0 && duplicated === 0 ? 0 : 1);
