import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { S3Refusal } from './post-policy.js';

/**
 * AWS Signature Version 4 for S3 requests, in the Authorization header or as a presigned query,
 * checked the way S3 checks it. Pure: the Koa glue lives in storage-guard.ts. s3rver verifies a
 * signature only when one is present, compares it in non-constant time, lets a presigned URL with
 * a non-numeric X-Amz-Expires live forever and still accepts V2; this module is the authority.
 */

export interface RequestToVerify {
  method: string;
  /** Decoded path segments after the leading `/`, as s3rver's router decodes them. */
  segments: readonly string[];
  /** Decoded query pairs, in order. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header name → every value received, in order. */
  headers: ReadonlyMap<string, readonly string[]>;
}

export interface VerifyOptions {
  /** Access key id → secret access key. */
  credentials: ReadonlyMap<string, string>;
  now?: Date;
}

export type Verdict =
  | { ok: true; mechanism: 'header' | 'query'; /** signed: UNSIGNED-PAYLOAD or a SHA-256 in hex */ payloadHash: string }
  | { ok: false; refusal: S3Refusal };

/** The presigned-URL parameters that authenticate a request rather than describe it. */
export const QUERY_AUTH_PARAMETERS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
] as const;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60_000;
const MAX_EXPIRES_SECONDS = 604_800;

const refuse = (status: number, code: string, message: string, detail?: S3Refusal['detail']): Verdict => ({
  ok: false,
  refusal: detail ? { status, code, message, detail } : { status, code, message },
});
const unsupported = () =>
  refuse(400, 'InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');

interface Claim {
  mechanism: 'header' | 'query';
  credential: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
}

export function verifySigV4(request: RequestToVerify, options: VerifyOptions): Verdict {
  const now = options.now ?? new Date();
  const header = (name: string) => request.headers.get(name)?.[0];
  const authorization = header('authorization');
  const queryNames = new Set(request.query.map(([name]) => name));
  const presigned = queryNames.has('X-Amz-Algorithm') || queryNames.has('X-Amz-Signature') || queryNames.has('X-Amz-Credential');

  if (authorization !== undefined && presigned) {
    return refuse(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string ' +
        'parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization' },
    );
  }
  if (queryNames.has('Signature') || queryNames.has('AWSAccessKeyId')) return unsupported();
  if (authorization === undefined && !presigned) return refuse(403, 'AccessDenied', 'Access Denied');

  const claim = authorization !== undefined ? headerClaim(authorization, header, now) : queryClaim(request, now);
  if ('ok' in claim) return claim;

  const scope = claim.credential.split('/');
  // Any region, like the POST policy check: the embedded store stands in for whichever one the
  // environment names, and the region is part of the signing key anyway.
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = scope;
  const malformed = claim.mechanism === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError';
  if (scope.length !== 5 || service !== 's3' || terminator !== 'aws4_request' || !/^\d{8}$/.test(date)) {
    return refuse(400, malformed, 'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed.');
  }
  if (date !== claim.amzDate.slice(0, 8)) {
    return refuse(400, malformed, 'Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  const secret = options.credentials.get(accessKeyId);
  if (secret === undefined) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  if (!claim.signedHeaders.includes('host')) {
    return refuse(400, malformed, 'The host header must be signed.');
  }
  // S3 refuses unsigned x-amz-* headers: one added to a captured request (x-amz-copy-source) would
  // change what it does without changing its signature.
  const unsigned = [...request.headers.keys()].filter((name) => name.startsWith('x-amz-') && !claim.signedHeaders.includes(name));
  if (unsigned.length > 0) {
    return refuse(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: unsigned.join(', '),
    });
  }

  const canonicalRequest = [
    request.method,
    '/' + request.segments.map(encodeRfc3986).join('/'),
    canonicalQuery(request.query, claim.mechanism),
    claim.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers.get(name))}\n`).join(''),
    claim.signedHeaders.join(';'),
    claim.payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, claim.amzDate, `${date}/${region}/s3/aws4_request`, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(secret, date, region)).update(stringToSign).digest();
  const provided = /^[0-9a-f]{64}$/.test(claim.signature) ? Buffer.from(claim.signature, 'hex') : Buffer.alloc(0);
  if (provided.length === expected.length && timingSafeEqual(provided, expected)) {
    return { ok: true, mechanism: claim.mechanism, payloadHash: claim.payloadHash };
  }
  return refuse(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { AWSAccessKeyId: accessKeyId, StringToSign: stringToSign, SignatureProvided: claim.signature },
  );
}

function headerClaim(authorization: string, header: (name: string) => string | undefined, now: Date): Claim | Verdict {
  const [algorithm, ...rest] = authorization.trim().split(' ');
  if (algorithm !== ALGORITHM) return unsupported();
  const components = new Map<string, string>();
  for (const part of rest.join('').split(',')) {
    const at = part.indexOf('=');
    if (at > 0) components.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = components.get('Credential');
  const signedHeaders = components.get('SignedHeaders');
  const signature = components.get('Signature');
  if (components.size !== 3 || !credential || !signedHeaders || !signature) {
    return refuse(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the authorization header requires three components: ' +
        'Credential, SignedHeaders, and Signature.',
    );
  }
  const amzDate = header('x-amz-date') ?? '';
  const time = parseAmzDate(amzDate);
  if (time === undefined) return refuse(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  if (Math.abs(now.getTime() - time) > MAX_SKEW_MS) {
    return refuse(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      RequestTime: amzDate,
      ServerTime: isoSeconds(now),
    });
  }
  const payloadHash = header('x-amz-content-sha256');
  if (payloadHash === undefined) {
    return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const payloadRefusal = checkPayloadHash(payloadHash);
  if (payloadRefusal) return payloadRefusal;
  return { mechanism: 'header', credential, signedHeaders: signedHeaders.split(';'), signature, amzDate, payloadHash };
}

function queryClaim(request: RequestToVerify, now: Date): Claim | Verdict {
  const single = (name: string) => {
    const values = request.query.filter(([n]) => n === name);
    return values.length === 1 ? values[0]![1] : undefined;
  };
  if (single('X-Amz-Algorithm') !== ALGORITHM) {
    return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credential = single('X-Amz-Credential');
  const amzDate = single('X-Amz-Date');
  const expires = single('X-Amz-Expires');
  const signedHeaders = single('X-Amz-SignedHeaders');
  const signature = single('X-Amz-Signature');
  if (!credential || !amzDate || expires === undefined || !signedHeaders || !signature) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, ' +
        'X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const time = parseAmzDate(amzDate);
  if (time === undefined) {
    const message = 'X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"';
    return refuse(400, 'AuthorizationQueryParametersError', message);
  }
  if (!/^\d{1,6}$/.test(expires) || Number(expires) > MAX_EXPIRES_SECONDS) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  if (time - now.getTime() > MAX_SKEW_MS) return refuse(403, 'AccessDenied', 'Request is not valid yet');
  const expiry = time + Number(expires) * 1000;
  if (now.getTime() > expiry) {
    return refuse(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: isoSeconds(new Date(expiry)),
      ServerTime: isoSeconds(now),
    });
  }
  // The SDK's presigner puts the payload hash in the query; a header works too; else unsigned.
  const payloadHash = single('X-Amz-Content-Sha256') ?? request.headers.get('x-amz-content-sha256')?.[0] ?? 'UNSIGNED-PAYLOAD';
  const payloadRefusal = checkPayloadHash(payloadHash);
  if (payloadRefusal) return payloadRefusal;
  return { mechanism: 'query', credential, signedHeaders: signedHeaders.split(';'), signature, amzDate, payloadHash };
}

// s3rver decodes aws-chunked bodies without checking their chunk signatures: accept only what it
// handles soundly. The guard compares a hex hash with the body.
function checkPayloadHash(value: string): Verdict | undefined {
  if (value === 'UNSIGNED-PAYLOAD' || /^[0-9a-f]{64}$/.test(value)) return undefined;
  return refuse(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.', {
    ArgumentName: 'x-amz-content-sha256',
    ArgumentValue: value,
  });
}

function canonicalQuery(query: RequestToVerify['query'], mechanism: Claim['mechanism']): string {
  return query
    .filter(([name]) => mechanism === 'header' || name !== 'X-Amz-Signature')
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function canonicalHeaderValue(values: readonly string[] | undefined): string {
  return (values ?? []).map((value) => value.trim().replace(/\s+/g, ' ')).join(',');
}

export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(time).getUTCDate() === d ? time : undefined;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function signingKey(secret: string, date: string, region: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
}
