import type { PreparedFile } from '../core/prepare/prepare.js';

// Types every browser can show in an <img>; a TIFF gets an icon instead.
const SHOWABLE = new Set(['image/jpeg', 'image/png', 'image/svg+xml']);

/**
 * One object URL for the file being previewed, revoked as soon as another file replaces it or the
 * element leaves the page, so a session of retries does not keep every attempt's bytes alive.
 */
export class PreviewUrl {
  #file?: Blob;
  #url?: string;

  /** The URL to show `prepared` with, or undefined when it is not an image a browser can show. */
  for(prepared: PreparedFile | undefined): string | undefined {
    const file = prepared && SHOWABLE.has(prepared.type) ? prepared.file : undefined;
    if (file !== this.#file) {
      this.revoke();
      this.#file = file;
      this.#url = file ? URL.createObjectURL(file) : undefined;
    }
    return this.#url;
  }

  revoke(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#file = this.#url = undefined;
  }
}
