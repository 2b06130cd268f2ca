import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/core/errors.js';

/** The UploadError `promise` rejects with; the test fails if it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<UploadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(UploadError);
    return error as UploadError;
  }
  throw new Error('resolved, where a rejection was expected');
}
