import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * qpdf (Debian's `qpdf` package) is the server's PDF parser. Chosen over pdf-lib and pdf.js:
 * it is a full, strict PDF implementation in C++ maintained for 15+ years and fuzzed by OSS-Fuzz;
 * it reads every object, including those in compressed object streams and broken files it can
 * repair, and `--json` prints them with names normalised (`/J#53` is `/JS`); it decides encryption
 * (`--is-encrypted`) and damage (`--check`) itself. It runs in its own process, so a hostile file
 * that makes it spin or eat memory is killed at a deadline without touching the server. pdf-lib
 * does not read object streams from every writer and never was a validating parser; pdf.js 5.x
 * runs on Node 20 but is a renderer with a lenient, recovering parser, in the server's own process.
 */
export interface QpdfRun {
  /** 0: fine, 2: errors, 3: warnings only (qpdf's exit codes). */
  status: number;
  stdout: string;
}

export interface QpdfOptions {
  signal?: AbortSignal;
  /** Each run's deadline. */
  timeoutMs?: number;
  /** Output beyond this ends the run: JSON for a file of a million objects is an attack, not a document. */
  maxOutputBytes?: number;
}

export class QpdfLimitError extends Error {
  override readonly name = 'QpdfLimitError';
}

/** Runs qpdf on the bytes written to a private temporary file (qpdf needs to seek); no shell is involved. */
export async function withPdfFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'kyc-pdf-'));
  try {
    const path = join(directory, 'document.pdf');
    await writeFile(path, bytes, { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export function runQpdf(args: readonly string[], options: QpdfOptions = {}): Promise<QpdfRun> {
  const { signal, timeoutMs = 10_000, maxOutputBytes = 64 * 1024 * 1024 } = options;
  return new Promise((resolve, reject) => {
    execFile(
      'qpdf',
      [...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: maxOutputBytes, encoding: 'utf8', windowsHide: true, ...(signal ? { signal } : {}) },
      (error, stdout) => {
        if (!error) return resolve({ status: 0, stdout });
        if (signal?.aborted) return reject(signal.reason);
        const failure = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new QpdfLimitError('qpdf printed more than the output limit'));
        if (failure.killed) return reject(new QpdfLimitError(`qpdf ran past ${timeoutMs} ms`));
        if (typeof failure.code === 'number') return resolve({ status: failure.code, stdout });
        reject(error); // qpdf missing (ENOENT) or not runnable: the server cannot verify PDFs, say so loudly
      },
    );
  });
}
