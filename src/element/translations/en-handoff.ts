import type { HandoffTranslation } from './translation.js';

/** What "continue on your phone" says in English, apart from `en`: it loads with the handoff. */
export const enHandoff: HandoffTranslation = {
  title: 'Continue on your phone',
  scan: (minutes) => `Scan this code with your phone’s camera. It works once, for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
  waiting: 'Waiting for your phone…',
  claimed: 'Your phone is connected. Take the photo there.',
  expired: 'This code has expired.',
  newCode: 'New code',
  close: 'Close',
  failed: 'The code could not be made. Please try again.',
  fromPhone: 'Sent from your phone',
  phoneDone: 'Sent. You can go back to your computer.',
  refused: {
    'handoff-unknown': 'This code is not valid. Scan the code on your computer again.',
    'handoff-claimed': 'This code was already used. Make a new one on your computer.',
    'handoff-expired': 'This code has expired. Make a new one on your computer.',
    unavailable: 'Your computer’s session could not be reached. Please try again.',
  },
};
