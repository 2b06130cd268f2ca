import type { ArgTypes, StoryContext } from '@storybook/web-components-vite';
import { type TemplateResult, html } from 'lit';
import { expect } from 'storybook/test';
import { DEFAULT_MAX_SIZE } from '../src/core/document-types.js';
import { SCRIPT_TAG_FILES } from '../src/core/runtime-files.js';
import '../src/define.js';
import type { KycUpload } from '../src/element/kyc-upload.js';
import { loadTranslationFor } from '../src/element/translations/registry.js';
import type { Uploader } from '../src/element/upload-controller.js';
import { sampleFile } from './stub-uploaders.js';

/** What the controls panel lets you change on every story. */
export interface KycArgs {
  /** Empty: the element follows the nearest `[lang]` (the story's wrapper, then `<html lang="en">`). */
  lang: string;
  accept: string;
  maxSize: number;
  disabled: boolean;
  required: boolean;
}

export const defaultArgs: KycArgs = { lang: '', accept: '', maxSize: DEFAULT_MAX_SIZE, disabled: false, required: false };

/** The `lang` control's choices: the page's (empty), English, and every catalogue the widget ships. */
export const LANG_OPTIONS = ['', 'en', ...Object.keys(SCRIPT_TAG_FILES.languages)];

export const argTypes: Partial<ArgTypes<KycArgs>> = {
  lang: { control: 'select', options: LANG_OPTIONS },
  accept: { control: 'text' },
  maxSize: { control: 'number' },
};

/** Every event the element sends: the Actions panel lists them (withActions, in preview.ts). */
export const EVENTS = ['kyc-upload-select', 'kyc-upload-reject', 'kyc-upload-start', 'kyc-upload-progress', 'kyc-upload-success', 'kyc-upload-error', 'change'];

const received = new WeakMap<Element, CustomEvent[]>();

export interface Scenario {
  /** Replaces the pipeline; without one the element stays idle (and would call the real one on a file). */
  uploader?: Uploader;
  /** The file the story "chooses" once the element has rendered. */
  file?: () => File;
}

/** A `<kyc-upload>` with a stub uploader, started on a sample file when the scenario has an uploader. */
export function createUpload(args: KycArgs, { uploader, file = () => sampleFile() }: Scenario = {}): KycUpload {
  const element = document.createElement('kyc-upload');
  Object.assign(element, { endpoint: '/stub', accept: args.accept, maxSize: args.maxSize, disabled: args.disabled, required: args.required });
  if (args.lang) element.lang = args.lang;
  const events: CustomEvent[] = [];
  received.set(element, events);
  for (const type of EVENTS) element.addEventListener(type, (event) => events.push(event as CustomEvent));
  if (uploader) {
    element.uploader = uploader;
    void element.updateComplete.then(() => element.select(file()));
  }
  return element;
}

/** A story's usual frame: the width a form column gives the widget. */
export const frame = (content: unknown): TemplateResult => html`<div style="max-width: 32rem">${content}</div>`;

/** The render function of a story that shows one scenario. */
export const show =
  (scenario: Scenario = {}) =>
  (args: KycArgs): TemplateResult =>
    frame(createUpload(args, scenario));

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * Waits until every element of the story has rendered the state its stub drives it to (the stub
 * settles in a few microtasks, a catalogue in one chunk load), then two frames. The default play
 * function of every story: the a11y addon, which runs right after it, then sees the final state.
 */
export async function settled({ canvasElement }: Pick<StoryContext, 'canvasElement'>): Promise<void> {
  const elements = [...canvasElement.querySelectorAll('kyc-upload')];
  for (let round = 0; round < 20; round++) {
    await Promise.all(elements.map((element) => element.updateComplete));
    await nextFrame();
    await nextFrame();
    if (elements.every((element) => !element.isUpdatePending)) break;
  }
  await document.fonts.ready;
}

/** The story's element (the first, when there are several). */
export async function settledElement(context: Pick<StoryContext, 'canvasElement'>): Promise<KycUpload> {
  await settled(context);
  const element = context.canvasElement.querySelector('kyc-upload');
  if (!element) throw new Error('no <kyc-upload> in the story');
  return element;
}

/** The events the element sent since it was created. */
export const eventsOf = (element: Element): CustomEvent[] => received.get(element) ?? [];

/** Asserts that the element reported `code`, through `kyc-upload-reject` or `kyc-upload-error` as the README says. */
export async function expectReported(element: Element, type: 'kyc-upload-reject' | 'kyc-upload-error', code: string): Promise<void> {
  // The event follows the screen by as long as the failure sentences take to load, the first time.
  const event =
    eventsOf(element).find((e) => e.type === type) ??
    (await new Promise<CustomEvent>((resolve) => element.addEventListener(type, (e) => resolve(e as CustomEvent), { once: true })));
  await expect(event?.detail?.code, `${type} with code ${code}`).toBe(code);
  await expect(event?.detail?.message, 'a translated message').toBeTruthy();
}

/** A loader: a non-English catalogue is there before the story renders, as it is after the element's first load. */
export const catalogue = (lang: string) => async () => {
  await loadTranslationFor(lang);
  return {};
};

/** A host's dark theme, set through the element's custom properties on a container. */
export const HOST_DARK_THEME = [
  '--kyc-upload-color: #e5e7eb',
  '--kyc-upload-muted-color: #cbd5e1',
  '--kyc-upload-accent: #93c5fd',
  '--kyc-upload-accent-text: #0f172a',
  '--kyc-upload-border-color: #64748b',
  '--kyc-upload-background: #1e293b',
  '--kyc-upload-danger-color: #fca5a5',
  '--kyc-upload-success-color: #86efac',
].join('; ');
