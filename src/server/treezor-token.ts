import * as z from 'zod';
import { TreezorRequestError } from './treezor-errors.js';

export interface TreezorTokenOptions {
  /** e.g. https://{tenant}.api.treezor.co; no trailing path. */
  baseUrl: string;
  /** From Treezor's onboarding (an integer); kept on the server with the secret. */
  clientId: string | number;
  clientSecret: string;
  /** e.g. "read_write", or several space-separated; Treezor's default scope when unset. */
  scope?: string;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
  /** A token is replaced this long before it expires, so no call goes out with one about to lapse. */
  refreshMarginSeconds?: number;
}

export interface TreezorTokenProvider {
  /** A valid bearer token: the cached one, or a fresh one when it is about to expire. */
  accessToken(): Promise<string>;
}

// OAuth2's answer (RFC 6749 §5.1). A token that is not a bearer token is not one we can send.
const tokenSchema = z.object({
  access_token: z.string().min(1).max(16_384),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

// A token endpoint that never answers would hold every caller waiting on the shared request.
const TOKEN_TIMEOUT_MS = 10_000;

interface CachedToken {
  value: string;
  refreshAt: number;
  expiresAt: number;
}

/**
 * Treezor's `POST /oauth/token` with the client-credentials grant (its "Authentication" guide):
 * the token lasts an hour, and each request for one counts, so it is cached and replaced shortly
 * before it expires. Concurrent callers share one request; a failed request rejects every caller
 * waiting on it and is not remembered, so the next call tries again. The token lives only in this
 * closure: never logged, never in an error message, never on an object a logger could print.
 */
export function createTreezorTokenProvider(options: TreezorTokenOptions): TreezorTokenProvider {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const marginSeconds = options.refreshMarginSeconds ?? 60;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/oauth/token`;
  let cached: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<CachedToken> {
    // The lifetime counts from before the request: the time on the wire is already spent.
    const requestedAt = now();
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: String(options.clientId), client_secret: options.clientSecret });
    if (options.scope) body.set('scope', options.scope);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        // A redirect would carry the client secret to wherever it points.
        redirect: 'error',
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TreezorRequestError(`Treezor's token endpoint could not be reached (${error instanceof Error ? error.name : 'error'}).`, 0);
    }
    if (!response.ok) {
      // The body may echo the request, credentials included: the status is enough to act on.
      await response.body?.cancel();
      throw new TreezorRequestError(`Treezor refused the token request (${response.status}).`, response.status);
    }
    const parsed = tokenSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      // Field names only: the values may hold the token itself.
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
      throw new TreezorRequestError(`Treezor's token answer has an unexpected shape (${where}).`, 0);
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    // A token living less than twice the margin is kept for half its life, not refetched on every call.
    const marginMs = Math.min(marginSeconds * 1000, lifetimeMs / 2);
    return { value: parsed.data.access_token, refreshAt: requestedAt + lifetimeMs - marginMs, expiresAt: requestedAt + lifetimeMs };
  }

  return {
    accessToken(): Promise<string> {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.value);
      if (!inFlight) {
        inFlight = requestToken().then(
          (token) => {
            cached = token;
            inFlight = undefined;
            return token.value;
          },
          (error: unknown) => {
            // Nothing past its expiry is ever handed out, and the failure is not cached.
            if (cached && now() >= cached.expiresAt) cached = undefined;
            inFlight = undefined;
            throw error;
          },
        );
      }
      return inFlight;
    },
  };
}
