import { expect } from '@open-wc/testing';
import { SLOT, passport, rawRecords, removeTestDatabases, setup } from './resume-support.js';

describe('resume store when storage fails', () => {
  afterEach(removeTestDatabases);

  it('with the storage full: nothing kept, no error, and no older file left to offer', async () => {
    const { store, name, skipped } = await setup();
    await store.saveForResume(await passport(), SLOT);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      expect(await store.saveForResume(await passport(), SLOT)).to.equal(false);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(skipped).to.deep.equal(['storage-full']);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('with the storage full as the transaction commits: nothing kept, no error', async () => {
    const { store, skipped } = await setup();
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const opened = transaction.apply(this, args);
      if (args[1] === 'readwrite') {
        const put = opened.objectStore('files').put;
        opened.objectStore('files').put = (...putArgs: Parameters<IDBObjectStore['put']>) => {
          const request = put.apply(opened.objectStore('files'), putArgs);
          opened.abort();
          return request;
        };
      }
      return opened;
    } as IDBDatabase['transaction'];
    try {
      expect(await store.saveForResume(await passport(), SLOT)).to.equal(false);
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    expect(skipped).to.have.length(1);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
  });

  for (const [label, factory] of [
    ['no IndexedDB at all', () => undefined],
    ['IndexedDB refused (private mode, sandboxed frame)', () => ({ open: () => { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); } }) as unknown as IDBFactory],
    ['an open that fails', () => ({ open: () => failingOpen() }) as unknown as IDBFactory],
  ] as const) {
    it(`with ${label}: no resume, nothing thrown`, async () => {
      const { store, skipped } = await setup({ indexedDB: factory });
      expect(await store.saveForResume(await passport(), SLOT)).to.equal(false);
      expect(await store.findResumable(SLOT)).to.equal(undefined);
      await store.forget(SLOT);
      expect(skipped).to.deep.equal(['storage-unavailable', 'storage-unavailable']);
    });
  }

  it('with the page\'s indexedDB throwing when read: no resume, nothing thrown', async () => {
    const { store, skipped } = await setup();
    // On the global object itself in some engines, on Window.prototype in others.
    const own = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    Object.defineProperty(globalThis, 'indexedDB', { configurable: true, get: () => { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
    try {
      expect(await store.saveForResume(await passport(), SLOT)).to.equal(false);
      expect(await store.findResumable(SLOT)).to.equal(undefined);
      await store.forget(SLOT);
    } finally {
      if (own) Object.defineProperty(globalThis, 'indexedDB', own);
      else delete (globalThis as { indexedDB?: unknown }).indexedDB;
    }
    expect(skipped).to.deep.equal(['storage-unavailable', 'storage-unavailable']);
    expect(globalThis.indexedDB).to.be.instanceOf(IDBFactory);
  });
});

/** An open request that fails on the next turn, as private modes of some browsers answer. */
function failingOpen(): IDBOpenDBRequest {
  const request = new EventTarget() as IDBOpenDBRequest & { onerror: ((event: Event) => void) | null };
  request.onerror = null;
  setTimeout(() => request.onerror?.(new Event('error', { cancelable: true })));
  return request;
}
