// The host store under the review loop's races (issue 12), on both databases: a decision's claim
// outlives neither its lease nor a killed holder, and a replacement links one pair, once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { openHostStore, type HostStore } from '../../src/server/store/host-store.js';
import { testDatabaseKinds, type TestDatabase } from '../support/test-databases.js';

for (const kind of testDatabaseKinds()) {
  describe(`host store races (${kind.name})`, () => {
    let testDb: TestDatabase;
    let database: SqlDatabase;
    let store: HostStore;
    let clock = Date.now();
    before(async () => {
      testDb = await kind.create();
      database = await testDb.open();
      store = await openHostStore(database, () => clock);
    });
    after(async () => {
      await database.close();
      await testDb.drop();
    });

    const addDocument = async (userId = '1370854') => {
      const documentId = randomUUID();
      await store.addDocument({ documentId, userId, documentType: 9, contentType: 'image/png', createdAt: clock, formExpiresAt: clock });
      return documentId;
    };

    test('one claim per document at a time, across connections; a dead holder’s claim lapses with its lease', async () => {
      const documentId = await addDocument();
      const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => store.claimReview(documentId, owner, 60_000)));
      assert.equal(claims.filter(Boolean).length, 1);
      const holder = ['a', 'b', 'c', 'd'][claims.indexOf(true)]!;
      // Someone else's release frees nothing.
      await store.releaseReview(documentId, 'someone-else');
      assert.equal(await store.claimReview(documentId, 'e', 60_000), false);
      // The holder was killed: once its lease ran out, the document can be decided again.
      clock += 60_001;
      assert.equal(await store.claimReview(documentId, 'e', 60_000), true);
      // The old holder, back late, cannot release the new claim.
      await store.releaseReview(documentId, holder);
      assert.equal(await store.claimReview(documentId, 'f', 60_000), false);
      await store.releaseReview(documentId, 'e');
      assert.equal(await store.claimReview(documentId, 'f', 60_000), true);
    });

    test('replacements at once link one pair, and a half-made link is rolled back', async () => {
      const [old, first, second] = [await addDocument(), await addDocument(), await addDocument()];
      const linked = await Promise.all([store.markReplaced(old, first), store.markReplaced(old, second)]);
      assert.deepEqual(linked.map(Boolean).sort(), [false, true]);
      const winner = linked[0] ? first : second;
      const loser = linked[0] ? second : first;
      assert.equal((await store.document(old))?.replacedBy, winner);
      assert.equal((await store.document(loser))?.replaces, undefined);
      // The replacement side taken already: the old side's update is rolled back with it.
      const other = await addDocument();
      assert.equal(await store.markReplaced(other, winner), false);
      assert.equal((await store.document(other))?.replacedBy, undefined);
    });
  });
}
