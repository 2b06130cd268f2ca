import { expect } from '@open-wc/testing';
import { MAX_RESUME_TTL_MS } from '../../src/core/resume/resume-key-format.js';
import { resumeSlotKey } from '../../src/core/resume/slot-key.js';
import { HOUR, SLOT, editRaw, indexOf, newWrappingKey, passport, rawRecords, removeTestDatabases, setup } from './resume-support.js';

describe('resume store', () => {
  afterEach(removeTestDatabases);

  it('gives back the prepared file it kept, byte for byte, with its name and type', async () => {
    const { store } = await setup();
    const prepared = await passport();
    expect(await store.saveForResume(prepared, SLOT)).to.equal(true);

    const found = await store.findResumable(SLOT);
    expect(found).to.include({ fileName: 'passport.jpg', type: 'image/jpeg', size: prepared.file.size, width: 800, height: 500 });
    expect(found!.transformations).to.deep.equal(['metadata-stripped']);
    const file = await found!.restore();
    expect(file).to.be.instanceOf(File);
    expect(file!.name).to.equal('passport.jpg');
    expect(file!.type).to.equal('image/jpeg');
    expect(new Uint8Array(await file!.arrayBuffer())).to.deep.equal(new Uint8Array(await prepared.file.arrayBuffer()));
    expect(await store.findResumable('address-proof/utility-bill')).to.equal(undefined);
    expect(found!.documentIds, 'none created yet').to.deep.equal([]);
  });

  it('keeps the documents already created for the file, sealed, to report them superseded on resume', async () => {
    const { store, name } = await setup();
    expect(await store.saveForResume(await passport(), SLOT, { documentIds: ['doc-first', 'doc-renewed'] })).to.equal(true);
    expect((await store.findResumable(SLOT))!.documentIds).to.deep.equal(['doc-first', 'doc-renewed']);
    // Every field of the stored record, buffers read as text: the ids appear nowhere.
    const latin1 = new TextDecoder('latin1');
    const fields = (await rawRecords(name)).flatMap((record) => Object.values(record)).map((value) => (value instanceof ArrayBuffer ? latin1.decode(value) : String(value)));
    expect(fields.join(' ')).not.to.contain('doc-first');
  });

  it('keeps nothing readable: no JPEG bytes, no file name, no type, sizes padded, a fresh IV per part and record', async () => {
    const { store, name } = await setup();
    const prepared = await passport();
    const jpeg = new Uint8Array(await prepared.file.arrayBuffer());
    expect([...jpeg.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
    await store.saveForResume(prepared, SLOT);
    const [first] = await rawRecords(name);
    await store.saveForResume(prepared, SLOT);
    const records = await rawRecords(name);
    expect(records).to.have.length(1);
    const record = records[0]!;

    const clearFields = JSON.stringify(Object.entries(record).filter(([, value]) => !(value instanceof ArrayBuffer)));
    expect(clearFields).not.to.contain('passport.jpg');
    expect(clearFields).not.to.contain('image/jpeg');
    expect(clearFields).not.to.contain(String(prepared.file.size));
    const nameBytes = new TextEncoder().encode('passport');
    // The JPEG's first 11 bytes (SOI, APP0 and its JFIF tag): a chance match in random bytes is 2^-88.
    const jpegStart = jpeg.subarray(0, 11);
    for (const [field, value] of Object.entries(record)) {
      if (!(value instanceof ArrayBuffer)) continue;
      const bytes = new Uint8Array(value);
      expect([...bytes.subarray(0, 3)], field).not.to.deep.equal([0xff, 0xd8, 0xff]);
      expect(indexOf(bytes, jpegStart), field).to.equal(-1);
      expect(indexOf(bytes, nameBytes), field).to.equal(-1);
    }
    // 64 KiB steps and a 16-byte tag: the size shows only roughly.
    expect((record.body as ArrayBuffer).byteLength).to.equal(64 * 1024 + 16);
    expect((record.meta as ArrayBuffer).byteLength % 512).to.equal(16);
    expect((record.wrappedKey as ArrayBuffer).byteLength).to.equal(40);
    expect(new Uint8Array(record.metaIv as ArrayBuffer)).to.have.length(12);
    expect(new Uint8Array(record.metaIv as ArrayBuffer)).not.to.deep.equal(new Uint8Array(record.bodyIv as ArrayBuffer));
    expect(new Uint8Array(record.bodyIv as ArrayBuffer)).not.to.deep.equal(new Uint8Array(first!.bodyIv as ArrayBuffer));
    expect(new Uint8Array(record.wrappedKey as ArrayBuffer)).not.to.deep.equal(new Uint8Array(first!.wrappedKey as ArrayBuffer));
  });

  it('forgets a file: gone from the store and from the profile', async () => {
    const { store, name } = await setup();
    await store.saveForResume(await passport(), SLOT);
    const found = await store.findResumable(SLOT);
    await store.forget(SLOT);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(await found!.restore()).to.equal(undefined);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('forgets a file whose save was still under way', async () => {
    const { store, name } = await setup();
    const saving = store.saveForResume(await passport(), SLOT);
    await store.forget(SLOT);
    expect(await saving).to.equal(true);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('offers a file until its time is up, then deletes it (and other slots\' expired files)', async () => {
    const { store, name, advance, skipped } = await setup({ ttlMs: 48 * HOUR });
    await store.saveForResume(await passport(), SLOT);
    await store.saveForResume(await passport(), 'address-proof/utility-bill');
    advance(MAX_RESUME_TTL_MS - 1);
    expect(await store.findResumable(SLOT)).not.to.equal(undefined);
    advance(1);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(await rawRecords(name)).to.deep.equal([]);
    expect(skipped).to.deep.equal([]);
  });

  it('does not restore a file that expired after it was offered', async () => {
    const { store, advance } = await setup({ ttlMs: HOUR });
    await store.saveForResume(await passport(), SLOT);
    const found = await store.findResumable(SLOT);
    advance(HOUR);
    expect(await found!.restore()).to.equal(undefined);
  });

  it('caps an expiry with notAfter (a resumed upload must not start the clock again)', async () => {
    const { store, advance } = await setup();
    await store.saveForResume(await passport(), SLOT, { notAfter: Date.UTC(2030, 0, 1, 13) });
    advance(HOUR - 1);
    expect((await store.findResumable(SLOT))?.expiresAt).to.equal(Date.UTC(2030, 0, 1, 13));
    advance(1);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
  });

  it('deletes a record saved under a clock set ahead', async () => {
    const { store, name, advance } = await setup();
    advance(48 * HOUR);
    await store.saveForResume(await passport(), SLOT);
    advance(-48 * HOUR);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('with a wrong or rotated wrapping key: no resume, and the record is deleted', async () => {
    const { store, name, setKey, skipped } = await setup();
    await store.saveForResume(await passport(), SLOT);
    setKey({ epoch: 7, key: await newWrappingKey() });
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(skipped).to.deep.equal(['undecryptable']);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('asks the host for the key of the record\'s epoch; without it, no resume, and the record waits', async () => {
    const { store, name, setKey, skipped, asked } = await setup();
    await store.saveForResume(await passport(), SLOT);
    setKey(undefined);
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(asked).to.deep.equal([undefined, 7]);
    expect(skipped).to.deep.equal(['no-key']);
    expect(await rawRecords(name)).to.have.length(1);
  });

  it('keeps nothing when the host gives no key to save with (no endpoint, signed out)', async () => {
    const { store, name, setKey, skipped } = await setup();
    setKey(undefined);
    expect(await store.saveForResume(await passport(), SLOT)).to.equal(false);
    expect(skipped).to.deep.equal(['no-key']);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

  it('deletes a record edited in the profile: dates extended, moved to another slot, or not a record', async () => {
    const { store, name, skipped, advance } = await setup();
    await store.saveForResume(await passport(), SLOT);
    // Two hours on, an expiry one hour later looks possible: only the encryption tells.
    advance(2 * HOUR);
    await editRaw(name, (record) => (record.expiresAt = (record.expiresAt as number) + HOUR));
    expect(await store.findResumable(SLOT)).to.equal(undefined);

    await store.saveForResume(await passport(), SLOT);
    await editRaw(name, (record) => (record.slot = 'address-proof/utility-bill'));
    expect(await store.findResumable('address-proof/utility-bill')).to.equal(undefined);

    await store.saveForResume(await passport(), SLOT);
    await editRaw(name, (record) => (record.meta = 'not a buffer'));
    expect(await store.findResumable(SLOT)).to.equal(undefined);
    expect(skipped).to.deep.equal(['undecryptable', 'undecryptable', 'broken']);
    expect(await rawRecords(name)).to.deep.equal([]);
  });

});

describe('resumeSlotKey', () => {
  it('names an upload by its document type and, in a set, its kind, subtype and side', () => {
    expect(resumeSlotKey({ documentType: 9 })).to.equal('9');
    expect(resumeSlotKey({ documentType: '9' })).to.equal('9');
    expect(resumeSlotKey({})).to.equal('');
    expect(resumeSlotKey({ documentType: 901, slot: { kind: 'identity-proof', subtype: 'passport', side: 'front' } })).to.equal('901|identity-proof|passport|front');
    expect(resumeSlotKey({ documentType: 911, slot: { kind: 'address-proof', subtype: 'utility-bill' } })).to.equal('911|address-proof|utility-bill|');
  });
});
