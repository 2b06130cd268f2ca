import { HANDOFF_SESSION_HEADER } from '../../core/handoff/session-header.js';
import type { HandoffSlot } from './handoff-slot.js';
import { isSecretShape } from './handoff-secrets.js';
import { type HandoffStore, slotOfRow, stateOf } from './handoff-store.js';
import { printable } from '../web/printable.js';

export { HANDOFF_SESSION_HEADER };


/** A claimed handoff, as the element endpoint sees a phone presigning through it. */
export interface PhoneSession {
  /** The desktop's user: the phone acts for them, and only for them. */
  userId: string;
  /** The one slot the phone may presign for. */
  slot: HandoffSlot;
  /** Records a form made for the phone, so that completing the handoff may name its document. */
  formIssued(documentId: string, request: { fileName: string; contentType: string }): Promise<void>;
}

/** What `createDocumentFormHandler` takes (its `phoneSessions` option) to let claimed phones presign. */
export interface PhoneSessions {
  /**
   * The phone session the request carries: undefined when it carries none (the host's own session
   * then decides), null when it carries one that is not valid, or no longer (completed, expired).
   */
  sessionOf(request: Request): Promise<PhoneSession | null | undefined>;
}

export function createPhoneSessions(store: HandoffStore, now: () => number): PhoneSessions {
  return {
    async sessionOf(request) {
      const credential = request.headers.get(HANDOFF_SESSION_HEADER);
      if (credential === null) return undefined;
      if (!isSecretShape(credential)) return null;
      const row = await store.bySession(credential);
      // A session lives while its handoff is claimed: not past its expiry, not after completion.
      if (!row || stateOf(row, now()) !== 'claimed') return null;
      return {
        userId: row.user_id,
        slot: slotOfRow(row),
        // The name is the phone's say-so: shown on the desktop as a label, nothing more.
        formIssued: (documentId, asked) => store.recordForm(row.handoff_id, documentId, printable(asked.fileName).slice(0, 255), asked.contentType),
      };
    },
  };
}
