// The HTTP side: Fastify with a strict JSON schema, a body limit and CORS for
// the site's own origins only. It never looks at, logs or stores the visitor's
// IP address or user agent: the record is all that is kept.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import cors from '@fastify/cors';
import { RECORD_SCHEMA, CSV_FIELDS } from './schema.mjs';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Browsers drop cookies above ~4 KB; a larger record is simply not put in one. */
const MAX_COOKIE_VALUE = 3800;

class BadBody extends Error {
  constructor(message) {
    super(message);
    this.statusCode = 400;
  }
}

/** Rejects strings PostgreSQL cannot hold as sent (NUL) or that are not real text (lone surrogates). */
function checkStrings(value, depth = 0) {
  if (depth > 8) return; // the schema refuses anything this deep anyway
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed())
      throw new BadBody('body: a string holds a NUL character or a lone surrogate');
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      checkStrings(key, depth + 1);
      checkStrings(inner, depth + 1);
    }
  }
}

/** `/purposes/analytics` + params → `purposes.analytics`, the field a site owner looks for. */
function fieldOf(issue) {
  const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean);
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (extra) path.push(extra);
  const name = issue.propertyName ?? issue.params?.propertyName;
  if (name) path.push(name);
  return path.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || '(body)';
}

function csvCell(value) {
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value ?? '');
  // A cell a spreadsheet would run as a formula is written as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A date or date-time from the query string; a bare date is midnight UTC. */
function instant(text, field) {
  const valid =
    typeof text === 'string' &&
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
  const date = valid ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadBody(`${field}: expected a date such as 2026-12-01 or 2026-12-01T00:00:00Z`);
  return date;
}

function decisionCookie(record, now) {
  const seconds = Math.floor((Date.parse(record.expiresAt) - now.getTime()) / 1000);
  if (!(seconds > 0)) return null;
  const value = Buffer.from(JSON.stringify(record)).toString('base64url');
  if (value.length > MAX_COOKIE_VALUE) return null;
  return `keuze_decision=${value}; Max-Age=${seconds}; Path=/; SameSite=Lax; Secure`;
}

/**
 * @param {{ store: object, config: ReturnType<import('./config.mjs').readConfig>, logger?: boolean, logStream?: import('node:stream').Writable, now?: () => Date }} options
 */
export function buildApp({ store, config, logger = true, logStream, now = () => new Date() }) {
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    // No request ids from headers, no IP addresses or user agents in the log.
    requestIdHeader: false,
    logger: logger && {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    ajv: {
      customOptions: {
        // Strict: no type coercion, no silently dropped or defaulted fields.
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        allErrors: false,
      },
    },
  });

  app.register(cors, {
    origin: (origin, done) => done(null, Boolean(origin) && config.origins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    maxAge: 600,
  });

  // JSON, and text/plain (the widget's sendBeacon fallback sends JSON as text/plain). Nothing else.
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'buffer' },
    (request, buffer, done) => {
      let text;
      try {
        text = strictUtf8.decode(buffer);
      } catch {
        return done(new BadBody('body: not valid UTF-8'));
      }
      parseJson(request, text, (error, value) => {
        if (error) return done(new BadBody(`body: not valid JSON (${error.message})`));
        try {
          checkStrings(value);
        } catch (bad) {
          return done(bad);
        }
        done(null, value);
      });
    },
  );

  app.setErrorHandler((error, request, reply) => {
    if (error.validation) {
      const issue = error.validation[0];
      const field = fieldOf(issue);
      return reply
        .code(400)
        .send({ error: 'invalid record', field, message: `${field}: ${issue.message}` });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(status === 503 ? 503 : 500)
        .send({ error: 'the record could not be stored; retry later' });
    }
    return reply.code(status).send({ error: error.message });
  });

  const tokenDigest = config.readToken
    ? createHash('sha256').update(config.readToken).digest()
    : null;
  /** Reading is for the site owner: a bearer token, compared in constant time. */
  const owner = async (request, reply) => {
    if (!tokenDigest)
      return reply.code(403).send({ error: 'reading is off: set KEUZE_READ_TOKEN' });
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const given = createHash('sha256')
      .update(match?.[1] ?? '')
      .digest();
    if (!match || !timingSafeEqual(given, tokenDigest)) {
      reply.header('WWW-Authenticate', 'Bearer');
      return reply.code(401).send({ error: 'a valid bearer token is required' });
    }
  };

  app.post('/records', { schema: { body: RECORD_SCHEMA } }, async (request, reply) => {
    const record = request.body;
    const fresh = await store.insert(record, now());
    if (config.decisionCookie) {
      const cookie = decisionCookie(record, now());
      if (cookie) reply.header('Set-Cookie', cookie);
    }
    // Both answers acknowledge: the widget stops sending either way.
    return reply.code(fresh ? 201 : 200).send({ id: record.id, stored: fresh ? 'new' : 'already' });
  });

  const idParam = {
    type: 'object',
    properties: { id: RECORD_SCHEMA.properties.id },
    required: ['id'],
  };

  app.get(
    '/records/:id',
    { onRequest: owner, schema: { params: idParam } },
    async (request, reply) => {
      const record = await store.get(request.params.id);
      if (!record) return reply.code(404).send({ error: `no record with id ${request.params.id}` });
      return record;
    },
  );

  app.get(
    '/consents/:id/records',
    { onRequest: owner, schema: { params: idParam } },
    async (request) => ({
      consentId: request.params.id,
      records: await store.history(request.params.id),
    }),
  );

  /** Export as JSON Lines or CSV, streamed from the database: memory stays flat however large. */
  app.get('/export.:format', { onRequest: owner }, async (request, reply) => {
    const { format } = request.params;
    if (format !== 'jsonl' && format !== 'csv')
      return reply.code(404).send({ error: 'export as export.jsonl or export.csv' });
    const from = instant(request.query.from, 'from');
    const to = instant(request.query.to, 'to');
    if (!(from < to)) throw new BadBody('to: must be later than from');
    const rows = store.export(from, to);
    async function* lines() {
      if (format === 'csv') yield `${CSV_FIELDS.join(',')}\r\n`;
      for await (const record of rows) {
        yield format === 'csv'
          ? `${CSV_FIELDS.map((field) => csvCell(record[field])).join(',')}\r\n`
          : `${JSON.stringify(record)}\n`;
      }
    }
    const name = `keuze-records-${request.query.from}-${request.query.to}.${format}`.replace(
      /[^\w.-]/g,
      '_',
    );
    reply
      .header(
        'Content-Type',
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
      )
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .header('Cache-Control', 'no-store');
    return reply.send(Readable.from(lines()));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await store.ping();
      return { status: 'ready', database: store.kind };
    } catch {
      return reply.code(503).send({ status: 'database unreachable', database: store.kind });
    }
  });

  return app;
}
