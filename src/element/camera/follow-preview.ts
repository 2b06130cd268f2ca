import type { QualityReport } from '../../core/quality/quality-report.js';
import type { CameraChecks } from './camera-checks.js';

/** The preview is checked on frames this wide: enough to find the document, cheap enough to keep up. */
const FRAME_SIDE = 640;
/** At most this often: guidance a person can read, with the phone's CPU left for the preview. */
const FRAME_INTERVAL_MS = 125;

/**
 * Advice while the person frames the document: the checks of a small frame of the preview, a few
 * times a second, the document's resolution judged at the size of the `still` the shutter takes
 * (the video's own when it is the still).
 * Returns the function that stops it.
 */
export function followPreview(
  video: HTMLVideoElement,
  check: NonNullable<CameraChecks['frame']>,
  still: Promise<{ width: number; height: number } | undefined>,
  onReport: (report: QualityReport) => void,
): () => void {
  let stopped = false;
  const next = async (): Promise<void> => {
    const started = performance.now();
    const { videoWidth: width, videoHeight: height } = video;
    if (width > 0 && height > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
      const scale = Math.min(1, FRAME_SIDE / Math.max(width, height));
      const frame = await createImageBitmap(video, { resizeWidth: Math.round(width * scale), resizeHeight: Math.round(height * scale), resizeQuality: 'low' });
      // Judged as the photo will be: a phone's still often has 4× the video's pixels.
      const report = await check(frame, (await still) ?? { width, height }).catch(() => undefined);
      if (stopped) return;
      if (report) onReport(report);
    }
    // Paced, not synchronised: the next frame comes whatever became of this one.
    setTimeout(() => void (stopped || next().catch(() => {})), Math.max(0, FRAME_INTERVAL_MS - (performance.now() - started)));
  };
  void next().catch(() => {});
  return () => {
    stopped = true;
  };
}
