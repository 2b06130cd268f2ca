import type { Passed, Refused } from './verdict.js';

export interface StoredBytes {
  bytes: Uint8Array<ArrayBuffer>;
  /** The store's version of these bytes (an ETag), when it gives one. */
  version?: string;
  /** Where the store read them (an object key): `keep` binds the verdict to that object, not another. */
  source?: string;
  /** The store's user metadata of these bytes (S3's `x-amz-meta-*`), when it keeps any. */
  metadata?: Readonly<Record<string, string>>;
}

/** What reading a stored document can give, without a byte read past the limit. */
export type ReadResult = StoredBytes | 'missing' | 'too-large';

/**
 * A document as the host reaches it, whoever owns the storage: the host's own bucket
 * (s3-document.ts) or the provider's, through its API (treezor-document.ts).
 */
export interface StoredDocument {
  readonly documentId: string;
  /** The uploaded bytes; the size is checked from the store's metadata before any byte is read. */
  read(maxBytes: number): Promise<ReadResult>;
  /**
   * The bytes a reviewer may see: the copy made by `keep` where there is one (no form can write
   * it), else the uploaded object again.
   */
  readKept(maxBytes: number): Promise<ReadResult>;
  /** Puts a refused document out of reach: deleted, or refused at the provider. */
  refuse(verdict: Refused): Promise<void>;
  /** Binds a passed verdict to the exact bytes verified, where the store can (a copy under a key no form signs). */
  keep(verdict: Passed, verified: StoredBytes): Promise<void>;
}
