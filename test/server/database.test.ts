// The database layer a host passes in: one schema definition, the same behaviour on SQLite and
// PostgreSQL, and the few things that differ said and checked.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/open-database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { openHostStore } from '../../src/server/store/host-store.js';
import { HOST_SCHEMA } from '../../src/server/store/host-tables.js';
import { testDatabaseKinds, TEST_POSTGRES_URL, type TestDatabase } from '../support/test-databases.js';

describe('openDatabase', () => {
  test('anything but a postgres:// URL is refused, before a connection is tried', async () => {
    await assert.rejects(openDatabase({ url: 'mysql://root@localhost/kyc', file: 'unused' }), /postgres:\/\//);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`database (${kind.name})`, () => {
    const created: TestDatabase[] = [];
    after(async () => {
      for (const database of created) await database.drop();
    });

    test('migrating again, or from two openers at once where there can be two, leaves one schema', async () => {
      const testDb = await kind.create();
      created.push(testDb);
      if (kind.name === 'sqlite') {
        const only = await testDb.open();
        await openHostStore(only);
        await openHostStore(only);
        await only.close();
        return;
      }
      const [a, b] = await Promise.all([testDb.open(), testDb.open()]);
      await Promise.all([openHostStore(a), openHostStore(b)]);
      await openHostStore(a);
      const store = await openHostStore(b);
      await store.addDocument({ documentId: '00000000-0000-4000-8000-000000000001', userId: '1', documentType: 9, contentType: 'image/png', createdAt: 1, formExpiresAt: 2 });
      assert.equal((await store.documentsOf('1')).length, 1);
      await Promise.all([a.close(), b.close()]);
    });

    test('step 002 upgrades a database made by step 001 alone: its documents read back without a slot, new ones with theirs', async () => {
      const testDb = await kind.create();
      created.push(testDb);
      const database = await testDb.open();
      try {
        // The schema as the previous release left it, with one of its documents.
        await migrate(database, 'kyc', { '001-host-tables': HOST_SCHEMA['001-host-tables']! });
        const columns = async () =>
          (database.dialect === 'postgres'
            ? await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'kyc_documents'`.execute(database.db)
            : await sql<{ name: string }>`select name from pragma_table_info('kyc_documents')`.execute(database.db)
          ).rows.map((column) => column.name);
        assert.ok(!(await columns()).includes('side'));
        const old = '00000000-0000-4000-8000-00000000000a';
        await sql`insert into kyc_documents (document_id, user_id, document_type, content_type, created_at, form_expires_at, review_status)
          values (${old}, '1', 9, 'image/png', 1, 2, 'pending')`.execute(database.db);

        const store = await openHostStore(database);
        const upgraded = await columns();
        for (const name of ['kind', 'subtype', 'side']) assert.ok(upgraded.includes(name), name);
        const kept = await store.document(old);
        assert.ok(kept);
        assert.deepEqual([kept.kind, kept.subtype, kept.side, 'kind' in kept], [undefined, undefined, undefined, false]);
        const slotted = '00000000-0000-4000-8000-00000000000b';
        await store.addDocument({ documentId: slotted, userId: '1', documentType: 9, contentType: 'image/jpeg', createdAt: 3, formExpiresAt: 4, kind: 'identity-proof', subtype: 'id-card', side: 'back' });
        const added = await store.document(slotted);
        assert.deepEqual([added?.kind, added?.subtype, added?.side], ['identity-proof', 'id-card', 'back']);
        assert.deepEqual((await store.documentsOf('1')).map((d) => d.documentId), [old, slotted]);
        // Step 005: the browser's quality report, kept as it came; none on older rows.
        assert.equal('deviceQuality' in kept, false);
        const checked = '00000000-0000-4000-8000-00000000000c';
        const deviceQuality = { blur: 0.7, glare: 0, exposure: 0.5, resolution: 900, corners: 4, passed: false, issues: ['too-small' as const, 'blurred' as const] };
        await store.addDocument({ documentId: checked, userId: '1', documentType: 9, contentType: 'image/jpeg', createdAt: 5, formExpiresAt: 6, deviceQuality });
        assert.deepEqual((await store.document(checked))?.deviceQuality, deviceQuality);
      } finally {
        await database.close();
      }
    });

    if (kind.name === 'sqlite') {
      test('the embedded file is in WAL mode: committed transactions survive a killed process', async () => {
        const testDb = await kind.create();
        created.push(testDb);
        const database = await testDb.open();
        const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
        assert.equal(rows[0]?.journal_mode, 'wal');
        await database.close();
      });

      test('a second opener of the same file is refused with a sentence that says what to do; the file opens again once closed', async () => {
        const testDb = await kind.create();
        created.push(testDb);
        const first = await testDb.open();
        await assert.rejects(testDb.open(), /in use by another process.*DATABASE_URL/);
        await first.close();
        const again = await testDb.open();
        await again.close();
      });
    }

    if (kind.name === 'postgres' && TEST_POSTGRES_URL) {
      test('a schema chosen by search_path is migrated even when another schema already holds the same tables', async () => {
        // Kysely's migrator looks for its tables in every schema unless told which: found in the first
        // schema, it would not create them in the second and then fail to read them.
        const first = await kind.create();
        const second = await kind.create();
        created.push(first, second);
        const one = await first.open();
        await openHostStore(one);
        const two = await second.open();
        const store = await openHostStore(two);
        assert.deepEqual(await store.documentsOf('1'), []);
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(two.db);
        const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${rows[0]!.schema} order by table_name`.execute(two.db);
        assert.ok(tables.rows.some((t) => t.table_name === 'kyc_migrations'), JSON.stringify(tables.rows));
        await Promise.all([one.close(), two.close()]);
      });
    }
  });
}
