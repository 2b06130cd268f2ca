// Web-standard handlers inside node:http: bodies streamed with a cap, a body the handler will not
// read drained without taking the connection down, and the request line never choosing the origin.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { jsonResponse, readJson } from '../../src/server/web/json.js';
import { toNodeHandler } from '../../src/server/web/node-adapter.js';
import { serve, type TestServer } from '../support/http-server.js';

describe('toNodeHandler', () => {
  let server: TestServer;
  before(async () => {
    server = await serve(
      toNodeHandler(async (request, context) => {
        const url = new URL(request.url);
        if (url.pathname === '/throw') throw new Error('the database went away: password=hunter2');
        if (url.pathname === '/ignore') {
          // Answers without reading: the body is cancelled while the client still sends it.
          await request.body?.cancel();
          return jsonResponse(401, { ignored: true });
        }
        const body = await readJson(request, 1024);
        return jsonResponse(body.ok ? 200 : 400, { body, origin: url.origin, path: url.pathname, clientAddress: context?.clientAddress });
      }, 'http://host.example'),
    );
  });
  after(() => server.close());

  const post = (path: string, body: string) => fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  test('a cancelled body does not crash the process, and the connection serves the next request', async () => {
    // On Node 20, Readable.toWeb's stream throws "Controller is already closed" from a data event
    // after a cancel: an uncaught exception that would take the backend down.
    const ignored = await post('/ignore', 'x'.repeat(2_000_000));
    assert.equal(ignored.status, 401);
    await ignored.body?.cancel();
    const next = await post('/read', '{"a":"Hélène"}');
    assert.equal(next.status, 200);
    const answer = (await next.json()) as { body: { value: unknown }; clientAddress: string };
    assert.deepEqual(answer.body.value, { a: 'Hélène' });
    assert.match(answer.clientAddress, /127\.0\.0\.1/);
  });

  test('a handler that throws answers 500 without its message, and the process goes on', async () => {
    // A rejection node:http drops would be unhandled, and Node 20 ends the process on one.
    const answer = await post('/throw', '{}');
    assert.equal(answer.status, 500);
    const text = await answer.text();
    assert.doesNotMatch(text, /hunter2|database/);
    assert.equal((await post('/read', '{}')).status, 200);
  });

  test('a body over the cap is refused without being kept', async () => {
    const answer = await post('/read', JSON.stringify({ pad: 'x'.repeat(5_000_000) }));
    assert.equal(answer.status, 400);
    assert.match(JSON.stringify(await answer.json()), /exceeds 1024 bytes/);
  });

  test('an absolute or //host request line does not change the origin the handler sees', async () => {
    const { port } = new URL(server.url);
    for (const target of ['http://evil.example/read', '//evil.example/read']) {
      const seen = await new Promise<{ origin: string; path: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: target, headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(JSON.parse(text) as { origin: string; path: string }));
        });
        req.on('error', reject);
        req.end('{}');
      });
      assert.deepEqual([seen.origin, seen.path], ['http://host.example', '/read'], target);
    }
  });
});
