import { z } from 'zod';
import { isIso3166Alpha2 } from './iso-3166-alpha2.js';

/** Upvest refuses a KYC check confirmed longer ago than this. */
export const UPVEST_MAX_CHECK_AGE_MONTHS = 24;
/** A host clock a little ahead of Upvest's is not a check from the future. */
const CLOCK_SKEW_MS = 60_000;

const country = z.string().refine(isIso3166Alpha2, 'Must be an ISO 3166-1 alpha-2 code, e.g. "DE".');
// Upvest: "Must not be a P.O. box or c/o address" (Postfach is the German P.O. box).
const NOT_A_DELIVERY_ADDRESS = /\b(p\.?\s*o\.?\s*box|postfach|c\/o|care\s+of)\b/i;
const addressLine = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((line) => !NOT_A_DELIVERY_ADDRESS.test(line), 'Must not be a P.O. box or c/o address.');

/** Upvest's `Address`, as the host confirmed it. */
export const upvestAddressSchema = z.strictObject({
  address_line1: addressLine,
  address_line2: addressLine.optional(),
  postcode: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100).optional(),
  country,
});

/**
 * What only the host knows about a KYC check (the document, the person, how they were
 * identified), checked against Upvest's rules before any storage is touched. `now` fixes the
 * 24-month window; tests pass their own.
 */
export function upvestKycFactsSchema(now: Date) {
  const oldest = new Date(now);
  oldest.setUTCMonth(oldest.getUTCMonth() - UPVEST_MAX_CHECK_AGE_MONTHS);
  return z
    .strictObject({
      /** RFC 3339 in UTC; the time of the call when left out. */
      check_confirmed_at: z.iso
        .datetime()
        .refine((at) => Date.parse(at) >= oldest.getTime(), `Must not be older than ${UPVEST_MAX_CHECK_AGE_MONTHS} months.`)
        .refine((at) => Date.parse(at) <= now.getTime() + CLOCK_SKEW_MS, 'Must not be in the future.')
        .optional(),
      /** Upvest's enumeration (ID_CARD, PASSPORT…): kept open, Upvest's API is the authority on its values. */
      document_type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'An upper-case code such as ID_CARD.'),
      document_expiration_date: z.iso.date(),
      nationality: country,
      provider: z.string().trim().min(1).max(100),
      method: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'An upper-case code such as VIDEO_ID.'),
      confirmed_address: upvestAddressSchema.optional(),
      kyc_update: z.boolean().optional(),
    })
    .refine(
      // A document already expired when the person was identified is no evidence of who they are.
      (facts) => facts.document_expiration_date >= (facts.check_confirmed_at ?? now.toISOString()).slice(0, 10),
      { path: ['document_expiration_date'], message: 'The document had expired when the check was confirmed.' },
    );
}

export type UpvestKycFacts = z.input<ReturnType<typeof upvestKycFactsSchema>>;
export type UpvestAddress = z.output<typeof upvestAddressSchema>;
