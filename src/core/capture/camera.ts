import { CameraUnavailable, cameraUnavailable } from './camera-unavailable.js';

/** An open camera, its track live until `stop()`. */
export interface OpenCamera {
  stream: MediaStream;
  track: MediaStreamTrack;
  /**
   * A front camera (a selfie camera, a laptop's webcam when it says so): its preview is mirrored,
   * as people expect of a mirror. The photo never is: a mirrored document reads backwards.
   */
  mirrored: boolean;
  /** The track can light the phone's torch. */
  torch: boolean;
  setTorch(on: boolean): Promise<void>;
  stop(): void;
}

// Asked as ideals, never as requirements: a device gives its nearest mode rather than failing.
// 4K is above what most phones stream and well above the ≈ 1000 px an ID card needs at 300 DPI.
const VIDEO: MediaTrackConstraints = { facingMode: { ideal: 'environment' }, width: { ideal: 3840 }, height: { ideal: 2160 } };

type TorchCapable = MediaTrackCapabilities & { torch?: boolean };
type TorchConstraint = MediaTrackConstraintSet & { torch?: boolean };

/** Whether this page may ask for the camera at all (no prompt is shown by asking this). */
export function cameraSupported(): boolean {
  return typeof isSecureContext === 'boolean' && isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * Opens the rear camera at the highest resolution the device offers. Throws `CameraUnavailable`
 * with the reason the person is told (and the element falls back to the file input).
 */
export async function openCamera(signal?: AbortSignal): Promise<OpenCamera> {
  if (typeof isSecureContext === 'boolean' && !isSecureContext) throw new CameraUnavailable('insecure-context');
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') throw new CameraUnavailable('no-camera');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: VIDEO, audio: false });
  } catch (error) {
    throw cameraUnavailable(error);
  }
  const stop = () => stream.getTracks().forEach((track) => track.stop());
  const track = stream.getVideoTracks()[0];
  if (!track) {
    stop();
    throw new CameraUnavailable('no-camera');
  }
  if (signal?.aborted) {
    stop();
    throw signal.reason;
  }
  const capabilities: TorchCapable = typeof track.getCapabilities === 'function' ? track.getCapabilities() : {};
  return {
    stream,
    track,
    mirrored: track.getSettings().facingMode === 'user',
    torch: capabilities.torch === true,
    setTorch: (on) => track.applyConstraints({ advanced: [{ torch: on } as TorchConstraint] }),
    stop,
  };
}
