import type { SqlDatabase } from './database.js';
import { openPostgresDatabase } from './postgres.js';
import { openSqliteDatabase } from './sqlite.js';

export interface OpenDatabaseOptions {
  /** `postgres://…` (DATABASE_URL): PostgreSQL. Unset: the embedded SQLite file. */
  url?: string | undefined;
  /** The embedded store's file. */
  file: string;
}

/** PostgreSQL when a URL is given, the embedded store otherwise: the one choice a host makes. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  const url = options.url?.trim();
  if (!url) return openSqliteDatabase(options.file);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL; leave it unset for the embedded database.');
  return openPostgresDatabase(url);
}
