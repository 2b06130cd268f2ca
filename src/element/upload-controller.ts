import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { UploadError, toUploadError } from '../core/errors.js';
import type { UploadOptions, UploadResult, UploadStage } from '../core/pipeline.js';
import type { PreparedFile } from '../core/prepare/prepare.js';
import type { RetryNotice } from '../core/retry.js';

/** A stored document as the form remembers it across a page restore (back/forward, autofill). */
export interface StoredFile {
  documentId: string;
  name: string;
  type: string;
  size: number;
}

/** The upload function the element runs; a story or a test may hand in a stub. */
export type Uploader = (file: File, options: UploadOptions) => Promise<UploadResult>;

export const UploadStatus = {
  idle: 'idle',
  checking: 'checking',
  preparing: 'preparing',
  uploading: 'uploading',
  success: 'success',
  rejected: 'rejected',
  failed: 'failed',
} as const;
export type UploadStatus = (typeof UploadStatus)[keyof typeof UploadStatus];

export interface UploadCallbacks {
  onStart(documentId: string, file: File): void;
  onProgress(documentId: string, loaded: number, total: number): void;
  onSuccess(result: UploadResult): void;
  onFailure(error: UploadError, file: File): void;
  onRetry(notice: RetryNotice): void;
}

/**
 * Owns one element's upload: its status, a fresh AbortController per run, and a run counter so a
 * cancelled or replaced run can never overwrite the state of the run that followed it.
 */
export class UploadController implements ReactiveController {
  status: UploadStatus = UploadStatus.idle;
  file?: File;
  stage?: UploadStage;
  loaded = 0;
  total = 0;
  /** Conversion and compression progress, 0..1. */
  prepareProgress = 0;
  /** The file as it will be sent: the element previews it. */
  prepared?: PreparedFile;
  documentId?: string;
  /** Set while a failed try waits for the next one; cleared as soon as anything moves again. */
  retry?: RetryNotice;
  result?: UploadResult;
  /** What storage holds, after a success or a restored form state: the file line shows it. */
  stored?: StoredFile;
  error?: UploadError;
  /** Settles when the current run has ended, whatever the outcome; for tests and hosts. */
  settled: Promise<void> = Promise.resolve();

  #abort?: AbortController;
  #run = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: UploadCallbacks,
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return this.status === UploadStatus.checking || this.status === UploadStatus.preparing || this.status === UploadStatus.uploading;
  }

  start(
    file: File,
    uploader: Uploader,
    options: Omit<UploadOptions, 'signal' | 'onStage' | 'onStart' | 'onProgress' | 'onPrepareProgress' | 'onPrepared' | 'onRetry'>,
  ): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const run = ++this.#run;
    const current = () => run === this.#run;
    Object.assign(this, { file, status: UploadStatus.checking, stage: undefined, loaded: 0, total: file.size });
    Object.assign(this, { documentId: undefined, retry: undefined, result: undefined, stored: undefined, error: undefined, prepared: undefined, prepareProgress: 0 });
    this.host.requestUpdate();

    this.settled = uploader(file, {
      ...options,
      signal: abort.signal,
      onStage: (stage) => {
        if (!current()) return;
        this.stage = stage;
        this.retry = undefined;
        if (stage === 'preparing') this.status = UploadStatus.preparing;
        if (stage === 'uploading') this.status = UploadStatus.uploading;
        this.host.requestUpdate();
      },
      onPrepareProgress: (fraction) => {
        if (!current()) return;
        this.prepareProgress = fraction;
        this.host.requestUpdate();
      },
      onPrepared: (prepared) => {
        if (!current()) return;
        this.prepared = prepared;
        this.host.requestUpdate();
      },
      onStart: (documentId) => {
        if (!current()) return;
        this.documentId = documentId;
        this.callbacks.onStart(documentId, file);
      },
      onProgress: (loaded, total) => {
        if (!current()) return;
        Object.assign(this, { loaded, total, retry: undefined });
        this.host.requestUpdate();
        if (this.documentId) this.callbacks.onProgress(this.documentId, loaded, total);
      },
      onRetry: (notice) => {
        if (!current()) return;
        this.retry = notice;
        this.host.requestUpdate();
        this.callbacks.onRetry(notice);
      },
    }).then(
      (result) => {
        if (!current()) return;
        const stored = { documentId: result.documentId, ...result.file };
        Object.assign(this, { status: UploadStatus.success, result, stored, documentId: result.documentId, loaded: this.total, retry: undefined });
        this.host.requestUpdate();
        this.callbacks.onSuccess(result);
      },
      (reason: unknown) => {
        if (!current()) return;
        const error = toUploadError(reason);
        Object.assign(this, { status: error.isRejection ? UploadStatus.rejected : UploadStatus.failed, error, retry: undefined });
        this.host.requestUpdate();
        this.callbacks.onFailure(error, file);
      },
    );
    return this.settled;
  }

  /** Stops the run in flight; its outcome is reported as `aborted`. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Back to idle, forgetting the file and any result. */
  reset(): void {
    this.#run++;
    this.#abort?.abort();
    Object.assign(this, { status: UploadStatus.idle, file: undefined, stage: undefined, documentId: undefined, retry: undefined });
    Object.assign(this, { result: undefined, stored: undefined, error: undefined, prepared: undefined, loaded: 0, total: 0 });
    this.host.requestUpdate();
  }

  /** Shows a document stored earlier (the form restored its state) as this element's success. */
  restore(stored: StoredFile): void {
    this.reset();
    Object.assign(this, { status: UploadStatus.success, stored, documentId: stored.documentId });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
  }
}
