// The Image Capture API (Chromium, Android's camera at full sensor resolution); not in lib.dom yet.
interface PhotoCapabilities {
  imageWidth?: { max?: number };
  imageHeight?: { max?: number };
}
interface ImageCaptureLike {
  getPhotoCapabilities(): Promise<PhotoCapabilities>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

/**
 * A still of what the camera sees, as large as the device makes: `ImageCapture.takePhoto()` at
 * its largest size where the browser has it (a phone's full sensor, often 4× the video's pixels),
 * else the current video frame at the stream's own resolution. Named like a phone's photo.
 */
export async function takePhoto(track: MediaStreamTrack, video: HTMLVideoElement, now = new Date()): Promise<File> {
  const blob = (await fromImageCapture(track)) ?? (await fromVideoFrame(video));
  const extension = blob.type === 'image/png' ? 'png' : 'jpg';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return new File([blob], `photo-${stamp}.${extension}`, { type: blob.type, lastModified: now.getTime() });
}

/**
 * The size of the still `takePhoto` will give where ImageCapture says it; undefined when the
 * video frame is the photo. What the live checks judge a document's resolution against.
 */
export async function stillSize(track: MediaStreamTrack): Promise<{ width: number; height: number } | undefined> {
  const ImageCapture = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  try {
    const { imageWidth, imageHeight } = ImageCapture ? await new ImageCapture(track).getPhotoCapabilities() : {};
    if (imageWidth?.max && imageHeight?.max) return { width: imageWidth.max, height: imageHeight.max };
  } catch {
    // No still capabilities on this track.
  }
  return undefined;
}

async function fromImageCapture(track: MediaStreamTrack): Promise<Blob | undefined> {
  const ImageCapture = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (!ImageCapture) return undefined;
  try {
    const capture = new ImageCapture(track);
    const { imageWidth, imageHeight } = await capture.getPhotoCapabilities();
    const settings = imageWidth?.max && imageHeight?.max ? { imageWidth: imageWidth.max, imageHeight: imageHeight.max } : {};
    const photo = await capture.takePhoto(settings);
    return photo.size > 0 ? photo : undefined;
  } catch {
    // Some cameras refuse a still while streaming: the video frame serves.
    return undefined;
  }
}

async function fromVideoFrame(video: HTMLVideoElement): Promise<Blob> {
  const { videoWidth: width, videoHeight: height } = video;
  if (!width || !height) throw new Error('The camera gave no picture yet.');
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.drawImage(video, 0, 0, width, height);
  // Near-lossless: the pipeline re-encodes to the limit anyway, from the best start.
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
}
