import { createHash, randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadRequestPresigner, loadS3 } from '../aws-sdk.js';
// Types only: erased, so hosts without fflate can still load this module.
import type { Zippable } from 'fflate';
import type { HostDocument, HostStore } from '../store/host-store.js';
import type { VerifiedDocuments } from '../review/verified-documents.js';
import { attachmentDisposition } from '../safe-download.js';
import type { Passed } from '../verify/verdict.js';
import { type UpvestAddress, type UpvestKycFacts, upvestKycFactsSchema } from './upvest-kyc-facts.js';

/** Upvest: "The file size must not exceed 250 MB" (counted in decimal megabytes, the smaller reading). */
export const UPVEST_MAX_ARCHIVE_SIZE = 250_000_000;
/**
 * Fifteen minutes. Upvest fetches `data_download_link` when it processes the check, after it
 * accepted the POST: build the check right before `POST /users/{user_id}/checks` and send it at
 * once, never keep the record to send later. A host whose checks wait longer passes a longer
 * `expiresIn` (SigV4 allows 7 days; a link signed with temporary credentials dies with them),
 * and builds a new check (a new link) if Upvest reports it could not download the evidence.
 */
export const UPVEST_LINK_EXPIRES_IN = 900;
/** No form is ever signed for a key under it (theirs are `<time>_<user>_<type>_<id>_0`). */
export const UPVEST_ARCHIVE_PREFIX = 'kyc-archives/';

/** The record Upvest's `POST /users/{user_id}/checks` takes for a KYC check. */
export interface UpvestKycCheck {
  type: 'KYC';
  check_confirmed_at: string;
  data_download_link: string;
  document_type: string;
  document_expiration_date: string;
  nationality: string;
  provider: string;
  method: string;
  confirmed_address?: UpvestAddress;
  kyc_update?: boolean;
}

export interface UpvestKycCheckOptions {
  /** The host's own bucket, where the archive is written and from which the link downloads. */
  s3: S3Client;
  bucket: string;
  store: HostStore;
  /** Where the documents' bytes are read again (and verified again if they changed). */
  verifiedDocuments: VerifiedDocuments;
  userId: string;
  facts: UpvestKycFacts;
  /** Seconds the link downloads; UPVEST_LINK_EXPIRES_IN by default. */
  expiresIn?: number;
  maxArchiveSize?: number;
  archivePrefix?: string;
  now?: () => Date;
}

export interface UpvestKycCheckResult {
  check: UpvestKycCheck;
  /** What was archived, for the host's records and for deleting the archive once Upvest has it. */
  archive: { key: string; size: number; sha256: string; documentIds: string[]; linkExpiresAt: string };
}

export type UpvestKycCheckErrorCode = 'invalid-input' | 'no-validated-document' | 'document-changed' | 'archive-too-large';

/** A check that cannot be built; `details` carries zod's issues or the documents concerned. */
export class UpvestKycCheckError extends Error {
  override readonly name = 'UpvestKycCheckError';
  constructor(
    readonly code: UpvestKycCheckErrorCode,
    message: string,
    readonly details: { issues?: unknown[]; documentIds?: string[] } = {},
  ) {
    super(message);
  }
}

/**
 * Builds Upvest's KYC check for a user: the documents a reviewer validated, read again and
 * archived in a ZIP in the host's bucket, and a short-lived link to it as `data_download_link`.
 *
 * ```ts
 * const { check } = await buildUpvestKycCheck({ s3, bucket, store, verifiedDocuments, userId,
 *   facts: { document_type: 'ID_CARD', document_expiration_date: '2030-01-01', nationality: 'DE',
 *            provider: 'Example KYC', method: 'VIDEO_ID' } });
 * await upvest.post(`/users/${upvestUserId}/checks`, check); // at once: the link lasts 15 minutes
 * ```
 *
 * Only documents whose review is `validated` and whose verdict passed go in, as the exact bytes
 * that were verified. A validated document whose bytes changed since is verified again (its new
 * verdict is recorded) and the check fails with `document-changed`: the archive is evidence of
 * what a reviewer validated, and a check that silently left a document out would claim more than
 * its evidence shows. Entry names are the host's (`document-<id>.<ext>`), never the applicant's.
 */
export async function buildUpvestKycCheck(options: UpvestKycCheckOptions): Promise<UpvestKycCheckResult> {
  const { s3, bucket, store, verifiedDocuments, userId } = options;
  const now = options.now?.() ?? new Date();
  const expiresIn = options.expiresIn ?? UPVEST_LINK_EXPIRES_IN;
  const maxArchiveSize = options.maxArchiveSize ?? UPVEST_MAX_ARCHIVE_SIZE;

  const parsed = upvestKycFactsSchema(now).safeParse(options.facts);
  if (!parsed.success) throw new UpvestKycCheckError('invalid-input', `Invalid KYC facts: ${parsed.error.message}`, { issues: parsed.error.issues });
  // The user id names the archive's key and file name: characters that need no escaping anywhere.
  if (!/^[A-Za-z0-9-]{1,64}$/.test(userId)) throw new UpvestKycCheckError('invalid-input', 'userId must be 1 to 64 letters, digits or dashes.');
  if (!Number.isSafeInteger(expiresIn) || expiresIn < 1 || expiresIn > 604_800) {
    throw new UpvestKycCheckError('invalid-input', 'expiresIn must be 1 to 604800 seconds.');
  }

  const validated = (await store.documentsOf(userId)).filter(isValidatedAndPassed);
  if (validated.length === 0) throw new UpvestKycCheckError('no-validated-document', `User ${userId} has no validated document.`);
  // Judged from the verdicts before a byte is read; the archive itself is measured again below.
  if (validated.reduce((sum, document) => sum + document.verdict.size, 0) > maxArchiveSize) {
    throw new UpvestKycCheckError('archive-too-large', `The validated documents exceed ${maxArchiveSize} bytes.`);
  }

  const opened = await Promise.all(validated.map((document) => verifiedDocuments.open(document)));
  const changed = validated.filter((document, i) => opened[i]?.verdict.sha256 !== document.verdict.sha256).map((document) => document.documentId);
  if (changed.length > 0) {
    throw new UpvestKycCheckError('document-changed', `Validated document(s) changed since the review: ${changed.join(', ')}.`, { documentIds: changed });
  }

  const zipSync = await loadZipWriter();
  const entries: Zippable = {};
  validated.forEach((document, i) => {
    // level 0 (stored): JPEG, PNG and PDF are compressed already, and deflating megabytes
    // synchronously would hold the event loop; the size stays what the verdicts predicted.
    entries[entryName(document.documentId, document.verdict)] = [opened[i]!.bytes, { level: 0 }];
  });
  const archive = zipSync(entries, { mtime: now });
  if (archive.length > maxArchiveSize) throw new UpvestKycCheckError('archive-too-large', `The archive is ${archive.length} bytes, over ${maxArchiveSize}.`);

  const key = `${options.archivePrefix ?? UPVEST_ARCHIVE_PREFIX}${userId}/${randomUUID()}.zip`;
  const disposition = `attachment; filename="kyc-${userId}.zip"`;
  const sha256 = createHash('sha256').update(archive).digest('hex');
  const [{ GetObjectCommand, PutObjectCommand }, { getSignedUrl }] = await Promise.all([loadS3(), loadRequestPresigner()]);
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: archive, ContentType: 'application/zip', ContentDisposition: disposition, Metadata: { sha256 } }),
  );
  // The overrides are signed: the link can only download a ZIP, whatever the object says.
  const link = await getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: 'application/zip', ResponseContentDisposition: disposition }),
    { expiresIn },
  );

  const facts = parsed.data;
  return {
    check: {
      type: 'KYC',
      // Upvest's own examples give seconds, without a fraction.
      check_confirmed_at: facts.check_confirmed_at ?? now.toISOString().replace(/\.\d+Z$/, 'Z'),
      data_download_link: link,
      document_type: facts.document_type,
      document_expiration_date: facts.document_expiration_date,
      nationality: facts.nationality,
      provider: facts.provider,
      method: facts.method,
      ...(facts.confirmed_address ? { confirmed_address: facts.confirmed_address } : {}),
      ...(facts.kyc_update !== undefined ? { kyc_update: facts.kyc_update } : {}),
    },
    archive: {
      key,
      size: archive.length,
      sha256,
      documentIds: validated.map((document) => document.documentId),
      linkExpiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
    },
  };
}

type ValidatedDocument = HostDocument & { verdict: Passed };

function isValidatedAndPassed(document: HostDocument): document is ValidatedDocument {
  return document.review.status === 'validated' && document.verdict?.ok === true && !document.replacedBy;
}

/** The name a download of the document gets (safe-download.ts makes it): one rule for both. */
function entryName(documentId: string, verdict: Passed): string {
  return /filename="([^"]+)"/.exec(attachmentDisposition(documentId, verdict.type))![1]!;
}

/** fflate is an optional peer dependency: only hosts that build Upvest checks install it. */
async function loadZipWriter(): Promise<(typeof import('fflate'))['zipSync']> {
  try {
    return (await import('fflate')).zipSync;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('The Upvest KYC check writes its archive with fflate, an optional peer dependency: npm install fflate.', { cause: error });
  }
}
