// An attacker's and a reviewer's client for the reference backend (demo/server.ts): plain HTTP,
// no page, no widget. Shared by the attack-*.test.ts files.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { type Demo, startDemo } from '../../demo/server.js';
import type { TestDatabaseKind } from './test-databases.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { postToS3 } from './s3-post.js';

export const fixture = async (name: string) => new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));

export interface Answer {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}


export { eventually } from './eventually.js';
import { eventually } from './eventually.js';

export function demoClient(demo: Demo) {
  async function call(cookie: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const raw = typeof init.body === 'string';
    const response = await fetch(new URL(path, demo.url), {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: raw ? (init.body as string) : JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let body: Record<string, any> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, any>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, body, headers: response.headers };
  }

  async function applicant(): Promise<string> {
    const page = await fetch(demo.url);
    await page.body?.cancel();
    return (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  async function reviewer(name = 'Rita Reviewer'): Promise<string> {
    const signIn = await fetch(new URL('/api/review/session', demo.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    await signIn.body?.cancel();
    return (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  /**
   * A form for `type`, then the bytes posted straight to the storage, as an attacker's script does.
   * `fields` adds to or replaces the request's (a set's `kind`, `subtype`, `side`, another type).
   */
  async function upload(cookie: string, bytes: Uint8Array, type: string, size = bytes.length, fields: Record<string, unknown> = {}): Promise<DocumentForm> {
    const form = await call(cookie, '/api/kyc/document-form', { method: 'POST', body: { documentType: 9, fileName: 'scan', contentType: type, size, ...fields } });
    assert.equal(form.status, 200, JSON.stringify(form.body));
    const document = form.body as DocumentForm;
    await post(document, bytes, type);
    return document;
  }

  async function post(form: DocumentForm, bytes: Uint8Array, type: string): Promise<void> {
    const answer = await postToS3(form.form.action, form.formFields, { bytes: new Uint8Array(bytes), type });
    assert.equal(answer.status, 204, answer.body);
  }

  /** The applicant's user id, as the back office lists it. */
  async function userIdOf(reviewerCookie: string, documentId: string): Promise<string> {
    const queue = (await call(reviewerCookie, '/api/review/applicants')).body as unknown as Array<{ userId: string; documents: Array<{ documentId: string }> }>;
    const owner = queue.find((applicant) => applicant.documents.some((d) => d.documentId === documentId));
    assert.ok(owner, `nobody owns ${documentId}`);
    return owner.userId;
  }

  /** The reviewer's view of one document. */
  async function reviewed(reviewerCookie: string, documentId: string): Promise<Record<string, any>> {
    const queue = (await call(reviewerCookie, '/api/review/applicants')).body as unknown as Array<{ documents: Array<Record<string, any>> }>;
    const document = queue.flatMap((applicant) => applicant.documents).find((d) => d.documentId === documentId);
    assert.ok(document, `no document ${documentId}`);
    return document;
  }

  return { call, applicant, reviewer, upload, post, userIdOf, reviewed };
}

/** Waits, by the clock the backend shares with the embedded storage, until the document's form is closed. */
export async function formClosed(demo: Demo, documentId: string, marginMs = 0): Promise<void> {
  const db = demo.database.db.withTables<{ kyc_documents: { document_id: string; form_expires_at: number } }>();
  const row = await db.selectFrom('kyc_documents').select('form_expires_at').where('document_id', '=', documentId).executeTakeFirstOrThrow();
  await eventually(async () => Date.now(), (now) => now > Number(row.form_expires_at) + marginMs + 1, 'the form closing');
}

/**
 * The reference backend on one test database, with forms that live 3 s (the storage shares this
 * clock, so a test can race a form, outlive it, and validate soon) and room for many forms.
 */
export async function startReviewDemo(kind: TestDatabaseKind): Promise<{ demo: Demo; client: ReturnType<typeof demoClient>; close(): Promise<void> }> {
  const testDb = await kind.create();
  let demo: Demo;
  try {
    demo = await startDemo({
      port: 0,
      env: kind.name === 'postgres' ? { DATABASE_URL: testDb.location } : {},
      formLifetime: { expiresIn: 3, marginMs: 0 },
      formLimits: { perSession: 50, perUser: 50, perAddress: 1000, windowMs: 60_000 },
    });
  } catch (error) {
    await testDb.drop();
    throw error;
  }
  return {
    demo,
    client: demoClient(demo),
    async close() {
      await demo.close();
      await testDb.drop();
    },
  };
}
