import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type UploadError, toUploadError } from '../core/errors.js';
import type { UploadControls, UploadResult, UploadSettings, UploadStage, UploadUpdate } from '../core/pipeline.js';
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
export type Uploader = (file: File, settings: UploadSettings, controls: UploadControls) => Promise<UploadResult>;

/** A file is being inspected, prepared or sent. */
export interface BusyUpload {
  readonly phase: 'busy';
  readonly stage: UploadStage;
  readonly file: File;
  /** Conversion and compression progress, 0..1. */
  readonly preparing: number;
  readonly loaded: number;
  readonly total: number;
  /** The file as it will be sent: the element previews it. */
  readonly prepared?: PreparedFile;
  /** Known once bytes leave for storage. */
  readonly documentId?: string;
  /** Set while a failed try waits for the next one; cleared as soon as anything moves again. */
  readonly retry?: RetryNotice;
}

/** What storage holds, after a success or a restored form state. */
export interface SucceededUpload {
  readonly phase: 'succeeded';
  readonly stored: StoredFile;
  /** The file chosen; none for a restored form state. */
  readonly file?: File;
  readonly prepared?: PreparedFile;
}

export interface FailedUpload {
  readonly phase: 'failed';
  readonly file: File;
  readonly error: UploadError;
  readonly prepared?: PreparedFile;
}

export type UploadState = { readonly phase: 'idle' } | BusyUpload | SucceededUpload | FailedUpload;

/** What the element hears from a run: the pipeline's updates, then one outcome. */
export type UploadNotice =
  | UploadUpdate
  | { type: 'succeeded'; result: UploadResult }
  | { type: 'failed'; error: UploadError; file: File };

const IDLE: UploadState = { phase: 'idle' };

/**
 * Owns one element's upload: its state, a fresh AbortController per run, and a run counter so a
 * cancelled or replaced run can never overwrite the state of the run that followed it.
 */
export class UploadController implements ReactiveController {
  #state: UploadState = IDLE;
  #abort?: AbortController;
  #run = 0;
  /** Settles when the current run has ended, whatever the outcome; for tests and hosts. */
  settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly notify: (notice: UploadNotice) => void,
  ) {
    host.addController(this);
  }

  get state(): UploadState {
    return this.#state;
  }

  get busy(): boolean {
    return this.#state.phase === 'busy';
  }

  /** The file chosen for the current or last run. */
  get file(): File | undefined {
    return this.#state.phase === 'idle' ? undefined : this.#state.file;
  }

  /** The document the run created, once known. */
  get documentId(): string | undefined {
    const state = this.#state;
    return state.phase === 'busy' ? state.documentId : state.phase === 'succeeded' ? state.stored.documentId : state.phase === 'failed' ? state.error.documentId : undefined;
  }

  /** What storage holds: the form value. */
  get stored(): StoredFile | undefined {
    return this.#state.phase === 'succeeded' ? this.#state.stored : undefined;
  }

  start(file: File, uploader: Uploader, settings: UploadSettings): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const run = ++this.#run;
    const current = () => run === this.#run;
    let busy: BusyUpload = { phase: 'busy', stage: 'inspecting', file, preparing: 0, loaded: 0, total: file.size };
    this.#set(busy);

    const onUpdate = (update: UploadUpdate) => {
      if (!current()) return;
      this.#set((busy = moved(busy, update)));
      this.notify(update);
    };
    this.settled = uploader(file, settings, { signal: abort.signal, onUpdate }).then(
      (result) => {
        if (!current()) return;
        const stored = { documentId: result.documentId, ...result.file };
        this.#set({ phase: 'succeeded', stored, file, ...(busy.prepared ? { prepared: busy.prepared } : {}) });
        this.notify({ type: 'succeeded', result });
      },
      (reason: unknown) => {
        if (!current()) return;
        const error = toUploadError(reason);
        this.#set({ phase: 'failed', file, error, ...(busy.prepared ? { prepared: busy.prepared } : {}) });
        this.notify({ type: 'failed', error, file });
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
    this.#set(IDLE);
  }

  /** Shows a document stored earlier (the form restored its state) as this element's success. */
  restore(stored: StoredFile): void {
    this.reset();
    this.#set({ phase: 'succeeded', stored });
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  #set(state: UploadState): void {
    this.#state = state;
    this.host.requestUpdate();
  }
}

/** The busy state after one pipeline update. Anything that moves clears a pending retry notice. */
function moved(busy: BusyUpload, update: UploadUpdate): BusyUpload {
  const { retry: _cleared, ...moving } = busy;
  switch (update.type) {
    case 'stage':
      return { ...moving, stage: update.stage, ...(update.stage === 'uploading' ? { documentId: update.documentId } : {}) };
    case 'preparing':
      return { ...busy, preparing: update.fraction };
    case 'prepared':
      return { ...busy, prepared: update.prepared };
    case 'progress':
      return { ...moving, loaded: update.loaded, total: update.total };
    case 'retrying':
      return { ...busy, retry: update.notice };
  }
}
