import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { phpJsonEncode } from '../../src/server/webhooks/php-json.js';
import { signTreezorPayload, verifyTreezorWebhook } from '../../src/server/webhooks/treezor-signature.js';

const SECRET = 'webhook-secret';
const PAYLOAD = { documents: [{ userFirstname: 'Hélène', fileName: 'scans/1012512.png', note: '😀 ok', totalRows: 1 }] };
// What PHP's json_encode writes for PAYLOAD (slashes escaped, non-ASCII as lower-case \u, the emoji
// as its surrogate pair), and its HMAC-SHA256 computed outside this code base:
//   printf '%s' "$PHP_JSON" | openssl dgst -sha256 -hmac webhook-secret -binary | base64
const PHP_JSON = String.raw`{"documents":[{"userFirstname":"H\u00e9l\u00e8ne","fileName":"scans\/1012512.png","note":"\ud83d\ude00 ok","totalRows":1}]}`;
const SIGNATURE = 'ptTJt6t652RsOfB/ksDYZV72e2wcnlTP6PAJgRvzOfg=';

const envelope = (overrides: Record<string, unknown> = {}) => ({
  webhook: 'document.create',
  webhook_id: 'ca1a6f2f-7d2f-46b8-a1dc-b76e5e656ee6',
  object: 'document',
  object_id: '1012512',
  object_payload: PAYLOAD,
  object_payload_signature: SIGNATURE,
  webhook_created_at: 17212196888641,
  ...overrides,
});

describe("Treezor's webhook signature", () => {
  test('encodes the payload as PHP does', () => {
    assert.equal(phpJsonEncode(PAYLOAD), PHP_JSON);
    assert.equal(phpJsonEncode('a\u007fb'), '"a\u007fb"', 'DEL stays as it is, as in PHP');
  });

  test('signs with the exact expected string', () => {
    assert.equal(signTreezorPayload(PAYLOAD, SECRET), SIGNATURE);
  });

  test('verifies a webhook as received (parsed from the JSON body)', () => {
    const received = JSON.parse(JSON.stringify(envelope())) as unknown;
    const check = verifyTreezorWebhook(received, SECRET);
    assert.equal(check.ok, true);
    if (check.ok) assert.equal(check.webhook.object_payload['documents'] !== undefined, true);
  });

  test('refuses a tampered payload', () => {
    const tampered = envelope({ object_payload: { documents: [{ ...PAYLOAD.documents[0], userFirstname: 'Helene' }] } });
    assert.deepEqual(verifyTreezorWebhook(tampered, SECRET), { ok: false, reason: 'bad-signature' });
    const moved = envelope({ object_payload: { documents: [{ fileName: 'scans/1012512.png', userFirstname: 'Hélène', note: '😀 ok', totalRows: 1 }] } });
    assert.deepEqual(verifyTreezorWebhook(moved, SECRET), { ok: false, reason: 'bad-signature' }, 'key order is part of what is signed');
  });

  test('refuses a wrong secret, a truncated signature and a malformed envelope', () => {
    assert.deepEqual(verifyTreezorWebhook(envelope(), 'another-secret'), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyTreezorWebhook(envelope({ object_payload_signature: SIGNATURE.slice(0, 20) }), SECRET), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyTreezorWebhook(envelope({ object_payload_signature: '' }), SECRET), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyTreezorWebhook({ ...envelope(), webhook_id: undefined }, SECRET), { ok: false, reason: 'malformed' });
    assert.deepEqual(verifyTreezorWebhook('not an object', SECRET), { ok: false, reason: 'malformed' });
  });
});
