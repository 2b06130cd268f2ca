import { Kysely, PostgresDialect } from 'kysely';
import type { SqlDatabase } from './database.js';

const INT8_OID = 20;

/**
 * PostgreSQL through node-postgres (an optional peer dependency, loaded only when chosen). Several
 * backend processes may share one database: the webhook outbox claims rows with `SKIP LOCKED`.
 */
export async function openPostgresDatabase(url: string, options: { maxConnections?: number } = {}): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // Timestamps are milliseconds in bigint columns: well inside a double's exact range.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format ?? 'text')) } as never,
  });
  // A pool's idle client that loses its server emits 'error': logged, not an uncaught crash.
  pool.on('error', (error) => console.error('postgres:', error.message));
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', description: `PostgreSQL ${describe(url)}`, close: () => db.destroy() };
}

/** host:port/database, without the user or password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
