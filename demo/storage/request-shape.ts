import type { S3Refusal } from './post-policy.js';

/**
 * What a request addresses, decoded exactly as s3rver's router will decode it, so that every check
 * judges the bucket and key s3rver then acts on. Pure: no Koa here.
 */

/** Query parameters that make S3 (or s3rver's router) run another operation than the plain one. */
export const SUBRESOURCE_NAMES: ReadonlySet<string> = new Set([
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering',
  'inventory', 'legal-hold', 'lifecycle', 'location', 'logging', 'metadataconfiguration', 'metrics',
  'notification', 'object-lock', 'ownershipcontrols', 'partnumber', 'policy', 'policystatus',
  'publicaccessblock', 'replication', 'requestpayment', 'restore', 'retention', 'select', 'session',
  'tagging', 'torrent', 'uploadid', 'uploads', 'versionid', 'versioning', 'versions', 'website',
]);

export interface RequestShape {
  /** Path segments as sent, decoded one by one (`/` is segment 0's empty string dropped). */
  segments: string[];
  bucket?: string;
  /** Everything after the bucket, as s3rver's `:key*` parameter: decoded, trailing `/` kept. */
  key?: string;
  /** Query pairs in order, decoded as Koa's `ctx.query` decodes them. */
  query: Array<[name: string, value: string]>;
}

/** Undefined when the path or the query string is not valid percent-encoded UTF-8. */
export function parseRequestShape(path: string, querystring: string): RequestShape | undefined {
  if (!path.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    const decoded = routerDecode(raw);
    if (decoded === undefined) return undefined;
    segments.push(decoded);
  }
  const query: RequestShape['query'] = [];
  for (const piece of querystring.split('&')) {
    if (piece === '') continue;
    const at = piece.indexOf('=');
    const name = routerDecode(at < 0 ? piece : piece.slice(0, at));
    const value = routerDecode(at < 0 ? '' : piece.slice(at + 1));
    if (name === undefined || value === undefined) return undefined;
    query.push([name, value]);
  }
  const shape: RequestShape = { segments, query };
  if (segments.length === 1 && segments[0] === '') return shape; // the service root: ListBuckets
  shape.bucket = segments[0]!;
  if (segments.length > 1 && !(segments.length === 2 && segments[1] === '')) shape.key = segments.slice(1).join('/');
  return shape;
}

/** @koa/router and querystring both read `+` as a space before percent-decoding. */
function routerDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    // The router would then use the raw text, `..` and all: never let it.
    return undefined;
  }
}

/** S3's naming rules for new buckets; they also exclude `.`, `..` and anything with a slash. */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name)
  );
}

const MAX_KEY_BYTES = 1024;

/**
 * Why a key cannot be stored, or undefined. S3 accepts `..` and friends, but s3rver maps a key
 * onto file paths: `..` climbs out of the store, `.` and empty segments alias another key.
 */
export function unsafeKey(key: string): S3Refusal | undefined {
  // The key itself stays out of the answer: it may hold characters XML cannot carry.
  const invalid = (message: string): S3Refusal => ({
    status: 400,
    code: 'InvalidArgument',
    message,
    detail: { ArgumentName: 'key' },
  });
  if (key === '') return invalid('User key must have a length greater than 0.');
  const size = new TextEncoder().encode(key).length;
  if (size > MAX_KEY_BYTES) {
    const detail = { Size: size, MaxSizeAllowed: MAX_KEY_BYTES };
    return { status: 400, code: 'KeyTooLongError', message: 'Your key is too long', detail };
  }
  if (/[\u0000-\u001f\u007f]/.test(key)) return invalid('Object key must not contain control characters.');
  if (key.includes('\\')) return invalid('Object key must not contain backslashes.');
  if (key.startsWith('/')) return invalid('Object key must not start with a slash.');
  const segments = key.split('/');
  // A single trailing slash names a "folder" object, as in S3.
  if (segments.at(-1) === '') segments.pop();
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return invalid('Object key must not contain empty, "." or ".." path segments.');
  }
  return undefined;
}

/** Every value of a query parameter, by exact name as s3rver reads it. */
export function queryValues(shape: RequestShape, name: string): string[] {
  return shape.query.filter(([n]) => n === name).map(([, value]) => value);
}

export function subresourcesOf(shape: RequestShape): string[] {
  return shape.query.map(([name]) => name.toLowerCase()).filter((name) => SUBRESOURCE_NAMES.has(name));
}
