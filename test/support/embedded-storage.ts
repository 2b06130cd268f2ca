import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { resolveStorage, type ResolvedStorage } from '../../demo/storage/storage-config.js';

export const TEST_ORIGIN = 'http://app.test';

export interface TestStorage extends ResolvedStorage {
  /** Every key in the bucket, to prove a refused upload stored nothing. */
  listKeys(): Promise<string[]>;
  exists(key: string): Promise<boolean>;
}

/** The embedded storage, as the demo starts it when no S3_* variable is set. Call stop() after. */
export async function startTestStorage(allowedOrigins: readonly string[] = [TEST_ORIGIN]): Promise<TestStorage> {
  const storage = await resolveStorage({}, { allowedOrigins });
  return {
    ...storage,
    async listKeys() {
      const page = await storage.s3.send(new ListObjectsV2Command({ Bucket: storage.bucket }));
      return (page.Contents ?? []).map((object) => object.Key!);
    },
    async exists(key) {
      try {
        await storage.s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
  };
}
