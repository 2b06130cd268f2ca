import * as z from 'zod/mini';

// The answers of `kyc-upload/server`'s handoff routes (src/server/handoff), checked where they
// enter the browser: the host's backend, or whatever stands in its place.

const file = z.object({ name: z.string(), type: z.string(), size: z.number() });

export const handoffStatusSchema = z.object({
  state: z.enum(['waiting', 'claimed', 'completed', 'expired']),
  expiresAt: z.string(),
  documentId: z.optional(z.string()),
  file: z.optional(file),
});
export type HandoffStatus = z.infer<typeof handoffStatusSchema>;

export const startedHandoffSchema = z.object({
  handoffId: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  expiresIn: z.number().check(z.positive()),
  statusUrl: z.string(),
  eventsUrl: z.string(),
});
export type StartedHandoff = z.infer<typeof startedHandoffSchema>;

export const claimedHandoffSchema = z.object({
  session: z.string(),
  slot: z.object({
    documentType: z.union([z.number(), z.string()]),
    kind: z.optional(z.string()),
    subtype: z.optional(z.string()),
    side: z.optional(z.string()),
  }),
  expiresAt: z.string(),
});
export type ClaimedHandoff = z.infer<typeof claimedHandoffSchema>;

/** How a phone's claim or completion was refused, by the server's stable codes. */
export type HandoffRefusal = 'handoff-unknown' | 'handoff-claimed' | 'handoff-expired' | 'unavailable';
