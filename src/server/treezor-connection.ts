import { TreezorRequestError } from './treezor-errors.js';

/** Where and how the host reaches Treezor: a tenant's base URL and a token kept on the server. */
export interface TreezorConnection {
  /** e.g. https://{tenant}.api.treezor.co; no trailing path. */
  baseUrl: string;
  /**
   * The Bearer token, or where to get a fresh one: `createTreezorTokenProvider(…).accessToken`
   * (client credentials, cached and refreshed before expiry).
   */
  accessToken: AccessToken;
  fetch?: typeof globalThis.fetch;
  /** How long a call may take before it fails; TREEZOR_TIMEOUT_MS by default. */
  timeoutMs?: number;
}

export type AccessToken = string | (() => Promise<string>);

/** The token to send now. */
export const resolveAccessToken = (token: AccessToken): Promise<string> => (typeof token === 'string' ? Promise.resolve(token) : token());

/**
 * One call to the provider with the token only this server holds. A provider's answer is never
 * followed elsewhere with the token on it, and its error bodies (which may echo request details)
 * are not read: the status is enough to act on.
 */
export async function treezorCall(connection: TreezorConnection, method: string, path: string, body?: unknown): Promise<Response> {
  const doFetch = connection.fetch ?? globalThis.fetch;
  const accessToken = await resolveAccessToken(connection.accessToken);
  return doFetch(`${connection.baseUrl.replace(/\/+$/, '')}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    redirect: 'error',
    // A provider that never answers must not hold a reviewer's request (and its decision lock).
    signal: AbortSignal.timeout(connection.timeoutMs ?? TREEZOR_TIMEOUT_MS),
  });
}

/** How long a call to the provider may take before it fails. */
export const TREEZOR_TIMEOUT_MS = 15_000;

export async function expectOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  await response.body?.cancel();
  throw new TreezorRequestError(`Treezor refused ${what} (${response.status}).`, response.status);
}
