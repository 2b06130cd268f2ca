import type { HostStore } from '../store/host-store.js';
import { errorResponse, jsonResponse, readJson } from '../web/json.js';
import { applyTreezorEvent } from './apply-treezor-event.js';
import { verifyTreezorWebhook, type TreezorWebhook } from './treezor-signature.js';

export interface TreezorReceiverOptions {
  store: HostStore;
  /** The webhook secret the provider signs with; never sent anywhere. */
  secret: string;
  /** Told of each new event once it is committed (the demo's live event log). */
  onEvent?: (webhook: TreezorWebhook) => void;
  now?: () => number;
}

const MAX_BODY = 256 * 1024;

/**
 * `POST` endpoint for the provider's webhooks: the signature is checked before anything else, each
 * `webhook_id` is taken once (delivery is at least once), and so is each signed payload (only the
 * payload is signed: a replay under a new id is a duplicate), and its effect is committed with it. As
 * Treezor's integrity guide asks, a mismatched signature gets a 5xx, so a secret fixed after a
 * rotation lets the provider's retries through, and a 200 means "stored", not "seen".
 */
export function createTreezorWebhookReceiver(options: TreezorReceiverOptions) {
  const now = options.now ?? Date.now;
  return async function receive(request: Request): Promise<Response> {
    if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'Use POST.', { allow: 'POST' });
    const body = await readJson(request, MAX_BODY);
    if (!body.ok) return errorResponse(400, 'invalid-request', body.reason);
    const checked = verifyTreezorWebhook(body.value, options.secret);
    if (!checked.ok) {
      return checked.reason === 'malformed'
        ? errorResponse(400, 'invalid-request', 'Not a Treezor webhook.')
        : errorResponse(500, 'bad-signature', 'The payload signature does not match.');
    }
    const { webhook } = checked;
    const receivedAt = now();
    const isNew = await options.store.receiveWebhook(
      { webhookId: webhook.webhook_id, webhook: webhook.webhook, objectId: webhook.object_id, payload: webhook, signature: webhook.object_payload_signature },
      (trx) => applyTreezorEvent(trx, webhook, receivedAt),
    );
    if (isNew) options.onEvent?.(webhook);
    return jsonResponse(200, { received: true, duplicate: !isNew });
  };
}
