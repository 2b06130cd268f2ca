import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/core/errors.js';
import { normalizeAnswer, type PresignedForm } from '../../src/core/presign.js';
import { buildFormData, postToStorage } from '../../src/core/transport.js';
import { fixtureFile } from './files.js';
import { encodePolicy, treezorAnswer } from './forms.js';

const formTo = (action: string, fields: Record<string, string> = {}): PresignedForm => ({
  ...normalizeAnswer(treezorAnswer({}, fields), Date.now()),
  action,
});

describe('buildFormData', () => {
  it('sends every signed field in order, then the file last', async () => {
    const file = await fixtureFile('id-card.pdf');
    const body = buildFormData(formTo('https://s3.example'), file, { contentType: 'application/pdf', fileName: file.name });
    const names = [...body.keys()];
    expect(names).to.deep.equal(['acl', 'key', 'Content-Type', 'X-Amz-Credential', 'X-Amz-Algorithm', 'X-Amz-Date', 'Policy', 'X-Amz-Signature', 'file']);
    expect(body.get('file')).to.be.instanceOf(File);
  });

  it('fills an empty Content-Type field with the real type', async () => {
    const file = await fixtureFile('id-card.png');
    const body = buildFormData(formTo('https://s3.example'), file, { contentType: 'image/png', fileName: file.name });
    expect(body.get('Content-Type')).to.equal('image/png');
  });

  it('refuses a form signed for another type', async () => {
    const file = await fixtureFile('id-card.png');
    const form = formTo('https://s3.example', { 'Content-Type': 'application/pdf' });
    expect(() => buildFormData(form, file, { contentType: 'image/png', fileName: file.name })).to.throw(UploadError, /signed for/);
  });

  it("refuses a type the policy's Content-Type condition excludes", async () => {
    const file = await fixtureFile('id-card.png');
    const form = formTo('https://s3.example', { Policy: encodePolicy([['starts-with', '$Content-Type', 'application/']]) });
    expect(() => buildFormData(form, file, { contentType: 'image/png', fileName: file.name })).to.throw(UploadError, /policy/);
  });
});

describe('postToStorage', () => {
  const post = async (scenario: string, signal?: AbortSignal, onProgress?: (l: number, t: number) => void) => {
    const file = await fixtureFile('id-card.pdf');
    return postToStorage(formTo(`${location.origin}/__test__/storage/${scenario}`), file, {
      contentType: 'application/pdf', fileName: file.name, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}),
    });
  };
  const failure = (scenario: string) => post(scenario).then(() => { throw new Error('resolved'); }, (e: UploadError) => e);

  it('resolves on 204 and reports progress up to the file size', async () => {
    const reports: Array<[number, number]> = [];
    await post('204', undefined, (loaded, total) => reports.push([loaded, total]));
    const file = await fixtureFile('id-card.pdf');
    expect(reports.at(-1)).to.deep.equal([file.size, file.size]);
  });

  it('resolves on 201', async () => {
    await post('201');
  });

  const cases: Array<[string, string, boolean]> = [
    ['expired', 'form-expired', true],
    ['condition', 'storage-rejected', false],
    ['signature', 'storage-rejected', false],
    ['too-large', 'too-large', false],
    ['unavailable', 'storage-unavailable', true],
  ];
  for (const [scenario, code, retryable] of cases) {
    it(`maps S3's ${scenario} answer to ${code}`, async () => {
      const error = await failure(scenario);
      expect(error.code).to.equal(code);
      expect(error.retryable).to.equal(retryable);
    });
  }

  it('maps a refused connection to network-error', async () => {
    const file = await fixtureFile('id-card.pdf');
    const error = await postToStorage(formTo('http://127.0.0.1:1/'), file, { contentType: 'application/pdf', fileName: 'a.pdf' }).catch((e) => e);
    expect(error.code).to.equal('network-error');
  });

  it('aborts with the signal', async () => {
    const controller = new AbortController();
    const pending = post('204', controller.signal);
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error.code).to.equal('aborted');
  });
});
