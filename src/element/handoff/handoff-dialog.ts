import type { DocumentSlot } from '../../core/document-set/document-slot.js';
import { cancelHandoff, startHandoff, watchHandoff } from '../../core/handoff/handoff-client.js';
import type { HandoffStatus } from '../../core/handoff/handoff-schema.js';
import { isLanguageTag } from '../../core/handoff/language-tag.js';
import type { HeadersProvider } from '../../core/presign.js';
import { enHandoff } from '../translations/en-handoff.js';
import type { HandoffTranslation } from '../translations/translation.js';
import { handoffStyles } from './handoff-dialog.styles.js';
import { qrSvg } from './qr-svg.js';
import { adoptStyles } from '../adopt-styles.js';

export interface HandoffRequest {
  root: ShadowRoot;
  endpoint: string;
  slot: DocumentSlot & { documentType?: number | string };
  /** The language the widget speaks, for the phone's page: left out unless it is a language tag. */
  lang?: string;
  words?: HandoffTranslation;
  dir?: 'ltr' | 'rtl';
  credentials?: RequestCredentials;
  headers?: HeadersProvider;
}

export type HandoffOutcome =
  /** `notice`: the computer's success line, that the file came from the phone. */
  | { type: 'completed'; documentId: string; file: { name: string; type: string; size: number }; notice: string }
  | { type: 'closed' };

/**
 * "Continue on your phone", on the computer: a modal dialog with a QR code of a one-time link (its
 * token in the fragment, so no server log holds it), what the phone is doing, and a new code once
 * one expires. Resolves with the stored file once the phone's upload is checked by the server.
 * Plain DOM, loaded only when asked for, like the camera.
 */
export async function continueOnPhone(request: HandoffRequest): Promise<HandoffOutcome> {
  const words = request.words ?? enHandoff;
  const dialog = document.createElement('dialog');
  dialog.setAttribute('part', 'handoff');
  dialog.className = 'handoff';
  dialog.setAttribute('aria-labelledby', 'handoff-title');
  dialog.dir = request.dir ?? 'ltr';
  const title = document.createElement('h2');
  title.id = 'handoff-title';
  title.textContent = words.title;
  const code = document.createElement('div');
  code.setAttribute('part', 'handoff-code');
  code.className = 'handoff-code';
  const scan = document.createElement('p');
  const status = document.createElement('p');
  status.setAttribute('part', 'handoff-status');
  status.setAttribute('role', 'status');
  status.className = 'handoff-status';
  const actions = document.createElement('div');
  actions.className = 'handoff-actions';
  const again = button(words.newCode, 'primary');
  again.setAttribute('part', 'button handoff-new-code-button');
  const close = button(words.close);
  close.setAttribute('part', 'button handoff-close-button');
  actions.append(again, close);
  dialog.append(title, code, scan, status, actions);
  adoptStyles(request.root, handoffStyles);
  request.root.append(dialog);
  dialog.showModal();

  const closing = new AbortController();
  close.addEventListener('click', () => closing.abort());
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    closing.abort();
  });
  const options = { ...(request.credentials ? { credentials: request.credentials } : {}), ...(request.headers ? { headers: request.headers } : {}) };
  try {
    for (;;) {
      // A code shown before was cleared when it ended.
      again.hidden = true;
      status.textContent = words.waiting;
      let started;
      try {
        started = await startHandoff(request.endpoint, { ...request.slot, ...(isLanguageTag(request.lang) ? { lang: request.lang } : {}) }, { ...options, signal: closing.signal });
      } catch {
        if (closing.signal.aborted) return { type: 'closed' };
        status.textContent = words.failed;
      }
      if (started) {
        const handoff = started;
        // The code's life is the host's to set (ten minutes by default): said as the server counts
        // it, in seconds from now, since this computer's clock may be off.
        scan.textContent = words.scan(Math.max(1, Math.round(handoff.expiresIn / 60)));
        code.append(qrSvg(handoff.url, scan.textContent));
        closing.signal.addEventListener('abort', () => cancelHandoff(handoff, options), { once: true });
        const show = (now: HandoffStatus) => (status.textContent = now.state === 'claimed' ? words.claimed : now.state === 'expired' ? words.expired : words.waiting);
        let final: HandoffStatus;
        try {
          final = await watchHandoff(handoff, show, closing.signal);
        } catch {
          return { type: 'closed' };
        }
        if (final.state === 'completed' && final.documentId && final.file) return { type: 'completed', documentId: final.documentId, file: final.file, notice: words.fromPhone };
        code.replaceChildren();
        scan.textContent = '';
      }
      // Expired, or not made: a new code on request.
      again.hidden = false;
      again.focus();
      const choice = await new Promise<'again' | 'closed'>((resolve) => {
        again.addEventListener('click', () => resolve('again'), { once: true });
        closing.signal.addEventListener('abort', () => resolve('closed'), { once: true });
      });
      if (choice === 'closed') return { type: 'closed' };
    }
  } finally {
    dialog.close();
    dialog.remove();
  }
}

function button(label: string, className = ''): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  if (className) node.className = className;
  node.textContent = label;
  return node;
}
