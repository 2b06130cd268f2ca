import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { S3Refusal } from './post-policy.js';

export type PostFields = Array<[name: string, value: string]>;

export interface PostBodyLimits {
  /** The whole body; past it the body is only counted, to report its size. */
  maxBodyBytes: number;
  /** Names and values of the fields before the file (S3's MaxPostPreDataLengthBytes). */
  maxPreDataBytes: number;
  /** Raw bytes before the file part, multipart framing included. */
  maxPreDataRawBytes: number;
}

export interface PostBodyJudge {
  /**
   * The fields before the file, as soon as they are known: when the `file` part begins, or when the
   * body ends without one. Refuse, or say how many file bytes are worth keeping.
   */
  fields(fields: PostFields, hasFile: boolean): { refusal: S3Refusal } | { maxFileSize: number };
  /** The whole file's size, once the body has been read. */
  file(size: number): S3Refusal | undefined;
}

export type PostBodyOutcome = { refusal: S3Refusal } | { body: Buffer };

export const MALFORMED_POST: S3Refusal = {
  status: 400,
  code: 'MalformedPOSTRequest',
  message: 'The body of your POST request is not well-formed multipart/form-data.',
};

/**
 * Reads a POST Object body as it arrives, the way s3rver's POST handler will read it, so the check
 * and the store agree on which part is the file: the first part named `file` (a file part, or a
 * plain field when busboy sees no filename), everything after it ignored.
 *
 * The fields come first, so a form is judged when its `file` part begins: a refused form is answered
 * there, with at most its fields held in memory, and the rest of its body is drained unread. Only a
 * form whose policy holds has its bytes kept (for s3rver), and only up to the size its policy allows.
 * Past that, or past `maxBodyBytes`, the body is counted, not kept, to report its size as S3 does.
 */
export function readPostBody(
  req: IncomingMessage,
  headers: IncomingHttpHeaders,
  limits: PostBodyLimits,
  judge: PostBodyJudge,
): Promise<PostBodyOutcome> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let chunks: Buffer[] = [];
    let keeping = true;
    let parsing = true;
    let size = 0;
    const fields: PostFields = [];
    let preData = 0;
    let seenFile = false;
    let fileSize = 0;
    let maxFileSize = Infinity;
    const pending: Promise<void>[] = [];

    let parser: ReturnType<typeof busboy> | undefined;
    try {
      // Throws synchronously on a missing or malformed boundary.
      parser = busboy({ headers, limits: { fieldSize: 1024 * 1024, fields: 200, parts: 400 } });
    } catch {
      parsing = false;
    }

    const stopKeeping = () => {
      keeping = false;
      chunks = [];
    };
    const stopParsing = () => {
      if (!parsing || !parser) return;
      parsing = false;
      parser.removeAllListeners();
      parser.on('error', () => {});
      parser.destroy();
    };
    /** Answers now; the rest of the body is still drained (not kept) so the client reads the answer. */
    const refuseNow = (refusal: S3Refusal) => {
      if (settled) return;
      settled = true;
      stopParsing();
      stopKeeping();
      resolve({ refusal });
    };
    const preDataExceeded = () =>
      refuseNow({
        status: 400,
        code: 'MaxPostPreDataLengthExceeded',
        message: 'Your POST request fields preceding the upload file were too large.',
        detail: { MaxPostPreDataLengthBytes: limits.maxPreDataBytes },
      });
    const judgeFields = (hasFile: boolean) => {
      const verdict = judge.fields(fields, hasFile);
      if ('refusal' in verdict) return refuseNow(verdict.refusal);
      maxFileSize = verdict.maxFileSize;
      if (fileSize > maxFileSize) stopKeeping();
    };
    const countFile = (bytes: number) => {
      fileSize += bytes;
      if (fileSize > maxFileSize) stopKeeping();
    };

    if (parser) {
      // A part busboy drops would still reach s3rver (a second `key`, say): refuse instead of judging
      // a different form from the one that gets stored.
      const overLimit = () => refuseNow(MALFORMED_POST);
      parser.on('fieldsLimit', overLimit).on('partsLimit', overLimit).on('filesLimit', overLimit);
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated || info.nameTruncated) return overLimit();
        if (seenFile) return;
        if (name === 'file') {
          seenFile = true;
          countFile(Buffer.byteLength(value));
          void Promise.all(pending).then(() => !settled && judgeFields(true));
          return;
        }
        preData += Buffer.byteLength(name) + Buffer.byteLength(value);
        if (preData > limits.maxPreDataBytes) return preDataExceeded();
        fields.push([name, value]);
      });
      parser.on('file', (name, stream: Readable) => {
        stream.on('error', () => {});
        if (seenFile) {
          stream.resume();
          return;
        }
        if (name === 'file') {
          seenFile = true;
          stream.on('data', (chunk: Buffer) => countFile(chunk.length));
          // Fields sent as file parts are still being read: judge once they are all in.
          void Promise.all(pending).then(() => !settled && judgeFields(true));
          pending.push(new Promise((done) => stream.on('end', done).on('close', done)));
          return;
        }
        // A file part under another name still counts as a form field for the policy.
        const slot = fields.length;
        fields.push([name, '']);
        const parts: Buffer[] = [];
        preData += Buffer.byteLength(name);
        stream.on('data', (chunk: Buffer) => {
          preData += chunk.length;
          if (preData > limits.maxPreDataBytes) return preDataExceeded();
          parts.push(chunk);
        });
        pending.push(
          new Promise((done) =>
            stream.on('end', () => {
              fields[slot] = [name, Buffer.concat(parts).toString('utf8')];
              done();
            }),
          ),
        );
      });
      parser.on('error', () => refuseNow(MALFORMED_POST));
      parser.on('close', () => {
        // Closed by stopParsing(): the body is being drained or counted, not judged here.
        if (!parsing) return;
        void Promise.all(pending).then(() => {
          if (settled) return;
          if (!seenFile) return refuseNow(judgeOrMalformed(() => judge.fields(fields, false)));
          finish();
        });
      });
    } else {
      refuseNow(MALFORMED_POST);
    }

    /** Once the whole body is in: its size against the storage limit, then the file's against the policy. */
    const finish = () => {
      if (settled) return;
      settled = true;
      if (size > limits.maxBodyBytes) {
        return resolve({
          refusal: {
            status: 400,
            code: 'EntityTooLarge',
            message: 'Your proposed upload exceeds the maximum allowed size',
            detail: { ProposedSize: size, MaxSizeAllowed: limits.maxBodyBytes },
          },
        });
      }
      const refusal = judge.file(fileSize);
      if (refusal) return resolve({ refusal });
      resolve({ body: Buffer.concat(chunks) });
    };

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (settled) return; // drained: the answer is out or on its way
      if (size > limits.maxBodyBytes) {
        // Too large whatever the form says: count the rest to report its size, as before.
        stopParsing();
        stopKeeping();
        return;
      }
      if (keeping) chunks.push(chunk);
      if (!parsing || !parser) return;
      parser.write(chunk);
      if (!seenFile && size > limits.maxPreDataRawBytes) preDataExceeded();
    });
    req.on('end', () => {
      if (settled) return;
      if (parsing && parser) parser.end();
      else finish();
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      stopParsing();
      reject(error);
    });
    req.on('close', () => {
      if (settled || req.complete) return;
      settled = true;
      stopParsing();
      reject(new Error('request aborted'));
    });
  });
}

function judgeOrMalformed(verdict: () => ReturnType<PostBodyJudge['fields']>): S3Refusal {
  const result = verdict();
  return 'refusal' in result ? result.refusal : MALFORMED_POST;
}
