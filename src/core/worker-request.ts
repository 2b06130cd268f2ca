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
  /** Stops the worker: terminating it is the only way to stop its work in progress. */
  stop(): void;
}

/**
 * One request to a worker and its answer, told apart from the others by its `id`: the listeners go
 * when it ends, and an abort ends it at once, as `aborted`, after stopping the worker.
 */
export function askWorker<Answer extends { id?: unknown }, T>(
  worker: Worker,
  id: number,
  message: object,
  transfer: Transferable[],
  { signal, answered, failed, stop }: WorkerRequest<Answer, T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const end = (outcome: () => T) => {
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
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ id, ...message }, transfer);
  });
}
