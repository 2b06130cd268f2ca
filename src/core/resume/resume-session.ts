import type { PreparedFile, Transformation } from '../prepare/prepare.js';
import type { UploadResult, UploadSettings } from '../pipeline.js';
import { type ResumableFile, type ResumeStore, createResumeStore } from './resume-store.js';
import { resumeSlotKey } from './slot-key.js';
import { type ResumeKeyEndpointOptions, resumeKeyEndpoint } from './wrapping-key.js';

/**
 * One element's resume: its slot decided by its settings at each call, and what the file being
 * sent carries over from a closed tab (its expiry, the documents created for it then, what its
 * first preparation did), so the element only says when a file starts, leaves and succeeds.
 */
export interface ResumeSession {
  /** The file kept from a closed tab for this slot, if any can be resumed now. */
  find(): Promise<ResumableFile | undefined>;
  /** A file starts being sent: the one kept from a closed tab (`resumed`), or another (a retry of the same file does not start one). */
  begin(resumed?: ResumableFile): void;
  /**
   * Bytes are leaving under `documentId`: the file as sent is kept, with every document created
   * for it and the size of the file chosen (`originalSize`), once they have been leaving for
   * `KEEP_AFTER_MS` or the page is hidden. Settles when it is written (true) or not (false,
   * an upload done before: it needs no resume). Never rejects.
   */
  sending(prepared: PreparedFile, documentId: string, originalSize: number): Promise<boolean>;
  /** The success as the page hears it, with what the file carried over; a file not yet kept no longer will be. */
  succeeded(result: UploadResult): UploadResult;
  forget(): Promise<void>;
}

/**
 * How long bytes leave before the file is kept. Keeping it (a key fetched, the file read again,
 * sealed, written to disk) takes as long as a fast upload and competes with it for the CPU: a
 * 4 MB PDF sent over a fast link took 60–70 ms longer while it was kept. An upload done within
 * this time needs no resume; a page hidden meanwhile (a phone's OS may then freeze and reclaim it)
 * is kept at once.
 */
export const KEEP_AFTER_MS = 1000;

export function openResumeSession(key: ResumeKeyEndpointOptions, settings: () => Pick<UploadSettings, 'documentType' | 'slot'>, store?: ResumeStore): ResumeSession {
  const files = store ?? createResumeStore({ wrappingKey: resumeKeyEndpoint(key) });
  const slot = () => resumeSlotKey(settings());
  let carried: Pick<ResumableFile, 'expiresAt' | 'documentIds' | 'transformations' | 'originalSize'> | undefined;
  /** The documents created for the file being sent, this time. */
  let documentIds: string[] = [];
  // A resumed file is the one prepared before the tab was closed: its first preparation's steps (a
  // photo turned upright, its location removed) come first, since preparing it again usually finds
  // nothing left to do.
  const withCarried = <T>(before: readonly T[] | undefined, now: readonly T[]) => [...(before ?? []), ...now.filter((item) => !before?.includes(item))];
  const transformations = (now: Transformation[]) => withCarried(carried?.transformations, now);
  /** Ends the keep waiting for its time: written, or not (a success, a forget, a renewed form's keep). */
  let settlePending: ((write: boolean) => void) | undefined;
  return {
    find: () => files.findResumable(slot()),
    begin(resumed) {
      carried = resumed && { expiresAt: resumed.expiresAt, documentIds: resumed.documentIds, transformations: resumed.transformations, originalSize: resumed.originalSize };
      documentIds = [];
    },
    sending(prepared, documentId, originalSize) {
      documentIds.push(documentId);
      // A renewed form's keep replaces the one still waiting, with every document so far.
      settlePending?.(false);
      const kept = { ...prepared, transformations: transformations(prepared.transformations) };
      const notAfter = carried?.expiresAt;
      // A resumed file is the prepared one: the size chosen is the first time's.
      const chosenSize = carried ? carried.originalSize : originalSize;
      const options = {
        documentIds: withCarried(carried?.documentIds, documentIds),
        ...(notAfter === undefined ? {} : { notAfter }),
        ...(chosenSize === undefined ? {} : { originalSize: chosenSize }),
      };
      const slotKey = slot();
      return new Promise<boolean>((resolve) => {
        const settle = (write: boolean) => {
          if (settlePending !== settle) return;
          settlePending = undefined;
          clearTimeout(timer);
          document.removeEventListener('visibilitychange', onHidden);
          resolve(write && files.saveForResume(kept, slotKey, options));
        };
        const onHidden = () => document.visibilityState === 'hidden' && settle(true);
        settlePending = settle;
        const timer = setTimeout(() => settle(true), KEEP_AFTER_MS);
        document.addEventListener('visibilitychange', onHidden);
        onHidden();
      });
    },
    // The documents created before a closed tab hold nothing: the host may delete them.
    succeeded(result) {
      settlePending?.(false);
      return {
        ...result,
        originalSize: carried?.originalSize ?? result.originalSize,
        transformations: transformations(result.transformations),
        supersededDocumentIds: withCarried(carried?.documentIds, result.supersededDocumentIds),
      };
    },
    forget() {
      settlePending?.(false);
      return files.forget(slot());
    },
  };
}
