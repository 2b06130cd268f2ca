// "Continue on your phone", loaded when it is used: the computer's dialog, and the phone's claim,
// resume after a reload and completion, with their English words.
export { continueOnPhone } from './handoff-dialog.js';
export { claimOnPhone, completeOnPhone, failedOnPhone, resumeOnPhone } from './phone-side.js';
