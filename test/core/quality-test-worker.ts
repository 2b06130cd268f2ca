// A worker for quality-grey-image.test.ts: loads the worker script as the product's worker will,
// then checks each ImageBitmap it is sent.
import '../../src/core/quality/worker-script.js';

onmessage = ({ data }: MessageEvent<ImageBitmap>) => {
  postMessage(self.kycQuality!.assessImage(data));
};
