import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import type { KycUpload } from '../src/element/kyc-upload.js';
import type { Uploader } from '../src/element/upload-controller.js';
import { failingWith, preparingAt, sampleFile, stalledAt, succeeding, uploadingPdf } from './stub-uploaders.js';

interface Args {
  lang: string;
  accept: string;
  maxSize: number;
  disabled: boolean;
}

/** Renders the element with a stub uploader and, when given one, starts it on a sample file. */
function withUploader(uploader?: Uploader, file = sampleFile()) {
  return (args: Args) => {
    const element = document.createElement('kyc-upload') as KycUpload;
    Object.assign(element, { endpoint: '/stub', lang: args.lang, accept: args.accept, maxSize: args.maxSize, disabled: args.disabled });
    if (uploader) {
      element.uploader = uploader;
      void element.updateComplete.then(() => element.select(file));
    }
    return html`<div style="max-width: 32rem">${element}</div>`;
  };
}

const meta: Meta<Args> = {
  title: 'kyc-upload',
  component: 'kyc-upload',
  args: { lang: 'en', accept: '', maxSize: 4_500_000, disabled: false },
  argTypes: { lang: { control: 'select', options: ['en', 'fr'] } },
  render: withUploader(),
};
export default meta;
type Story = StoryObj<Args>;

export const Idle: Story = {};
export const Disabled: Story = { args: { disabled: true } };
export const PdfOnly: Story = { args: { accept: 'application/pdf' } };
export const French: Story = { args: { lang: 'fr' } };
export const Preparing: Story = { render: withUploader(preparingAt(60)) };
export const Uploading: Story = { render: withUploader(stalledAt(40)) };
export const UploadingPdfWithPages: Story = { render: withUploader(uploadingPdf) };
export const Success: Story = { render: withUploader(succeeding) };
export const RejectedTooLarge: Story = { render: withUploader(failingWith('too-large', { size: 7_340_032, maxSize: 4_500_000 }), sampleFile(7_340_032)) };
export const RejectedTypeMismatch: Story = { render: withUploader(failingWith('type-mismatch', { declaredType: 'application/pdf', detectedType: 'application/x-elf' })) };
export const ErrorStorageUnavailable: Story = { render: withUploader(failingWith('storage-unavailable', { status: 503 })) };
export const ErrorSessionExpired: Story = { render: withUploader(failingWith('presign-failed', { status: 401 })) };
export const RejectedEncryptedPdf: Story = { render: withUploader(failingWith('encrypted-pdf')) };
export const RejectedTooManyPixels: Story = { render: withUploader(failingWith('too-many-pixels')) };
export const ErrorInFrench: Story = { args: { lang: 'fr' }, render: withUploader(failingWith('network-error')) };
