import type { IncomingHttpHeaders } from 'node:http';
import busboy from 'busboy';

export interface ParsedPostBody {
  /** Parts before the first `file` part, in order. */
  fields: Array<[name: string, value: string]>;
  file?: Buffer;
}

/**
 * Reads a buffered multipart body the way s3rver's POST handler will, so the check and the store
 * agree on which part is the file: the first part named `file` (a file part, or a plain field
 * when busboy sees no filename), everything after it ignored.
 */
export function parsePostBody(headers: IncomingHttpHeaders, body: Buffer): Promise<ParsedPostBody> {
  return new Promise((resolve, reject) => {
    const fields: ParsedPostBody['fields'] = [];
    let file: Buffer | undefined;
    let seenFile = false;
    const pending: Promise<void>[] = [];

    // Throws synchronously on a missing or malformed boundary.
    const parser = busboy({ headers, limits: { fieldSize: 1024 * 1024, fields: 200, parts: 400 } });
    // A part busboy drops would still reach s3rver (a second `key`, say): refuse instead of judging
    // a different form from the one that gets stored.
    const overLimit = () => reject(new Error('multipart limits exceeded'));
    parser.on('fieldsLimit', overLimit).on('partsLimit', overLimit).on('filesLimit', overLimit);
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) overLimit();
      if (seenFile) return;
      if (name === 'file') {
        seenFile = true;
        file = Buffer.from(value);
      } else {
        fields.push([name, value]);
      }
    });
    parser.on('file', (name, stream) => {
      if (seenFile) {
        stream.resume();
        return;
      }
      if (name === 'file') seenFile = true;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const slot = fields.length;
      if (name !== 'file') fields.push([name, '']);
      pending.push(
        new Promise((done) =>
          stream.on('end', () => {
            const data = Buffer.concat(chunks);
            // A file part under another name still counts as a form field for the policy.
            if (name === 'file') file = data;
            else fields[slot] = [name, data.toString('utf8')];
            done();
          }),
        ),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve(file ? { fields, file } : { fields }), reject);
    });
    parser.end(body);
  });
}
