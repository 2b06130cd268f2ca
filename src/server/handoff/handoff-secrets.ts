import { createHash, randomBytes } from 'node:crypto';

/**
 * The handoff's two bearer secrets (the one-time token in the URL fragment, the phone's session):
 * 256 random bits each, base64url, so they pass through a URL fragment and a header unchanged.
 */
const SECRET_BYTES = 32;
/** What a secret looks like: anything else is refused before it is hashed or looked up. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function isSecretShape(value: unknown): value is string {
  return typeof value === 'string' && SECRET_SHAPE.test(value);
}

/**
 * What the database keeps instead of a secret. Looking a secret up by its hash is also what keeps
 * the lookup free of timing leaks: an index compares hashes, and an attacker who cannot invert
 * SHA-256 learns nothing about a real secret from how far a comparison got.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}
