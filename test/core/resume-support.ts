import type { PreparedFile } from '../../src/core/prepare/prepare.js';
import { type ResumeSkipReason, type ResumeStoreOptions, createResumeStore } from '../../src/core/resume/resume-store.js';
import type { WrappingKey } from '../../src/core/resume/wrapping-key.js';
import { fixtureFile } from './files.js';

// What the resume tests share: a store on a database of its own, and the profile read without it.

export const HOUR = 60 * 60 * 1000;
export const newWrappingKey = () => crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);

/** A store on a database of its own, a clock the test moves, and the host's key for one applicant. */
export async function setup(overrides: Partial<ResumeStoreOptions> = {}) {
  const name = `kyc-upload-resume-test-${crypto.randomUUID()}`;
  let clock = Date.UTC(2030, 0, 1, 12);
  let key: WrappingKey | undefined = { epoch: 7, key: await newWrappingKey() };
  const skipped: ResumeSkipReason[] = [];
  const asked: Array<number | undefined> = [];
  const store = createResumeStore({
    name,
    now: () => clock,
    wrappingKey: async (epoch) => {
      asked.push(epoch);
      return key && (epoch === undefined || epoch === key.epoch) ? key : undefined;
    },
    onSkip: (reason) => skipped.push(reason),
    ...overrides,
  });
  databases.push(name);
  return {
    store,
    name,
    skipped,
    asked,
    advance: (ms: number) => (clock += ms),
    setKey: (next: WrappingKey | undefined) => (key = next),
  };
}

const databases: string[] = [];
/** Deletes the databases the tests' stores made: for each file's afterEach. */
export function removeTestDatabases(): Promise<unknown> {
  return Promise.all(databases.splice(0).map((name) => new Promise((done) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = done;
  })));
}

/** The records as they lie in the browser's profile, read without the store. */
export function rawRecords(name: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('files')) {
        db.close();
        resolve([]);
        return;
      }
      const all = db.transaction('files').objectStore('files').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result as Array<Record<string, unknown>>);
      };
      all.onerror = () => reject(all.error);
    };
  });
}

export function editRaw(name: string, edit: (record: Record<string, unknown>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('files', 'readwrite');
      const files = transaction.objectStore('files');
      const cursor = files.openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        const record = { ...(at.value as Record<string, unknown>) };
        edit(record);
        if (record.slot !== at.primaryKey) {
          at.delete();
          files.put(record);
        } else {
          at.update(record);
        }
        at.continue();
      };
      transaction.oncomplete = () => {
        db.close();
        resolve();
      };
      transaction.onabort = () => reject(transaction.error);
    };
    open.onerror = () => reject(open.error);
  });
}

export const indexOf = (haystack: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
};

export async function passport(): Promise<PreparedFile> {
  const file = await fixtureFile('id-card.jpg', 'passport.jpg', 'image/jpeg');
  return { file, type: 'image/jpeg', transformations: ['metadata-stripped'], width: 800, height: 500 };
}

export const SLOT = 'identity-proof/passport/front';
