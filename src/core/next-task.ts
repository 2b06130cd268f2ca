interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Ends the current task: the page handles input and paints before the work that follows, which
 * would otherwise run in the same task as what came before it (a step's last piece, the view's
 * update for it and the next step's start add up to a long task on a slow phone).
 *
 * `scheduler.yield()` where there is one (Chromium, Firefox 142+): its continuation runs ahead of
 * other queued tasks. Elsewhere, a message to ourselves. Never a timer: a hidden page (the person
 * switched apps mid-upload) runs timers once a second at best, messages at once.
 *
 * It never rejects and always resolves within a task: a cancel is seen by the next step (one after
 * a form was issued must still name its document), and a scheduler that refuses (a yield inherits
 * the signal of a host's `scheduler.postTask()` that started the upload, which the host may abort)
 * or never answers (a broken polyfill) gives way to the message.
 */
export function nextTask(): Promise<void> {
  const message = messageToSelf();
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield !== 'function') return message;
  let yielded: Promise<void>;
  try {
    yielded = Promise.resolve(scheduler.yield()).then(
      () => undefined,
      () => message,
    );
  } catch {
    return message;
  }
  return Promise.race([yielded, message]);
}

function messageToSelf(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
