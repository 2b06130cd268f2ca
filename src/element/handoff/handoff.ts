import { HandoffError } from '../../core/handoff/handoff-client.js';
import { enHandoff } from '../translations/en-handoff.js';
import type { HandoffTranslation } from '../translations/translation.js';

// "Continue on your phone", loaded when it is used: the computer's dialog, and the phone's claim
// and completion, with their English words.
export { continueOnPhone } from './handoff-dialog.js';
export { claimHandoff, completeHandoff } from '../../core/handoff/handoff-client.js';

export const handoffWords = (words: HandoffTranslation | undefined): HandoffTranslation => words ?? enHandoff;

/** What the phone says when its code is refused or the server cannot be reached. */
export const refusalMessage = (error: unknown, words?: HandoffTranslation): string =>
  handoffWords(words).refused[error instanceof HandoffError ? error.refusal : 'unavailable'];
