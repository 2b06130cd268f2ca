import type { SchemaStep } from '../../src/server/db/migrate.js';
import { TIMESTAMP } from '../../src/server/db/migrate.js';

/**
 * The demo's stand-in for a host's own login: applicant and reviewer sessions. Only a hash of
 * each cookie is stored, so the table does not hand out sessions if it leaks.
 */
export type DemoTables = {
  demo_sessions: {
    token_hash: string;
    role: 'applicant' | 'reviewer';
    /** The applicant's user at the provider; null for a reviewer. */
    user_id: string | null;
    name: string;
    created_at: number;
  };
};

export const DEMO_SCHEMA: Record<string, SchemaStep> = {
  '001-demo-sessions': async (db) => {
    await db.schema
      .createTable('demo_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('demo_sessions_by_user').on('demo_sessions').column('user_id').execute();
  },
};
