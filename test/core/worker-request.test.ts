import { expect } from '@open-wc/testing';
import { askWorker, stopWorker } from '../../src/core/worker-request.js';

/** A worker that answers `{ id, echo }` to a message asking for it, and nothing to the others. */
const echoWorker = () =>
  new Worker(URL.createObjectURL(new Blob(['onmessage = ({ data }) => { if (data.answer) postMessage({ id: data.id, echo: data.answer }); };'], { type: 'text/javascript' })));

type Echo = { id: number; echo?: string };
const request = (worker: Worker, id: number, message: object, signal?: AbortSignal) =>
  askWorker<Echo, string | undefined>(worker, id, message, [], {
    signal,
    answered: (data) => () => data.echo,
    failed: () => undefined,
    stop: () => stopWorker(worker),
  });
/** How a request ended: 'answered', or its error's code or name (a request that never ends fails the test by its timeout). */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    // An UploadError's code (`aborted`), or a DOMException's name (whose code is a number).
    (error: { code?: unknown; name?: string }) => (typeof error.code === 'string' ? error.code : error.name),
  );

describe('askWorker', () => {
  it('answers each request with its own message', async () => {
    const worker = echoWorker();
    try {
      expect(await Promise.all([request(worker, 1, { answer: 'one' }), request(worker, 2, { answer: 'two' })])).to.deep.equal(['one', 'two']);
    } finally {
      stopWorker(worker);
    }
  });

  it("ends, as aborted, a request whose worker another request's abort stopped: no answer will come to it", async () => {
    const worker = echoWorker();
    const abort = new AbortController();
    const waiting = outcome(request(worker, 1, {}));
    const aborted = outcome(request(worker, 2, {}, abort.signal));
    abort.abort();
    expect(await aborted).to.equal('aborted');
    expect(await waiting, 'the other request ends too').to.equal('aborted');
  });

  it('ends at once, listening to nothing, when the message cannot be sent', async () => {
    const worker = echoWorker();
    try {
      expect(await outcome(request(worker, 1, { answer: () => 'a function cannot be cloned' }))).to.equal('DataCloneError');
      expect(await request(worker, 2, { answer: 'still serves' })).to.equal('still serves');
    } finally {
      stopWorker(worker);
    }
  });

  it('sends nothing for a signal already aborted', async () => {
    const worker = echoWorker();
    try {
      expect(await outcome(request(worker, 1, { answer: 'late' }, AbortSignal.abort()))).to.equal('aborted');
    } finally {
      stopWorker(worker);
    }
  });
});
