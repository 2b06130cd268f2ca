import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { openPostgresDatabase } from '../../src/server/db/postgres.js';
import { openSqliteDatabase } from '../../src/server/db/sqlite.js';

/** Set by `npm test` (test/run.mjs), which starts a throwaway PostgreSQL for the run. */
export const TEST_POSTGRES_URL = process.env.KYC_TEST_DATABASE_URL;

export interface TestDatabaseKind {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, empty database, as a host would open it, and its URL or file: a new SQLite file, or a
   * new schema on the run's PostgreSQL (reached through `search_path`, so the code under test
   * sees an ordinary database). `drop` removes it.
   */
  create(): Promise<TestDatabase>;
}

export interface TestDatabase {
  /** `file` for SQLite, a postgres:// URL for PostgreSQL: what a second process would open. */
  location: string;
  open(): Promise<SqlDatabase>;
  drop(): Promise<void>;
}

const sqlite: TestDatabaseKind = {
  name: 'sqlite',
  async create() {
    const dir = await mkdtemp(join(tmpdir(), 'kyc-upload-db-'));
    const file = join(dir, 'kyc.sqlite');
    return { location: file, open: () => openSqliteDatabase(file), drop: () => rm(dir, { recursive: true, force: true }) };
  },
};

const postgres = (baseUrl: string): TestDatabaseKind => ({
  name: 'postgres',
  async create() {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgresDatabase(baseUrl, { maxConnections: 1 });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      location: url.href,
      open: () => openPostgresDatabase(url.href),
      async drop() {
        const cleanup = await openPostgresDatabase(baseUrl, { maxConnections: 1 });
        await cleanup.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await cleanup.close();
      },
    };
  },
});

/**
 * Both databases when the run has a PostgreSQL, the embedded one alone otherwise (a file run by
 * hand): tests loop over this list, so every behaviour is checked on both.
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  if (!TEST_POSTGRES_URL) {
    console.warn('KYC_TEST_DATABASE_URL is unset: PostgreSQL is NOT tested in this run (npm test starts one).');
    return [sqlite];
  }
  return [sqlite, postgres(TEST_POSTGRES_URL)];
}
