import { expect } from '@open-wc/testing';
import { nextTask } from '../../src/core/next-task.js';
import { type UploadUpdate, uploadDocument } from '../../src/core/pipeline.js';
import { fixtureFile } from './files.js';
import { treezorAnswer } from './forms.js';

/**
 * A chain of microtasks that runs to its end within the task it started in, long after any
 * `await` chain of ours would have moved on: whether it has ended tells whether a task ended.
 */
function microtaskChain(links = 10_000): { ended: () => boolean } {
  let ended = false;
  let chain = Promise.resolve();
  for (let link = 0; link < links; link++) chain = chain.then(() => {});
  void chain.then(() => (ended = true));
  return { ended: () => ended };
}

/** Runs `body` with `globalThis.scheduler` set to `scheduler`, then puts the browser's back. */
async function withScheduler(scheduler: unknown, body: () => Promise<void>): Promise<void> {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'scheduler');
  Object.defineProperty(globalThis, 'scheduler', { value: scheduler, configurable: true, writable: true });
  try {
    await body();
  } finally {
    if (own) Object.defineProperty(globalThis, 'scheduler', own);
    else delete (globalThis as { scheduler?: unknown }).scheduler;
  }
}

describe('nextTask', () => {
  it('resolves in a later task, once every microtask queued before it has run', async () => {
    const chain = microtaskChain();
    await nextTask();
    expect(chain.ended()).to.equal(true);
  });

  it('resolves without a scheduler too (WebKit), by a message rather than a timer', async () => {
    const realSetTimeout = window.setTimeout;
    let timers = 0;
    window.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      timers += 1;
      return realSetTimeout(...args);
    }) as typeof setTimeout;
    try {
      await withScheduler(undefined, async () => {
        const chain = microtaskChain();
        await nextTask();
        expect(chain.ended()).to.equal(true);
      });
      expect(timers).to.equal(0);
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });

  const misbehaving = {
    'refuses the yield (a host aborted the task that started the upload)': () => Promise.reject(new DOMException('The host aborted its task.', 'AbortError')),
    'never answers (a broken polyfill)': () => new Promise<void>(() => {}),
    'throws (a broken polyfill)': () => {
      throw new TypeError('scheduler.yield is broken');
    },
  };
  for (const [behaviour, yieldToPage] of Object.entries(misbehaving)) {
    it(`ends the task, never failing, when the scheduler ${behaviour}`, async () => {
      await withScheduler({ yield: yieldToPage }, async () => {
        const chain = microtaskChain();
        await nextTask();
        expect(chain.ended()).to.equal(true);
      });
    });
  }
});

type Failure = { code?: string; documentId?: string } | undefined;

/**
 * Uploads the PDF fixture with its presign request answered by `answer` (given the upload's
 * controller, to cancel it) and every other request left alone; resolves with how it failed.
 */
async function failedUpload(answer: (controller: AbortController) => Promise<Response>, onUpdate: (update: UploadUpdate) => void): Promise<Failure> {
  const file = await fixtureFile('id-card.pdf');
  const controller = new AbortController();
  const realFetch = window.fetch;
  window.fetch = (input, init) => (String(input).endsWith('/presign-endpoint') ? answer(controller) : realFetch(input, init));
  try {
    const upload = uploadDocument(file, { endpoint: '/presign-endpoint', documentType: 9 }, { signal: controller.signal, onUpdate });
    return await upload.then(() => undefined, (error: unknown) => error as Failure);
  } finally {
    window.fetch = realFetch;
  }
}

describe('uploadDocument, task by task', () => {
  it('renders the prepared file in a task of its own: the presign request starts in a later one', async () => {
    let chain: { ended: () => boolean } | undefined;
    let presignAfterPreview: boolean | undefined;
    const failure = await failedUpload(
      (controller) => {
        presignAfterPreview = chain?.ended();
        controller.abort();
        return Promise.reject(new DOMException('aborted', 'AbortError'));
      },
      (update) => {
        if (update.type === 'prepared') chain = microtaskChain();
      },
    );
    expect(failure?.code).to.equal('aborted');
    expect(presignAfterPreview).to.equal(true);
  });

  it('renders the start of the upload in a task of its own: the POST is sent in a later one', async () => {
    let chain: { ended: () => boolean } | undefined;
    let postAfterRender: boolean | undefined;
    let upload: AbortController | undefined;
    const realSend = XMLHttpRequest.prototype.send;
    // Nothing leaves: the request ends as a cancelled one does.
    XMLHttpRequest.prototype.send = function send(this: XMLHttpRequest) {
      postAfterRender = chain?.ended();
      upload?.abort();
      this.dispatchEvent(new ProgressEvent('abort'));
    };
    try {
      const failure = await failedUpload(
        (controller) => {
          upload = controller;
          return Promise.resolve(Response.json(treezorAnswer()));
        },
        (update) => {
          if (update.type === 'stage' && update.stage === 'uploading') chain = microtaskChain();
        },
      );
      expect(failure?.code).to.equal('aborted');
      // Cancelled after the form was issued: the failure names the document to clean up.
      expect(failure?.documentId).to.equal(treezorAnswer().documentId);
    } finally {
      XMLHttpRequest.prototype.send = realSend;
    }
    expect(postAfterRender).to.equal(true);
  });

  it('announces no start for an upload cancelled while its form came, and names the document of that form', async () => {
    const stages: string[] = [];
    // The person cancels as the answer arrives: the request is not aborted, the form exists.
    const failure = await failedUpload(
      (controller) => {
        controller.abort();
        return Promise.resolve(Response.json(treezorAnswer()));
      },
      (update) => {
        if (update.type === 'stage') stages.push(update.stage);
      },
    );
    expect(failure?.code).to.equal('aborted');
    expect(failure?.documentId).to.equal(treezorAnswer().documentId);
    expect(stages).to.deep.equal(['inspecting', 'preparing', 'requesting-form']);
  });
});
