/**
 * What the browser and the host's resume-key endpoint agree on (`kyc-upload/server`'s
 * resume-key.ts imports this module): one place for the wire shape and the time rules.
 *
 * The server derives one wrapping key per applicant and per epoch (a UTC day). It gives the key of
 * the current epoch to save a file, and of the current or the previous one to resume it, never an
 * older one: a record kept past its time cannot be opened whatever the browser's clock says,
 * even by someone holding a copy of the profile and a still-valid session.
 */

/** How long one wrapping key is handed out for saving. */
export const RESUME_EPOCH_MS = 24 * 60 * 60 * 1000;

/** The longest a prepared file is kept for resume; the server's epochs cover it. */
export const MAX_RESUME_TTL_MS = RESUME_EPOCH_MS;

/** The wrapping key's length: AES-256 key wrap (RFC 3394). */
export const RESUME_KEY_BYTES = 32;

/** The epoch a time falls in. */
export const resumeEpochOf = (time: number): number => Math.floor(time / RESUME_EPOCH_MS);

/** The epochs whose key the server still gives back at `time`. */
export const resumeEpochOpen = (epoch: number, time: number): boolean => {
  const current = resumeEpochOf(time);
  return epoch === current || epoch === current - 1;
};

/** POSTed as JSON: no epoch for the key to save with, the record's epoch to resume it. */
export interface ResumeKeyRequest {
  epoch?: number;
}

/** The answer: the epoch and its key, base64url without padding. */
export interface ResumeKeyAnswer {
  epoch: number;
  key: string;
}
