import { withDeadline } from '../deadline.js';
import type { HeadersProvider } from '../presign.js';
import { RESUME_KEY_BYTES, type ResumeKeyRequest } from './resume-key-format.js';

/** A wrapping key as the store uses it: AES-KW, not extractable, with the epoch it belongs to. */
export interface WrappingKey {
  epoch: number;
  key: CryptoKey;
}

/**
 * Where the store gets a wrapping key: without an epoch, the one to save with; with one, that
 * epoch's key to resume a record. Undefined when there is none to be had (no endpoint, offline,
 * signed out, the epoch closed): the store then neither saves nor resumes.
 */
export type WrappingKeySource = (epoch?: number) => Promise<WrappingKey | undefined>;

export interface ResumeKeyEndpointOptions {
  /** The host's resume-key endpoint (`createResumeKeyHandler` of `kyc-upload/server`). */
  endpoint: string;
  credentials?: RequestCredentials;
  /** The same headers as the element's presign call (a CSRF token, say). */
  headers?: HeadersProvider;
  timeoutMs?: number;
}

const KEY_TIMEOUT_MS = 10_000;

/**
 * The wrapping key from the host: POST `{}` or `{ epoch }` → `{ epoch, key }`. The raw bytes are
 * imported at once as a key the page cannot read back, then overwritten; the caller uses the key
 * for one wrap or unwrap and lets it go. Any failure is "no key": never thrown, never logged.
 */
export function resumeKeyEndpoint(options: ResumeKeyEndpointOptions): WrappingKeySource {
  return async (epoch) => {
    const deadline = withDeadline(undefined, options.timeoutMs ?? KEY_TIMEOUT_MS);
    try {
      const headers = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
      headers.set('Content-Type', 'application/json');
      headers.set('Accept', 'application/json');
      const body: ResumeKeyRequest = epoch === undefined ? {} : { epoch };
      const response = await fetch(options.endpoint, {
        method: 'POST',
        credentials: options.credentials ?? 'same-origin',
        headers,
        body: JSON.stringify(body),
        cache: 'no-store',
        signal: deadline.signal,
      });
      if (!response.ok) {
        await response.body?.cancel();
        return undefined;
      }
      const answer: unknown = await response.json();
      if (typeof answer !== 'object' || answer === null) return undefined;
      const { epoch: given, key } = answer as Record<string, unknown>;
      if (typeof given !== 'number' || !Number.isSafeInteger(given) || (epoch !== undefined && given !== epoch)) return undefined;
      if (typeof key !== 'string') return undefined;
      return { epoch: given, key: await importWrappingKey(key) };
    } catch {
      return undefined;
    } finally {
      deadline.clear();
    }
  };
}

/** A base64url wrapping key as a non-extractable AES-KW key; throws on a malformed one. */
export async function importWrappingKey(base64url: string): Promise<CryptoKey> {
  const raw = fromBase64Url(base64url);
  try {
    if (raw.byteLength !== RESUME_KEY_BYTES) throw new Error('The wrapping key has the wrong length.');
    return await crypto.subtle.importKey('raw', raw, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  } finally {
    // Best effort: the response's own copies are out of our reach, this one is not.
    raw.fill(0);
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('The wrapping key is not base64url.');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
