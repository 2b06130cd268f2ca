import { expect } from '@open-wc/testing';
import { resumeKeyEndpoint } from '../../src/core/resume/wrapping-key.js';

const ENDPOINT = '/api/kyc/resume-key';
const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'; // bytes 0..31, base64url

/** `fetch` answering what `answer` says for the duration of a test, with every call recorded. */
function stubFetch(answer: (body: Record<string, unknown>) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit; body: Record<string, unknown> }> = [];
  const real = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ url: String(input), init, body });
    return answer(body);
  };
  return { calls, restore: () => (window.fetch = real) };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('resume key from the host (resumeKeyEndpoint)', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => stub?.restore());

  it('POSTs {} with the element\'s headers and credentials, uncached, and gets a key the page cannot read', async () => {
    stub = stubFetch(() => json(200, { epoch: 20_000, key: KEY }));
    const source = resumeKeyEndpoint({ endpoint: ENDPOINT, credentials: 'include', headers: async () => ({ 'X-CSRF-Token': 'csrf' }) });
    const wrapping = await source();
    expect(wrapping!.epoch).to.equal(20_000);
    expect(wrapping!.key.algorithm.name).to.equal('AES-KW');
    expect(wrapping!.key.extractable).to.equal(false);
    expect(wrapping!.key.usages.slice().sort()).to.deep.equal(['unwrapKey', 'wrapKey']);
    const [call] = stub.calls;
    expect(call!.url).to.equal(ENDPOINT);
    expect(call!.init).to.include({ method: 'POST', credentials: 'include', cache: 'no-store' });
    expect(call!.body).to.deep.equal({});
    const headers = new Headers(call!.init.headers);
    expect(headers.get('content-type')).to.equal('application/json');
    expect(headers.get('x-csrf-token')).to.equal('csrf');

    // It wraps and unwraps: the same bytes imported again open what it wrapped.
    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const wrapped = await crypto.subtle.wrapKey('raw', dataKey, wrapping!.key, 'AES-KW');
    const again = await source();
    await crypto.subtle.unwrapKey('raw', wrapped, again!.key, 'AES-KW', 'AES-GCM', false, ['decrypt']);
  });

  it('asks for a record\'s epoch, and takes no key of another', async () => {
    stub = stubFetch((body) => json(200, { epoch: body.epoch === 19_999 ? 19_999 : 20_000, key: KEY }));
    const source = resumeKeyEndpoint({ endpoint: ENDPOINT });
    expect((await source(19_999))!.epoch).to.equal(19_999);
    expect(stub.calls[0]!.body).to.deep.equal({ epoch: 19_999 });
    expect(stub.calls[0]!.init.credentials).to.equal('same-origin');
    expect(await source(19_998)).to.equal(undefined);
  });

  const failures: Array<[string, () => Response | Promise<Response>]> = [
    ['no endpoint (404)', () => new Response('Not found', { status: 404 })],
    ['signed out (401)', () => json(401, { error: { code: 'unauthenticated' } })],
    ['a closed epoch (410)', () => json(410, { error: { code: 'key-expired' } })],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['an HTML page', () => new Response('<!doctype html><p>Sign in', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['a key of the wrong length', () => json(200, { epoch: 1, key: KEY.slice(0, 22) })],
    ['a key that is not base64url', () => json(200, { epoch: 1, key: `${KEY.slice(0, 42)}+` })],
    ['no epoch', () => json(200, { key: KEY })],
    ['null', () => json(200, null)],
  ];
  for (const [label, answer] of failures) {
    it(`gives no key, without throwing, on ${label}`, async () => {
      stub = stubFetch(answer);
      expect(await resumeKeyEndpoint({ endpoint: ENDPOINT })()).to.equal(undefined);
    });
  }
});
