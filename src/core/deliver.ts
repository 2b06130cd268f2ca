import { UploadError, throwIfAborted, toUploadError } from './errors.js';
import type { PresignedForm } from './presign.js';
import { type RetryOptions, withRetries } from './retry.js';

/** A form is not used in its last seconds: our clock and storage's may disagree a little. */
export const EXPIRY_MARGIN_MS = 10_000;
/**
 * Fresh forms one file may need: one when the form aged out locally (a long offline wait), one
 * when storage itself said the policy expired. A third expiry means something else is wrong.
 */
export const MAX_RENEWALS = 2;

export interface DeliveryOptions extends RetryOptions {
  /** Asks the backend for a new form. Each call creates a pre-review document at the provider. */
  requestForm: () => Promise<PresignedForm>;
  /** Readies the file for a form before its first try (the form's policy may be tighter). */
  readyFor?: (form: PresignedForm) => Promise<void>;
  /** One POST of the file with this form. */
  post: (form: PresignedForm) => Promise<void>;
  /** For tests: the device clock. */
  now?: () => number;
}

export interface Delivery {
  /** The document that holds the file. */
  documentId: string;
  /** Documents created for this file whose forms expired unused: nothing was stored under them. */
  supersededDocumentIds: string[];
}

/**
 * Gets the file into storage: a form, tries with it until the retry policy gives up, and a fresh
 * form (never the old fields again) each time the form expires, on our clock or by storage's
 * word. A failure says which document the last form created and which ones it superseded, so the
 * host can clean up at the provider.
 */
export async function deliver(options: DeliveryOptions): Promise<Delivery> {
  const { signal, requestForm, readyFor, post, now = Date.now } = options;
  // The options are retry options too (signal, onRetry and, in tests, policy and random): every wait honours them.
  const retrying: RetryOptions = options;
  const superseded: string[] = [];
  let form = await withRetries(requestForm, retrying);
  // The form whose document may hold the file if this fails; none while a renewal is being asked for.
  let current: PresignedForm | undefined = form;
  try {
    for (let renewals = 0; ; renewals++) {
      try {
        await readyFor?.(form);
        await withRetries(async () => {
          // Checked before every try: waiting out an outage can outlive the form.
          if (now() > form.expiresAt - EXPIRY_MARGIN_MS) {
            throw new UploadError('form-expired', 'The upload form expired before it was used.');
          }
          // A retry re-posts the same form: same key, so a POST that landed but lost its answer
          // is overwritten with the same bytes, never stored twice.
          await post(form);
        }, retrying);
        return { documentId: form.documentId, supersededDocumentIds: superseded };
      } catch (error) {
        if (!(error instanceof UploadError) || error.recovery !== 'new-form' || renewals >= MAX_RENEWALS) throw error;
        throwIfAborted(signal);
        superseded.push(form.documentId);
        current = undefined;
        form = current = await withRetries(requestForm, retrying);
      }
    }
  } catch (error) {
    const failure = toUploadError(error);
    if (current) failure.documentId ??= current.documentId;
    failure.supersededDocumentIds = superseded;
    throw failure;
  }
}
