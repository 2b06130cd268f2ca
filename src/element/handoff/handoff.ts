import { HandoffError } from '../../core/handoff/handoff-client.js';
import { enHandoff } from '../translations/en-handoff.js';
import type { HandoffTranslation } from '../translations/translation.js';

// "Continue on your phone", loaded when it is used: the computer's dialog, and the phone's claim
// and completion, with their English words.
export { continueOnPhone } from './handoff-dialog.js';
export { claimHandoff, completeHandoff } from '../../core/handoff/handoff-client.js';
export { forgetPhoneSession, keepPhoneSession, keptPhoneSession } from './phone-session-store.js';

export const handoffWords = (words: HandoffTranslation | undefined): HandoffTranslation => words ?? enHandoff;

/** What the phone says when its code is refused or the server cannot be reached. */
export const refusalMessage = (error: unknown, words?: HandoffTranslation): string =>
  handoffWords(words).refused[error instanceof HandoffError ? error.refusal : 'unavailable'];

/**
 * Whether the server said this phone's handoff is over (its code unknown, used or expired, its
 * session ended), rather than that it could not be reached: its kept session is then forgotten.
 */
export const handoffEnded = (error: unknown): boolean => error instanceof HandoffError && (error.refusal !== 'unavailable' || error.status === 401);
