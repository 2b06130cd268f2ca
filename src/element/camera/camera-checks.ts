import { ImageWorker } from '../../core/prepare/image-worker.js';
import type { QualityReport } from '../../core/quality/quality-report.js';

/** What checks each shot, and the preview while the person frames the document. */
export interface CameraChecks {
  shot(photo: File, signal?: AbortSignal): Promise<QualityReport | undefined>;
  /**
   * A frame of the preview, scaled down, judged as a photo of `still`'s size (the shutter's);
   * without it the preview is not followed.
   */
  frame?(frame: ImageBitmap, still: { width: number; height: number }): Promise<QualityReport | undefined>;
  /** Called once the camera closes. */
  close?(): void;
}

/**
 * The device's own checks (blur, glare, exposure, resolution, the whole document in the frame),
 * in the quality checks' worker, for the document the slot asks for: one worker serves shots and frames.
 */
export function deviceChecks(subtype?: string): CameraChecks {
  const worker = new ImageWorker().startChecks();
  return {
    shot: (photo, signal) => worker.assess(photo, { subtype }, signal),
    frame: (frame, still) => worker.assess(frame, { subtype, sourceWidth: still.width, sourceHeight: still.height }),
    close: () => worker.close(),
  };
}
