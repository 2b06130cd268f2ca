import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { installStorageGuard, type StorageGuardOptions } from './storage-guard.js';

export interface EmbeddedS3Options {
  bucket: string;
  /** Origins allowed by the bucket's CORS rule; `*` allows any. */
  allowedOrigins: readonly string[];
  /** Keep objects in this folder across runs; by default a temporary folder removed on stop. */
  directory?: string;
  port?: number;
  /** POST Object bodies with a valid policy kept in memory at once (default 4); more answer 503 SlowDown. */
  maxBufferedPosts?: number;
  /** Told how many POST Object bodies are kept in memory whenever that changes (tests). */
  onBufferedPostsChange?: StorageGuardOptions['onBufferedPostsChange'];
}

export interface EmbeddedS3 {
  endpoint: string;
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

// s3rver's built-in account: any other key is refused with InvalidAccessKeyId.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';

/**
 * An S3-compatible server on loopback that refuses what S3 refuses: unsigned requests, POST uploads
 * outside their policy, keys that would leave its folder.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'kyc-upload-s3-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    // stop() removes a temporary folder itself; s3rver's reset uses a deprecated fs call.
    resetOnClose: false,
    // Path-style only: a Host header is never taken for a bucket name.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsConfiguration(options.allowedOrigins)] }],
  });
  installStorageGuard(server, {
    credentials: new Map([[CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey]]),
    ...(options.maxBufferedPosts === undefined ? {} : { maxBufferedPosts: options.maxBufferedPosts }),
    ...(options.onBufferedPostsChange ? { onBufferedPostsChange: options.onBufferedPostsChange } : {}),
  });
  let address;
  try {
    address = await server.run();
  } catch (error) {
    if (temporary) await rm(directory, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    region: REGION,
    bucket: options.bucket,
    credentials: { ...CREDENTIALS },
    stop() {
      stopping ??= (async () => {
        // Keep-alive sockets would hold close() open forever.
        server.httpServer.closeAllConnections();
        await server.close();
        if (temporary) await rm(directory, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function corsConfiguration(origins: readonly string[]): string {
  const tags = (name: string, values: readonly string[]) => values.map((v) => `<${name}>${escapeXml(v)}</${name}>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    tags('AllowedOrigin', origins) +
    tags('AllowedMethod', ['GET', 'HEAD', 'POST', 'PUT']) +
    tags('AllowedHeader', ['*']) +
    tags('ExposeHeader', ['ETag', 'Location']) +
    '<MaxAgeSeconds>600</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
