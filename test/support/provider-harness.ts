import { readFile } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SqlDatabase } from '../../src/server/db/database.js';
import type { DocumentForm } from '../../src/server/presign-document-form.js';
import { createTreezorEmulator, type TreezorEmulator, type TreezorEmulatorOptions } from '../../demo/provider/treezor-emulator.js';
import { eventually as until } from './eventually.js';
import { serve, type TestServer } from './http-server.js';
import { postToS3 } from './s3-post.js';

export const PROVIDER_TOKEN = 'test-access-token';

/** A real ID-card photo the server's verification passes. */
export const validJpeg = async () => new Uint8Array(await readFile(new URL('../fixtures/id-card.jpg', import.meta.url)));

export type EmulatorSettings = Partial<Omit<TreezorEmulatorOptions, 'database' | 's3' | 'bucket' | 'accessToken'>>;

export interface RunningProvider {
  url: string;
  emulator: TreezorEmulator;
  call(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** The emulator over `database` and a bucket, served on a loopback port, as the demo mounts it. */
export async function startProvider(
  database: SqlDatabase,
  storage: { s3: S3Client; bucket: string },
  settings: EmulatorSettings = {},
): Promise<RunningProvider> {
  const emulator = await createTreezorEmulator({
    database,
    s3: storage.s3,
    bucket: storage.bucket,
    accessToken: PROVIDER_TOKEN,
    webhooks: { secret: 'unused' },
    ...settings,
  });
  let server: TestServer;
  try {
    server = await serve((req, res) => emulator.handle(req, res));
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    url: server.url,
    emulator,
    call: (path, init = {}) => providerCall(server.url, path, init),
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

/** A request to the provider with its token (`token: null` sends none) and an optional JSON body. */
export function providerCall(base: string, path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}): Promise<Response> {
  const { token = PROVIDER_TOKEN, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${base}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
}

type Call = RunningProvider['call'];

/** The JSON of an answer that must have `status`; its text in the failure message otherwise. */
export async function expectJson<T = Record<string, unknown>>(answer: Promise<Response> | Response, status: number): Promise<T> {
  const response = await answer;
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function createUser(call: Call, firstname = 'Alex', lastname = 'Oak'): Promise<number> {
  const { users } = await expectJson<{ users: Array<{ userId: string }> }>(call('/v1/users', { method: 'POST', json: { firstname, lastname } }), 200);
  return Number(users[0]!.userId);
}

export async function createDocument(call: Call, userId: number, documentType = 9, contentType = 'image/jpeg'): Promise<DocumentForm> {
  return expectJson<DocumentForm>(call(`/core-connect/users/${userId}/kyc/document`, { method: 'POST', json: { documentType, contentType } }), 200);
}

/** A document for `userId` with `bytes` stored through its form. */
export async function uploadedDocument(call: Call, userId: number, bytes: Uint8Array<ArrayBuffer>, documentType = 9, type = 'image/jpeg'): Promise<DocumentForm> {
  const form = await createDocument(call, userId, documentType, type);
  const answer = await postToS3(form.form.action, form.formFields, { bytes, type });
  if (answer.status !== 204) throw new Error(`upload failed: ${answer.status} ${answer.body}`);
  return form;
}

export const setStatus = (call: Call, documentId: string, status: number, comment = 'Checked by the test') =>
  call(`/core-connect/kyc/documents/${documentId}/status`, { method: 'PUT', json: { status, comment } });

export const decide = (call: Call, userId: number, status: string, comment = 'Decided by the test') =>
  call(`/demo-compliance/users/${userId}/kyc-decision`, { method: 'PUT', json: { status, comment } });

/** `condition`'s value, once it is truthy (support/eventually.ts: a state, never a fixed time). */
export function eventually<T>(condition: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  return until(condition, (value) => Boolean(value), what, timeoutMs) as Promise<T>;
}
