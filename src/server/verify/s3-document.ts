import type { S3Client } from '@aws-sdk/client-s3';
import { loadS3 } from '../aws-sdk.js';
import { readBounded } from './bounded-read.js';
import type { ReadResult, StoredDocument } from './stored-document.js';
import { attachmentDisposition } from '../safe-download.js';

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

  async function read(objectKey: string, maxBytes: number): Promise<ReadResult> {
    const { GetObjectCommand, HeadObjectCommand } = await loadS3();
    let etag: string | undefined;
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
      if ((head.ContentLength ?? 0) > maxBytes) return 'too-large';
      etag = head.ETag;
    } catch (error) {
      if (statusOf(error) === 404) return 'missing';
      throw error;
    }
    try {
      // IfMatch: the bytes read are the ones the size was checked for, or nothing.
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey, ...(etag ? { IfMatch: etag } : {}) }));
      const bytes = await readBounded(object.Body as AsyncIterable<Uint8Array>, maxBytes);
      if (!bytes) return 'too-large';
      return { bytes, source: objectKey, ...(object.ETag ? { version: object.ETag } : {}) };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return 'missing';
      // Replaced between the two calls: read it again from the start.
      if (status === 412) return read(objectKey, maxBytes);
      throw error;
    }
  }

  return {
    documentId,
    read: (maxBytes) => read(key, maxBytes),
    readKept: (maxBytes) => read(keptKey, maxBytes),
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
          Metadata: { sha256: verdict.sha256 },
        }),
      );
    },
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
