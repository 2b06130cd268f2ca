// The demo's node:http handlers read JSON as the published web handlers do (web/json.ts): one
// capped reader, so the two cannot drift apart.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { readJsonBody, sendJson } from '../../src/server/http-json.js';
import { serve, type TestServer } from '../support/http-server.js';

describe('readJsonBody', () => {
  let server: TestServer;
  before(async () => {
    server = await serve(async (req, res) => {
      const body = await readJsonBody(req, 1024);
      sendJson(res, body.ok ? 200 : 400, body);
    });
  });
  after(() => server.close());

  /** Posts `chunks` one by one; with `open`, never ends the body. Resolves with the answer. */
  function post(chunks: Uint8Array[], headers: Record<string, string | number> = {}, open = false) {
    const { port } = new URL(server.url);
    return new Promise<{ status: number; body: { ok: boolean; value?: unknown; reason?: string } }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body: JSON.parse(text) });
          req.destroy();
        });
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      if (!open) req.end();
    });
  }
  const utf8 = (text: string) => new TextEncoder().encode(text);

  test('reads a JSON body under the cap', async () => {
    const answer = await post([utf8('{"name":"Hélène"}')]);
    assert.deepEqual(answer, { status: 200, body: { ok: true, value: { name: 'Hélène' } } });
  });

  test('refuses bytes that are not UTF-8, rather than reading them as U+FFFD', async () => {
    const answer = await post([utf8('{"name":"'), new Uint8Array([0xff, 0xfe]), utf8('"}')]);
    assert.equal(answer.status, 400);
  });

  test('answers a body declared over the cap at once, without waiting for it', async () => {
    const answer = await post([utf8('{"pad":"')], { 'content-length': 10_000_000 }, true);
    assert.equal(answer.status, 400);
    assert.match(answer.body.reason!, /exceeds 1024 bytes/);
  });

  test('refuses a body over the cap that declared no length', async () => {
    const answer = await post([utf8(`{"pad":"${'x'.repeat(5000)}"}`)], { 'transfer-encoding': 'chunked' });
    assert.equal(answer.status, 400);
    assert.match(answer.body.reason!, /exceeds 1024 bytes/);
  });
});
