import { HandoffError, claimHandoff, completeHandoff } from '../../core/handoff/handoff-client.js';
import type { ClaimedHandoff } from '../../core/handoff/handoff-schema.js';
import type { UploadError } from '../../core/errors.js';
import type { HeadersProvider } from '../../core/presign.js';
import { HANDOFF_SESSION_HEADER } from '../../core/handoff/session-header.js';
import { enHandoff } from '../translations/en-handoff.js';
import type { HandoffTranslation } from '../translations/translation.js';
import { forgetPhoneSession, keepPhoneSession, keptPhoneSession } from './phone-session-store.js';

/** The element on the phone's page, as its side of the handoff drives it. */
export interface PhoneElement {
  /** Where the host mounted the handoff routes. */
  endpoint: string;
  credentials: RequestCredentials;
  words: HandoffTranslation | undefined;
  /** The host's own headers for the backend calls. */
  headers?: HeadersProvider | undefined;
  /** From now on, presign with this session (sent in `headers`, beside the host's own), for its slot. */
  continueWith(claimed: ClaimedHandoff, headers: HeadersProvider): void;
  /** The line the element shows under its buttons. */
  say(notice: string): void;
}

/** The host's headers and the phone's session: the session, not a cookie, authorises a phone. */
function phoneHeaders(own: HeadersProvider | undefined, session: string): HeadersProvider {
  return async () => {
    const headers = new Headers(typeof own === 'function' ? await own() : own);
    headers.set(HANDOFF_SESSION_HEADER, session);
    return headers;
  };
}

const continueWith = (phone: PhoneElement, claimed: ClaimedHandoff) => phone.continueWith(claimed, phoneHeaders(phone.headers, claimed.session));

export const handoffWords = (words: HandoffTranslation | undefined): HandoffTranslation => words ?? enHandoff;

/** What the phone says when its code is refused or the server cannot be reached. */
export const refusalMessage = (error: unknown, words?: HandoffTranslation): string =>
  handoffWords(words).refused[error instanceof HandoffError ? error.refusal : 'unavailable'];

/**
 * Whether the server said this phone's handoff is over (its code unknown, used or expired, its
 * session ended), rather than that it could not be reached: its kept session is then forgotten.
 */
const handoffEnded = (error: unknown): boolean => error instanceof HandoffError && (error.refusal !== 'unavailable' || error.status === 401);

/** The code claimed once; the slot is the one the computer asked for. Kept in the tab for a reload. */
export async function claimOnPhone(phone: PhoneElement, token: string): Promise<void> {
  try {
    const claimed = await claimHandoff(phone.endpoint, token, { credentials: phone.credentials });
    keepPhoneSession(phone.endpoint, claimed);
    continueWith(phone, claimed);
  } catch (error) {
    forgetPhoneSession(phone.endpoint);
    phone.say(refusalMessage(error, phone.words));
  }
}

/** After a reload: the session the tab kept, unless past its expiry (then said, and forgotten). */
export function resumeOnPhone(phone: PhoneElement): boolean {
  const kept = keptPhoneSession(phone.endpoint);
  if (!kept) return false;
  if (Date.parse(kept.expiresAt) > Date.now()) {
    continueWith(phone, kept);
  } else {
    forgetPhoneSession(phone.endpoint);
    phone.say(handoffWords(phone.words).refused['handoff-expired']);
  }
  return true;
}

/** The computer learns of the stored file through the server, which checks it first. */
export async function completeOnPhone(phone: PhoneElement, session: string, documentId: string): Promise<void> {
  const words = handoffWords(phone.words);
  try {
    await completeHandoff(phone.endpoint, session, documentId, { credentials: phone.credentials });
    // Done: a reload has nothing to continue.
    forgetPhoneSession(phone.endpoint);
    phone.say(words.phoneDone);
  } catch (error) {
    if (handoffEnded(error)) forgetPhoneSession(phone.endpoint);
    phone.say(refusalMessage(error, words));
  }
}

/** An upload refused because the phone's session ended (expired, or the code closed on the computer): nothing to continue. */
export function failedOnPhone(phone: PhoneElement, error: UploadError): void {
  if (error.details.backendCode === 'handoff-session-invalid') forgetPhoneSession(phone.endpoint);
}
