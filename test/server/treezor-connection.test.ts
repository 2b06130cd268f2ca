// Calls to the provider: a provider that never answers fails the call in bounded time (it would
// otherwise hold a reviewer's request, and its decision lock, for ever), and the token is fetched
// fresh for each call when the host gives a token provider.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { treezorCall } from '../../src/server/treezor-connection.js';
import { getTreezorKyc } from '../../src/server/treezor-users.js';

describe('treezorCall', () => {
  let server: Server;
  let baseUrl: string;
  const tokens: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      tokens.push(req.headers.authorization ?? '');
      if (req.url?.startsWith('/hang')) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ userId: 1, kycStatus: 'NONE', codeStatus: '110001' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('a provider that never answers fails the call once the timeout passes', async () => {
    const started = Date.now();
    await assert.rejects(treezorCall({ baseUrl, accessToken: 't', timeoutMs: 300 }, 'GET', '/hang'), { name: 'TimeoutError' });
    assert.ok(Date.now() - started < 5_000);
  });

  test('a token provider is asked for each call', async () => {
    let issued = 0;
    const connection = { baseUrl, accessToken: async () => `fresh-${++issued}` };
    await getTreezorKyc(connection, '1');
    await getTreezorKyc(connection, '1');
    assert.deepEqual(tokens.slice(-2), ['Bearer fresh-1', 'Bearer fresh-2']);
  });
});
