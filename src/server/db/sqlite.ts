import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqlDatabase } from './database.js';

/**
 * The embedded store: one SQLite file, opened with better-sqlite3 (an optional peer dependency,
 * loaded only when chosen). WAL keeps every committed transaction through a `kill -9` of the
 * process (whose lock dies with it); one opener per file, held by a lock: several processes
 * sharing work is what PostgreSQL is for.
 */
export async function openSqliteDatabase(file: string): Promise<SqlDatabase> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // No waiting on a lock: the only other holder is another process, which keeps it.
  const connection = new BetterSqlite3(file, { timeout: 0 });
  try {
    // One process, one opener: the file stays locked while open, so a second backend started on
    // the same data directory fails at once instead of sharing work the embedded store cannot share.
    connection.pragma('locking_mode = EXCLUSIVE');
    connection.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses nothing when the process dies; only a power cut can cost the last commits.
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`The embedded database ${file} is in use by another process; stop it first, or use PostgreSQL (DATABASE_URL) to share work.`);
    }
    throw error;
  }
  const db = new Kysely<object>({ dialect: new SqliteDialect({ database: connection }) });
  const close = async () => {
    await db.destroy();
    // Kysely closes the connection only if it ever used it: the lock must go either way.
    if (connection.open) connection.close();
  };
  return { db, dialect: 'sqlite', description: `SQLite ${file}`, close };
}
