import { cancelled } from './errors.js';

export interface WorkerRequest<Answer, T> {
  signal?: AbortSignal | undefined;
  /**
   * A message answering this request: what the request ends with (a function returning its value
   * or throwing its error), or undefined for a message on the way (progress).
   */
  answered(data: Answer): (() => T) | undefined;
  /** The worker failed (its script did not load, or threw): what the request ends with. */
  failed(): T;
  /** Stops the worker (`stopWorker`): terminating it is the only way to stop its work in progress. */
  stop(): void;
}

/** The requests each worker has not answered yet: stopping the worker ends them. */
const unanswered = new WeakMap<Worker, Set<() => void>>();

/**
 * One request to a worker and its answer, told apart from the others by its `id`: the listeners go
 * when it ends, and an abort ends it at once, as `aborted`, after stopping the worker; so does the
 * worker stopped for another request (`stopWorker`), which no answer would ever come to.
 */
export function askWorker<Answer extends { id?: unknown }, T>(
  worker: Worker,
  id: number,
  message: object,
  transfer: Transferable[],
  { signal, answered, failed, stop }: WorkerRequest<Answer, T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const requests = unanswered.get(worker) ?? new Set();
    unanswered.set(worker, requests);
    const end = (outcome: () => T) => {
      if (!requests.delete(abandoned)) return;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const onMessage = ({ data }: MessageEvent<Answer>) => {
      if (data.id !== id) return;
      const outcome = answered(data);
      if (outcome) end(outcome);
    };
    const onError = () => end(failed);
    const onAbort = () =>
      end(() => {
        stop();
        throw cancelled(signal?.reason);
      });
    const abandoned = () =>
      end(() => {
        throw cancelled();
      });
    if (signal?.aborted) return reject(cancelled(signal.reason));
    requests.add(abandoned);
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      worker.postMessage({ id, ...message }, transfer);
    } catch (error) {
      // Nothing was sent (a source that cannot be cloned or transferred): no answer will come.
      end(() => {
        throw error;
      });
    }
  });
}

/** Terminates a worker and ends what was asked of it and not answered, as `aborted`. */
export function stopWorker(worker: Worker | undefined): void {
  if (!worker) return;
  worker.terminate();
  const requests = unanswered.get(worker);
  unanswered.delete(worker);
  for (const abandoned of [...(requests ?? [])]) abandoned();
}
