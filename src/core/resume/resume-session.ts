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
   * for it and the size of the file chosen (`originalSize`). Never rejects.
   */
  sending(prepared: PreparedFile, documentId: string, originalSize: number): Promise<boolean>;
  /** The success as the page hears it, with what the file carried over. */
  succeeded(result: UploadResult): UploadResult;
  forget(): Promise<void>;
}

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
  return {
    find: () => files.findResumable(slot()),
    begin(resumed) {
      carried = resumed && { expiresAt: resumed.expiresAt, documentIds: resumed.documentIds, transformations: resumed.transformations, originalSize: resumed.originalSize };
      documentIds = [];
    },
    sending(prepared, documentId, originalSize) {
      documentIds.push(documentId);
      const kept = { ...prepared, transformations: transformations(prepared.transformations) };
      const notAfter = carried?.expiresAt;
      // A resumed file is the prepared one: the size chosen is the first time's.
      const chosenSize = carried ? carried.originalSize : originalSize;
      return files.saveForResume(kept, slot(), {
        documentIds: withCarried(carried?.documentIds, documentIds),
        ...(notAfter === undefined ? {} : { notAfter }),
        ...(chosenSize === undefined ? {} : { originalSize: chosenSize }),
      });
    },
    // The documents created before a closed tab hold nothing: the host may delete them.
    succeeded: (result) => ({
      ...result,
      originalSize: carried?.originalSize ?? result.originalSize,
      transformations: transformations(result.transformations),
      supersededDocumentIds: withCarried(carried?.documentIds, result.supersededDocumentIds),
    }),
    forget: () => files.forget(slot()),
  };
}
