import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RenderPdfPageOptions {
  /** 1-based. */
  page: number;
  /** Longest side of the picture, in pixels. */
  size?: number;
  /** The renderer is killed after this long: a PDF built to make it spin costs this much, no more. */
  timeoutMs?: number;
}

/** The page could not be drawn (a malformed page, a page built to spin the renderer). */
export class PageRenderError extends Error {
  override readonly name = 'PageRenderError';
}

/**
 * One page of a verified PDF as a PNG, drawn on the server by Poppler's `pdftoppm` (Debian's
 * poppler-utils). Reviewers see pictures, never the PDF in a frame on the host's origin: a PDF
 * viewer is a large attack surface, and Chromium does not show PDFs in sandboxed frames anyway.
 * No shell: the file goes through a private temporary folder.
 */
export async function renderPdfPage(pdf: Uint8Array, options: RenderPdfPageOptions): Promise<Uint8Array> {
  const { page, size = 1600, timeoutMs = 8_000 } = options;
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError('page must be a positive integer');
  const folder = await mkdtemp(join(tmpdir(), 'kyc-pdf-page-'));
  try {
    const input = join(folder, 'document.pdf');
    await writeFile(input, pdf, { mode: 0o600 });
    const output = join(folder, 'page');
    await run('pdftoppm', ['-png', '-f', String(page), '-l', String(page), '-scale-to', String(size), '-singlefile', input, output], timeoutMs);
    return new Uint8Array(await readFile(`${output}.png`));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new PageRenderError(`${command} failed: ${String(stderr).trim().slice(0, 200) || error.message}`));
      else resolve();
    });
  });
}
