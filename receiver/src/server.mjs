// Starts a receiver: opens the store, serves HTTP, purges on a schedule.
import { buildApp } from './app.mjs';
import { openStore } from './store.mjs';
import { before } from './config.mjs';

/** Deletes records whose consent stopped holding longer ago than the retention period. */
export async function purgeExpired(store, config, now = new Date()) {
  return store.purge(before(now, config.retention));
}

/** @param {ReturnType<import('./config.mjs').readConfig>} config */
export async function startReceiver(config, { logger = true, logStream } = {}) {
  const store = await openStore(config);
  const app = buildApp({ store, config, logger, logStream });
  const purge = async () => {
    try {
      const removed = await purgeExpired(store, config);
      if (removed > 0) app.log.info({ removed, retention: config.retentionText }, 'purged records');
    } catch (error) {
      app.log.error({ err: error }, 'purge failed; trying again at the next interval');
    }
  };
  const timer = setInterval(purge, config.purgeEveryMs);
  timer.unref();
  void purge();
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    clearInterval(timer);
    await store.close();
    throw error;
  }
  const { port } = app.server.address();
  return {
    app,
    store,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    async close() {
      clearInterval(timer);
      await app.close();
      await store.close();
    },
  };
}
