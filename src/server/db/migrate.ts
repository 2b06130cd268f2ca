import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { SqlDatabase, SqlDialectName } from './database.js';

/** A schema step, written once for both dialects (the dialect is there for the rare difference). */
export type SchemaStep = (db: Kysely<never>, dialect: SqlDialectName) => Promise<void>;

/**
 * Brings one side's tables to their latest shape. Each side keeps its own migration table, so the
 * host's schema and a provider emulation's evolve apart in one database. Kysely's migrator takes
 * a lock (an advisory lock on PostgreSQL), so two processes starting at once migrate once.
 */
export async function migrate(database: SqlDatabase, side: string, steps: Record<string, SchemaStep>): Promise<void> {
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [name, { up: (db: Kysely<never>) => step(db, database.dialect) }]),
  );
  // Kysely looks for its own tables in every schema unless told one: a second schema of the same
  // database (another environment, chosen by search_path) would make it skip creating them here.
  const schema = database.dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: database.db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => migrations },
    migrationTableName: `${side}_migrations`,
    migrationLockTableName: `${side}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`The ${side} schema could not be migrated${failed ? ` (${failed})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Milliseconds since the epoch: `bigint` on both sides, read back as a number. */
export const TIMESTAMP = 'bigint' as const;
