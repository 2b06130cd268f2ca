import { XmlMalformedError, readXml } from './read-xml.js';

/** S3 explains a refusal in a few hundred bytes; anything much longer is not its error document. */
export const MAX_S3_ERROR_BODY = 16 * 1024;

/**
 * `Code` and `Message` from S3's `<Error><Code>…</Code><Message>…</Message></Error>`; nothing
 * from a body that is not that document (an HTML page from a proxy, a truncated answer).
 */
export function readS3ErrorBody(body: string): { code?: string; message?: string } {
  if (body.length > MAX_S3_ERROR_BODY) return {};
  const found: { code?: string; message?: string } = {};
  const path: string[] = [];
  let text = '';
  try {
    readXml(body, {
      open(element) {
        path.push(element.local);
        text = '';
      },
      text(chunk) {
        text += chunk;
      },
      close() {
        const [root, field, deeper] = path;
        if (root === 'Error' && deeper === undefined) {
          if (field === 'Code') found.code = text.trim();
          if (field === 'Message') found.message = text.trim();
        }
        path.pop();
      },
    });
  } catch (error) {
    if (error instanceof XmlMalformedError) return {};
    throw error;
  }
  return found;
}
