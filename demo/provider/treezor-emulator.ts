import type { IncomingMessage, ServerResponse } from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SqlDatabase } from '../../src/server/db/database.js';
import { DEFAULT_MAX_SIZE } from '../../src/core/document-types.js';
import { DEFAULT_EXPIRES_IN } from '../../src/server/presign-document-form.js';
import type { ProviderContext, RequiredDocument } from './context.js';
import type { Backoff } from './retry-delay.js';
import { createRouter, ownsPath } from './routes.js';
import { migrateProvider, type ProviderTables } from './schema.js';
import { deleteValidatedFiles } from './validated-files.js';
import { startWebhookDelivery, type WebhookDelivery } from './webhook-delivery.js';

export interface TreezorEmulatorOptions {
  database: SqlDatabase;
  s3: S3Client;
  bucket: string;
  /** The one Bearer token this emulated provider accepts. */
  accessToken: string;
  /** Where browsers reach the storage, if not at the S3 client's endpoint. */
  publicEndpoint?: string;
  maxSize?: number;
  /** Seconds an upload form lives (300, Treezor's `expireIn`); the journey tests shorten it. */
  formExpiresIn?: number;
  /** Where webhooks go and the shared secret they are signed with; no url = kept in the outbox. */
  webhooks: {
    url?: string;
    secret: string;
    fetch?: typeof fetch;
    /** How often the worker looks for other processes' rows and due retries (default 1 s). */
    pollMs?: number;
    /** Retry delays (default 1 s doubling, at most 5 min); tests shorten them. */
    backoff?: Backoff;
  };
  /**
   * What a KYC review needs, each entry with at least one validated document: a type (`9`), or a
   * list meaning any one of these (`[9, 901]`: an identity card or a passport). Default `[9]`.
   */
  requiredDocumentTypes?: ReadonlyArray<RequiredDocument>;
  /** Treezor environment id in payloads, default 929252 as in the seed. */
  clientId?: number;
  now?: () => number;
}

export interface TreezorEmulator {
  /** true when the path is the emulator's: /core-connect/…, /v1/users…, /demo-compliance/… */
  owns(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Stops the webhook delivery worker, waiting for a delivery in flight. The database stays open. */
  close(): Promise<void>;
}

/**
 * The slice of Treezor the demo needs, over a real S3-compatible store and a real database:
 * users and their KYC object, document pre-review (forms, previews, validation into Document
 * objects), the KYC review and a stand-in for the compliance team's decision, and webhooks written
 * to an outbox in the same transaction as each change, delivered signed by a worker.
 */
export async function createTreezorEmulator(options: TreezorEmulatorOptions): Promise<TreezorEmulator> {
  const { database } = options;
  // Checked before anything starts: a bad list is the caller's mistake, found at once.
  const requiredDocumentTypes = checkedRequirements(options.requiredDocumentTypes ?? [9]);
  await migrateProvider(database);
  const now = options.now ?? Date.now;
  const db = database.db.withTables<ProviderTables>();
  const delivery: WebhookDelivery | undefined = options.webhooks.url
    ? startWebhookDelivery({
        db,
        dialect: database.dialect,
        url: options.webhooks.url,
        secret: options.webhooks.secret,
        now,
        ...(options.webhooks.fetch ? { fetch: options.webhooks.fetch } : {}),
        ...(options.webhooks.pollMs ? { pollMs: options.webhooks.pollMs } : {}),
        ...(options.webhooks.backoff ? { backoff: options.webhooks.backoff } : {}),
      })
    : undefined;
  const ctx: ProviderContext = {
    db,
    dialect: database.dialect,
    s3: options.s3,
    bucket: options.bucket,
    maxSize: options.maxSize ?? DEFAULT_MAX_SIZE,
    formExpiresIn: options.formExpiresIn ?? DEFAULT_EXPIRES_IN,
    ...(options.publicEndpoint ? { publicEndpoint: options.publicEndpoint } : {}),
    clientId: options.clientId ?? 929252,
    requiredDocumentTypes,
    now,
    webhookQueued: () => delivery?.wake(),
  };
  // Files a past decision could not delete (storage down, process killed) go now.
  await deleteValidatedFiles(ctx).catch((error: unknown) => {
    console.error('treezor emulator: validated files not deleted yet:', error instanceof Error ? error.message : error);
  });
  const route = createRouter(ctx, options.accessToken);
  let closing: Promise<void> | undefined;
  return {
    owns: ownsPath,
    handle: route,
    close() {
      closing ??= delivery ? delivery.close() : Promise.resolve();
      return closing;
    },
  };
}

/** The required documents as given, or a start-up error: an empty "any of" could never be met. */
function checkedRequirements(required: ReadonlyArray<RequiredDocument>): ReadonlyArray<RequiredDocument> {
  for (const entry of required) {
    const types = typeof entry === 'number' ? [entry] : entry;
    if (types.length === 0 || !types.every((type) => Number.isSafeInteger(type) && type >= 0)) {
      throw new Error(`requiredDocumentTypes: ${JSON.stringify(entry)} is not a document type or a non-empty list of them.`);
    }
  }
  return required;
}
