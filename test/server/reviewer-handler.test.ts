// The reviewer's decisions as a web-standard handler: who may decide, what a body must hold, and
// the actions' refusals kept as they are (the actions themselves run against the real backend in
// review-journey and attack-review). Plain Requests: no server, as on an edge runtime.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReviewError, type ReviewerActions } from '../../src/server/review/reviewer-actions.js';
import { createReviewerHandler } from '../../src/server/review/reviewer-handler.js';

const SHA = 'a'.repeat(64);
const DOC = '00000000-0000-4000-8000-000000000001';

function setUp(behaviour: Partial<Record<keyof ReviewerActions, (input: unknown) => Promise<void>>> = {}) {
  const calls: Array<[string, unknown]> = [];
  const actions = Object.fromEntries(
    (['validateDocument', 'refuseDocument', 'requestKycReview'] as const).map((name) => [name, async (input: unknown) => {
      calls.push([name, input]);
      await behaviour[name]?.(input);
    }]),
  ) as unknown as ReviewerActions;
  const handler = createReviewerHandler({
    actions,
    resolveReviewer: (request) => (request.headers.get('x-reviewer') ?? undefined),
    describeDocument: async (documentId) => ({ documentId }),
    describeApplicant: async (userId) => ({ userId }),
    basePath: '/back-office/',
  });
  const send = (path: string, body: unknown, headers: Record<string, string> = { 'x-reviewer': 'Rita' }, method = 'POST') =>
    handler(new Request(`https://bank.example/back-office${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }));
  return { handler, calls, send };
}

describe('createReviewerHandler', () => {
  test('validates, refuses and asks for the KYC review in the reviewer’s name', async () => {
    const { calls, send } = setUp();
    assert.deepEqual(await (await send(`/documents/${DOC}/validate`, { comment: 'Document checked', sha256: SHA })).json(), { documentId: DOC });
    assert.equal((await send(`/documents/${DOC}/refuse`, { reason: 'document-expired', comment: 'Expired in 2024' })).status, 200);
    assert.deepEqual(await (await send('/applicants/1370854/kyc-review', {})).json(), { userId: '1370854' });
    assert.deepEqual(calls, [
      ['validateDocument', { documentId: DOC, reviewer: 'Rita', comment: 'Document checked', sha256: SHA }],
      ['refuseDocument', { documentId: DOC, reviewer: 'Rita', reason: 'document-expired', comment: 'Expired in 2024' }],
      ['requestKycReview', { userId: '1370854', reviewer: 'Rita' }],
    ]);
  });

  test('nobody signed in: 401 and no action; a GET: 405; another path: 404', async () => {
    const { calls, send, handler } = setUp();
    assert.equal((await send(`/documents/${DOC}/validate`, { comment: 'x', sha256: SHA }, {})).status, 401);
    assert.equal((await send(`/documents/${DOC}/validate`, undefined, { 'x-reviewer': 'Rita' }, 'GET')).status, 405);
    assert.equal((await send(`/documents/${DOC}/delete`, {})).status, 404);
    assert.equal(handler.handles(`/back-office/documents/${DOC}/refuse`), true);
    assert.equal(handler.handles(`/api/review/documents/${DOC}/refuse`), false);
    assert.deepEqual(calls, []);
  });

  test('a body that is not the contract is a 400 before any action', async () => {
    const { calls, send } = setUp();
    for (const [path, body] of [
      [`/documents/${DOC}/validate`, { comment: 'ok' }],
      [`/documents/${DOC}/validate`, { comment: 'ok', sha256: 'ABC' }],
      [`/documents/${DOC}/validate`, { comment: '   ', sha256: SHA }],
      [`/documents/${DOC}/validate`, { comment: 'ok\u0000', sha256: SHA }],
      [`/documents/${DOC}/refuse`, { reason: 'looks-odd', comment: 'x' }],
      ['/applicants/1/kyc-review', ''],
      ['/applicants/1/kyc-review', { now: true }],
    ] as const) {
      assert.equal((await send(path, body)).status, 400, `${path} ${JSON.stringify(body)}`);
    }
    assert.deepEqual(calls, []);
  });

  test('the actions’ refusals keep their status and code', async () => {
    const { send } = setUp({
      validateDocument: async () => {
        throw new ReviewError('form-open', 409, 'The upload form can still replace this file until later; validate it after that.');
      },
    });
    const answer = await send(`/documents/${DOC}/validate`, { comment: 'ok', sha256: SHA });
    assert.equal(answer.status, 409);
    assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'form-open');
  });
});
