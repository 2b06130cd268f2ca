// <kyc-upload> inside real <form>s: what FormData holds, what validity says, what submits.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { fixtureFile } from '../core/files.js';

/** An uploader that stores at once under `doc-<n>`, like the real one without the network. */
let stored = 0;
const storing: Uploader = async (file, _settings, controls) => {
  const documentId = `doc-${++stored}`;
  controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId });
  return { documentId, file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
};

/** An uploader that runs until `finish()` is called. */
function holding(): { uploader: Uploader; finish: () => void } {
  let finish = () => {};
  const uploader: Uploader = (file, _settings, controls) =>
    new Promise((resolve) => {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-held' });
      finish = () => resolve({ documentId: 'doc-held', file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] });
    });
  return { uploader, finish: () => finish() };
}

async function form(template: TemplateResult): Promise<{ form: HTMLFormElement; el: KycUpload }> {
  const form = await fixture<HTMLFormElement>(template);
  const el = form.querySelector('kyc-upload')!;
  el.uploader = storing;
  await el.updateComplete;
  return { form, el };
}

async function uploaded(el: KycUpload): Promise<void> {
  el.select(await fixtureFile('id-card.pdf'));
  await el.uploadComplete;
  await el.updateComplete;
}

/** Submits as a submit button would, and says whether the submission went ahead. */
function submits(form: HTMLFormElement): boolean {
  let submitted = false;
  const onSubmit = (event: SubmitEvent) => {
    submitted = !event.defaultPrevented;
    event.preventDefault(); // no navigation away from the test page
  };
  form.addEventListener('submit', onSubmit);
  form.requestSubmit();
  form.removeEventListener('submit', onSubmit);
  return submitted;
}

describe('<kyc-upload> in a form', () => {
  type Step = (form: HTMLFormElement, el: KycUpload) => Promise<void> | void;
  const named = html`<form><kyc-upload name="idDocument"></kyc-upload></form>`;
  const values: Array<[string, TemplateResult, Step[], 'documentId' | null]> = [
    ['a named element submits its documentId', named, [(_f, el) => uploaded(el)], 'documentId'],
    ['before any upload it submits nothing', named, [], null],
    ['without a name it submits nothing', html`<form><kyc-upload></kyc-upload></form>`, [(_f, el) => uploaded(el)], null],
    ['disabled, it submits nothing', named, [(_f, el) => uploaded(el), (_f, el) => void (el.disabled = true)], null],
    [
      'in a disabled fieldset, it submits nothing',
      html`<form><fieldset><kyc-upload name="idDocument"></kyc-upload></fieldset></form>`,
      [(_f, el) => uploaded(el), (f) => void (f.querySelector('fieldset')!.disabled = true)],
      null,
    ],
    ['after form.reset() it submits nothing', named, [(_f, el) => uploaded(el), (f) => f.reset()], null],
  ];
  for (const [what, template, steps, expected] of values) {
    it(what, async () => {
      const { form: f, el } = await form(template);
      for (const step of steps) await step(f, el);
      await el.updateComplete;
      const value = new FormData(f).get('idDocument');
      if (expected === null) expect(value).to.equal(null);
      else {
        expect(value).to.match(/^doc-\d+$/);
        expect(value).to.equal(el.value);
      }
    });
  }

  it('takes its name from the property too (frameworks set properties)', async () => {
    const { form: f, el } = await form(html`<form><kyc-upload></kyc-upload></form>`);
    el.name = 'proofOfAddress';
    await uploaded(el);
    expect(new FormData(f).get('proofOfAddress')).to.equal(el.value);
  });

  const required: Array<[string, string, string]> = [
    ['en', 'Please upload a document.', '<html lang>'],
    ['fr', 'Veuillez envoyer un document.', 'its own lang'],
  ];
  for (const [lang, message, where] of required) {
    it(`required and empty: invalid, "${message}" (${lang}, from ${where}), and the form does not submit`, async () => {
      const { form: f, el } = await form(html`<form><kyc-upload name="id" required lang=${lang === 'en' ? '' : lang}></kyc-upload></form>`);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal(message);
      expect(f.checkValidity()).to.equal(false);
      expect(submits(f)).to.equal(false);
      await uploaded(el);
      expect(el.validity.valid).to.equal(true);
      expect(submits(f)).to.equal(true);
    });
  }

  it('holds back the submission while an upload is in flight, with a message, then lets it go', async () => {
    const { form: f, el } = await form(html`<form><kyc-upload name="id"></kyc-upload></form>`);
    const { uploader, finish } = holding();
    el.uploader = uploader;
    el.select(await fixtureFile('id-card.pdf'));
    await el.updateComplete;
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('Please wait until your document has finished uploading.');
    expect(submits(f)).to.equal(false);
    finish();
    await el.uploadComplete;
    await el.updateComplete;
    expect(submits(f)).to.equal(true);
    expect(new FormData(f).get('id')).to.equal('doc-held');
  });

  it('holds back a novalidate form too while an upload is in flight', async () => {
    const { form: f, el } = await form(html`<form novalidate><kyc-upload name="id"></kyc-upload></form>`);
    const { uploader, finish } = holding();
    el.uploader = uploader;
    el.select(await fixtureFile('id-card.pdf'));
    await el.updateComplete;
    expect(submits(f)).to.equal(false);
    finish();
    await el.uploadComplete;
    expect(submits(f)).to.equal(true);
  });

  it('form.reset() clears the value, fires change and shows the empty state again', async () => {
    const { form: f, el } = await form(html`<form><kyc-upload name="id" required></kyc-upload></form>`);
    await uploaded(el);
    let changes = 0;
    el.addEventListener('change', () => changes++);
    f.reset();
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(new FormData(f).get('id')).to.equal(null);
    expect(changes).to.equal(1);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('Choose a file');
  });

  it('a disabled fieldset disables the buttons without touching its own disabled attribute', async () => {
    const { form: f, el } = await form(html`<form><fieldset><kyc-upload name="id"></kyc-upload></fieldset></form>`);
    const fieldset = f.querySelector('fieldset')!;
    const choose = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="choose-button"]')!;
    fieldset.disabled = true;
    await el.updateComplete;
    expect(choose().disabled).to.equal(true);
    expect(el.hasAttribute('disabled')).to.equal(false);
    let selected = 0;
    el.addEventListener('kyc-upload-select', () => selected++);
    el.select(await fixtureFile('id-card.pdf'));
    expect(selected).to.equal(0);
    fieldset.disabled = false;
    await el.updateComplete;
    expect(choose().disabled).to.equal(false);
  });

  it('restores a stored document from the form state the browser hands back', async () => {
    const { form: f, el } = await form(html`<form><kyc-upload name="id"></kyc-upload></form>`);
    let changes = 0;
    el.addEventListener('change', () => changes++);
    el.formStateRestoreCallback(JSON.stringify({ documentId: 'doc-restored', name: 'passport.pdf', type: 'application/pdf', size: 2048 }));
    await el.updateComplete;
    expect(el.value).to.equal('doc-restored');
    expect(new FormData(f).get('id')).to.equal('doc-restored');
    expect(el.shadowRoot!.textContent).to.contain('Document uploaded');
    expect(el.shadowRoot!.textContent).to.contain('passport.pdf');
    expect(changes, 'a restore is not a change the person made').to.equal(0);
    el.formStateRestoreCallback('not a state this element wrote');
    expect(el.value).to.equal('doc-restored');
  });

  it('exposes form, labels and validity like a native control', async () => {
    const { form: f, el } = await form(html`<form><label for="doc">Passport</label><kyc-upload id="doc" name="id" required></kyc-upload></form>`);
    expect(el.form).to.equal(f);
    expect([...el.labels].map((label) => label.textContent)).to.deep.equal(['Passport']);
    expect(el.willValidate).to.equal(true);
    expect(el.checkValidity()).to.equal(false);
  });
});
