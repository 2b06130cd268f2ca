import { UploadError } from './errors.js';

/**
 * A presigned form says where the identity document goes; a compromised or misconfigured backend
 * could point it anywhere. Before a byte is sent, the destination must be https (plain http only
 * to this machine, for development) and, when the host lists `allowedOrigins`, one of them.
 */
export function assertTrustedDestination(action: string, allowedOrigins?: readonly string[]): void {
  const url = new URL(action);
  const refuse = (why: string) => {
    throw new UploadError('untrusted-destination', `The upload form points to ${url.origin}: ${why}.`, { destination: url.origin });
  };
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) refuse('not https');
  if (allowedOrigins?.length && !allowedOrigins.some((origin) => sameOrigin(origin, url))) refuse('not an allowed upload origin');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function sameOrigin(allowed: string, url: URL): boolean {
  try {
    return new URL(allowed).origin === url.origin;
  } catch {
    return false; // a typo in the host's list allows nothing rather than throwing on every upload
  }
}
