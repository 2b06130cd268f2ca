import { QUALITY_WORKER } from '../assets.js';
import { UploadError, throwIfAborted } from '../errors.js';
import { askWorker, stopWorker } from '../worker-request.js';
import { bootWorker, takeWorker } from '../worker-boot.js';
import type { QualityReport } from './quality-report.js';

export interface AssessRequest {
  /**
   * The document asked for (`passport`, `utility-bill`…), whose shape the checks look for; an ID
   * card's when not said. The checks' worker maps it (capture/document-frame.ts's shapeOf), so
   * the pipeline does not load that module for them.
   */
  subtype?: string | undefined;
  /**
   * The size of the picture a frame stands for (a preview frame, scaled down, of the camera's
   * video), for the document's resolution; a photo's own size otherwise.
   */
  sourceWidth?: number;
  sourceHeight?: number;
}

type Answer = { id: number; quality?: QualityReport; error?: string };

/**
 * Boots a checks' worker while the person is still choosing a file, so its script is fetched and
 * compiled by the time a photo is decoded. The next ChecksWorker takes it.
 */
export const prestartChecks = (): void => bootWorker(QUALITY_WORKER);

/**
 * The photo quality checks in a worker of their own (the `qualityChecks` run-time file), beside the image
 * worker's: they run on the other core while that one encodes, handed the image it drew, or on a
 * camera frame, or on a photo they decode themselves. They advise: a worker that cannot start or
 * checks that fail give no report, never an error, but a photo they cannot decode is `damaged`.
 */
export class ChecksWorker {
  #worker?: Worker;
  #failed = false;
  #next = 0;

  /** Boots the worker, so its script is fetched and compiled by the first photo. */
  start(): this {
    if (this.#worker || this.#failed) return this;
    const worker = (this.#worker = takeWorker(QUALITY_WORKER));
    worker.addEventListener('error', (event) => {
      // Its script did not load (a 404, a host's CSP): no checks, and no error for the page.
      event.preventDefault();
      if (this.#worker === worker) this.#failed = true;
    });
    return this;
  }

  /** A photo's report (decoded by the worker) or a frame's (handed over, then closed); undefined without checks. */
  check(source: Blob | ImageBitmap, options: AssessRequest, signal?: AbortSignal): Promise<QualityReport | undefined> {
    throwIfAborted(signal);
    const worker = this.start().#worker;
    if (!worker || this.#failed) {
      if (!(source instanceof Blob)) source.close();
      return Promise.resolve(undefined);
    }
    const image = source instanceof Blob ? { file: source } : { bitmap: source };
    return askWorker<Answer, QualityReport | undefined>(worker, ++this.#next, { ...image, assess: options }, source instanceof Blob ? [] : [source], {
      signal,
      answered: (data) => () => {
        if (data.error === undefined) return data.quality;
        throw new UploadError('damaged', 'The image cannot be decoded.', {}, { cause: new Error(data.error) });
      },
      // The checks advise: a worker that fails gives no report.
      failed: () => undefined,
      stop: () => this.close(),
    });
  }

  close(): void {
    stopWorker(this.#worker);
    this.#worker = undefined;
    this.#failed = false;
  }
}
