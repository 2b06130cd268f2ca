/**
 * The few IndexedDB operations resume needs, each on a connection of its own that is closed at
 * once (an open connection would block another tab's upgrade). Every failure — no IndexedDB,
 * private mode refusing it, a blocked or hanging open, a full disk — rejects with a `ResumeDbError`
 * whose reason the store turns into "no resume"; nothing here logs.
 */

export type ResumeDbProblem = 'unavailable' | 'quota' | 'failed';

export class ResumeDbError extends Error {
  constructor(readonly problem: ResumeDbProblem) {
    super(`IndexedDB: ${problem}`);
    this.name = 'ResumeDbError';
  }
}

const STORE = 'files';
const BY_EXPIRY = 'expiresAt';
/** Some browsers leave an open pending forever (an old Safari's private mode, a blocked upgrade). */
const OPEN_TIMEOUT_MS = 3000;

export interface ResumeDbOptions {
  /** The factory; `undefined` when the page has none. Read lazily from the page unless given. */
  indexedDB?: () => IDBFactory | undefined;
  name?: string;
}

export const DEFAULT_RESUME_DB_NAME = 'kyc-upload-resume';

const pageIndexedDB = () => globalThis.indexedDB;

const failure = (error: unknown): ResumeDbError => {
  if (error instanceof ResumeDbError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return new ResumeDbError(name === 'QuotaExceededError' ? 'quota' : 'failed');
};

function open(options: ResumeDbOptions): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      const factory = (options.indexedDB ?? pageIndexedDB)();
      if (!factory) throw new ResumeDbError('unavailable');
      request = factory.open(options.name ?? DEFAULT_RESUME_DB_NAME, 1);
    } catch (error) {
      // Firefox's old private mode and sandboxed frames throw here (InvalidStateError, SecurityError).
      reject(error instanceof ResumeDbError ? error : new ResumeDbError('unavailable'));
      return;
    }
    let settled = false;
    const settle = (error: ResumeDbError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => settle(new ResumeDbError('unavailable')), OPEN_TIMEOUT_MS);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'slot' });
      store.createIndex(BY_EXPIRY, 'expiresAt');
    };
    request.onblocked = () => settle(new ResumeDbError('unavailable'));
    request.onerror = (event) => {
      event.preventDefault();
      settle(new ResumeDbError('unavailable'));
    };
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {
        db.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Another tab upgrading later is not held up by us.
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/** Runs `work` in one transaction and resolves with its result once the transaction commits. */
async function inTransaction<T>(options: ResumeDbOptions, mode: IDBTransactionMode, work: (store: IDBObjectStore) => () => T): Promise<T> {
  const db = await open(options);
  try {
    return await new Promise<T>((resolve, reject) => {
      let transaction: IDBTransaction;
      let result: () => T;
      try {
        // Committed once the OS has the writes, not once they are on disk: what is kept is for a
        // killed tab or browser, which loses nothing the OS holds, and a flush per write of a
        // 4 MB file costs the upload beside it.
        transaction = db.transaction(STORE, mode, { durability: 'relaxed' });
        result = work(transaction.objectStore(STORE));
      } catch (error) {
        reject(failure(error));
        return;
      }
      transaction.oncomplete = () => {
        try {
          resolve(result());
        } catch (error) {
          reject(failure(error));
        }
      };
      // A quota error arrives as the transaction's error, on `abort`; so does a failed request's,
      // which is left to abort the transaction rather than let it commit the rest.
      transaction.onabort = () => reject(failure(transaction.error));
    });
  } finally {
    db.close();
  }
}

export function readRecord(options: ResumeDbOptions, slot: string): Promise<unknown> {
  return inTransaction(options, 'readonly', (store) => {
    const request = store.get(slot);
    return () => request.result as unknown;
  });
}

export function writeRecord(options: ResumeDbOptions, record: { slot: string; expiresAt: number }): Promise<void> {
  return inTransaction(options, 'readwrite', (store) => {
    store.put(record);
    return () => undefined;
  });
}

/** Deletes the slot's record, or only the one with that id when it is given (a newer one stays). */
export function deleteRecord(options: ResumeDbOptions, slot: string, id?: string): Promise<void> {
  return inTransaction(options, 'readwrite', (store) => {
    if (id === undefined) {
      store.delete(slot);
    } else {
      const request = store.get(slot);
      request.onsuccess = () => {
        const found = request.result as { id?: unknown } | undefined;
        if (found?.id === id) store.delete(slot);
      };
    }
    return () => undefined;
  });
}

/**
 * Deletes every record expired at `now`, and every record that expires later than one saved now
 * could (saved under a clock set ahead), through the expiry index: the records' bytes are never read.
 */
export function deleteExpired(options: ResumeDbOptions, now: number, longestTtl: number): Promise<void> {
  return inTransaction(options, 'readwrite', (store) => {
    const index = store.index(BY_EXPIRY);
    for (const range of [IDBKeyRange.upperBound(now), IDBKeyRange.lowerBound(now + longestTtl, true)]) {
      const cursor = index.openKeyCursor(range);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        store.delete(at.primaryKey);
        at.continue();
      };
    }
    return () => undefined;
  });
}
