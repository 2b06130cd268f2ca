import type { S3Client } from '@aws-sdk/client-s3';
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../../src/server/db/database.js';
import type { ProviderTables } from './schema.js';

/** A document type a KYC review needs, or a list of types any one of which will do. */
export type RequiredDocument = number | readonly number[];

/** What every handler of the emulated provider works with: its tables, its bucket and its settings. */
export interface ProviderContext {
  db: Kysely<ProviderTables>;
  dialect: SqlDialectName;
  s3: S3Client;
  bucket: string;
  maxSize: number;
  /** Seconds an upload form lives: 300, as Treezor's. */
  formExpiresIn: number;
  publicEndpoint?: string;
  /** Treezor's environment id, sent in payloads. */
  clientId: number;
  /** What a KYC review needs, each entry with a validated document: a type, or any one of a list. */
  requiredDocumentTypes: ReadonlyArray<RequiredDocument>;
  now(): number;
  /** Called after a transaction that wrote to the outbox commits: the worker delivers at once. */
  webhookQueued(): void;
}
