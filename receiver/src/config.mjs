// The receiver's settings, from environment variables only (one place, one
// reader). A wrong value stops the start with a message naming the variable:
// a receiver that silently ignored its CORS origins or token would fail open.

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** An ISO 8601 duration (P5Y, P6M, P30D, PT12H) as its parts; null when malformed. */
export function parseDuration(text) {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes] = match.slice(1).map((n) => Number(n ?? 0));
  return { years, months, days: days + weeks * 7, hours, minutes };
}

/** `date` moved back by a duration, in UTC calendar terms (P1Y from 29 Feb lands on 1 Mar). */
export function before(date, duration) {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - duration.years, d.getUTCMonth() - duration.months);
  d.setUTCDate(d.getUTCDate() - duration.days);
  d.setUTCHours(d.getUTCHours() - duration.hours, d.getUTCMinutes() - duration.minutes);
  return d;
}

function durationMs(duration) {
  return ((duration.days * 24 + duration.hours) * 60 + duration.minutes) * 60_000;
}

class ConfigError extends Error {}

function fail(name, message) {
  throw new ConfigError(`${name}: ${message}`);
}

function integer(env, name, fallback, min, max) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function origin(name, text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    fail(name, `"${text}" is not an origin such as https://www.example.nl`);
  }
  if (url.origin !== text.replace(/\/$/, '') || !/^https?:$/.test(url.protocol))
    fail(name, `"${text}" is not an origin (scheme://host[:port], no path)`);
  return url.origin;
}

/**
 * Reads the settings. Every variable is documented in docs/receiver.md.
 * @param {Record<string, string | undefined>} env
 */
export function readConfig(env = process.env) {
  const databaseUrl = env.KEUZE_DATABASE_URL || '';
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    fail('KEUZE_DATABASE_URL', 'expected a postgres:// or postgresql:// URL');

  const readToken = env.KEUZE_READ_TOKEN || '';
  if (readToken && readToken.length < 24)
    fail('KEUZE_READ_TOKEN', 'use at least 24 random characters (e.g. `openssl rand -hex 24`)');

  const retentionText = env.KEUZE_RETENTION || 'P5Y';
  const retention = parseDuration(retentionText);
  if (!retention)
    fail('KEUZE_RETENTION', `expected an ISO 8601 duration such as P5Y, got "${retentionText}"`);

  const purgeText = env.KEUZE_PURGE_EVERY || 'PT24H';
  const purgeEvery = parseDuration(purgeText);
  if (!purgeEvery || purgeEvery.years || purgeEvery.months || durationMs(purgeEvery) < 60_000)
    fail(
      'KEUZE_PURGE_EVERY',
      `expected a duration in days, hours or minutes (≥ PT1M), got "${purgeText}"`,
    );

  const cookie = env.KEUZE_DECISION_COOKIE || '';
  if (!['', '0', '1'].includes(cookie)) fail('KEUZE_DECISION_COOKIE', 'expected 1 or 0');

  return {
    host: env.KEUZE_HOST || '127.0.0.1',
    port: integer(env, 'KEUZE_PORT', 8787, 0, 65535),
    databaseUrl,
    dataDir: env.KEUZE_DATA_DIR || './keuze-data',
    origins: (env.KEUZE_ORIGINS || '')
      .split(',')
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => origin('KEUZE_ORIGINS', text)),
    readToken,
    retention,
    retentionText,
    purgeEveryMs: durationMs(purgeEvery),
    bodyLimit: integer(env, 'KEUZE_BODY_LIMIT', 64 * 1024, 1024, 1024 * 1024),
    decisionCookie: cookie === '1',
    logLevel: env.KEUZE_LOG_LEVEL || 'info',
  };
}

export { ConfigError };
