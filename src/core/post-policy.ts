import { postPolicySchema } from './presign-schema.js';

/** What a signed S3 POST policy allows, reduced to what the browser can check before posting. */
export interface PostPolicy {
  /** Epoch milliseconds after which S3 refuses the form. */
  expiresAt: number;
  minSize?: number;
  maxSize?: number;
  /** Content-Type rule: an exact value, or a prefix (`''` allows anything). */
  contentType?: { exact: string } | { prefix: string };
}

/**
 * Decodes the base64 `Policy` form field. Returns undefined when the field is absent; throws when
 * it is present but unreadable, because then the form cannot be trusted either.
 */
export function readPostPolicy(fields: Record<string, string>): PostPolicy | undefined {
  const encoded = fieldValue(fields, 'policy');
  if (encoded === undefined) return undefined;
  const document = postPolicySchema.parse(JSON.parse(atob(encoded)));
  const policy: PostPolicy = { expiresAt: Date.parse(document.expiration) };
  for (const condition of document.conditions) {
    if (Array.isArray(condition)) {
      const [operator, a, b] = condition;
      if (operator === 'content-length-range') {
        policy.minSize = Number(a);
        policy.maxSize = Number(b);
      } else if (String(a).toLowerCase() === '$content-type') {
        policy.contentType = operator.toLowerCase() === 'eq' ? { exact: String(b) } : { prefix: String(b) };
      }
    } else {
      for (const [name, value] of Object.entries(condition)) {
        if (name.toLowerCase() === 'content-type') policy.contentType = { exact: value };
      }
    }
  }
  return policy;
}

/** Whether the policy lets the form declare this Content-Type. */
export function policyAllowsType(policy: PostPolicy | undefined, type: string): boolean {
  const rule = policy?.contentType;
  if (!rule) return true;
  return 'exact' in rule ? rule.exact === type : type.startsWith(rule.prefix);
}

/** S3 form field names are case-insensitive. */
export function fieldName(fields: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.keys(fields).find((key) => key.toLowerCase() === wanted);
}

export function fieldValue(fields: Record<string, string>, name: string): string | undefined {
  const key = fieldName(fields, name);
  return key === undefined ? undefined : fields[key];
}
