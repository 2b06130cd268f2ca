// `kill -9` of the whole backend in the middle of reviewers' requests, then a restart on the same
// data: every change that was acknowledged is there, each with its audit row, and nothing is half
// done. On the embedded SQLite (WAL) and on PostgreSQL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { openHostStore } from '../../src/server/store/host-store.js';
import { openDatabase } from '../../src/server/db/open-database.js';
import { postToS3 } from '../support/s3-post.js';
import { testDatabaseKinds } from '../support/test-databases.js';

const root = new URL('../../', import.meta.url);

async function startBackend(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/demo-process.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code}) before listening`)));
  });
  return { child, url };
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

for (const kind of testDatabaseKinds()) {
  describe(`kill -9 mid-request (${kind.name})`, () => {
    const cleanup: Array<() => Promise<void>> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    test('acknowledged reviews survive with their audit rows; the backend starts again on the same data', async () => {
      const testDb = await kind.create();
      const dataDirectory = await mkdtemp(join(tmpdir(), 'kyc-upload-kill-'));
      cleanup.push(() => testDb.drop(), () => rm(dataDirectory, { recursive: true, force: true }));
      const env = { ...process.env, KYC_DEMO_DATA: dataDirectory, ...(kind.name === 'postgres' ? { DATABASE_URL: testDb.location } : { DATABASE_URL: '' }) };
      let backend = await startBackend(env);
      cleanup.push(async () => {
        backend.child.kill('SIGKILL');
        await killed(backend.child);
      });

      const page = await fetch(backend.url);
      await page.body?.cancel();
      const applicant = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const bytes = new Uint8Array(await readFile(new URL('../fixtures/id-card.png', import.meta.url)));
      const documents: string[] = [];
      for (let i = 0; i < 6; i++) {
        const answer = await fetch(new URL('/api/kyc/document-form', backend.url), {
          method: 'POST',
          headers: { cookie: applicant, 'content-type': 'application/json' },
          body: JSON.stringify({ documentType: 9, fileName: `id-${i}.png`, contentType: 'image/png', size: bytes.length }),
        });
        const form = (await answer.json()) as DocumentForm;
        assert.equal((await postToS3(form.form.action, form.formFields, { bytes, type: 'image/png' })).status, 204);
        documents.push(form.documentId);
      }
      const signIn = await fetch(new URL('/api/review/session', backend.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Kim' }) });
      const reviewer = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;

      // Refusals in flight when the process dies: some answered, some never.
      const acknowledged: string[] = [];
      let firstAcknowledged!: () => void;
      const oneAcknowledged = new Promise<void>((resolve) => (firstAcknowledged = resolve));
      const refusals = documents.map(async (documentId) => {
        try {
          const answer = await fetch(new URL(`/api/review/documents/${documentId}/refuse`, backend.url), {
            method: 'POST',
            headers: { cookie: reviewer, 'content-type': 'application/json' },
            body: JSON.stringify({ reason: 'document-expired', comment: `expired ${documentId}` }),
          });
          if (answer.status === 200) {
            acknowledged.push(documentId);
            firstAcknowledged();
          }
          await answer.body?.cancel();
        } catch {
          // The connection died with the process: not acknowledged.
        }
      });
      // Killed as soon as the first refusal is acknowledged, with the others still in flight.
      await Promise.race([Promise.all(refusals), oneAcknowledged]);
      backend.child.kill('SIGKILL');
      await killed(backend.child);
      await Promise.all(refusals);
      assert.ok(acknowledged.length >= 1);

      // The data opens again, consistent: every acknowledged refusal is there with its audit row,
      // and no refusal exists without one (the two are one transaction).
      const database = await openDatabase({ url: env.DATABASE_URL, file: join(dataDirectory, 'kyc-upload.sqlite') });
      const store = await openHostStore(database);
      const rows = await Promise.all(documents.map((id) => store.document(id)));
      const audit = await store.auditOf(rows[0]!.userId);
      for (const documentId of acknowledged) assert.equal(rows.find((r) => r?.documentId === documentId)?.review.status, 'refused', documentId);
      for (const row of rows) {
        const audited = audit.filter((entry) => entry.document_id === row!.documentId);
        assert.equal(audited.length, row!.review.status === 'refused' ? 1 : 0, row!.documentId);
      }
      await database.close();

      // And the backend starts again on it: the applicant's session and documents are still theirs.
      backend = await startBackend(env);
      const status = await fetch(new URL('/api/kyc/status', backend.url), { headers: { cookie: applicant } });
      assert.equal(status.status, 200);
      const body = (await status.json()) as { documents: Array<{ documentId: string; review: { status: string } }> };
      assert.deepEqual(body.documents.map((d) => d.documentId).sort(), [...documents].sort());
      for (const documentId of acknowledged) assert.equal(body.documents.find((d) => d.documentId === documentId)?.review.status, 'refused');
    });
  });
}
