import pLimit from 'p-limit';

export interface PictureQueueOptions {
  /** Pictures drawn at once; the others wait. Each takes a core. */
  concurrency?: number;
  /** Pictures (and failures) remembered. */
  cacheEntries?: number;
}

/**
 * Where a host draws the pictures reviewers see (PDF pages, TIFFs as PNG): each is drawn once per
 * key (the verified bytes' hash and the page), a failure too, so a page built to spin the renderer
 * costs its timeout once; and never more than `concurrency` at a time, so reviews, or an applicant
 * reloading a preview, cannot take every core of the host.
 */
export function createPictureQueue(options: PictureQueueOptions = {}) {
  const { concurrency = 1, cacheEntries = 64 } = options;
  const limit = pLimit(concurrency);
  const cache = new Map<string, Promise<Uint8Array>>();
  return {
    /** Drawn already, or being drawn: a host may rate-limit the rest. */
    has: (key: string) => cache.has(key),
    draw(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
      let picture = cache.get(key);
      if (!picture) {
        picture = limit(make);
        cache.set(key, picture);
        while (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
      }
      return picture;
    },
  };
}
