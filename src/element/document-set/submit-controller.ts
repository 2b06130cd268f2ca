import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SetDocument } from '../../core/document-set/set-state.js';
import { type SubmitFailure, type SubmitSetOptions, SubmitSetError, submitDocumentSet } from '../../core/document-set/submit-set.js';

export type SubmitStatus = { state: 'idle' } | { state: 'busy' } | { state: 'sent' } | { state: 'failed'; failure: SubmitFailure; status?: number };

/** The "Submit documents" action: one POST at a time, a run counter so a reset drops a late answer. */
export class SubmitController implements ReactiveController {
  #status: SubmitStatus = { state: 'idle' };
  #abort?: AbortController;
  #run = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get status(): SubmitStatus {
    return this.#status;
  }

  /** Resolves with the outcome, or undefined when a reset overtook it; never rejects. */
  async submit(endpoint: string, documents: readonly SetDocument[], options: Omit<SubmitSetOptions, 'signal'>): Promise<SubmitStatus | undefined> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const run = ++this.#run;
    this.#set({ state: 'busy' });
    let outcome: SubmitStatus;
    try {
      await submitDocumentSet(endpoint, documents, { ...options, signal: abort.signal });
      outcome = { state: 'sent' };
    } catch (error) {
      outcome =
        error instanceof SubmitSetError
          ? { state: 'failed', failure: error.failure, ...(error.status !== undefined ? { status: error.status } : {}) }
          : { state: 'failed', failure: 'unreachable' };
    }
    if (run !== this.#run) return undefined;
    this.#set(outcome);
    return outcome;
  }

  reset(): void {
    this.#run++;
    this.#abort?.abort();
    this.#set({ state: 'idle' });
  }

  #set(status: SubmitStatus): void {
    this.#status = status;
    this.host.requestUpdate();
  }

  /** A removed element says nothing more: its answer, if any comes, is dropped. */
  hostDisconnected(): void {
    this.#run++;
    this.#abort?.abort();
  }
}
