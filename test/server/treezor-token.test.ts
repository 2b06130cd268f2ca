// The Treezor token the server holds: client credentials posted form-encoded to /oauth/token, the
// token cached and replaced before it expires (a clock the test moves), one request for any number
// of concurrent callers, a failed request rejects and is not remembered, and the token and secret
// never reach a log or an error message. Against a real HTTP server standing for Treezor's.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TreezorRequestError } from '../../src/server/treezor-client.js';
import { createTreezorTokenProvider, type TreezorTokenOptions } from '../../src/server/treezor-token.js';

const CLIENT_ID = '1234';
const SECRET = 'client-secret-never-logged';

interface Seen {
  method: string;
  path: string;
  contentType: string;
  form: URLSearchParams;
}

/** What the next token request gets: a status and a body, after an optional delay. */
type Answer = { status: number; body: unknown; delayMs?: number; headers?: Record<string, string> };

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answer: (n: number) => Answer;
let issued: number;

const token = (lifetime = 3600): Answer => ({ status: 200, body: { token_type: 'Bearer', expires_in: lifetime, access_token: `token-${++issued}` } });

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.url === '/elsewhere') {
    seen.push({ method: req.method!, path: req.url, contentType: '', form: new URLSearchParams() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'stolen' }));
    return;
  }
  seen.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'] ?? '', form: new URLSearchParams(Buffer.concat(chunks).toString()) });
  const { status, body, delayMs = 0, headers = {} } = answer(seen.length);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

before(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  issued = 0;
  answer = () => token();
});

/** A provider on a clock the test moves, in seconds from 0. */
function provider(options: Partial<TreezorTokenOptions> = {}) {
  const clock = { seconds: 0 };
  const tokens = createTreezorTokenProvider({ baseUrl, clientId: CLIENT_ID, clientSecret: SECRET, now: () => clock.seconds * 1000, ...options });
  return { tokens, clock };
}

describe('createTreezorTokenProvider', () => {
  test('posts the client-credentials grant, form-encoded, to {baseUrl}/oauth/token', async () => {
    const { tokens } = provider({ baseUrl: `${baseUrl}/`, scope: 'read_write admin' });
    assert.equal(await tokens.accessToken(), 'token-1');
    assert.equal(seen.length, 1);
    const [request] = seen;
    assert.equal(request!.method, 'POST');
    assert.equal(request!.path, '/oauth/token');
    assert.match(request!.contentType, /^application\/x-www-form-urlencoded\b/);
    assert.deepEqual(Object.fromEntries(request!.form), { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET, scope: 'read_write admin' });
  });

  test('sends no scope when none is given, and a numeric client id as digits', async () => {
    const { tokens } = provider({ clientId: 5678 });
    await tokens.accessToken();
    assert.deepEqual(Object.fromEntries(seen[0]!.form), { grant_type: 'client_credentials', client_id: '5678', client_secret: SECRET });
  });

  test('caches the token until expires_in minus the margin, then fetches a new one', async () => {
    const { tokens, clock } = provider({ refreshMarginSeconds: 60 });
    assert.equal(await tokens.accessToken(), 'token-1');
    clock.seconds = 3600 - 60 - 1;
    assert.equal(await tokens.accessToken(), 'token-1');
    assert.equal(seen.length, 1);
    clock.seconds = 3600 - 60;
    assert.equal(await tokens.accessToken(), 'token-2');
    assert.equal(seen.length, 2);
    // The new token's lifetime counts from when it was asked for.
    clock.seconds = 3540 + 3539;
    assert.equal(await tokens.accessToken(), 'token-2');
    assert.equal(seen.length, 2);
  });

  test('a token living less than twice the margin is kept for half its life', async () => {
    answer = () => token(60);
    const { tokens, clock } = provider({ refreshMarginSeconds: 60 });
    await tokens.accessToken();
    clock.seconds = 29;
    assert.equal(await tokens.accessToken(), 'token-1');
    clock.seconds = 30;
    assert.equal(await tokens.accessToken(), 'token-2');
  });

  test('concurrent callers share one request, and get the same token', async () => {
    answer = () => ({ ...token(), delayMs: 100 });
    const { tokens, clock } = provider();
    const first = await Promise.all(Array.from({ length: 20 }, () => tokens.accessToken()));
    assert.deepEqual(new Set(first), new Set(['token-1']));
    assert.equal(seen.length, 1);
    // And again at refresh time: one request for all of them.
    clock.seconds = 3600;
    const second = await Promise.all(Array.from({ length: 20 }, () => tokens.accessToken()));
    assert.deepEqual(new Set(second), new Set(['token-2']));
    assert.equal(seen.length, 2);
  });

  test('a failed refresh rejects every waiting caller, is not cached, and no expired token is handed out', async () => {
    const { tokens, clock } = provider();
    await tokens.accessToken();
    answer = () => ({ status: 503, body: { error: 'unavailable' }, delayMs: 20 });
    clock.seconds = 3600 + 1;
    const results = await Promise.allSettled([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
    assert.equal(seen.length, 2);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.ok(result.reason instanceof TreezorRequestError);
      assert.equal(result.reason.status, 503);
    }
    // Still failing: each call tries again rather than serving the expired token.
    await assert.rejects(tokens.accessToken(), TreezorRequestError);
    assert.equal(seen.length, 3);
    answer = () => token();
    assert.equal(await tokens.accessToken(), 'token-2');
  });

  test('a refresh failing inside the margin rejects too, and the next call tries again', async () => {
    const { tokens, clock } = provider();
    await tokens.accessToken();
    answer = () => ({ status: 500, body: {} });
    clock.seconds = 3590;
    await assert.rejects(tokens.accessToken(), { name: 'TreezorRequestError', status: 500 });
    answer = () => token();
    assert.equal(await tokens.accessToken(), 'token-2');
  });

  for (const [what, body] of [
    ['no access_token', { token_type: 'Bearer', expires_in: 3600 }],
    ['an empty access_token', { token_type: 'Bearer', expires_in: 3600, access_token: '' }],
    ['a token type other than Bearer', { token_type: 'mac', expires_in: 3600, access_token: 'x' }],
    ['no expires_in', { token_type: 'Bearer', access_token: 'x' }],
    ['a negative expires_in', { token_type: 'Bearer', expires_in: -1, access_token: 'x' }],
    ['invalid JSON', '{"access_token": '],
  ] as const) {
    test(`an answer with ${what} rejects (status 0)`, async () => {
      answer = () => ({ status: 200, body });
      const { tokens } = provider();
      await assert.rejects(tokens.accessToken(), { name: 'TreezorRequestError', status: 0 });
    });
  }

  test('a redirect is not followed: the secret goes nowhere else', async () => {
    answer = () => ({ status: 307, body: {}, headers: { location: '/elsewhere' } });
    const { tokens } = provider();
    await assert.rejects(tokens.accessToken(), TreezorRequestError);
    assert.deepEqual(seen.map((s) => s.path), ['/oauth/token']);
  });

  test('an unreachable endpoint rejects with a TreezorRequestError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const tokens = createTreezorTokenProvider({ baseUrl: `http://127.0.0.1:${port}`, clientId: CLIENT_ID, clientSecret: SECRET });
    await assert.rejects(tokens.accessToken(), { name: 'TreezorRequestError', status: 0 });
  });

  test('neither the token nor the secret is logged, printed or put in an error message', async (t) => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      t.mock.method(console, method, (...args: unknown[]) => logged.push(inspect(args)));
    }
    const { tokens, clock } = provider();
    const value = await tokens.accessToken();
    const errors: unknown[] = [];
    // A bad shape whose values hold the token, a body that is not JSON, a refusal echoing the secret.
    const failures: Answer[] = [
      { status: 200, body: { token_type: 'Bearer', expires_in: 'soon', access_token: value } },
      { status: 200, body: 'not json' },
      { status: 400, body: { error: 'invalid_client', client_secret: SECRET } },
    ];
    for (const failure of failures) {
      answer = () => failure;
      clock.seconds += 3600;
      errors.push(await tokens.accessToken().catch((error: unknown) => error));
    }
    const printed = [...logged, inspect(tokens, { showHidden: true, depth: 5 }), JSON.stringify(tokens), ...errors.map((e) => `${inspect(e)} ${String(e)}`)].join('\n');
    assert.equal(errors.length, 3);
    assert.ok(errors.every((e) => e instanceof TreezorRequestError));
    assert.ok(!printed.includes(value), 'the token was printed');
    assert.ok(!printed.includes(SECRET), 'the secret was printed');
  });
});
