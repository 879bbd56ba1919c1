export { readConfig, parseDuration, ConfigError } from './config.mjs';
export { openStore } from './store.mjs';
export { buildApp } from './app.mjs';
export { startReceiver, purgeExpired } from './server.mjs';
export { RECORD_SCHEMA } from './schema.mjs';
