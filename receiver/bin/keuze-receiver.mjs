#!/usr/bin/env node
// keuze-receiver            serve (settings from KEUZE_* environment variables)
// keuze-receiver purge      delete records past the retention period, once, and exit
// keuze-receiver migrate    bring the database schema up to date and exit
import { readConfig, ConfigError } from '../src/config.mjs';
import { openStore } from '../src/store.mjs';
import { purgeExpired, startReceiver } from '../src/server.mjs';

const command = process.argv[2] ?? 'serve';

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`keuze-receiver: ${error.message}`);
  process.exit(2);
}

if (command === 'serve') {
  const receiver = await startReceiver(config);
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  receiver.app.log.info(`keuze-receiver on ${receiver.url}, storing in ${where}`);
  const stop = async () => {
    await receiver.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else if (command === 'purge' || command === 'migrate') {
  const store = await openStore(config);
  if (command === 'purge') {
    const removed = await purgeExpired(store, config);
    console.log(
      `purged ${removed} record(s) whose consent ended more than ${config.retentionText} ago`,
    );
  } else {
    console.log(`schema up to date (${store.kind})`);
  }
  await store.close();
} else {
  console.error(`keuze-receiver: unknown command "${command}" (serve, purge or migrate)`);
  process.exit(2);
}
