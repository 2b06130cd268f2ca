// The fork ships no types; this covers only what the embedded storage touches.
declare module '@20minutes/s3rver' {
  import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
  import type { AddressInfo } from 'node:net';

  export interface CorsRule {
    hasWildcardOrigin: boolean;
    exposeHeaders: string[];
    maxAgeSeconds?: number | string;
  }

  export interface CorsConfig {
    matchRule(origin: string, method: string): CorsRule | undefined;
  }

  export interface FilesystemStore {
    getBucket(name: string): Promise<object | null>;
    getSubresource(bucket: string, key: undefined, type: 'cors'): Promise<CorsConfig | undefined>;
    /** Throws when the object does not exist; `etag` is quoted. */
    getMetadata(bucket: string, key: string): Promise<{ etag: string }>;
  }

  export interface S3rverContext {
    readonly method: string;
    readonly path: string;
    /** Settable: Koa rewrites the URL, and `query` follows. */
    querystring: string;
    readonly headers: IncomingHttpHeaders;
    req: IncomingMessage;
    request: { req: IncomingMessage };
    readonly res: ServerResponse;
    store: FilesystemStore;
    state: Record<string, unknown>;
    get(field: string): string;
    set(field: string, value: string): void;
    status: number;
    type: string;
    body: unknown;
  }

  export type S3rverMiddleware = (ctx: S3rverContext, next: () => Promise<void>) => Promise<void>;

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    middleware: S3rverMiddleware[];
    store: FilesystemStore;
    httpServer: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
