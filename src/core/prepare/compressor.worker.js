// The image compressor's worker, shipped as a file next to the widget so it loads from the page's
// own origin (CSP `worker-src 'self'` is enough; no blob: worker, no CDN). One worker serves the
// attempts at one file (ImageWorker, image-worker.ts).
//
// One message = one encode, of a decode made for it (the decode, or a copy of it or of its drawing,
// handed to the quality checks' worker, when asked). browser-image-compression sizes the canvas
// and encodes (its documented helpers: the browser's canvas-size cap, its PNG encoder), and the
// image is drawn scaled in one pass, halved first past a halving (drawScaled), or, a JPEG kept at
// its size, not drawn at all (decodeCanvas); the decode is the platform's, because the
// library's own `imageCompression()` keeps a full-size bitmap alive, copies it into a full-size
// canvas before scaling, and re-reads the whole file for EXIF: on a 48 MP photo that is 1.8× the
// memory of decoding and scaling once. It also decodes through an <img> on Safari, which a worker
// does not have.
// A HEIC is decoded by libheif, here, once: its decode takes seconds, so its pixels stay in this
// worker for the next attempts.
/* global imageCompression, buildLibheif */
// A host that sends its page's CSP on every response (as Helmet does) governs this worker too:
// with `require-trusted-types-for 'script'`, importScripts takes only a TrustedScriptURL. The
// policy is the page's `kyc-upload` (this worker is another realm, so the name is free here) and
// makes two URLs: the library and the decoder next to this file.
const LIBRARY = new URL('browser-image-compression.js', self.location.href).href;
const HEIC_DECODER = new URL('libheif.js', self.location.href).href;
const policy = self.trustedTypes?.createPolicy('kyc-upload', {
  createScriptURL: (url) => {
    if (url !== LIBRARY && url !== HEIC_DECODER) throw new TypeError(`kyc-upload creates no script URL for ${url}`);
    return url;
  },
});
const load = (url) => importScripts(policy ? policy.createScriptURL(url) : url);
load(LIBRARY);

const { approximateBelowMaximumCanvasSizeOfBrowser, canvasToFile, cleanupCanvasMemory } = imageCompression;

/**
 * `image` at exactly half its size (its odd last row or column left out): a draw at exactly half
 * size averages each 2×2 block, in every engine.
 */
function halved(image) {
  const half = new OffscreenCanvas(Math.max(1, image.width >> 1), Math.max(1, image.height >> 1));
  half.getContext('2d').drawImage(image, 0, 0, half.width * 2, half.height * 2, 0, 0, half.width, half.height);
  return half;
}

/**
 * The encode's size: at most `maxLongEdge` pixels a side, and within the browser's canvas-size cap
 * (the library's helper).
 */
function encodeSize(image, maxLongEdge) {
  const scale = Math.min(1, maxLongEdge / Math.max(image.width, image.height));
  const { width, height } = approximateBelowMaximumCanvasSizeOfBrowser(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  return { width: Math.round(width), height: Math.round(height) };
}

/**
 * A canvas that takes the decode as it is, where the engine has one: for an upright JPEG encoded at
 * its own size (opaque, unscaled, unturned: Chromium turns a decode by its EXIF orientation only
 * when drawing it). A draw writes a canvas of the photo's size: 130 ms and 48 MB at 12 MP.
 */
function decodeCanvas(image) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  try {
    return canvas.getContext('bitmaprenderer') ? canvas : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The image on a canvas of `size`, scaled as it is drawn: one pass over the decoded pixels, as
 * the bare decode-draw-encode does, while it shrinks by half at most. (A resize of the bitmap
 * first, then a draw, read a 48 MP image twice: a quarter more time.) Past a halving it is halved
 * first, as often as that still leaves it the canvas's size: one draw would alias fine print (a
 * card's microprint into bands) wherever 'medium' does not average, as in Firefox and WebKit. The
 * rest is the library's `drawImageInCanvas`: white under a JPEG, which has no transparency.
 */
function drawScaled(image, { width, height }, type) {
  const canvas = new OffscreenCanvas(width, height);
  let source = image;
  while (source.width >> 1 >= canvas.width && source.height >> 1 >= canvas.height) {
    const half = halved(source);
    if (source !== image) cleanupCanvasMemory(source);
    source = half;
  }
  const context = canvas.getContext('2d');
  if (type === 'image/jpeg') {
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
  }
  // Bilinear ('low'): each output pixel now covers at most two source pixels a side.
  context.imageSmoothingQuality = 'low';
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  if (source !== image) cleanupCanvasMemory(source);
  return canvas;
}

/** Failed to load a script: not the file's fault. */
class LoadError extends Error {}

let libheif;
function heicDecoder() {
  try {
    // wasm2js: the module is ready when the factory returns.
    if (!libheif) load(HEIC_DECODER);
    libheif ??= buildLibheif();
  } catch (error) {
    throw new LoadError(`the HEIC decoder did not start: ${error instanceof Error ? error.message : error}`);
  }
  return libheif;
}

/**
 * The primary image, upright (libheif applies the `irot` and `imir` boxes; EXIF orientation, which
 * HEIF readers ignore, is not applied on top), as a bitmap. Measured before its pixels are
 * allocated: the pixel limit was checked on the header the page read, which a crafted file can
 * make disagree with the image libheif picks.
 */
async function decodeHeic(file, maxPixels) {
  const heif = heicDecoder();
  const decoder = new heif.HeifDecoder();
  let images = [];
  try {
    images = decoder.decode(await file.arrayBuffer());
    const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
    if (!image) throw new Error('no image in the HEIF file');
    const width = image.get_width();
    const height = image.get_height();
    if (!(width * height <= maxPixels)) throw new Error(`${width}×${height} is over ${maxPixels} pixels`);
    // HeifImage.display() does this too, but loses a decoding error in a timer.
    const decoded = await heif.heif_js_decode_image2(image.handle, heif.heif_colorspace.heif_colorspace_RGB, heif.heif_chroma.heif_chroma_interleaved_RGBA);
    if (!decoded || decoded.code) throw new Error(`libheif: ${decoded?.message ?? 'decoding failed'}`);
    try {
      const plane = decoded.channels.find((channel) => channel.id === heif.heif_channel.heif_channel_interleaved);
      if (!plane || plane.width !== width || plane.height !== height) throw new Error('libheif gave no RGBA plane of the image size');
      // The plane is a view of libheif's memory, released below: copied out, row by row when padded.
      const pixels = new ImageData(width, height);
      const row = width * 4;
      if (plane.stride === row) pixels.data.set(plane.data.subarray(0, row * height));
      else for (let y = 0; y < height; y++) pixels.data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
      return await createImageBitmap(pixels);
    } finally {
      heif.heif_image_release(decoded.image);
    }
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) heif.heif_context_free(decoder.decoder);
  }
}

/**
 * Decodes of up to this many pixels go to the quality checks once drawn, moved rather than copied;
 * a larger one is closed as soon as it is drawn: moved, it would live on beside the encode until
 * the checks have shrunk it (a 48 MP decode is 192 MB), so the checks get a copy of the canvas.
 */
const MOVED_DECODE_PIXELS = 16_000_000;

/**
 * A copy of `canvas` (the drawing, or the decode that becomes the encode's canvas) for the quality
 * checks' worker, which shrinks it the rest of the way with its own averaging: halved once where
 * the half still covers the checks' `side`. Averaged however far it was shrunk (drawScaled), its
 * detail is the photo's. A copy holds up the encode (at 12 MP a whole one took 150–166 ms, a
 * halved one 45–52): the decode is moved wherever it may be.
 */
function copyForChecks(canvas, side) {
  const halve = Math.min(canvas.width, canvas.height) >= 2 && Math.max(canvas.width, canvas.height) >= 2 * side;
  if (halve) return halved(canvas).transferToImageBitmap();
  const copy = new OffscreenCanvas(canvas.width, canvas.height);
  copy.getContext('2d').drawImage(canvas, 0, 0);
  return copy.transferToImageBitmap();
}

/**
 * Hands the quality checks' worker (through the page) the image to check while this one encodes,
 * with the decode's size, in which the document's resolution is judged: the decode itself where
 * it is no longer needed here (a HEIC's stays for the next attempt, an undrawn one becomes the
 * encode's canvas) and small enough, else a copy of `canvas`. Returns whether the decode went. The
 * checks advise: a copy that cannot be made (memory) leaves the photo unchecked, never failed.
 */
function postForChecks(id, canvas, side, decode, decodeStays) {
  const { width: sourceWidth, height: sourceHeight } = decode;
  const move = !decodeStays && sourceWidth * sourceHeight <= MOVED_DECODE_PIXELS;
  try {
    const frame = move ? decode : copyForChecks(canvas, side);
    self.postMessage({ id, frame, sourceWidth, sourceHeight }, [frame]);
    return move;
  } catch {
    // No frame: the page gets no report.
    return false;
  }
}

/** This worker's HEIC, decoded by the first attempt and drawn again by the next ones. */
let heic;

self.addEventListener('message', async ({ data }) => {
  // Sent when the page knows a HEIC is coming: libheif (3 MB) loads while the header is read.
  if (data.preload === 'heic') {
    try {
      heicDecoder();
    } catch {
      // Said by the first decode, which tries again.
    }
    return;
  }
  const { id, file, format, type, quality, maxLongEdge, maxPixels, assess, checksSide, upright } = data;
  const keep = format === 'heic';
  let canvas;
  let asDecoded;
  let full;
  let stage = 'decode';
  try {
    const decoded = !keep || heic === undefined;
    // Turned by its EXIF orientation ('from-image' is the default) as it is drawn: Chromium turns
    // it only then, hence `upright` for decodeCanvas.
    full = await (keep ? (heic ??= decodeHeic(file, maxPixels)) : createImageBitmap(file));
    self.postMessage({ id, progress: 50 });
    stage = 'encode';
    const size = encodeSize(full, maxLongEdge);
    asDecoded = upright && file.type === 'image/jpeg' && type === 'image/jpeg' && size.width === full.width && size.height === full.height ? decodeCanvas(full) : undefined;
    // The quality checks' worker checks the photo on the other core while this one encodes (which
    // holds this worker until it is done).
    if (asDecoded) {
      // Their copy is made first: the decode goes into the canvas.
      if (assess) postForChecks(id, full, checksSide, full, true);
      asDecoded.getContext('bitmaprenderer').transferFromImageBitmap(full);
      full = undefined;
      canvas = asDecoded;
    } else {
      canvas = drawScaled(full, size, type);
      if (assess && postForChecks(id, canvas, checksSide, full, keep)) full = undefined;
    }
    // A HEIC's pixels stay for the next attempt.
    if (!keep) {
      full?.close();
      full = undefined;
    }
    // The encode starts from a snapshot of the canvas, taken by this call.
    const encoded = canvasToFile(canvas, type, file.name, file.lastModified, quality);
    const { width, height } = canvas;
    const result = await encoded;
    self.postMessage({ id, result, width, height, decoded });
  } catch (error) {
    // A failed decode is not kept: the next attempt tries again (a decoder that failed to load, say).
    if (stage === 'decode' && keep) heic = undefined;
    if (error instanceof LoadError) stage = 'load';
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error), stage });
  } finally {
    // An undrawn canvas holds the decode itself until told to let it go.
    if (canvas && canvas === asDecoded) canvas.getContext('bitmaprenderer').transferFromImageBitmap(null);
    if (canvas) cleanupCanvasMemory(canvas);
    if (!keep) full?.close();
  }
});
