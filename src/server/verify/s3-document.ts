import type { S3Client } from '@aws-sdk/client-s3';
import { loadS3 } from '../aws-sdk.js';
import { readS3Object } from './s3-read.js';
import type { StoredDocument } from './stored-document.js';
import { attachmentDisposition } from '../safe-download.js';
import { slotMetadata } from '../slot-metadata.js';

export interface S3DocumentOptions {
  s3: S3Client;
  bucket: string;
  documentId: string;
  /** The key the form was signed for. */
  key: string;
  /** Where verified bytes are copied: a prefix no form is ever signed for. */
  keptPrefix?: string;
}

export const KEPT_PREFIX = 'verified/';

/**
 * A document in the host's own bucket. A form accepts new POSTs to its key until it expires, so
 * verified bytes are copied to `verified/<key>`, a key no form can write, and only that copy is
 * ever served; the copy is made only if the object still has the ETag that was verified.
 */
export function s3Document(options: S3DocumentOptions): StoredDocument {
  const { s3, bucket, key, documentId } = options;
  const keptKey = `${options.keptPrefix ?? KEPT_PREFIX}${key}`;

  return {
    documentId,
    read: (maxBytes) => readS3Object(s3, bucket, key, maxBytes),
    readKept: (maxBytes) => readS3Object(s3, bucket, keptKey, maxBytes),
    async refuse() {
      // Out of reach at once; the host keeps the verdict as the record of what was refused.
      const { DeleteObjectCommand } = await loadS3();
      await Promise.all([key, keptKey].map((k) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: k }))));
    },
    async keep(verdict, verified) {
      // From the object the bytes were read from: the kept copy itself when it is what changed.
      const from = verified.source ?? key;
      const { CopyObjectCommand } = await loadS3();
      await s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: keptKey,
          CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
          ...(verified.version ? { CopySourceIfMatch: verified.version } : {}),
          MetadataDirective: 'REPLACE',
          ContentType: verdict.type,
          ContentDisposition: attachmentDisposition(documentId, verdict.type),
          // REPLACE drops the upload's metadata: what the signed form said the file is goes along.
          Metadata: { ...slotMetadata(verified.metadata), sha256: verdict.sha256 },
        }),
      );
    },
  };
}
