// The checks' worker (kyc-upload-quality.js, bundled into a run-time file of its own): it answers
// each photo or frame it is sent with its report, and keeps the checks on its global, where a
// classic script (the bench's) finds them. A photo it cannot decode is said so: that photo is damaged.
import { shapeOf } from '../capture/document-frame.js';
import { type AssessImageOptions, assessImage } from './assess.js';

export interface KycQuality {
  /** The checks of a document the slot names by its subtype (`passport`…): its shape is looked up here. */
  assessImage(source: Parameters<typeof assessImage>[0], options?: Omit<AssessImageOptions, 'shape'> & { subtype?: string | undefined }): ReturnType<typeof assessImage>;
}

declare global {
  // eslint-disable-next-line no-var
  var kycQuality: KycQuality | undefined;
}

const checks: KycQuality = {
  assessImage: (source, { subtype, ...options } = {}) => assessImage(source, { ...options, shape: shapeOf(subtype) }),
};
self.kycQuality = checks;

interface Asked {
  id: number;
  file?: Blob;
  bitmap?: ImageBitmap;
  assess?: Parameters<KycQuality['assessImage']>[1];
}

self.addEventListener('message', (event) => {
  const { id, file, bitmap, assess } = (event as MessageEvent<Asked>).data;
  if (typeof id !== 'number') return;
  void answer(id, bitmap ?? file, assess);
});

async function answer(id: number, source: ImageBitmap | Blob | undefined, assess: Asked['assess']): Promise<void> {
  let image: ImageBitmap;
  try {
    image = source instanceof Blob || source === undefined ? await createImageBitmap(source as Blob) : source;
  } catch (error) {
    postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  let quality;
  try {
    // Handed over: its pixels go once copied (the finally closes it where the copy failed).
    quality = checks.assessImage(image, { ...assess, handOver: true });
  } catch {
    // The checks advise: a fault of theirs gives no report, never a failed upload.
  } finally {
    image.close();
  }
  postMessage({ id, quality });
}
