// The schema, as numbered migrations. The same SQL runs on PGlite (embedded
// PostgreSQL) and on a PostgreSQL server. Append new steps; never edit one that shipped.
export const MIGRATIONS = [
  {
    version: 1,
    name: 'consent records',
    sql: `
      CREATE TABLE consent_records (
        -- The decision's own random id: a retried delivery hits the primary key.
        id          text PRIMARY KEY,
        -- The visitor's pseudonymous consent id, shared by all their decisions.
        consent_id  text NOT NULL,
        decided_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        -- Stamped by the receiver, never taken from the record.
        received_at timestamptz NOT NULL,
        -- The record exactly as validated (no IP address, no user agent).
        record      jsonb NOT NULL
      );
      CREATE INDEX consent_records_consent ON consent_records (consent_id, decided_at);
      CREATE INDEX consent_records_received ON consent_records (received_at, id);
      CREATE INDEX consent_records_expires ON consent_records (expires_at);
    `,
  },
];
