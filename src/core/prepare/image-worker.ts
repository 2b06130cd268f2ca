import { COMPRESSOR_WORKER } from '../assets.js';
import { bootWorker, takeWorker } from '../worker-boot.js';
import { UploadError, throwIfAborted } from '../errors.js';
import { askWorker, stopWorker } from '../worker-request.js';
import { MAX_PIXELS } from './pixel-limit.js';
import type { QualityReport } from '../quality/quality-report.js';
import { type AssessRequest, ChecksWorker } from '../quality/checks-worker.js';
import { CHECKS_SIDE } from '../quality/grey-image.js';

export type { AssessRequest };

type Message = {
  id: number;
  progress?: number;
  result?: Blob;
  width?: number;
  height?: number;
  decoded?: boolean;
  /** The decode, or a copy of the drawn image, for the quality checks' worker (postForChecks), and the decode's size. */
  frame?: ImageBitmap;
  sourceWidth?: number;
  sourceHeight?: number;
  error?: string;
  stage?: 'load' | 'decode' | 'encode';
};

export interface EncodeRequest {
  /** 'heic': decoded by libheif in the worker, once, and kept there for the next attempts. */
  format?: 'heic';
  type: 'image/jpeg' | 'image/png';
  /** 0..1, JPEG only. */
  quality: number;
  /** The output's longer side, at most; the image is never enlarged. */
  maxLongEdge: number;
  /** Check the photo's quality too, from the image this encode draws or its decode. */
  assess?: AssessRequest;
  /**
   * Nothing in the file asks for a turn (ImageFacts.turned). A JPEG encoded at its own size is then
   * encoded from its decode, undrawn: Chromium turns a decode by its orientation only when it is
   * drawn, so an undrawn one would keep the sensor's side up.
   */
  upright?: boolean;
}


export interface Encoded {
  blob: Blob;
  width: number;
  height: number;
  /** Whether this encode decoded the file, or drew pixels the worker kept. */
  decoded: boolean;
  /** What the quality checks found, when asked for and they could run. */
  report?: QualityReport;
}

/**
 * Boots the compressor's worker while the person is still choosing a file: its scripts (this one
 * and browser-image-compression) are fetched and compiled by the time a photo needs an encode,
 * instead of after it was chosen. The next ImageWorker takes it.
 */
export const prestartCompressor = (): void => bootWorker(COMPRESSOR_WORKER);

/**
 * Decodes, scales and encodes photos in our own worker (compressor.worker.js, with
 * browser-image-compression's drawing and encoding and libheif's decoding for a HEIC), and checks
 * their quality in a second one (ChecksWorker), in parallel. The library's built-in worker mode would
 * also load the library on the main thread (20 kB gzip for nothing), make a new worker and fetch
 * its script again for every encode, and fall back silently to the main thread when the worker
 * fails; this one worker serves every attempt for one file and fails loudly. One file: the worker
 * keeps a HEIC's pixels between attempts.
 */
export class ImageWorker {
  #worker?: Worker;
  readonly #checks = new ChecksWorker();
  #next = 0;
  /** The worker failed to load before anyone was waiting for it (it boots early): the next encode says so. */
  #failedToStart?: UploadError;
  #heicRequested = false;

  /**
   * Boots the worker (fetching and compiling its scripts) so that it is ready by the first encode;
   * for a HEIC, its decoder too.
   */
  start(format?: 'heic'): this {
    if (format === 'heic' && !this.#heicRequested) {
      this.#heicRequested = true;
      this.start().#worker!.postMessage({ preload: 'heic' });
    }
    if (this.#worker) return this;
    const worker = (this.#worker = takeWorker(COMPRESSOR_WORKER));
    worker.addEventListener('error', (event) => {
      // A worker closed while still loading its scripts (a clean image needed no encode) reports
      // the cancelled load as an error: nobody is waiting for it, so it must not reach the page.
      if (this.#worker !== worker) return event.preventDefault();
      // Its script did not load or run (a 404, a host's CSP): the file is not to blame. Kept, since
      // this may come before the first encode listens (WebKit reports a 404 that early).
      this.#failedToStart = new UploadError('preparation-failed', `The image compressor could not start: ${event.message}`);
    });
    return this;
  }

  /**
   * Decodes, scales and encodes; with `assess`, the quality checks' worker checks the drawn image
   * on the other core meanwhile.
   */
  async encode(file: File, request: EncodeRequest, signal?: AbortSignal, onProgress?: (percent: number) => void): Promise<Encoded> {
    const { assess } = request;
    let checked: Promise<QualityReport | undefined> | undefined;
    const onFrame = (frame: ImageBitmap, { sourceWidth = frame.width, sourceHeight = frame.height }: Message) => {
      checked = assess ? this.#checks.check(frame, { ...assess, sourceWidth, sourceHeight }, signal).catch(() => undefined) : undefined;
    };
    const data = await this.#ask({ file, ...request, maxPixels: MAX_PIXELS, checksSide: CHECKS_SIDE }, [], signal, onProgress, onFrame);
    if (!data.result) throw new UploadError('damaged', 'The image could not be encoded.');
    const report = await checked;
    return { blob: data.result, width: data.width ?? 0, height: data.height ?? 0, decoded: data.decoded === true, ...(report ? { report } : {}) };
  }

  /**
   * The quality checks alone, in their own worker, of a photo (decoded there, which proves it
   * decodes: a file that does not is `damaged`) or of a frame of the camera's preview (handed over,
   * then closed). Undefined when the checks could not run: they advise, and never stop an upload.
   * The compressor's worker is not started for them.
   */
  assess(source: Blob | ImageBitmap, options: AssessRequest, signal?: AbortSignal): Promise<QualityReport | undefined> {
    return this.#checks.check(source, options, signal);
  }

  /** Boots the quality checks' worker, so it is ready by the first photo. */
  startChecks(): this {
    this.#checks.start();
    return this;
  }

  /** One message to the worker and its answer (progress aside), or the failure it stands for. */
  #ask(message: object, transfer: Transferable[], signal?: AbortSignal, onProgress?: (percent: number) => void, onFrame?: (frame: ImageBitmap, data: Message) => void): Promise<Message> {
    throwIfAborted(signal);
    const worker = this.start().#worker!;
    const failed = this.#failedToStart;
    if (failed) {
      this.close();
      return Promise.reject(failed);
    }
    return askWorker<Message, Message>(worker, ++this.#next, message, transfer, {
      signal,
      answered: (data) => {
        if (data.progress !== undefined) return void onProgress?.(data.progress);
        if (data.frame) return void (onFrame ? onFrame(data.frame, data) : data.frame.close());
        return () => {
          if (data.error === undefined) return data;
          // A script did not load (a 404, a host's CSP): the file is not to blame.
          if (data.stage === 'load') throw new UploadError('preparation-failed', `The image decoder could not start: ${data.error}`);
          throw new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: new Error(data.error) });
        };
      },
      failed: () => {
        // start()'s listener, added first, has just recorded what went wrong.
        const error = this.#failedToStart!;
        this.close();
        throw error;
      },
      stop: () => this.close(),
    });
  }

  close(): void {
    this.#checks.close();
    stopWorker(this.#worker);
    this.#worker = undefined;
    this.#failedToStart = undefined;
    this.#heicRequested = false;
  }
}
