import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { phpJsonEncode } from './php-json.js';

/**
 * Treezor's `object_payload_signature`: base64 HMAC-SHA256, keyed with the webhook secret, of the
 * `object_payload` as PHP's `json_encode` writes it (Treezor's "Enforcing integrity" guide).
 */
export function signTreezorPayload(objectPayload: unknown, secret: string): string {
  return createHmac('sha256', secret).update(phpJsonEncode(objectPayload), 'utf8').digest('base64');
}

/** The envelope every Treezor webhook has; `object_payload` is the event's own shape. */
// The envelope is not signed and its names are stored as text: no control characters (PostgreSQL
// refuses NUL, which would answer 500 and have the sender retry it for ever).
const envelopeText = z.string().regex(/^\P{Cc}*$/u).max(100);
export const treezorWebhookSchema = z.object({
  webhook: envelopeText.min(1),
  webhook_id: envelopeText.min(1),
  object: envelopeText,
  object_id: envelopeText,
  object_payload: z.record(z.string(), z.unknown()),
  object_payload_signature: z.string().max(200),
  webhook_created_at: z.number().optional(),
});

export type TreezorWebhook = z.infer<typeof treezorWebhookSchema>;

export type WebhookCheck = { ok: true; webhook: TreezorWebhook } | { ok: false; reason: 'malformed' | 'bad-signature' };

/**
 * Checks a received webhook before anything trusts it: its shape, then its signature against the
 * secret, compared in constant time. The payload is re-encoded from the parsed JSON, as Treezor's
 * guide does. That rebuilds the signed bytes for what Treezor sends (named keys, string values);
 * it would not for integer-like keys (JavaScript moves them first) or floats written `10.0` (they
 * come back `10`), which then fail as a bad signature.
 */
export function verifyTreezorWebhook(body: unknown, secret: string): WebhookCheck {
  const parsed = treezorWebhookSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  let signature: string;
  try {
    signature = signTreezorPayload(parsed.data.object_payload, secret);
  } catch {
    // JSON.parse takes nesting that JSON.stringify cannot re-encode (it recurses): no provider sends it.
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(signature, 'base64');
  const given = Buffer.from(parsed.data.object_payload_signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  // Base64 decoding is lenient (padding, line breaks): the signature is kept in its one canonical
  // spelling, so a replay cannot pass for another payload by re-encoding it.
  return { ok: true, webhook: { ...parsed.data, object_payload_signature: signature } };
}
