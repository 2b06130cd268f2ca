import type { AllowedType } from '../document-types.js';
import type { PreparedFile, Transformation } from '../prepare/prepare.js';
import { MAX_RESUME_TTL_MS } from './resume-key-format.js';
import { type ResumeDbOptions, ResumeDbError, deleteExpired, deleteRecord, readRecord, writeRecord } from './resume-db.js';
import { type SealedRecord, isSealedRecord, openFile, openInfo, sealFile, unwrapDataKey } from './sealed-record.js';
import type { WrappingKeySource } from './wrapping-key.js';

/**
 * Why a file was not kept or not offered: a reason and nothing else (no name, no byte, no key),
 * for a host's diagnostics and the tests.
 */
export type ResumeSkipReason =
  /** No IndexedDB, refused (private mode, sandbox), blocked or hanging. */
  | 'storage-unavailable'
  | 'storage-full'
  | 'storage-failed'
  /** The host gave no wrapping key (no endpoint, offline, signed out, epoch closed). */
  | 'no-key'
  | 'expired'
  /** The record does not open with the key the host gave: another applicant's, a rotated secret, tampering. Deleted. */
  | 'undecryptable'
  /** Not a record this version wrote. Deleted. */
  | 'broken';

export interface ResumeStoreOptions extends ResumeDbOptions {
  /** The host's wrapping keys: `resumeKeyEndpoint({ endpoint })`. */
  wrappingKey: WrappingKeySource;
  /** How long a file is kept; at most (and by default) 24 h. */
  ttlMs?: number;
  now?: () => number;
  onSkip?: (reason: ResumeSkipReason) => void;
}

export interface SaveOptions {
  /** The new record expires by then at the latest (a resumed file keeps its first 24 h). */
  notAfter?: number;
  /** The documents already created for this file, to report as superseded when it is resumed. */
  documentIds?: string[];
  /** The size of the file the person chose, before it was prepared: the success after a resume reports it. */
  originalSize?: number;
}

/** A file that can be resumed, described for "Resume uploading passport.jpg?". */
export interface ResumableFile {
  fileName: string;
  type: AllowedType;
  size: number;
  savedAt: number;
  expiresAt: number;
  transformations: Transformation[];
  width?: number;
  height?: number;
  pageCount?: number;
  /** The size of the file the person chose, before it was prepared (absent from records kept before it was). */
  originalSize?: number;
  /** The documents created for it before the tab was closed: superseded when it is uploaded again. */
  documentIds: string[];
  /**
   * The file, decrypted; undefined when it is gone meanwhile (forgotten, expired, replaced by a
   * newer file in that slot) or no longer opens. The record stays until `forget`.
   */
  restore(): Promise<File | undefined>;
}

export interface ResumeStore {
  /**
   * Keeps a prepared file for the slot, replacing the slot's earlier one. Resolves false when it
   * was not kept, for any reason; never rejects. `notAfter` caps the new record's expiry.
   */
  saveForResume(prepared: PreparedFile, slotKey: string, options?: SaveOptions): Promise<boolean>;
  /** The slot's file if one can be resumed now; never rejects. */
  findResumable(slotKey: string): Promise<ResumableFile | undefined>;
  /** Removes the slot's file (success, cancel, reset); waits for a save still under way. Never rejects. */
  forget(slotKey: string): Promise<void>;
}

/**
 * Keeps prepared files across a killed tab, encrypted (sealed-record.ts), for one slot each. A
 * store's operations on one slot run in order, so a `forget` after a `saveForResume` still being
 * written removes what it wrote.
 *
 * An element uses it so (slot = `resumeSlotKey(settings)`):
 * - on load: `findResumable(slot)`; if found, offer "Resume uploading {fileName}?"; yes →
 *   `restore()` and upload that file (undefined: offer nothing); no → `forget(slot)`.
 * - on `prepared`: `void saveForResume(prepared, slot)`, without waiting; for a resumed file,
 *   `{ notAfter: found.expiresAt }`, so that reloads never extend its 24 h.
 * - on success, cancel, reset or a new file chosen: `forget(slot)`.
 */
export function createResumeStore(options: ResumeStoreOptions): ResumeStore {
  const now = options.now ?? Date.now;
  const ttl = Math.min(options.ttlMs ?? MAX_RESUME_TTL_MS, MAX_RESUME_TTL_MS);
  const skip = (reason: ResumeSkipReason) => {
    try {
      options.onSkip?.(reason);
    } catch {
      // A diagnostics hook must not turn "no resume" into an error.
    }
  };
  const storageSkip = (error: unknown): ResumeSkipReason => {
    const problem = error instanceof ResumeDbError ? error.problem : 'failed';
    return problem === 'unavailable' ? 'storage-unavailable' : problem === 'quota' ? 'storage-full' : 'storage-failed';
  };
  const sweep = () => deleteExpired(options, now(), ttl);
  const drop = (slot: string, id?: string) => deleteRecord(options, slot, id).catch(() => {});

  const queues = new Map<string, Promise<unknown>>();
  function inOrder<T>(slot: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(slot) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => {});
    queues.set(slot, tail);
    void tail.then(() => {
      if (queues.get(slot) === tail) queues.delete(slot);
    });
    return next;
  }

  /** The slot's record if it is current and well formed; deletes it otherwise. */
  async function current(slot: string): Promise<SealedRecord | undefined> {
    const value = await readRecord(options, slot);
    if (value === undefined) return undefined;
    if (!isSealedRecord(value, slot)) {
      await drop(slot);
      skip('broken');
      return undefined;
    }
    const at = now();
    if (at >= value.expiresAt || value.expiresAt > at + ttl) {
      await drop(slot, value.id);
      skip('expired');
      return undefined;
    }
    return value;
  }

  async function save(prepared: PreparedFile, slot: string, { notAfter, documentIds, originalSize }: SaveOptions): Promise<boolean> {
    try {
      await sweep();
    } catch (error) {
      skip(storageSkip(error));
      return false;
    }
    const [wrapping, bytes] = await Promise.all([options.wrappingKey().catch(() => undefined), prepared.file.arrayBuffer().then((b) => new Uint8Array(b))]);
    if (!wrapping) {
      skip('no-key');
      return false;
    }
    const savedAt = now();
    const expiresAt = Math.min(savedAt + ttl, notAfter ?? Infinity);
    if (expiresAt <= savedAt) return false;
    const file = prepared.file;
    const info = {
      name: file.name,
      type: prepared.type,
      size: file.size,
      lastModified: file.lastModified,
      transformations: prepared.transformations,
      ...(prepared.width !== undefined ? { width: prepared.width } : {}),
      ...(prepared.height !== undefined ? { height: prepared.height } : {}),
      ...(prepared.pageCount !== undefined ? { pageCount: prepared.pageCount } : {}),
      ...(documentIds?.length ? { documentIds } : {}),
      ...(originalSize !== undefined ? { originalSize } : {}),
    };
    let record: SealedRecord;
    try {
      record = await sealFile(info, bytes, { slot, savedAt, expiresAt }, wrapping);
    } catch {
      skip('storage-failed');
      return false;
    } finally {
      bytes.fill(0);
    }
    try {
      await writeRecord(options, record);
      return true;
    } catch (error) {
      skip(storageSkip(error));
      // A failed write may leave the slot's older file: it is no longer the one to offer.
      await drop(slot);
      return false;
    }
  }

  async function find(slot: string): Promise<ResumableFile | undefined> {
    let record: SealedRecord | undefined;
    try {
      await sweep();
      record = await current(slot);
    } catch (error) {
      skip(storageSkip(error));
      return undefined;
    }
    if (!record) return undefined;
    const wrapping = await options.wrappingKey(record.epoch).catch(() => undefined);
    if (!wrapping) {
      // Kept: the host may be back on the next visit, and the record expires anyway.
      skip('no-key');
      return undefined;
    }
    let dataKey: CryptoKey;
    let info: Awaited<ReturnType<typeof openInfo>>;
    try {
      // The wrapping key serves this unwrap only; the data key opens this record only.
      dataKey = await unwrapDataKey(record, wrapping.key);
      info = await openInfo(record, dataKey);
    } catch {
      await drop(slot, record.id);
      skip('undecryptable');
      return undefined;
    }
    const { id } = record;
    const { name, type, size, transformations, width, height, pageCount, originalSize, documentIds = [] } = info;
    return {
      fileName: name,
      documentIds,
      type,
      size,
      savedAt: record.savedAt,
      expiresAt: record.expiresAt,
      transformations,
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
      ...(pageCount !== undefined ? { pageCount } : {}),
      ...(originalSize !== undefined ? { originalSize } : {}),
      restore: () =>
        inOrder(slot, async () => {
          let again: SealedRecord | undefined;
          try {
            again = await current(slot);
          } catch (error) {
            skip(storageSkip(error));
            return undefined;
          }
          if (!again || again.id !== id) return undefined;
          try {
            return await openFile(again, dataKey, info);
          } catch {
            await drop(slot, id);
            skip('undecryptable');
            return undefined;
          }
        }),
    };
  }

  return {
    saveForResume: (prepared, slotKey, saveOptions = {}) => inOrder(slotKey, () => save(prepared, slotKey, saveOptions)).catch(() => false),
    findResumable: (slotKey) => inOrder(slotKey, () => find(slotKey)).catch(() => undefined),
    forget: (slotKey) => inOrder(slotKey, () => drop(slotKey)),
  };
}
