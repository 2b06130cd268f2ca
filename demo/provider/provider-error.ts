/**
 * An answer other than success, in Treezor's error shape `{ errors: [{ code, message }] }`.
 * Handlers throw it; the route dispatch turns it into the response.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ProviderError(404, 'not_found', `No such ${what}.`);

/** What a handler answers: a JSON body, or none (204). */
export interface Reply {
  status: number;
  body?: unknown;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
