import { COMPRESSOR_WORKER } from '../assets.js';
import { workerUrl } from '../trusted-types.js';
import { UploadError, cancelled, throwIfAborted } from '../errors.js';
import { MAX_PIXELS } from './pixel-limit.js';

type Message = {
  id: number;
  progress?: number;
  result?: Blob;
  width?: number;
  height?: number;
  decoded?: boolean;
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
}

export interface Encoded {
  blob: Blob;
  width: number;
  height: number;
  /** Whether this encode decoded the file, or drew pixels the worker kept. */
  decoded: boolean;
}

/**
 * Decodes, scales and encodes in our own worker (compressor.worker.js, with browser-image-compression's
 * drawing and encoding, and libheif's decoding for a HEIC). The library's built-in worker mode would
 * also load the library on the main thread (20 kB gzip for nothing), make a new worker and fetch
 * its script again for every encode, and fall back silently to the main thread when the worker
 * fails; this one worker serves every attempt for one file and fails loudly. One file: the worker
 * keeps a HEIC's pixels between attempts.
 */
export class Compressor {
  #worker?: Worker;
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
    const worker = (this.#worker = new Worker(workerUrl(COMPRESSOR_WORKER)));
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

  encode(file: File, request: EncodeRequest, signal?: AbortSignal, onProgress?: (percent: number) => void): Promise<Encoded> {
    throwIfAborted(signal);
    const worker = this.start().#worker!;
    const failed = this.#failedToStart;
    if (failed) {
      this.close();
      return Promise.reject(failed);
    }
    const id = ++this.#next;
    return new Promise<Encoded>((resolve, reject) => {
      const cleanup = () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = ({ data }: MessageEvent<Message>) => {
        if (data.id !== id) return;
        if (data.progress !== undefined) return onProgress?.(data.progress);
        cleanup();
        if (data.result) resolve({ blob: data.result, width: data.width ?? 0, height: data.height ?? 0, decoded: data.decoded === true });
        // The decoder's script did not load (a 404, a host's CSP): the file is not to blame.
        else if (data.stage === 'load') reject(new UploadError('preparation-failed', `The image decoder could not start: ${data.error}`));
        else reject(new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: new Error(data.error) }));
      };
      const onError = () => {
        cleanup();
        // start()'s listener, added first, has just recorded what went wrong.
        const error = this.#failedToStart!;
        this.close();
        reject(error);
      };
      // Stopping the worker is the only way to stop an encode in progress.
      const onAbort = () => {
        cleanup();
        this.close();
        reject(cancelled(signal?.reason));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, file, ...request, maxPixels: MAX_PIXELS });
    });
  }

  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failedToStart = undefined;
    this.#heicRequested = false;
  }
}
