import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import type { QualityReport } from '../src/core/quality/quality-report.js';
import { reportOf } from '../test/support/quality-report.js';
import { captureDocument } from '../src/element/camera/camera-dialog.js';
import { enCamera } from '../src/element/translations/en-camera.js';
import type { KycUpload } from '../src/element/kyc-upload.js';
import { until } from '../test/support/until-dom.js';
import { stubCamera } from './camera-stub.js';
import { type KycArgs, argTypes, createUpload, defaultArgs, frame, settledElement } from './story-helpers.js';
import { failingWith, sampleFile } from './stub-uploaders.js';

// The in-page camera, one story per state, on a stub camera that shows a still scene. The camera
// is a modal dialog over the page: these stories are screenshotted whole (`storyTests.page`).

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Camera',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  beforeEach: () => stubCamera(),
  parameters: { storyTests: { page: true } },
};
export default meta;
type Story = StoryObj<KycArgs>;

const part = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`);


/** The element's camera, open, its picture showing. */
async function openCamera(context: StoryContext<KycArgs>): Promise<HTMLDialogElement> {
  const element = await settledElement(context);
  const root = element.shadowRoot!;
  (await until(root, () => part(root, 'camera-button'))).click();
  const dialog = await until(root, () => part(root, 'camera') as HTMLDialogElement | null);
  const video = part(dialog, 'camera-preview') as HTMLVideoElement;
  await until(dialog, () => !(part(dialog, 'camera-shutter-button') as HTMLButtonElement).disabled);
  if (!video.videoWidth) await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
  return dialog;
}

/** A camera is attached: "Take a photo" is offered beside the picker, on a desktop too. */
export const Offered: Story = {
  render: (args) => frame(createUpload(args)),
  parameters: { storyTests: { page: false } },
  play: async (context) => {
    const element = await settledElement(context);
    await until(element.shadowRoot!, () => part(element.shadowRoot!, 'camera-button'));
  },
};

/** The live picture under a frame shaped like an ID card; the preview's checks find nothing to fix. */
export const Live: Story = {
  render: (args) => frame(createUpload(args)),
  play: async (context) => {
    await liveVerdict(await openCamera(context), enCamera.looksGood);
  },
};

/** Waits for the preview's checks to say `text`. */
async function liveVerdict(dialog: HTMLDialogElement, text: string): Promise<void> {
  const guidance = part(dialog, 'camera-guidance')!;
  await until(guidance, () => guidance.textContent === text);
}

/** For a passport, the frame takes the shape of its photo page. */
export const PassportFrame: Story = {
  beforeEach: () => stubCamera({ filming: 'passport' }),
  render: (args) => {
    const element = createUpload(args);
    element.subtype = 'passport';
    return frame(element);
  },
  play: async (context) => {
    await liveVerdict(await openCamera(context), enCamera.looksGood);
  },
};

/** A shadow root of the story's own, for the camera run alone. */
const cameraHost = () => html`<div id="camera-host"></div>`;

/** Opens the camera in that root with checks that fail as given, and takes `shots` shots. */
async function shoot(context: StoryContext<KycArgs>, verdicts: QualityReport[], shots: number, message: string): Promise<HTMLDialogElement> {
  const root = context.canvasElement.querySelector('#camera-host')!.attachShadow({ mode: 'open' });
  void captureDocument({ root, checks: { shot: async () => verdicts.shift() ?? reportOf() } });
  const dialog = await until(root, () => root.querySelector('dialog'));
  const shutter = part(dialog, 'camera-shutter-button') as HTMLButtonElement;
  const guidance = part(dialog, 'camera-guidance')!;
  for (let shot = 1; shot <= shots; shot++) {
    await until(dialog, () => !shutter.disabled && !shutter.hidden);
    shutter.click();
    if (shot < shots) {
      await until(dialog, () => !part(dialog, 'camera-retake-button')!.hidden);
      part(dialog, 'camera-retake-button')!.click();
    }
  }
  await until(guidance, () => guidance.textContent === message);
  // The shot replaces the preview once it is decoded.
  await until(dialog, () => !part(dialog, 'camera-still')!.hidden);
  return dialog;
}

/** A blurred shot: what is wrong and what to do, and a retake. */
export const Retake: Story = {
  render: cameraHost,
  play: async (context) => {
    const dialog = await shoot(context, [reportOf('blurred')], 1, enCamera.issues.blurred);
    await expect(part(dialog, 'camera-send-anyway-button')!.hidden).toBe(true);
  },
};

/** After two failed shots, the person may send one anyway. */
export const SendAnyway: Story = {
  render: cameraHost,
  play: async (context) => {
    const dialog = await shoot(context, [reportOf('blurred'), reportOf('glare')], 2, enCamera.issues.glare);
    await expect(part(dialog, 'camera-send-anyway-button')!.hidden).toBe(false);
  },
};

/** While the person frames the document, the preview's checks say what to fix (here, glare). */
export const Guidance: Story = {
  render: cameraHost,
  play: async (context) => {
    const root = context.canvasElement.querySelector('#camera-host')!.attachShadow({ mode: 'open' });
    void captureDocument({ root, checks: { shot: async () => reportOf(), frame: async () => reportOf('glare') } });
    const dialog = await until(root, () => root.querySelector('dialog'));
    const guidance = part(dialog, 'camera-guidance')!;
    await until(guidance, () => guidance.textContent === enCamera.guidance.glare);
  },
};

/** The camera was refused: the widget says so, and "Take a photo" now opens the camera app. */
export const Refused: Story = {
  beforeEach: () => stubCamera({ refuse: true }),
  render: (args) => frame(createUpload(args)),
  parameters: { storyTests: { page: false } },
  play: async (context) => {
    const element: KycUpload = await settledElement(context);
    const root = element.shadowRoot!;
    (await until(root, () => part(root, 'camera-button'))).click();
    const notice = await until(root, () => part(root, 'notice'));
    await expect(notice).toHaveTextContent(enCamera.unavailable['permission-denied']);
  },
};

/** The camera was refused, then the file chosen instead failed to send: the failure, and why there was no camera beside it. */
export const RefusedThenFailed: Story = {
  ...Refused,
  play: async (context) => {
    await Refused.play!(context);
    const element: KycUpload = await settledElement(context);
    const root = element.shadowRoot!;
    element.uploader = failingWith('network-error');
    element.select(sampleFile());
    await until(root, () => part(root, 'retry-button'));
    await expect(part(root, 'notice')).toHaveTextContent(enCamera.unavailable['permission-denied']);
    await settledElement(context);
  },
};
