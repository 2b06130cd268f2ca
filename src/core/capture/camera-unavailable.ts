/**
 * Why the in-page camera cannot be used, each leading to the same fallback (the phone's own camera
 * through the file input, or the picker) with a sentence that says which.
 */
export type CameraUnavailableReason =
  /** Not https (nor localhost): browsers offer no camera to such pages. */
  | 'insecure-context'
  /** No getUserMedia at all (an old browser, a locked-down webview), or no camera on the device. */
  | 'no-camera'
  /** The person, or the browser's settings, said no. */
  | 'permission-denied'
  /** Another app holds the camera, or it failed to start. */
  | 'camera-busy';

export class CameraUnavailable extends Error {
  constructor(readonly reason: CameraUnavailableReason, options?: ErrorOptions) {
    super(`The camera is not available: ${reason}`, options);
    this.name = 'CameraUnavailable';
  }
}

/** getUserMedia's DOMException names, as the specification and the engines use them. */
export function cameraUnavailable(error: unknown): CameraUnavailable {
  if (error instanceof CameraUnavailable) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError': // Firefox, when a permissions policy forbids the camera
      return new CameraUnavailable('permission-denied', { cause: error });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CameraUnavailable('no-camera', { cause: error });
    default: // NotReadableError, AbortError: held elsewhere or failed to start
      return new CameraUnavailable('camera-busy', { cause: error });
  }
}
