// Where records are kept: PGlite (PostgreSQL compiled to WebAssembly, in a data
// directory, no server) by default, or a PostgreSQL server through `pg`. Both
// run the same SQL; only connecting and streaming differ.
import { MIGRATIONS } from './migrations.mjs';
import { RECORD_SCHEMA } from './schema.mjs';

const COLUMNS = 'record, received_at';
const EXPORT_BATCH = 500;

/** A row as the API shows it: the record in the widget's field order (jsonb sorts keys its own way) plus the receiver's own receipt time. */
function toRecord(row) {
  const record = Object.fromEntries(
    RECORD_SCHEMA.required.filter((key) => key in row.record).map((key) => [key, row.record[key]]),
  );
  return { ...record, receivedAt: new Date(row.received_at).toISOString() };
}

class RecordStore {
  /** @param {{ query(text: string, params?: unknown[]): Promise<{ rows: any[], count: number }> }} db */
  constructor(db, kind) {
    this.db = db;
    this.kind = kind;
  }

  /** Brings the schema up to date; safe when several receivers start at once (PostgreSQL). */
  async migrate() {
    await this.db.transaction(async (q) => {
      await q('SELECT pg_advisory_xact_lock(7301120)');
      await q(`CREATE TABLE IF NOT EXISTS keuze_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await q('SELECT version FROM keuze_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const step of MIGRATIONS) {
        if (applied.has(step.version)) continue;
        await q.exec(step.sql);
        await q('INSERT INTO keuze_migrations (version, name) VALUES ($1, $2)', [
          step.version,
          step.name,
        ]);
      }
    });
  }

  /** Stores a validated record once; true when it was new, false when its id was already there. */
  async insert(record, receivedAt) {
    const { count } = await this.db.query(
      `INSERT INTO consent_records (id, consent_id, decided_at, expires_at, received_at, record)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [
        record.id,
        record.consentId,
        record.decidedAt,
        record.expiresAt,
        receivedAt.toISOString(),
        JSON.stringify(record),
      ],
    );
    return count === 1;
  }

  async get(id) {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM consent_records WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A visitor's decisions, oldest first. */
  async history(consentId) {
    const { rows } = await this.db.query(
      `SELECT ${COLUMNS} FROM consent_records WHERE consent_id = $1 ORDER BY decided_at, id LIMIT 1000`,
      [consentId],
    );
    return rows.map(toRecord);
  }

  /** Records received in [from, to), oldest first, a batch at a time (constant memory). */
  async *export(from, to) {
    for await (const rows of this.db.batches(
      `SELECT ${COLUMNS}, id FROM consent_records WHERE received_at >= $1 AND received_at < $2`,
      [from.toISOString(), to.toISOString()],
      EXPORT_BATCH,
    )) {
      for (const row of rows) yield toRecord(row);
    }
  }

  async count() {
    const { rows } = await this.db.query('SELECT count(*)::int AS n FROM consent_records');
    return rows[0].n;
  }

  /** Deletes records whose consent stopped holding before `cutoff`; returns how many. */
  async purge(cutoff) {
    const { count } = await this.db.query('DELETE FROM consent_records WHERE expires_at < $1', [
      cutoff.toISOString(),
    ]);
    return count;
  }

  async ping() {
    await this.db.query('SELECT 1');
  }

  close() {
    return this.db.close();
  }
}

/** A PostgreSQL server: a pool, and a real server-side cursor for exports. */
async function openPostgres(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that lost its server must not crash the receiver; the next query reconnects.
  pool.on('error', () => {});
  const run = (client) => {
    const q = async (text, params) => {
      const result = await client.query(text, params);
      return { rows: result.rows, count: result.rowCount ?? 0 };
    };
    // Without parameters `pg` uses the simple protocol, which runs several statements.
    q.exec = (text) => client.query(text);
    return q;
  };
  return {
    query: run(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(run(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async *batches(text, params, size) {
      const client = await pool.connect();
      let committed = false;
      try {
        // One snapshot for the whole export; rows come FETCH by FETCH, never all at once.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(
          `DECLARE keuze_export NO SCROLL CURSOR FOR ${text} ORDER BY received_at, id`,
          params,
        );
        for (;;) {
          const { rows } = await client.query(`FETCH ${size} FROM keuze_export`);
          if (rows.length === 0) break;
          yield rows;
        }
        await client.query('COMMIT');
        committed = true;
      } finally {
        // Also reached when the download is cut off: end the transaction before the client goes back.
        if (committed) client.release();
        else
          await client.query('ROLLBACK').then(
            () => client.release(),
            () => client.release(true),
          );
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite: one connection in this process. A cursor would hold that connection for
 * as long as a download lasts and stall every POST, so an export reads in pages by
 * (received_at, id) instead: each page is one short query, memory stays constant.
 */
async function openPglite(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  const run = (handle) => {
    const q = async (text, params) => {
      const result = await handle.query(text, params);
      return { rows: result.rows, count: result.affectedRows ?? 0 };
    };
    q.exec = (text) => handle.exec(text);
    return q;
  };
  return {
    query: run(db),
    transaction: (work) => db.transaction((tx) => work(run(tx))),
    async *batches(text, params, size) {
      let after = null;
      for (;;) {
        const page = after
          ? `${text} AND (received_at, id) > ($${params.length + 1}::timestamptz, $${params.length + 2})`
          : text;
        const { rows } = await db.query(`${page} ORDER BY received_at, id LIMIT ${size}`, [
          ...params,
          ...(after ?? []),
        ]);
        if (rows.length === 0) return;
        yield rows;
        const last = rows[rows.length - 1];
        after = [new Date(last.received_at).toISOString(), last.id];
      }
    },
    close: () => db.close(),
  };
}

/** Opens (and migrates) the store the settings name. */
export async function openStore({ databaseUrl, dataDir }) {
  const store = databaseUrl
    ? new RecordStore(await openPostgres(databaseUrl), 'postgresql')
    : new RecordStore(await openPglite(dataDir), 'pglite');
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
