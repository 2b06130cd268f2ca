import type { S3Client } from '@aws-sdk/client-s3';
import { loadS3 } from '../aws-sdk.js';
import { type AllowedType, DEFAULT_MAX_SIZE, EXTENSIONS } from '../../core/document-types.js';
import { attachmentDisposition } from '../safe-download.js';
import { KEPT_PREFIX, s3Document } from '../verify/s3-document.js';
import type { StoredDocument } from '../verify/stored-document.js';
import type { Passed, Refused } from '../verify/verdict.js';
import type { VerifyRules } from '../verify/verify-bytes.js';
import { openVerifiedDocument, verifyStoredDocument } from '../verify/verify-document.js';

/** A document uploaded on its own, through a form from `presignDocumentForm`. */
export interface SeparateDocument {
  /** The key its form was signed for (`formFields.key`). */
  key: string;
  /** The type its form was signed for: the bytes are held to it. */
  contentType: AllowedType;
}

/** What a link put in a slot, for the host's `kycDocumentList` (`uploadStatus: true`, `extension`). */
export interface LinkedFile {
  customerId: string;
  documentId: string;
  separateDocumentId: string;
  /** Where the slot's file now is. */
  key: string;
  type: AllowedType;
  /** Without the dot, as connectFi lists it: `png`. */
  extension: string;
  size: number;
  sha256: string;
}

/**
 * Where the host keeps its customers' document slots and its separate documents: the recipe
 * reads and records through these five calls and keeps no table of its own.
 */
export interface DocumentLinkHost {
  /** The separate document, or undefined when it was never generated or was already linked. */
  separateDocument(separateDocumentId: string): Promise<SeparateDocument | undefined>;
  /** The key of the customer's slot (see `slotObjectKey`), or undefined for an unknown customer or slot. */
  slotKey(customerId: string, documentId: string): Promise<string | undefined>;
  /**
   * Takes the separate document for this link, atomically (e.g. `UPDATE … SET linked_to = ?
   * WHERE id = ? AND linked_to IS NULL`): false when another link took it first. Called once the
   * bytes passed, before anything is written, so one upload never lands in two slots.
   */
  claimSeparateDocument(separateDocumentId: string, slot: { customerId: string; documentId: string }): Promise<boolean>;
  /** Gives the claim back: the link failed after it (storage down), and the upload must stay linkable. */
  releaseSeparateDocument(separateDocumentId: string): Promise<void>;
  /** The slot now holds this verified file. */
  markSlotUploaded(file: LinkedFile): Promise<void>;
}

export interface LinkSeparateDocumentOptions {
  /** The host's own bucket, where separate documents are uploaded and slots keep their files. */
  s3: S3Client;
  bucket: string;
  host: DocumentLinkHost;
  customerId: string;
  /** The customer's slot, e.g. the id of "LICENSE FRONT". */
  documentId: string;
  separateDocumentId: string;
  /** The size the separate document's form allowed; DEFAULT_MAX_SIZE by default. */
  maxSize?: number;
}

/** connectFi's error codes for this request, and `documentRefused` for bytes that failed verification. */
export type DocumentLinkErrorCode = 'documentNotFound' | 'documentNotUploaded' | 'documentRefused';

/** A link that cannot be made; connectFi answers each with HTTP 400. */
export class DocumentLinkError extends Error {
  override readonly name = 'DocumentLinkError';
  readonly status = 400;
  constructor(
    readonly code: DocumentLinkErrorCode,
    message: string,
    readonly verdict?: Refused,
  ) {
    super(message);
  }
}

/** A key no form is ever signed for (theirs are `<time>_<user>_<type>_<id>_0`). */
export function slotObjectKey(customerId: string, documentId: string): string {
  const safe = (part: string) => encodeURIComponent(part);
  return `customer-documents/${safe(customerId)}/${safe(documentId)}`;
}

/**
 * connectFi's document link (`POST /customer/kyc/document-link`): a document uploaded on its own
 * goes into a customer's slot, replacing the slot's previous file.
 *
 * ```ts
 * const file = await linkSeparateDocument({ s3, bucket, host, customerId, documentId: frontId, separateDocumentId });
 * // file.extension, file.sha256: the host's kycDocumentList now says uploadStatus: true
 * ```
 *
 * The separate document's stored bytes are verified first: refused bytes are deleted and nothing
 * is linked. The verified bytes (read again and hashed, so exactly those) are written over the
 * slot's key, and the separate document's objects are deleted: as connectFi says, a separate
 * document can be linked once. Errors: `documentNotFound` (unknown or already linked separate
 * document, unknown slot), `documentNotUploaded` (generated, nothing stored yet: it can still be
 * uploaded and linked later), `documentRefused`.
 */
export async function linkSeparateDocument(options: LinkSeparateDocumentOptions): Promise<LinkedFile> {
  const { s3, bucket, host, customerId, documentId, separateDocumentId } = options;
  const separate = await host.separateDocument(separateDocumentId);
  if (!separate) throw notFound(separateDocumentId);
  const slotKey = await host.slotKey(customerId, documentId);
  if (!slotKey) throw notFound(documentId);

  const stored = s3Document({ s3, bucket, documentId: separateDocumentId, key: separate.key });
  const rules = { maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, allowedType: separate.contentType };
  let verified: { verdict: Passed; bytes: Uint8Array<ArrayBuffer> };
  try {
    verified = await verifiedBytes(stored, separateDocumentId, rules);
  } catch (error) {
    // A link of the same document that won meanwhile deletes its objects: that one was linked, not lost.
    if (!(await host.separateDocument(separateDocumentId))) throw notFound(separateDocumentId);
    throw error;
  }
  const { verdict } = verified;

  if (!(await host.claimSeparateDocument(separateDocumentId, { customerId, documentId }))) throw notFound(separateDocumentId);
  const { DeleteObjectCommand, PutObjectCommand } = await loadS3();
  const file = linkedFile(options, slotKey, verdict);
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: slotKey,
        Body: verified.bytes,
        ContentType: verdict.type,
        ContentDisposition: attachmentDisposition(documentId, verdict.type),
        Metadata: { sha256: verdict.sha256, 'separate-document-id': separateDocumentId },
      }),
    );
    await host.markSlotUploaded(file);
  } catch (error) {
    // Nothing half done: the upload was not used up by a link that did not happen.
    await host.releaseSeparateDocument(separateDocumentId);
    throw error;
  }
  // Last: should the host stop before this, the claim already keeps the document from a second link.
  await Promise.all([separate.key, `${KEPT_PREFIX}${separate.key}`].map((key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))));
  return file;
}

/**
 * The stored bytes, verified (refused ones are deleted), then read again from the kept copy that no
 * form writes and hashed against the verdict: a POST made since changes nothing.
 */
async function verifiedBytes(stored: StoredDocument, id: string, rules: VerifyRules): Promise<{ verdict: Passed; bytes: Uint8Array<ArrayBuffer> }> {
  const verdict = await verifyStoredDocument(stored, rules);
  if (!verdict.ok && verdict.code === 'missing') throw new DocumentLinkError('documentNotUploaded', `Document ${id} was not uploaded.`);
  if (!verdict.ok) throw new DocumentLinkError('documentRefused', `Document ${id} was refused: ${verdict.code}.`, verdict);
  const opened = await openVerifiedDocument(stored, verdict, rules);
  if (!opened.verdict.ok || !opened.bytes || opened.verdict.sha256 !== verdict.sha256) {
    throw new DocumentLinkError('documentRefused', `Document ${id} changed while it was verified.`, opened.verdict.ok ? undefined : opened.verdict);
  }
  return { verdict, bytes: opened.bytes };
}

function linkedFile(options: LinkSeparateDocumentOptions, key: string, verdict: Passed): LinkedFile {
  return {
    customerId: options.customerId,
    documentId: options.documentId,
    separateDocumentId: options.separateDocumentId,
    key,
    type: verdict.type,
    extension: EXTENSIONS[verdict.type][0]!.slice(1),
    size: verdict.size,
    sha256: verdict.sha256,
  };
}

const notFound = (id: string) => new DocumentLinkError('documentNotFound', `Document ${id} not found.`);
