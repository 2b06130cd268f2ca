import type { S3Client } from '@aws-sdk/client-s3';
import { startEmbeddedS3 } from './embedded-s3.js';
import { createS3Client } from './s3-client.js';

export interface ResolvedStorage {
  kind: 'embedded' | 'external';
  s3: S3Client;
  bucket: string;
  /** Where the S3 API answers, for logs; AWS's regional endpoint when S3_ENDPOINT is unset. */
  endpoint: string;
  region: string;
  /** Another client on the same store, configured the same way. */
  createClient(): S3Client;
  /** Stops the embedded server if one was started; releases the clients. */
  stop(): Promise<void>;
}

export interface ResolveStorageOptions {
  /** Origins the embedded bucket's CORS rule allows. A real bucket's CORS is its operator's job. */
  allowedOrigins: readonly string[];
  /** Bucket name for the embedded store. */
  embeddedBucket?: string;
  embeddedDirectory?: string;
}

export type StorageEnv = Readonly<Record<string, string | undefined>>;

/**
 * A real S3-compatible store when the environment names one, the embedded server otherwise:
 *
 * - `S3_BUCKET` (required for a real store), `S3_REGION` (else `AWS_REGION`, else us-east-1)
 * - `S3_ENDPOINT` for MinIO, R2 and the like; unset means AWS S3
 * - `S3_ACCESS_KEY_ID` + `S3_SECRET_ACCESS_KEY` (+ `S3_SESSION_TOKEN`); unset means the SDK's
 *   default chain (AWS_* variables, profile, instance role)
 * - `S3_FORCE_PATH_STYLE=true|false`; defaults to true with S3_ENDPOINT (MinIO needs it)
 */
export async function resolveStorage(env: StorageEnv, options: ResolveStorageOptions): Promise<ResolvedStorage> {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const endpoint = value('S3_ENDPOINT');
  const bucket = value('S3_BUCKET');

  if (endpoint || bucket) {
    if (!bucket) throw new Error('S3_ENDPOINT is set but S3_BUCKET is not: name the bucket to upload to.');
    const region = value('S3_REGION') ?? value('AWS_REGION') ?? 'us-east-1';
    const accessKeyId = value('S3_ACCESS_KEY_ID');
    const secretAccessKey = value('S3_SECRET_ACCESS_KEY');
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
      throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither.');
    }
    const sessionToken = value('S3_SESSION_TOKEN');
    const pathStyle = value('S3_FORCE_PATH_STYLE');
    const create = () =>
      createS3Client({
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(accessKeyId && secretAccessKey
          ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
          : {}),
        forcePathStyle: pathStyle === undefined ? Boolean(endpoint) : /^(1|true|yes)$/i.test(pathStyle),
      });
    return withClients('external', create, {
      bucket,
      region,
      endpoint: endpoint ?? `https://s3.${region}.amazonaws.com`,
      stop: async () => {},
    });
  }

  const embedded = await startEmbeddedS3({
    bucket: options.embeddedBucket ?? 'kyc-documents',
    allowedOrigins: options.allowedOrigins,
    ...(options.embeddedDirectory ? { directory: options.embeddedDirectory } : {}),
  });
  const create = () =>
    createS3Client({
      endpoint: embedded.endpoint,
      region: embedded.region,
      credentials: embedded.credentials,
      embedded: true,
    });
  return withClients('embedded', create, { ...embedded, stop: () => embedded.stop() });
}

function withClients(
  kind: ResolvedStorage['kind'],
  create: () => S3Client,
  store: { bucket: string; region: string; endpoint: string; stop(): Promise<void> },
): ResolvedStorage {
  const clients: S3Client[] = [];
  const createClient = () => {
    const client = create();
    clients.push(client);
    return client;
  };
  return {
    kind,
    s3: createClient(),
    bucket: store.bucket,
    endpoint: store.endpoint,
    region: store.region,
    createClient,
    async stop() {
      for (const client of clients.splice(0)) client.destroy();
      await store.stop();
    },
  };
}
