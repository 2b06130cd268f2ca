import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { FailureCode, UploadErrorDetails } from '../src/core/errors.js';
import { type KycArgs, argTypes, defaultArgs, eventsOf, expectReported, settled, settledElement, show } from './story-helpers.js';
import { failingWith, stalledAt } from './stub-uploaders.js';

// One story per code of FAILURE_CODES (src/core/errors.ts): something failed on the way to storage.
// Retryable ones offer "Try again"; the rest offer another file. A few codes read differently with
// their details (a 401, a 429, a timeout) and get a second story. Written out for Storybook's
// static indexing; the `satisfies` check at the end keeps them in step with FAILURE_CODES.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Errors',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;

/** The stub fails with `code`; the story checks the element reported it as a `kyc-upload-error`. */
const failed = (code: FailureCode, details: UploadErrorDetails = {}): Story => ({
  render: show({ uploader: failingWith(code, details) }),
  play: async (context) => expectReported(await settledElement(context), 'kyc-upload-error', code),
});

export const PresignFailed = failed('presign-failed', { status: 503 });
export const PresignFailedSessionExpired = failed('presign-failed', { status: 401 });
export const PresignFailedTooManyAttempts = failed('presign-failed', { status: 429, retryAfterMs: 60_000 });
export const PresignFailedTimedOut = failed('presign-failed', { timedOut: true });
export const PresignInvalid = failed('presign-invalid');
export const UntrustedDestination = failed('untrusted-destination', { destination: 'https://uploads.example.net' });
export const FormExpired = failed('form-expired');
export const StorageRejected = failed('storage-rejected', { status: 403, storageCode: 'AccessDenied' });
export const StorageUnavailable = failed('storage-unavailable', { status: 503 });
export const NetworkError = failed('network-error');
export const NetworkErrorStalled = failed('network-error', { timedOut: true });
export const PreparationFailed = failed('preparation-failed');

/**
 * The person cancels an upload at 40 %: `kyc-upload-error` with `aborted` tells the host, and the
 * widget goes back to its start, with no alert (the person's own choice).
 */
export const Aborted: Story = {
  render: show({ uploader: stalledAt(40) }),
  play: async (context) => {
    const element = await settledElement(context);
    const cancel = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]');
    await expect(cancel, 'a Cancel button while uploading').toBeTruthy();
    cancel!.click();
    await settled(context);
    await expectReported(element, 'kyc-upload-error', 'aborted');
    await expect(eventsOf(element).find((event) => event.type === 'kyc-upload-error')?.detail.documentId).toBe('3f0c9a52-story');
    await expect(element.shadowRoot!.querySelector('[part~="choose-button"]'), 'back to the start').toBeTruthy();
  },
};

void ({
  'presign-failed': PresignFailed,
  'presign-invalid': PresignInvalid,
  'untrusted-destination': UntrustedDestination,
  'form-expired': FormExpired,
  'storage-rejected': StorageRejected,
  'storage-unavailable': StorageUnavailable,
  'network-error': NetworkError,
  'preparation-failed': PreparationFailed,
  aborted: Aborted,
} satisfies Record<FailureCode, Story>);
