import type { PreparedFile } from '../prepare/prepare.js';
import type { UploadSettings } from '../pipeline.js';
import { type ResumableFile, type ResumeStore, createResumeStore } from './resume-store.js';
import { resumeSlotKey } from './slot-key.js';
import { type ResumeKeyEndpointOptions, resumeKeyEndpoint } from './wrapping-key.js';

/** One upload's resume, as an element uses it: its slot decided by its settings at each call. */
export interface ResumeSession {
  /** The file kept from a closed tab for this slot, if any can be resumed now. */
  find(): Promise<ResumableFile | undefined>;
  /** Keeps the file being sent, with the documents created for it so far. Never rejects. */
  save(prepared: PreparedFile, documentIds: string[], notAfter?: number): Promise<boolean>;
  forget(): Promise<void>;
}

export function openResumeSession(key: ResumeKeyEndpointOptions, settings: () => Pick<UploadSettings, 'documentType' | 'slot'>, store?: ResumeStore): ResumeSession {
  const files = store ?? createResumeStore({ wrappingKey: resumeKeyEndpoint(key) });
  const slot = () => resumeSlotKey(settings());
  return {
    find: () => files.findResumable(slot()),
    save: (prepared, documentIds, notAfter) => files.saveForResume(prepared, slot(), { documentIds, ...(notAfter === undefined ? {} : { notAfter }) }),
    forget: () => files.forget(slot()),
  };
}
