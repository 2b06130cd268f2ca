import { type ClaimedHandoff, claimedHandoffSchema } from '../../core/handoff/handoff-schema.js';

// The phone's claimed handoff, kept in this tab's sessionStorage so that a reload continues it:
// the token leaves the address bar once claimed, and can be claimed once anyway. Kept: the session
// credential, its slot and its expiry, never the token. Per tab, gone when the tab closes, and
// forgotten as soon as the handoff completes or ends. Storage that is off or full keeps nothing:
// a reload then needs a new code, as before.

const keyOf = (endpoint: string) => `kyc-upload-handoff ${new URL(endpoint, location.href).href}`;

export function keepPhoneSession(endpoint: string, { session, slot, expiresAt }: ClaimedHandoff): void {
  try {
    sessionStorage.setItem(keyOf(endpoint), JSON.stringify({ session, slot, expiresAt }));
  } catch {
    // Not kept: see above.
  }
}

/** The session this tab claimed for the handoff routes at `endpoint`, if it kept one. */
export function keptPhoneSession(endpoint: string): ClaimedHandoff | undefined {
  let text: string | null;
  try {
    text = sessionStorage.getItem(keyOf(endpoint));
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  let kept: ClaimedHandoff | undefined;
  try {
    const result = claimedHandoffSchema.safeParse(JSON.parse(text));
    if (result.success) kept = result.data;
  } catch {
    // Not ours, or damaged: forgotten below.
  }
  if (!kept) forgetPhoneSession(endpoint);
  return kept;
}

export function forgetPhoneSession(endpoint: string): void {
  try {
    sessionStorage.removeItem(keyOf(endpoint));
  } catch {
    // Nothing was kept.
  }
}
