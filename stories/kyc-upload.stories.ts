import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import type { KycUpload } from '../src/element/kyc-upload.js';
import { type KycArgs, argTypes, createUpload, defaultArgs, eventsOf, frame, settled, settledElement, show } from './story-helpers.js';
import {
  inspecting,
  photoFile,
  preparingAt,
  retrying,
  sampleFile,
  stalledAt,
  succeeding,
  succeedingWithPhoto,
  uploadingPdf,
  uploadingPhotoAt,
} from './stub-uploaders.js';

// One story per visible state of the widget, each driven by a stub uploader (no backend).
// Rejections, errors, languages, themes and right-to-left have files of their own.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/States',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  render: show(),
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;

export const Idle: Story = {};

/** A file dragged over the widget: the drop zone lights up. */
export const Dragging: Story = {
  play: async (context) => {
    const element = await settledElement(context);
    const data = new DataTransfer();
    data.items.add(sampleFile());
    element.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    await settled(context);
    await expect(element.shadowRoot!.querySelector('[part="base"]')).toHaveClass('dragging');
  },
};

/**
 * The type and size checks, before anything is measured: the bar is indeterminate. The browser
 * animates it by itself (no CSS animation to stop), so the story tests mask it in the screenshot.
 */
export const Inspecting: Story = {
  render: show({ uploader: inspecting }),
  parameters: { storyTests: { mask: ['kyc-upload progress'] } },
  play: async (context) => {
    const element = await settledElement(context);
    await expect(element.shadowRoot!.querySelector('progress')?.matches(':indeterminate')).toBe(true);
  },
};

/** A large phone photo being converted and compressed. */
export const Preparing: Story = { render: show({ uploader: preparingAt(60), file: photoFile }) };

export const Uploading: Story = { name: 'Uploading at 40 %', render: show({ uploader: stalledAt(40) }) };

export const UploadingPdfWithPages: Story = { render: show({ uploader: uploadingPdf }) };

/** A converted photo on its way, with the thumbnail of what is being sent. */
export const UploadingPhotoWithPreview: Story = { render: show({ uploader: uploadingPhotoAt(40), file: photoFile }) };

/** A try failed; the next one starts by itself. */
export const Retrying: Story = { render: show({ uploader: retrying({ delayMs: 3000, waitingForNetwork: false }) }) };

export const WaitingForNetwork: Story = { render: show({ uploader: retrying({ delayMs: 0, waitingForNetwork: true }) }) };

export const Success: Story = {
  render: show({ uploader: succeeding }),
  play: async (context) => {
    const element = await settledElement(context);
    await expect(element.value).toBe('3f0c9a52-story');
    await expect(eventsOf(element).map((event) => event.type)).toContain('kyc-upload-success');
  },
};

export const SuccessWithPreview: Story = { render: show({ uploader: succeedingWithPhoto, file: photoFile }) };

export const Disabled: Story = { args: { disabled: true } };

/** Disabled by a `<fieldset disabled>` around it; its own `disabled` attribute stays unset. */
export const DisabledByFieldset: Story = {
  render: (args) => html`
    <fieldset disabled style="max-width: 32rem; margin: 0; padding: 1rem; border: 1px solid #6b7280; border-radius: 8px">
      <legend>Your identity</legend>
      ${createUpload(args)}
    </fieldset>
  `,
  play: async (context) => {
    const element = await settledElement(context);
    await expect(element.hasAttribute('disabled'), 'its own attribute untouched').toBe(false);
    await expect(element.shadowRoot!.querySelector('[part~="choose-button"]')).toBeDisabled();
  },
};

export const PdfOnly: Story = { args: { accept: 'application/pdf' } };

/**
 * `required` in a form, after the person pressed "Continue" without a document: the host's
 * `checkValidity()` fires `invalid` on the element as on a native field, and the host shows the
 * element's translated `validationMessage`, marks it (`kyc-upload:invalid` matches like
 * `input:invalid`) and moves the focus to it. (`reportValidity()` would add the browser's own
 * bubble, which fades in and out on its own: not something a screenshot can pin down.)
 */
export const RequiredInvalid: Story = {
  name: 'Required, invalid',
  args: { required: true },
  render: (args) => {
    const element = createUpload(args);
    element.id = 'identity-document';
    element.name = 'identityDocument';
    const showError = (event: Event) => {
      const field = event.target as KycUpload;
      const error = field.parentElement!.querySelector<HTMLElement>('.field-error')!;
      error.textContent = field.validationMessage;
      error.hidden = false;
      field.closest('form')!.dataset.validated = '';
    };
    element.addEventListener('invalid', showError);
    // The host validates on submit, shows its own messages and focuses the first invalid field.
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      if (!form.checkValidity()) form.querySelector<HTMLElement>(':invalid')?.focus();
    };
    return html`
      <style>
        .host-form { display: grid; gap: 0.5rem; max-width: 32rem; justify-items: start; }
        .host-form > kyc-upload { justify-self: stretch; }
        .host-form label { font-weight: 700; }
        .host-form .field-error { margin: 0; color: #b91c1c; }
        .host-form[data-validated] kyc-upload:invalid { --kyc-upload-border-color: #b91c1c; }
        .host-form button { font: inherit; padding: 0.5rem 1.1rem; min-block-size: 44px; }
      </style>
      <form class="host-form" novalidate @submit=${onSubmit}>
        <label for="identity-document">Identity document (required)</label>
        ${element}
        <p class="field-error" hidden></p>
        <button type="submit">Continue</button>
      </form>
    `;
  },
  play: async (context) => {
    const element = await settledElement(context);
    const form = element.closest('form')!;
    form.requestSubmit();
    await expect(element.validity.valueMissing, 'invalid without a document').toBe(true);
    await expect(element.matches(':invalid')).toBe(true);
    await expect(form.querySelector('.field-error')?.textContent).toBe('Please upload a document.');
    await expect(element.matches(':focus')).toBe(true);
    await settled(context);
  },
};

/** Several widgets on one page (front and back of an ID card) keep their own state. */
export const FrontAndBack: Story = {
  render: (args) =>
    frame(html`
      <div style="display: grid; gap: 1rem">
        ${createUpload(args, { uploader: succeeding, file: () => sampleFile(845_112, 'id-card-front.pdf') })}
        ${createUpload(args)}
      </div>
    `),
};
