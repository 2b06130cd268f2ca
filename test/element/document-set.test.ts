// <kyc-document-set>: requirements, the choice of document, one upload per side, the events a host
// reads, forms, and the submit action, in every engine.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define-document-set.js';
import type { KycDocumentSet } from '../../src/element/document-set/kyc-document-set.js';
import type { KycDocumentSetChangeEvent, KycDocumentSetCompleteEvent } from '../../src/element/document-set/events.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { UploadSettings } from '../../src/core/pipeline.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { UploadError } from '../../src/core/errors.js';
import { SCRIPT_TAG_FILES } from '../../src/core/runtime-files.js';

/** Stores at once under `doc-<n>` and remembers what each upload was asked to send. */
function storingUploader() {
  let count = 0;
  const calls: UploadSettings[] = [];
  const uploader: Uploader = async (file, settings, controls) => {
    calls.push(settings);
    const documentId = `doc-${++count}`;
    controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId });
    return { documentId, file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
  };
  return { uploader, calls };
}

/** Runs until `finish()`; a cancel ends it as `aborted`. */
function holdingUploader() {
  let finish = () => {};
  const uploader: Uploader = (file, _settings, controls) =>
    new Promise((resolve, reject) => {
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-held' });
      controls.signal?.addEventListener('abort', () => reject(Object.assign(new UploadError('aborted', 'cancelled'), { documentId: 'doc-held' })));
      finish = () => resolve({ documentId: 'doc-held', file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] });
    });
  return { uploader, finish: () => finish() };
}

const pdf = (name = 'scan.pdf') => new File(['%PDF-1.7 test'], name, { type: 'application/pdf' });
const STANDARD = html`<kyc-document-set identity-proof="passport:901 id-card:9" address-proof="utility-bill:911 bank-statement:912"></kyc-document-set>`;

async function setUp(template: TemplateResult = STANDARD, uploader: Uploader = storingUploader().uploader): Promise<KycDocumentSet> {
  const el = await fixture<KycDocumentSet>(template);
  el.uploader = uploader;
  await el.updateComplete;
  return el;
}

const root = (el: KycDocumentSet) => el.shadowRoot!;
const slots = (el: KycDocumentSet) => [...root(el).querySelectorAll<KycUpload>('kyc-upload')];
const instructions = (el: KycDocumentSet) => [...root(el).querySelectorAll('.slot-label')].map((p) => p.textContent!.trim());
const progressText = (el: KycDocumentSet) => root(el).querySelector('[part="progress"]')!.textContent!.trim();
const radio = (el: KycDocumentSet, kind: string, subtype: string) => root(el).querySelector<HTMLInputElement>(`input[name="choice-${kind}"][value="${subtype}"]`)!;

/** Clicks a radio as a person would, then waits for the set to render. */
async function pick(el: KycDocumentSet, kind: string, subtype: string): Promise<void> {
  radio(el, kind, subtype).click();
  await el.updateComplete;
}

/** Uploads into the slot for `side` of `kind`, and waits until it is stored. */
async function upload(el: KycDocumentSet, kind: string, side: string, file = pdf()): Promise<void> {
  const slot = slots(el).find((candidate) => candidate.kind === kind && candidate.side === side)!;
  expect(slot, `a ${kind} ${side} slot`).to.exist;
  slot.select(file);
  await slot.uploadComplete;
  await slot.updateComplete;
  await el.updateComplete;
}

describe('<kyc-document-set>', () => {
  describe('requirements', () => {
    it('reads the attributes: one fieldset per kind, a native radio per subtype, nothing uploaded before a choice', async () => {
      const el = await setUp();
      const legends = [...root(el).querySelectorAll('fieldset.requirement > legend')].map((l) => l.textContent!.trim());
      expect(legends).to.deep.equal(['Proof of identity', 'Proof of address']);
      const identity = [...root(el).querySelectorAll<HTMLInputElement>('input[name="choice-identity-proof"]')].map((r) => [r.type, r.value, r.closest('label')!.textContent!.trim()]);
      expect(identity).to.deep.equal([
        ['radio', 'passport', 'Passport'],
        ['radio', 'id-card', 'Identity card'],
      ]);
      expect(slots(el)).to.have.length(0);
      expect(progressText(el)).to.equal('0 of 2 documents');
    });

    it('gives a passport one upload and an identity card two, each with its instruction', async () => {
      const el = await setUp();
      await pick(el, 'identity-proof', 'passport');
      expect(instructions(el)).to.deep.equal(['The photo page of your passport']);
      await pick(el, 'identity-proof', 'id-card');
      expect(instructions(el)).to.deep.equal(['Front of your identity card', 'Back of your identity card']);
      expect(slots(el).map((s) => [s.kind, s.subtype, s.side, s.documentType, s.label])).to.deep.equal([
        ['identity-proof', 'id-card', 'front', '9', 'Front of your identity card'],
        ['identity-proof', 'id-card', 'back', '9', 'Back of your identity card'],
      ]);
      expect(progressText(el)).to.equal('0 of 3 documents');
    });

    it('takes the typed property for the host\'s own kinds, labels and sides, and chooses a lone subtype itself', async () => {
      const el = await setUp(html`<kyc-document-set identity-proof="passport:901"></kyc-document-set>`);
      el.requirements = [
        { kind: 'company-register', label: { en: 'Company registration', fr: 'Extrait Kbis' }, subtypes: [{ subtype: 'kbis', documentType: 'kbis', label: 'Kbis extract', sides: ['front', 'back'] }] },
      ];
      await el.updateComplete;
      expect(root(el).querySelector('legend')!.textContent!.trim()).to.equal('Company registration');
      expect(root(el).querySelectorAll('input[type=radio]')).to.have.length(0);
      expect(instructions(el)).to.deep.equal(['Kbis extract: front', 'Kbis extract: back']);
    });

    for (const [what, requirements, problem] of [
      ['a kind that is not a slot name', [{ kind: 'Identity Proof', subtypes: [{ subtype: 'passport', documentType: 1 }] }], /kind "Identity Proof"/],
      ['a subtype without a provider type', [{ kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: '' }] }], /documentType/],
      ['a back without a front', [{ kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: 1, sides: ['back'] }] }], /sides/],
      ['a kind twice', [{ kind: 'a', subtypes: [{ subtype: 'b', documentType: 1 }] }, { kind: 'a', subtypes: [{ subtype: 'c', documentType: 2 }] }], /twice/],
    ] as const) {
      it(`refuses ${what}: nothing to upload into, and the console says why`, async () => {
        const errors: string[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => void errors.push(args.join(' '));
        try {
          const el = await setUp(html`<kyc-document-set></kyc-document-set>`);
          el.requirements = requirements as never;
          await el.updateComplete;
          expect(root(el).querySelectorAll('fieldset, kyc-upload')).to.have.length(0);
          expect(errors.join('\n')).to.match(problem);
        } finally {
          console.error = original;
        }
      });
    }
  });

  describe('uploads and events', () => {
    it('sends kind, subtype, side and the provider type with each upload, and says which slot on every retargeted event', async () => {
      const { uploader, calls } = storingUploader();
      const el = await setUp(STANDARD, uploader);
      await pick(el, 'identity-proof', 'id-card');
      const seen: Array<[string, unknown]> = [];
      for (const type of ['kyc-upload-select', 'kyc-upload-start', 'kyc-upload-success'] as const) {
        el.addEventListener(type, (event) => seen.push([type, event.detail.slot]));
      }
      const retargeted = oneEvent(el, 'kyc-upload-success');
      await upload(el, 'identity-proof', 'back');
      const event = await retargeted;
      expect(event.target).to.equal(el);
      expect(calls.map((call) => [call.documentType, call.slot])).to.deep.equal([[9, { kind: 'identity-proof', subtype: 'id-card', side: 'back' }]]);
      const slot = { kind: 'identity-proof', subtype: 'id-card', side: 'back' };
      expect(seen).to.deep.equal([
        ['kyc-upload-select', slot],
        ['kyc-upload-start', slot],
        ['kyc-upload-success', slot],
      ]);
    });

    it('reports progress, each change, and one completion with exactly the stored documents in order', async () => {
      const el = await setUp();
      const changes: KycDocumentSetChangeEvent['detail'][] = [];
      const completions: KycDocumentSetCompleteEvent['detail'][] = [];
      el.addEventListener('kyc-document-set-change', (event) => changes.push(event.detail));
      el.addEventListener('kyc-document-set-complete', (event) => completions.push(event.detail));
      await pick(el, 'identity-proof', 'id-card');
      await pick(el, 'address-proof', 'bank-statement');
      await upload(el, 'identity-proof', 'front');
      expect(progressText(el)).to.equal('1 of 3 documents');
      await upload(el, 'address-proof', 'front');
      expect(progressText(el)).to.equal('2 of 3 documents');
      expect(completions).to.have.length(0);
      expect(el.complete).to.equal(undefined);
      await upload(el, 'identity-proof', 'back');
      expect(progressText(el)).to.equal('3 of 3 documents');
      expect(changes.map((c) => [c.kind, c.side, c.documentId, c.replacedDocumentId])).to.deep.equal([
        ['identity-proof', 'front', 'doc-1', undefined],
        ['address-proof', 'front', 'doc-2', undefined],
        ['identity-proof', 'back', 'doc-3', undefined],
      ]);
      expect(completions).to.deep.equal([
        {
          documents: [
            { kind: 'identity-proof', subtype: 'id-card', side: 'front', documentType: 9, documentId: 'doc-1' },
            { kind: 'identity-proof', subtype: 'id-card', side: 'back', documentType: 9, documentId: 'doc-3' },
            { kind: 'address-proof', subtype: 'bank-statement', side: 'front', documentType: 912, documentId: 'doc-2' },
          ],
        },
      ]);
      expect(root(el).querySelector('[part="complete"]')!.textContent).to.equal('All your documents are uploaded.');
      expect(el.matches(':state(complete)')).to.equal(true);
    });

    it('a replaced side reports the old documentId and completes again with the new one', async () => {
      const el = await setUp();
      await pick(el, 'identity-proof', 'passport');
      await pick(el, 'address-proof', 'utility-bill');
      await upload(el, 'identity-proof', 'front');
      await upload(el, 'address-proof', 'front');
      const change = oneEvent(el, 'kyc-document-set-change');
      const completion = oneEvent(el, 'kyc-document-set-complete');
      await upload(el, 'address-proof', 'front', pdf('better-scan.pdf'));
      expect((await change).detail).to.include({ kind: 'address-proof', subtype: 'utility-bill', side: 'front', documentId: 'doc-3', replacedDocumentId: 'doc-2' });
      expect((await completion).detail.documents.map((d: { documentId: string }) => d.documentId)).to.deep.equal(['doc-1', 'doc-3']);
    });

    it('asks before a new choice discards an upload; keeping changes nothing, discarding reports the dropped documentId', async () => {
      const el = await setUp();
      await pick(el, 'identity-proof', 'id-card');
      await upload(el, 'identity-proof', 'front');
      await pick(el, 'identity-proof', 'passport');
      const confirm = root(el).querySelector('[part="confirm"]')!;
      expect(confirm.getAttribute('role')).to.equal('alertdialog');
      expect(confirm.textContent).to.contain('will be discarded');
      // The choice stands until the person answers, and the radio shows it.
      expect(radio(el, 'identity-proof', 'id-card').checked).to.equal(true);
      expect(radio(el, 'identity-proof', 'passport').checked).to.equal(false);
      expect(root(el).activeElement).to.equal(confirm.querySelector('[part~="keep-button"]'));

      root(el).querySelector<HTMLButtonElement>('[part~="keep-button"]')!.click();
      await el.updateComplete;
      expect(root(el).querySelector('[part="confirm"]')).to.equal(null);
      expect(el.documents.map((d) => d.documentId)).to.deep.equal(['doc-1']);

      await pick(el, 'identity-proof', 'passport');
      const change = oneEvent(el, 'kyc-document-set-change');
      root(el).querySelector<HTMLButtonElement>('[part~="discard-button"]')!.click();
      expect((await change).detail).to.deep.include({ kind: 'identity-proof', subtype: 'id-card', side: 'front', replacedDocumentId: 'doc-1', documents: [] });
      await el.updateComplete;
      expect(instructions(el)).to.deep.equal(['The photo page of your passport']);
      expect(radio(el, 'identity-proof', 'passport').checked).to.equal(true);
    });

    it('changing the choice while a side uploads asks too, and discarding cancels it with an aborted event naming the document', async () => {
      const { uploader } = holdingUploader();
      const el = await setUp(STANDARD, uploader);
      await pick(el, 'identity-proof', 'id-card');
      slots(el)[0]!.select(pdf());
      await el.updateComplete;
      expect(el.matches(':state(uploading)')).to.equal(true);
      await pick(el, 'identity-proof', 'passport');
      const aborted = oneEvent(el, 'kyc-upload-error');
      root(el).querySelector<HTMLButtonElement>('[part~="discard-button"]')!.click();
      const { detail } = await aborted;
      expect([detail.code, detail.documentId, detail.slot?.side]).to.deep.equal(['aborted', 'doc-held', 'front']);
    });
  });

  describe('edges found in review', () => {
    it('is never complete without requirements: no completion, no submit button, required stays invalid', async () => {
      const el = await setUp(html`<kyc-document-set required submit-endpoint="/__test__/status/204"></kyc-document-set>`);
      expect(el.complete).to.equal(undefined);
      expect(root(el).querySelector('[part="complete"], [part~="submit-button"]')).to.equal(null);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.matches(':state(complete)')).to.equal(false);
    });

    it('chooses the only document of a requirement even when an older choice says otherwise', async () => {
      const el = await setUp();
      await pick(el, 'identity-proof', 'id-card');
      el.identityProof = 'passport:901';
      await el.updateComplete;
      expect(instructions(el)[0]).to.equal('The photo page of your passport');
      expect(progressText(el)).to.equal('0 of 2 documents');
    });

    it('has the form value and validity up to date when its events fire', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><kyc-document-set name="kyc" required identity-proof="passport:901" address-proof="utility-bill:911"></kyc-document-set></form>`);
      const el = form.querySelector('kyc-document-set')!;
      el.uploader = storingUploader().uploader;
      await el.updateComplete;
      const seen: Array<[string, number, boolean]> = [];
      for (const type of ['kyc-document-set-change', 'change', 'kyc-document-set-complete']) {
        el.addEventListener(type, () => seen.push([type, [...new FormData(form).keys()].length, el.checkValidity()]));
      }
      await upload(el, 'identity-proof', 'front');
      await upload(el, 'address-proof', 'front');
      expect(seen).to.deep.equal([
        ['kyc-document-set-change', 1, false],
        ['change', 1, false],
        ['kyc-document-set-change', 2, true],
        ['change', 2, true],
        ['kyc-document-set-complete', 2, true],
      ]);
    });

    it('does not submit while a side is being replaced, and locks the confirmation once sent', async () => {
      const { uploader, finish } = holdingUploader();
      const el = await setUp(html`<kyc-document-set identity-proof="passport:901 id-card:9" address-proof="utility-bill:911" submit-endpoint="/__test__/status/204"></kyc-document-set>`);
      el.uploader = storingUploader().uploader;
      await pick(el, 'identity-proof', 'passport');
      await upload(el, 'identity-proof', 'front');
      await upload(el, 'address-proof', 'front');
      // A new file for the address, on its way: the set still holds the old one.
      el.uploader = uploader;
      await el.updateComplete;
      slots(el)[1]!.select(pdf('newer.pdf'));
      await el.updateComplete;
      const button = root(el).querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
      expect(button.disabled).to.equal(true);
      await el.submit();
      expect(el.matches(':state(submitting)') || el.matches(':state(submitted)')).to.equal(false);
      finish();
      await slots(el)[1]!.uploadComplete;
      await el.updateComplete;
      expect(root(el).querySelector<HTMLButtonElement>('[part~="submit-button"]')!.disabled).to.equal(false);
      // A question left open, then the set sent: its buttons no longer change anything.
      await pick(el, 'identity-proof', 'id-card');
      const sent = oneEvent(el, 'kyc-document-set-submitted');
      await el.submit();
      await sent;
      await el.updateComplete;
      expect(root(el).querySelector('[part="confirm"]')).to.equal(null);
      el.choose('identity-proof', 'id-card');
      await el.updateComplete;
      expect(el.documents.map((d) => d.subtype)).to.deep.equal(['passport', 'utility-bill']);
    });

    it('tells the host when a requirement removed at run time leaves the set complete', async () => {
      const el = await setUp();
      await pick(el, 'identity-proof', 'passport');
      await upload(el, 'identity-proof', 'front');
      const completion = oneEvent(el, 'kyc-document-set-complete');
      el.addressProof = '';
      expect((await completion).detail.documents.map((d: { subtype: string }) => d.subtype)).to.deep.equal(['passport']);
    });
  });

  describe('in a form', () => {
    const inForm = (attributes = '') =>
      html`<form><kyc-document-set name="kyc" identity-proof="passport:901 id-card:9" address-proof="utility-bill:911" ?required=${attributes.includes('required')}></kyc-document-set></form>`;

    async function formSet(required = false) {
      const form = await fixture<HTMLFormElement>(inForm(required ? 'required' : ''));
      const el = form.querySelector('kyc-document-set')!;
      el.uploader = storingUploader().uploader;
      await el.updateComplete;
      return { form, el };
    }

    it('submits one entry per side, name[kind][side], and none from the inner uploads', async () => {
      const { form, el } = await formSet();
      await pick(el, 'identity-proof', 'id-card');
      await upload(el, 'identity-proof', 'front');
      await upload(el, 'identity-proof', 'back');
      await upload(el, 'address-proof', 'front');
      expect([...new FormData(form).entries()]).to.deep.equal([
        ['kyc[identity-proof][front]', 'doc-1'],
        ['kyc[identity-proof][back]', 'doc-2'],
        ['kyc[address-proof][front]', 'doc-3'],
      ]);
    });

    it('is required until complete, then valid; reset empties it and goes back to nothing chosen', async () => {
      const { form, el } = await formSet(true);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Please upload every document asked for.');
      await pick(el, 'identity-proof', 'passport');
      await upload(el, 'identity-proof', 'front');
      expect(el.checkValidity()).to.equal(false);
      await upload(el, 'address-proof', 'front');
      expect(el.checkValidity()).to.equal(true);
      const discarded: string[] = [];
      el.addEventListener('kyc-document-set-change', (event) => discarded.push(event.detail.replacedDocumentId!));
      form.reset();
      await el.updateComplete;
      expect([...new FormData(form).entries()]).to.deep.equal([]);
      expect(discarded).to.deep.equal(['doc-1', 'doc-2']);
      expect(radio(el, 'identity-proof', 'passport').checked).to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      // The address proof has one subtype: it stays chosen, its upload back to empty.
      expect(slots(el).map((s) => s.value)).to.deep.equal(['']);
    });

    it('restores choices and stored sides from the form state (back/forward, autofill)', async () => {
      const { form, el } = await formSet();
      await pick(el, 'identity-proof', 'id-card');
      await upload(el, 'identity-proof', 'front');
      await upload(el, 'address-proof', 'front');
      const state = JSON.stringify({ choices: { 'identity-proof': 'id-card', 'address-proof': 'utility-bill' }, stored: Object.fromEntries(el.documents.map((d) => [`${d.kind}/${d.subtype}/${d.side}`, { documentId: d.documentId, name: 'scan.pdf', type: 'application/pdf', size: 13 }])) });
      const restored = await fixture<HTMLFormElement>(inForm());
      const again = restored.querySelector('kyc-document-set')!;
      await again.updateComplete;
      again.formStateRestoreCallback(state);
      await again.updateComplete;
      expect(radio(again, 'identity-proof', 'id-card').checked).to.equal(true);
      expect(slots(again).map((s) => s.value)).to.deep.equal(['doc-1', '', 'doc-2']);
      expect([...new FormData(restored).entries()]).to.deep.equal([...new FormData(form).entries()]);
      // Foreign state is ignored rather than trusted.
      again.formStateRestoreCallback('{"choices":{"identity-proof":"<img>"},"stored":{"x":{}}}');
      await again.updateComplete;
      expect(radio(again, 'identity-proof', 'id-card').checked).to.equal(true);
    });

    it('keeps a state restored before the page sets its requirements (the demo fetches them)', async () => {
      // As the browser does it: the state arrives right after the upgrade, before the first render.
      const el = document.createElement('kyc-document-set');
      el.name = 'kyc';
      el.formStateRestoreCallback(
        JSON.stringify({ choices: { 'identity-proof': 'passport' }, stored: { 'identity-proof/passport/front': { documentId: 'doc-9', name: 'p.pdf', type: 'application/pdf', size: 9 } } }),
      );
      (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
      await el.updateComplete;
      el.requirements = [{ kind: 'identity-proof', subtypes: [{ subtype: 'passport', documentType: 901 }, { subtype: 'id-card', documentType: 9 }] }];
      await el.updateComplete;
      expect(radio(el, 'identity-proof', 'passport').checked).to.equal(true);
      expect(slots(el).map((s) => s.value)).to.deep.equal(['doc-9']);
      expect(el.complete?.map((d) => d.documentId)).to.deep.equal(['doc-9']);
    });

    it('holds back the form while a side uploads', async () => {
      const { form, el } = await formSet();
      const { uploader, finish } = holdingUploader();
      el.uploader = uploader;
      await pick(el, 'identity-proof', 'passport');
      slots(el)[0]!.select(pdf());
      await el.updateComplete;
      expect(el.validity.customError).to.equal(true);
      let submitted = false;
      form.addEventListener('submit', (event) => {
        submitted = !event.defaultPrevented;
        event.preventDefault();
      });
      form.requestSubmit();
      expect(submitted).to.equal(false);
      finish();
      await slots(el)[0]!.uploadComplete;
      await el.updateComplete;
      expect(el.validity.customError).to.equal(false);
    });
  });

  describe('the submit action', () => {
    async function completeSet(endpoint: string): Promise<KycDocumentSet> {
      const el = await setUp(html`<kyc-document-set identity-proof="passport:901" address-proof="utility-bill:911" submit-endpoint=${endpoint}></kyc-document-set>`);
      await upload(el, 'identity-proof', 'front');
      expect(root(el).querySelector('[part~="submit-button"]'), 'no button before the set is complete').to.equal(null);
      await upload(el, 'address-proof', 'front');
      return el;
    }
    const submitButton = (el: KycDocumentSet) => root(el).querySelector<HTMLButtonElement>('[part~="submit-button"]');

    it('appears once complete, POSTs the documents, then says they were sent and locks the slots', async () => {
      const el = await completeSet('/__test__/status/204');
      const sent: Array<{ url: string; body: unknown }> = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => {
        sent.push({ url: String(input), body: JSON.parse(String(init?.body)) });
        return realFetch(input, init);
      };
      try {
        const submitted = oneEvent(el, 'kyc-document-set-submitted');
        submitButton(el)!.click();
        await el.updateComplete;
        expect(el.matches(':state(submitting)')).to.equal(true);
        expect(submitButton(el)!.disabled).to.equal(true);
        const { detail } = await submitted;
        await el.updateComplete;
        const documents = [
          { kind: 'identity-proof', subtype: 'passport', side: 'front', documentType: 901, documentId: 'doc-1' },
          { kind: 'address-proof', subtype: 'utility-bill', side: 'front', documentType: 911, documentId: 'doc-2' },
        ];
        expect(detail.documents).to.deep.equal(documents);
        expect(sent).to.deep.equal([{ url: '/__test__/status/204', body: { documents } }]);
        expect(root(el).querySelector('[part="complete"]')!.textContent).to.equal('Your documents were sent for review.');
        expect(submitButton(el)).to.equal(null);
        expect(el.matches(':state(submitted)')).to.equal(true);
        expect(slots(el).every((slot) => slot.disabled)).to.equal(true);
      } finally {
        window.fetch = realFetch;
      }
    });

    for (const [status, failure, sentence] of [
      [401, 'session', 'Your session has expired'],
      [422, 'refused', 'could not be accepted'],
      [503, 'unreachable', 'could not be sent'],
    ] as const) {
      it(`a ${status} shows what to do, fires the error event, and the button tries again`, async () => {
        const el = await completeSet(`/__test__/status/${status}`);
        const failed = oneEvent(el, 'kyc-document-set-submit-error');
        submitButton(el)!.click();
        const { detail } = await failed;
        await el.updateComplete;
        expect([detail.failure, detail.status]).to.deep.equal([failure, status]);
        expect(detail.message).to.contain(sentence);
        expect(root(el).querySelector('[part="message"]')!.textContent).to.contain(sentence);
        expect(root(el).querySelector('[part="message"]')!.getAttribute('role')).to.equal('alert');
        expect(el.matches(':state(submit-error)')).to.equal(true);
        expect(submitButton(el)!.disabled).to.equal(false);
      });
    }
  });

  describe('accessibility', () => {
    it('gives every choice and every button of the set a target of at least 44 × 44 px', async () => {
      const el = await setUp(html`<kyc-document-set identity-proof="passport:901 id-card:9" address-proof="utility-bill:911" submit-endpoint="/__test__/status/204"></kyc-document-set>`);
      await pick(el, 'identity-proof', 'id-card');
      await upload(el, 'identity-proof', 'front');
      await pick(el, 'identity-proof', 'passport'); // the confirmation, with its two buttons
      await upload(el, 'address-proof', 'front');
      const targets = [...root(el).querySelectorAll<HTMLElement>('label.option, button')];
      expect(targets.map((t) => t.getAttribute('part'))).to.include.members(['option', 'button keep-button', 'button discard-button']);
      for (const target of targets) {
        const { width, height } = target.getBoundingClientRect();
        expect(Math.min(width, height), target.getAttribute('part')!).to.be.at.least(44);
      }
    });

    // 200 % zoom on a 640 px wide phone leaves 320 CSS pixels: nothing may need a sideways scroll.
    it('reflows into 320 px without horizontal scrolling, in German, both sides of a card shown', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><kyc-document-set lang="de" identity-proof="passport:901 id-card:9 residence-permit:903" address-proof="utility-bill:911 bank-statement:912 tax-notice:913"></kyc-document-set></div>`);
      const el = wrapper.querySelector('kyc-document-set')!;
      el.uploader = storingUploader().uploader;
      await el.updateComplete;
      await pick(el, 'identity-proof', 'residence-permit');
      const base = root(el).querySelector<HTMLElement>('.base')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
    });

    it('passes axe with a choice, a stored side, a confirmation and a failed side, in a dark scheme too', async () => {
      for (const scheme of ['light', 'dark']) {
        const wrapper = await fixture<HTMLDivElement>(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#111827' : '#ffffff'}">${STANDARD}</div>`);
        const el = wrapper.querySelector('kyc-document-set')!;
        let calls = 0;
        el.uploader = async (file, settings, controls) => {
          if (++calls === 2) throw new UploadError('storage-unavailable', 'down');
          return storingUploader().uploader(file, settings, controls);
        };
        await el.updateComplete;
        await pick(el, 'identity-proof', 'id-card');
        await upload(el, 'identity-proof', 'front');
        const back = slots(el)[1]!;
        back.select(pdf());
        await back.uploadComplete;
        await el.updateComplete;
        await pick(el, 'identity-proof', 'passport');
        await expect(wrapper).to.be.accessible();
      }
    });
  });

  describe('languages', () => {
    it('speaks the page\'s language, slots included', async () => {
      const container = await fixture<HTMLDivElement>(html`<div lang="fr">${STANDARD}</div>`);
      const el = container.querySelector('kyc-document-set')!;
      el.uploader = storingUploader().uploader;
      await el.updateComplete;
      await pick(el, 'identity-proof', 'id-card');
      const legends = [...root(el).querySelectorAll('fieldset.requirement > legend')].map((l) => l.textContent!.trim());
      expect(legends[0]).to.not.equal('Proof of identity');
      expect(instructions(el)[0]).to.not.equal('Front of your identity card');
      expect(progressText(el)).to.match(/^0 sur 3 documents$/);
      // The slot's own text follows: its button is French too.
      const chooseButton = slots(el)[0]!.shadowRoot!.querySelector('[part~="choose-button"]')!;
      expect(chooseButton.textContent!.trim()).to.not.equal('Choose a file');
    });

    it('every catalogue names every built-in kind, subtype and side', async () => {
      const codes = ['en', ...Object.keys(SCRIPT_TAG_FILES.languages)];
      for (const code of codes) {
        const el = await setUp(html`<kyc-document-set lang=${code} identity-proof="passport:1 id-card:2 driving-license:3 residence-permit:4" address-proof="utility-bill:5 bank-statement:6 tax-notice:7"></kyc-document-set>`);
        const names = [...root(el).querySelectorAll('legend, label.option')].map((node) => node.textContent!.trim());
        expect(names.every((name) => name.length > 0 && !/^[a-z-]+$/.test(name)), `${code}: ${names.join(' | ')}`).to.equal(true);
      }
    });
  });
});
