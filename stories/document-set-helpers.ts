import type { StoryContext } from '@storybook/web-components-vite';
import { type TemplateResult, html } from 'lit';
import '../src/define-document-set.js';
import type { KycDocumentSet } from '../src/element/document-set/kyc-document-set.js';
import type { KycUpload } from '../src/element/kyc-upload.js';
import type { Uploader } from '../src/element/upload-controller.js';
import { UploadError } from '../src/core/errors.js';
import { sampleFile } from './stub-uploaders.js';

/** What the controls panel lets you change on every story of the set. */
export interface SetArgs {
  lang: string;
  identityProof: string;
  addressProof: string;
  submitEndpoint: string;
  disabled: boolean;
  required: boolean;
}

/** The demo's requirement: a passport, or an identity card or driving licence front and back, plus a proof of address. */
export const defaultSetArgs: SetArgs = {
  lang: '',
  identityProof: 'passport:901 id-card:9 driving-license:902',
  addressProof: 'utility-bill:911 bank-statement:912',
  submitEndpoint: '',
  disabled: false,
  required: false,
};

export const SET_EVENTS = ['kyc-document-set-change', 'kyc-document-set-complete', 'kyc-document-set-submitted', 'kyc-document-set-submit-error'];

/**
 * Stores each side at once under a fixed id per slot (`story-identity-proof-front`…), so every
 * screenshot is the same; a side listed in `failing` fails instead, as storage being down would.
 */
export const storingSides =
  (failing: string[] = []): Uploader =>
  async (file, settings, controls) => {
    const slot = settings.slot ?? {};
    if (failing.includes(`${slot.kind}/${slot.side}`)) throw new UploadError('storage-unavailable', 'stub: storage unavailable');
    const documentId = `story-${slot.kind}-${slot.side}`;
    controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId });
    controls.onUpdate?.({ type: 'progress', loaded: file.size, total: file.size });
    return { documentId, file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
  };

export interface SetScenario {
  /** kind → subtype, chosen as the person would. */
  choices?: Record<string, string>;
  /** `kind/side` of the slots that get a file, in order. */
  uploads?: string[];
  /** `kind/side` of the slots whose upload fails. */
  failing?: string[];
  /** Press "Submit documents" once the set is complete. */
  submit?: boolean;
}

/** A `<kyc-document-set>` driven into one state: choices made, files given to slots, maybe submitted. */
export function createSet(args: SetArgs, scenario: SetScenario = {}): KycDocumentSet {
  const element = document.createElement('kyc-document-set');
  Object.assign(element, {
    endpoint: '/stub',
    identityProof: args.identityProof,
    addressProof: args.addressProof,
    submitEndpoint: args.submitEndpoint,
    disabled: args.disabled,
    required: args.required,
    uploader: storingSides(scenario.failing),
  });
  if (args.lang) element.lang = args.lang;
  driving.set(element, drive(element, scenario));
  return element;
}

/** Each story's scenario run, so the play function waits for its end rather than guessing. */
const driving = new WeakMap<Element, Promise<void>>();

async function drive(element: KycDocumentSet, { choices = {}, uploads = [], submit = false }: SetScenario): Promise<void> {
  await element.updateComplete;
  for (const [kind, subtype] of Object.entries(choices)) element.choose(kind, subtype);
  await element.updateComplete;
  for (const slot of uploads) {
    const [kind, side] = slot.split('/');
    const upload = slotsOf(element).find((candidate) => candidate.kind === kind && candidate.side === side);
    upload?.select(sampleFile(1_234_567, `${kind}-${side}.pdf`));
    await upload?.uploadComplete;
    await element.updateComplete;
  }
  if (submit) await element.submit();
}

export const slotsOf = (element: KycDocumentSet): KycUpload[] => [...element.shadowRoot!.querySelectorAll('kyc-upload')];

export const setFrame = (content: unknown): TemplateResult => html`<div style="max-width: 36rem">${content}</div>`;

export const showSet =
  (scenario: SetScenario = {}) =>
  (args: SetArgs): TemplateResult =>
    setFrame(createSet(args, scenario));

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/** Waits until the set and each slot have rendered the state the scenario drives them to. */
export async function settledSet({ canvasElement }: Pick<StoryContext, 'canvasElement'>): Promise<KycDocumentSet> {
  const element = canvasElement.querySelector('kyc-document-set');
  if (!element) throw new Error('no <kyc-document-set> in the story');
  await driving.get(element);
  for (let round = 0; round < 40; round++) {
    const all = [element, ...slotsOf(element)];
    await Promise.all(all.map((each) => each.updateComplete));
    await nextFrame();
    await nextFrame();
    if (all.every((each) => !each.isUpdatePending)) break;
  }
  await document.fonts.ready;
  return element;
}
