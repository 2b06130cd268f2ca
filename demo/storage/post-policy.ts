import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './sigv4.js';

/**
 * Judges a browser-based POST upload the way S3 does, so that the embedded storage refuses what
 * production S3 would refuse. Pure: the Koa glue lives in post-policy-check.ts.
 */

export interface PostedForm {
  /** The parts before the first `file` part, in order, names as sent. S3 ignores what follows. */
  fields: ReadonlyArray<readonly [name: string, value: string]>;
  file?: { size: number };
}

export interface S3Refusal {
  status: number;
  code: string;
  message: string;
  detail?: Record<string, string | number>;
}

export interface PolicyCheckContext {
  /** The bucket named by the URL: the policy's `bucket` condition is checked against it. */
  bucket: string;
  /** Access key id → secret access key. */
  credentials: ReadonlyMap<string, string>;
  now?: Date;
}

type Condition =
  | { kind: 'match'; op: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'range'; min: number; max: number };

// Never checked against conditions, as in S3's documentation of POST policies.
const EXEMPT_FIELDS = new Set(['file', 'policy', 'x-amz-signature']);

const refuse = (status: number, code: string, message: string, detail?: S3Refusal['detail']): S3Refusal =>
  detail ? { status, code, message, detail } : { status, code, message };

const denied = (reason: string) => refuse(403, 'AccessDenied', `Invalid according to Policy: ${reason}`);

const invalidPolicy = (reason: string) => refuse(400, 'InvalidPolicyDocument', `Invalid Policy: ${reason}`);

export function checkPostPolicy(form: PostedForm, context: PolicyCheckContext): S3Refusal | undefined {
  const verdict = checkPostFields(form.fields, form.file !== undefined, context);
  if ('refusal' in verdict) return verdict.refusal;
  return checkFileSize(form.file!.size, verdict.sizeRanges);
}

/** The size bounds a valid policy sets (content-length-range), for the file still to come. */
export interface SizeRange {
  min: number;
  max: number;
}

/**
 * Everything S3 checks before the file's bytes: the fields, the signature, the expiry, the
 * conditions. The fields precede the file, so a forged form is refused before its file is read.
 */
export function checkPostFields(
  formFields: PostedForm['fields'],
  hasFile: boolean,
  context: PolicyCheckContext,
): { refusal: S3Refusal } | { sizeRanges: SizeRange[] } {
  const refusal = judgeFields(formFields, hasFile, context);
  return Array.isArray(refusal) ? { sizeRanges: refusal } : { refusal };
}

function judgeFields(
  formFields: PostedForm['fields'],
  hasFile: boolean,
  context: PolicyCheckContext,
): S3Refusal | SizeRange[] {
  const fields = new Map<string, { name: string; value: string }>();
  for (const [name, value] of formFields) {
    const lower = name.toLowerCase();
    // s3rver keeps the last duplicate while this check would read the first: refuse rather than let
    // a second `key` slip past the policy.
    if (fields.has(lower)) {
      return refuse(400, 'InvalidArgument', `Bucket POST must not contain more than one field named '${name}'.`, {
        ArgumentName: name,
      });
    }
    fields.set(lower, { name, value });
  }
  const field = (name: string) => fields.get(name)?.value;

  if (!hasFile) {
    return refuse(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
      ArgumentName: 'file',
      ArgumentValue: 0,
    });
  }
  if (field('key') === undefined) {
    return refuse(
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      { ArgumentName: 'key', ArgumentValue: '' },
    );
  }
  const policy = field('policy');
  // Without a policy the POST is anonymous, and the demo bucket is private.
  if (policy === undefined) return refuse(403, 'AccessDenied', 'Access Denied');

  const signatureRefusal = checkSignature(policy, field, context.credentials);
  if (signatureRefusal) return signatureRefusal;

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || !Array.isArray(document.conditions)) {
    return invalidPolicy('Invalid JSON.');
  }
  if (typeof document.expiration !== 'string') return invalidPolicy('Policy missing expiration.');
  const expiration = Date.parse(document.expiration);
  if (Number.isNaN(expiration)) return invalidPolicy(`Invalid 'expiration' value: '${document.expiration}'`);
  if (expiration <= (context.now ?? new Date()).getTime()) return denied('Policy expired.');

  const conditions: Condition[] = [];
  for (const raw of document.conditions) {
    const parsed = parseCondition(raw);
    if (!parsed) return invalidPolicy(`Invalid Simple-Condition: ${JSON.stringify(raw)}`);
    conditions.push(...parsed);
  }

  const covered = new Set<string>();
  for (const condition of conditions) {
    if (condition.kind !== 'match') continue;
    covered.add(condition.field);
    const actual = condition.field === 'bucket' ? context.bucket : field(condition.field);
    const holds =
      actual !== undefined && (condition.op === 'eq' ? actual === condition.value : actual.startsWith(condition.value));
    if (!holds) return denied(`Policy Condition failed: ${condition.text}`);
  }

  for (const [lower, { name }] of fields) {
    if (EXEMPT_FIELDS.has(lower) || lower.startsWith('x-ignore-') || covered.has(lower)) continue;
    return denied(`Extra input fields: ${name}`);
  }

  return conditions.flatMap((condition) => (condition.kind === 'range' ? [{ min: condition.min, max: condition.max }] : []));
}

/** The content-length-range conditions, judged once the file's size is known. */
export function checkFileSize(size: number, ranges: readonly SizeRange[]): S3Refusal | undefined {
  for (const condition of ranges) {
    if (size > condition.max) {
      return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
        ProposedSize: size,
        MaxSizeAllowed: condition.max,
      });
    }
    if (size < condition.min) {
      return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
        ProposedSize: size,
        MinSizeAllowed: condition.min,
      });
    }
  }
  return undefined;
}

function checkSignature(
  policy: string,
  field: (name: string) => string | undefined,
  credentials: ReadonlyMap<string, string>,
): S3Refusal | undefined {
  const algorithm = field('x-amz-algorithm');
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return refuse(400, 'InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', {
      ArgumentName: 'X-Amz-Algorithm',
      ArgumentValue: algorithm ?? '',
    });
  }
  const credential = field('x-amz-credential') ?? '';
  const scope = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(credential);
  if (!scope) {
    return refuse(400, 'InvalidArgument', 'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed.', {
      ArgumentName: 'X-Amz-Credential',
      ArgumentValue: credential,
    });
  }
  const [, accessKeyId, date, region] = scope as unknown as [string, string, string, string];
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  const expected = Buffer.from(postSignature(secret, date, region, policy), 'hex');
  const provided = field('x-amz-signature') ?? '';
  const providedBytes = Buffer.from(provided, 'hex');
  const matches =
    /^[0-9a-f]{64}$/i.test(provided) &&
    providedBytes.length === expected.length &&
    timingSafeEqual(providedBytes, expected);
  if (matches) return undefined;
  return refuse(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { AWSAccessKeyId: accessKeyId, StringToSign: policy, SignatureProvided: provided },
  );
}

/** SigV4 for POST: the string to sign is the base64 policy itself. */
export function postSignature(secret: string, date: string, region: string, base64Policy: string): string {
  return createHmac('sha256', signingKey(secret, date, region)).update(base64Policy).digest('hex');
}

function parseCondition(raw: unknown): Condition[] | undefined {
  if (Array.isArray(raw)) {
    const [op, first, second] = raw as unknown[];
    if (raw.length !== 3 || typeof op !== 'string') return undefined;
    const operator = op.toLowerCase();
    if (operator === 'content-length-range') {
      const ok = Number.isInteger(first) && Number.isInteger(second) && (first as number) <= (second as number);
      return ok ? [{ kind: 'range', min: first as number, max: second as number }] : undefined;
    }
    if ((operator !== 'eq' && operator !== 'starts-with') || typeof first !== 'string' || !first.startsWith('$')) {
      return undefined;
    }
    if (typeof second !== 'string') return undefined;
    return [matchCondition(operator, first.slice(1), second)];
  }
  if (typeof raw === 'object' && raw !== null) {
    const entries = Object.entries(raw);
    if (entries.length === 0 || entries.some(([, value]) => typeof value !== 'string')) return undefined;
    return entries.map(([name, value]) => matchCondition('eq', name, value as string));
  }
  return undefined;
}

function matchCondition(op: 'eq' | 'starts-with', name: string, value: string): Condition {
  // S3 quotes the failed condition back in its array form, whichever form the policy used.
  const text = `[${[op, `$${name}`, value].map((part) => JSON.stringify(part)).join(', ')}]`;
  return { kind: 'match', op, field: name.toLowerCase(), value, text };
}
