import type { Kysely } from 'kysely';

/** The two SQL dialects every query and schema here is written for. */
export type SqlDialectName = 'sqlite' | 'postgres';

/**
 * A database the host hands to `kyc-upload/server`: the handlers receive it, they never open one.
 * Each side reads it through its own table types (`db.withTables<…>()`), so the host's tables and
 * a provider emulation's can share one database without seeing each other.
 */
export interface SqlDatabase {
  // An empty schema: each module narrows it to the tables it owns.
  readonly db: Kysely<object>;
  readonly dialect: SqlDialectName;
  /** Where it lives, for logs: a file path, or the server's host and database (never a password). */
  readonly description: string;
  close(): Promise<void>;
}
