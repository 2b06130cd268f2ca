import { COMPRESSOR_WORKER } from '../assets.js';
import { workerUrl } from '../trusted-types.js';
import { UploadError, cancelled, throwIfAborted } from '../errors.js';

type Message = { id: number; progress?: number; result?: Blob; width?: number; height?: number; error?: string };

export interface EncodeRequest {
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
}

/**
 * Decodes, scales and encodes in our own worker (compressor.worker.js, with browser-image-compression's
 * drawing and encoding). The library's built-in worker mode would also load the library on the
 * main thread (20 kB gzip for nothing), make a new worker and fetch its script again for every
 * encode, and fall back silently to the main thread when the worker fails; this one worker serves
 * every attempt for one file and fails loudly.
 */
export class Compressor {
  #worker?: Worker;
  #next = 0;
  /** The worker failed to load before anyone was waiting for it (it boots early): the next encode says so. */
  #failedToStart?: UploadError;

  /** Boots the worker (fetching and compiling its scripts) so that it is ready by the first encode. */
  start(): this {
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
        if (data.result) resolve({ blob: data.result, width: data.width ?? 0, height: data.height ?? 0 });
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
      worker.postMessage({ id, file, ...request });
    });
  }

  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failedToStart = undefined;
  }
}
