import * as z from 'zod/mini';

/**
 * What the host backend may answer, checked at the trust boundary: the rest of the core works
 * with the normalized `PresignedForm` only.
 */

const documentId = z.string().check(z.minLength(1), z.maxLength(256), z.regex(/^[^\u0000-\u001f]+$/));
const formFields = z.record(z.string(), z.string());
// Only http(s): a `javascript:` or `data:` action is a URL, but never a storage.
const httpUrl = z.url({ protocol: /^https?$/ });
const expireIn = z.number().check(z.positive(), z.lte(24 * 3600));

/**
 * Treezor's pre-signed form: `{ documentId, form: { action, method, enctype }, formFields, expireIn }`.
 * The server checks Treezor's own answer by it too, so what it hands on, the widget takes.
 */
export const treezorFormSchema = z.object({
  documentId,
  form: z.object({
    action: httpUrl,
    method: z.optional(z.string().check(z.regex(/^post$/i))),
    enctype: z.optional(z.string().check(z.regex(/^multipart\/form-data$/i))),
  }),
  formFields,
  expireIn,
});

/** AWS `createPresignedPost`'s `{ url, fields }`, plus the host's `documentId`. */
export const awsFormSchema = z.object({
  documentId,
  url: httpUrl,
  fields: formFields,
  expireIn: z.optional(expireIn),
});

export const presignAnswerSchema = z.union([treezorFormSchema, awsFormSchema]);
export type PresignAnswer = z.infer<typeof presignAnswerSchema>;

/** The decoded S3 POST policy: only the parts the browser must respect are typed. */
export const postPolicySchema = z.object({
  expiration: z.iso.datetime({ offset: true }),
  conditions: z.array(
    z.union([
      z.tuple([z.literal('content-length-range'), z.number(), z.number()]),
      z.tuple([z.string(), z.string(), z.string()]),
      z.record(z.string(), z.string()),
    ]),
  ),
});
export type PostPolicyDocument = z.infer<typeof postPolicySchema>;
