import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { UploadError } from '../../src/core/errors.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import type { Transformation } from '../../src/core/prepare/prepare.js';
import type { Uploader } from '../../src/element/upload-controller.js';
import { DEFAULT_RESUME_DB_NAME } from '../../src/core/resume/resume-db.js';
import { KEEP_AFTER_MS, openResumeSession } from '../../src/core/resume/resume-session.js';
import { until } from '../support/until-dom.js';

// Resume after a closed tab, through the element: the first element keeps the file as it starts
// sending, a second one (the page reloaded) offers it. The store's own guarantees (encryption,
// expiry, failures) are test/core/resume-*.test.ts's.

const KEY_ENDPOINT = '/__test__/resume-key';
const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8])], 'passport.jpg', { type: 'image/jpeg' });

/** Reaches "uploading" under `documentId` with the file as prepared, then hangs, as a tab about to be killed. */
const hangsWhileSending =
  (documentId: string, transformations: Transformation[] = ['metadata-stripped']): Uploader =>
  (file, _settings, controls) =>
    new Promise((_resolve, reject) => {
      controls.onUpdate?.({ type: 'stage', stage: 'preparing' });
      controls.onUpdate?.({ type: 'prepared', prepared: { file, type: 'image/jpeg', transformations } });
      controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId });
      controls.signal?.addEventListener('abort', () => reject(new UploadError('aborted', 'cancelled')));
    });

const succeedsAs =
  (documentId: string): Uploader =>
  async (file, _settings, controls) => {
    controls.onUpdate?.({ type: 'prepared', prepared: { file, type: 'image/jpeg', transformations: [] } });
    controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId });
    return { documentId, file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
  };

const part = (el: KycUpload, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** What a page of this slot would be offered now, read straight from the store. */
const findKept = () => openResumeSession({ endpoint: KEY_ENDPOINT }, () => ({ documentType: 9 })).find();


async function page(uploader: Uploader, endpoint = KEY_ENDPOINT): Promise<KycUpload> {
  const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" document-type="9" resume-endpoint=${endpoint}></kyc-upload>`);
  el.uploader = uploader;
  return el;
}

/** Sends a photo through an element that hangs mid-upload, and waits until the element kept it. */
async function killedWhileSending(documentId: string): Promise<void> {
  const first = await page(hangsWhileSending(documentId));
  first.select(photo());
  await first.resumeSettled;
  expect(await findKept(), 'kept').to.exist;
  // Left hanging, as a killed tab's element would be: nothing of it runs any more.
}

/**
 * Runs `body` with the keep's timers (the page's `KEEP_AFTER_MS` timeouts) held: `fire(n)` waits
 * until `n` of them are set (the resume code loads on first use), then runs them, so a test says
 * when that time has passed instead of waiting for it. Other timers run as usual.
 */
async function withKeepTimerHeld(body: (fire: (count?: number) => Promise<void>) => Promise<void>): Promise<void> {
  const real = window.setTimeout;
  const held: (() => void)[] = [];
  let set = () => {};
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    if (delay !== KEEP_AFTER_MS || typeof handler !== 'function') return real(handler, delay, ...rest);
    held.push(() => (handler as () => void)());
    set();
    return 0;
  }) as typeof window.setTimeout;
  const fire = async (count = 1) => {
    while (held.length < count) await new Promise<void>((resolve) => (set = resolve));
    held.splice(0).forEach((run) => run());
  };
  try {
    await body(fire);
  } finally {
    window.setTimeout = real;
  }
}

/** The page as a phone's OS hides it (another app opened); shown again after `body`. */
async function whileHidden(body: () => Promise<void>): Promise<void> {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  try {
    document.dispatchEvent(new Event('visibilitychange'));
    await body();
  } finally {
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
}

/** How many requests for a resume key the page makes during `body`. */
async function keyRequestsDuring(body: () => Promise<void>): Promise<number> {
  const real = window.fetch;
  let count = 0;
  window.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith(KEY_ENDPOINT)) count += 1;
    return real(input, init);
  };
  try {
    await body();
  } finally {
    window.fetch = real;
  }
  return count;
}

describe('<kyc-upload> resume after a closed tab', () => {
  // Nothing left for the next test (the elements of a test are gone by then, and their connections).
  afterEach(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(DEFAULT_RESUME_DB_NAME);
        request.onsuccess = request.onblocked = resolve;
        request.onerror = () => reject(request.error);
      }),
  );

  it('offers the file again after a reload, sends it, and reports the first document as superseded', async () => {
    await killedWhileSending('doc-killed');
    const again = await page(succeedsAs('doc-resumed'));
    await until(again.shadowRoot!, () => part(again, 'resume-button'));
    expect(part(again, 'label')!.textContent).to.equal('Resume uploading passport.jpg?');
    const selected = oneEvent(again, 'kyc-upload-select');
    const succeeded = oneEvent(again, 'kyc-upload-success');
    part(again, 'resume-button')!.click();
    const { detail: chosen } = await selected;
    expect(new Uint8Array(await chosen.file.arrayBuffer())).to.deep.equal(new Uint8Array(await photo().arrayBuffer()));
    const { detail } = await succeeded;
    expect(detail.documentId).to.equal('doc-resumed');
    expect(detail.supersededDocumentIds).to.deep.equal(['doc-killed']);
    // What was done to it before the tab was killed was done to what is stored.
    expect(detail.transformations).to.deep.equal(['metadata-stripped']);
    // Sent: nothing is offered any more.
    await again.resumeSettled;
    const later = await page(succeedsAs('x'));
    expect(await findKept(), 'deleted from the store').to.equal(undefined);
    expect(part(later, 'resume-button')).to.equal(null);
  });

  it('reports the size of the file first chosen after a resume, not the size it was prepared to', async () => {
    const chosen = new File([new Uint8Array(4096).fill(7)], 'IMG_0412.jpg', { type: 'image/jpeg' });
    const smaller = new File([new Uint8Array(1000).fill(7)], 'IMG_0412.jpg', { type: 'image/jpeg' });
    const first = await page((_file, _settings, controls) =>
      new Promise(() => {
        controls.onUpdate?.({ type: 'prepared', prepared: { file: smaller, type: 'image/jpeg', transformations: ['compressed'] } });
        controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-killed' });
      }),
    );
    first.select(chosen);
    await first.resumeSettled;
    expect((await findKept())?.originalSize).to.equal(4096);
    // Resumed, its 1000 bytes chosen again, and killed again: the first size is what stays kept.
    const second = await page(hangsWhileSending('doc-second', []));
    (await until(second.shadowRoot!, () => part(second, 'resume-button'))).click();
    await oneEvent(second, 'kyc-upload-start');
    await second.resumeSettled;
    expect((await findKept())?.originalSize, 'not the 1000 bytes the resume chose').to.equal(4096);
    const again = await page(succeedsAs('doc-resumed'));
    const succeeded = oneEvent(again, 'kyc-upload-success');
    (await until(again.shadowRoot!, () => part(again, 'resume-button'))).click();
    const { detail } = await succeeded;
    expect(detail.file.size).to.equal(1000);
    expect(detail.originalSize).to.equal(4096);
  });

  it('keeps what the first preparation did, and every document, when a resumed file is killed again', async () => {
    await killedWhileSending('doc-first');
    // Prepared again, the kept file has nothing left to strip.
    const again = await page(hangsWhileSending('doc-second', []));
    (await until(again.shadowRoot!, () => part(again, 'resume-button'))).click();
    await oneEvent(again, 'kyc-upload-start');
    await again.resumeSettled;
    const kept = await findKept();
    expect(kept?.transformations).to.deep.equal(['metadata-stripped']);
    expect(kept?.documentIds).to.deep.equal(['doc-first', 'doc-second']);
  });

  it('deletes the kept file when the person starts over, and keeps nothing without resume-endpoint', async () => {
    await killedWhileSending('doc-declined');
    const again = await page(succeedsAs('x'));
    (await until(again.shadowRoot!, () => part(again, 'start-over-button'))).click();
    await again.resumeSettled;
    expect(await findKept()).to.equal(undefined);
    expect(part(again, 'choose-button'), 'back to choosing').to.exist;

    const plain = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" document-type="9"></kyc-upload>`);
    plain.uploader = hangsWhileSending('doc-plain');
    const started = oneEvent(plain, 'kyc-upload-start');
    plain.select(photo());
    await started;
    await plain.resumeSettled;
    expect(await findKept(), 'nothing kept').to.equal(undefined);
  });

  it('keeps nothing of an upload done before its keep time: no key asked for, nothing written', async () => {
    const keyRequests = await keyRequestsDuring(async () => {
      const el = await page(succeedsAs('doc-fast'));
      const succeeded = oneEvent(el, 'kyc-upload-success');
      el.select(photo());
      await succeeded;
      await el.resumeSettled;
    });
    expect(keyRequests).to.equal(0);
    expect(await findKept()).to.equal(undefined);
  });

  it('keeps the file once bytes have been leaving for its keep time, or at once when the page is hidden', async () => {
    await withKeepTimerHeld(async (fire) => {
      const el = await page(hangsWhileSending('doc-slow'));
      const started = oneEvent(el, 'kyc-upload-start');
      el.select(photo());
      await started;
      expect(await findKept(), 'not kept before its time').to.equal(undefined);
      await fire();
      await el.resumeSettled;
      expect((await findKept())?.documentIds).to.deep.equal(['doc-slow']);
    });
    await withKeepTimerHeld(async () => {
      const el = await page(hangsWhileSending('doc-hidden'));
      const started = oneEvent(el, 'kyc-upload-start');
      el.select(photo());
      await started;
      expect((await findKept())?.documentIds, 'the earlier file, until this one is kept').to.deep.equal(['doc-slow']);
      await whileHidden(() => el.resumeSettled);
      expect((await findKept())?.documentIds).to.deep.equal(['doc-hidden']);
    });
  });

  it('keeps every document of a file whose form was renewed before its keep time', async () => {
    await withKeepTimerHeld(async (fire) => {
      const el = await page((file, _settings, controls) =>
        new Promise(() => {
          controls.onUpdate?.({ type: 'prepared', prepared: { file, type: 'image/jpeg', transformations: [] } });
          controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-expired-form' });
          controls.onUpdate?.({ type: 'stage', stage: 'uploading', documentId: 'doc-renewed-form' });
        }),
      );
      // Written once: the expired form's keep, still waiting, was dropped for the renewed one's.
      const keyRequests = await keyRequestsDuring(async () => {
        el.select(photo());
        await fire(2);
        await el.resumeSettled;
      });
      expect(keyRequests).to.equal(1);
      expect((await findKept())?.documentIds).to.deep.equal(['doc-expired-form', 'doc-renewed-form']);
    });
  });

  it('writes nothing when the keep time passes after a success or a start-over', async () => {
    await withKeepTimerHeld(async (fire) => {
      const keyRequests = await keyRequestsDuring(async () => {
        const el = await page(succeedsAs('doc-done'));
        const succeeded = oneEvent(el, 'kyc-upload-success');
        el.select(photo());
        await succeeded;
        await fire();
        await el.resumeSettled;
      });
      expect(keyRequests, 'no key asked for').to.equal(0);
      expect(await findKept()).to.equal(undefined);
    });
    await withKeepTimerHeld(async (fire) => {
      const session = openResumeSession({ endpoint: KEY_ENDPOINT }, () => ({ documentType: 9 }));
      const prepared = { file: photo(), type: 'image/jpeg' as const, transformations: [] };
      const startedOver = session.sending(prepared, 'doc-started-over', 12);
      await session.forget();
      await fire();
      expect(await startedOver, 'a start-over settles the waiting keep unwritten').to.equal(false);
      const sent = session.sending(prepared, 'doc-sent', 12);
      session.succeeded({ documentId: 'doc-sent', file: { name: 'passport.jpg', type: 'image/jpeg', size: 12 }, originalSize: 12, transformations: [], supersededDocumentIds: [] });
      await fire();
      expect(await sent, 'so does a success').to.equal(false);
      expect(await findKept()).to.equal(undefined);
    });
  });

  it('settles a waiting keep unwritten when a renewed form replaces it', async () => {
    await withKeepTimerHeld(async (fire) => {
      const session = openResumeSession({ endpoint: KEY_ENDPOINT }, () => ({ documentType: 9 }));
      const prepared = { file: photo(), type: 'image/jpeg' as const, transformations: [] };
      const expired = session.sending(prepared, 'doc-expired-form', 12);
      const renewed = session.sending(prepared, 'doc-renewed-form', 12);
      expect(await expired).to.equal(false);
      await fire(2);
      expect(await renewed).to.equal(true);
    });
  });

  it('offers nothing, and says nothing, when the host gives no key (signed out)', async () => {
    const first = await page(hangsWhileSending('doc-nokey'), '/__test__/resume-key/refused');
    first.select(photo());
    await first.resumeSettled;
    expect(await findKept(), 'not kept').to.equal(undefined);
    expect(part(first, 'message'), 'no error shown').to.equal(null);
    expect(first.matches(':state(uploading)'), 'still sending').to.equal(true);
  });
});
