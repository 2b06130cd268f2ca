import { type AllowedType, toAllowedType } from '../document-types.js';
import type { Transformation } from '../prepare/prepare.js';

/**
 * One prepared file, sealed for IndexedDB. A fresh AES-256-GCM data key per record encrypts two
 * parts, each under a fresh random 96-bit IV: `meta` (the file's name, type, exact size, date,
 * what preparation did, the size of the file first chosen and the documents created for it) and `body` (the bytes). The data key is stored only wrapped (AES-KW) by the
 * applicant's wrapping key, which the host's server holds.
 *
 * In clear stay what the store needs to find and expire a record, all bound to both parts as
 * additional data (a record moved to another slot, or its dates or epoch edited, fails to decrypt):
 * the slot key, the record's id, when it was saved, when it expires and the key's epoch. Lengths
 * are padded: the name to 512-byte steps, the bytes to 64 KiB steps, so the size shows only
 * roughly.
 */
export interface SealedRecord {
  /** The store's key: the element's slot (a document type, or kind/subtype/side in a set). */
  slot: string;
  version: 1;
  /** Random, so that a handle found earlier restores that record and no later one. */
  id: string;
  savedAt: number;
  expiresAt: number;
  /** The wrapping key's epoch, to ask the server for the same key. */
  epoch: number;
  wrappedKey: ArrayBuffer;
  metaIv: ArrayBuffer;
  meta: ArrayBuffer;
  bodyIv: ArrayBuffer;
  body: ArrayBuffer;
}

/** What is kept of the file besides its bytes; never in clear. */
export interface SealedFileInfo {
  name: string;
  type: AllowedType;
  size: number;
  lastModified: number;
  transformations: Transformation[];
  width?: number;
  height?: number;
  pageCount?: number;
  /** The size of the file the person chose, before it was prepared. */
  originalSize?: number;
  /** The documents created for this file so far: superseded once it is uploaded again. */
  documentIds?: string[];
}

const META_STEP = 512;
const BODY_STEP = 64 * 1024;
const IV_BYTES = 12;

/** The clear fields both parts are bound to. */
const additionalData = (record: Omit<SealedRecord, 'wrappedKey' | 'metaIv' | 'meta' | 'bodyIv' | 'body'>, part: 'meta' | 'body') =>
  new TextEncoder().encode(JSON.stringify(['kyc-upload-resume', record.version, part, record.slot, record.id, record.savedAt, record.expiresAt, record.epoch]));

const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

const padded = (bytes: Uint8Array, step: number, fill: number) => {
  const out = new Uint8Array(Math.max(step, Math.ceil(bytes.byteLength / step) * step)).fill(fill);
  out.set(bytes);
  return out;
};

/** Seals a file; the wrapping key is used for one wrap. */
export async function sealFile(
  info: SealedFileInfo,
  bytes: Uint8Array<ArrayBuffer>,
  place: { slot: string; savedAt: number; expiresAt: number },
  wrapping: { epoch: number; key: CryptoKey },
): Promise<SealedRecord> {
  const id = Array.from(randomBytes(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const clear = { slot: place.slot, version: 1 as const, id, savedAt: place.savedAt, expiresAt: place.expiresAt, epoch: wrapping.epoch };
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const metaIv = randomBytes(IV_BYTES);
  const bodyIv = randomBytes(IV_BYTES);
  // Spaces after the JSON pad the name's length away; JSON.parse ignores them.
  const metaBytes = padded(new TextEncoder().encode(JSON.stringify(info)), META_STEP, 0x20);
  const paddedBody = padded(bytes, BODY_STEP, 0);
  const [meta, body, wrappedKey] = await Promise.all([
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: metaIv, additionalData: additionalData(clear, 'meta') }, dataKey, metaBytes),
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: bodyIv, additionalData: additionalData(clear, 'body') }, dataKey, paddedBody),
    crypto.subtle.wrapKey('raw', dataKey, wrapping.key, 'AES-KW'),
  ]);
  paddedBody.fill(0);
  return { ...clear, wrappedKey, metaIv: metaIv.buffer, meta, bodyIv: bodyIv.buffer, body };
}

/**
 * The data key, unwrapped as a key that only decrypts and cannot be read back. Throws when the
 * wrapping key is not the one the record was sealed with (AES-KW's integrity check).
 */
export function unwrapDataKey(record: SealedRecord, wrappingKey: CryptoKey): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey('raw', record.wrappedKey, wrappingKey, 'AES-KW', 'AES-GCM', false, ['decrypt']);
}

/** The file's description; throws when the record was tampered with or is not ours. */
export async function openInfo(record: SealedRecord, dataKey: CryptoKey): Promise<SealedFileInfo> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.metaIv, additionalData: additionalData(record, 'meta') }, dataKey, record.meta);
  const info = parseInfo(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)));
  if (!info) throw new Error('The sealed description is not one this version wrote.');
  return info;
}

/** The file itself; throws when the record was tampered with or is not ours. */
export async function openFile(record: SealedRecord, dataKey: CryptoKey, info: SealedFileInfo): Promise<File> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.bodyIv, additionalData: additionalData(record, 'body') }, dataKey, record.body);
  if (info.size > plain.byteLength) throw new Error('The sealed file is shorter than its description.');
  return new File([plain.slice(0, info.size)], info.name, { type: info.type, lastModified: info.lastModified });
}

/** Whether a value read from IndexedDB has the shape of a record; anything else is deleted. */
export function isSealedRecord(value: unknown, slot: string): value is SealedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const numbers = [r.savedAt, r.expiresAt, r.epoch].every((n) => typeof n === 'number' && Number.isFinite(n));
  const buffers = [r.wrappedKey, r.metaIv, r.meta, r.bodyIv, r.body].every((b) => b instanceof ArrayBuffer);
  return r.version === 1 && r.slot === slot && typeof r.id === 'string' && numbers && buffers && (r.metaIv as ArrayBuffer).byteLength === IV_BYTES && (r.bodyIv as ArrayBuffer).byteLength === IV_BYTES;
}

function parseInfo(value: unknown): SealedFileInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const type = typeof v.type === 'string' ? toAllowedType(v.type) : undefined;
  const whole = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (typeof v.name !== 'string' || !type || !whole(v.size) || !whole(v.lastModified) || !Array.isArray(v.transformations)) return undefined;
  const optional = (['width', 'height', 'pageCount', 'originalSize'] as const).filter((field) => whole(v[field]));
  return {
    name: v.name,
    type,
    size: v.size as number,
    lastModified: v.lastModified as number,
    transformations: v.transformations.filter((t): t is Transformation => typeof t === 'string'),
    ...Object.fromEntries(optional.map((field) => [field, v[field]])),
    ...(Array.isArray(v.documentIds) ? { documentIds: v.documentIds.filter((id): id is string => typeof id === 'string') } : {}),
  };
}
