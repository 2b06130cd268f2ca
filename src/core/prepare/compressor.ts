import type { Options } from 'browser-image-compression';
import { assetUrl, COMPRESSOR_WORKER } from '../assets.js';
import { UploadError, throwIfAborted } from '../errors.js';

type Message = { id: number; progress?: number; result?: Blob; error?: string };

/**
 * browser-image-compression, run in our own worker. The library's built-in worker mode would also
 * load the library on the main thread (23 kB gzip for nothing), make a new worker and fetch its
 * script again for every encode, and fall back silently to the main thread when the worker fails;
 * this one worker serves every attempt for one file and fails loudly.
 */
export class Compressor {
  #worker?: Worker;
  #next = 0;

  compress(file: File, options: Omit<Options, 'signal' | 'onProgress' | 'useWebWorker' | 'libURL'>, signal?: AbortSignal, onProgress?: (percent: number) => void): Promise<Blob> {
    throwIfAborted(signal);
    const worker = (this.#worker ??= new Worker(assetUrl(COMPRESSOR_WORKER)));
    const id = ++this.#next;
    return new Promise<Blob>((resolve, reject) => {
      const cleanup = () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = ({ data }: MessageEvent<Message>) => {
        if (data.id !== id) return;
        if (data.progress !== undefined) return onProgress?.(data.progress);
        cleanup();
        if (data.result) resolve(data.result);
        else reject(new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: new Error(data.error) }));
      };
      const onError = (event: ErrorEvent) => {
        cleanup();
        this.close();
        reject(new UploadError('damaged', `The image compressor could not start: ${event.message}`));
      };
      // Stopping the worker is the only way to stop an encode in progress.
      const onAbort = () => {
        cleanup();
        this.close();
        reject(new UploadError('aborted', 'The upload was cancelled.', {}, { cause: signal?.reason }));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, file, options });
    });
  }

  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
