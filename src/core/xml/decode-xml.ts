/**
 * The text of an XML file, or undefined when it is not UTF-8. One encoding only: a reader that
 * decodes bytes differently from the browser that renders them checks a different document
 * (under ISO-2022-JP, for one, plain ASCII bytes spell other characters). UTF-16 and every
 * legacy encoding are refused; a UTF-8 byte order mark is dropped, as browsers drop it.
 */
export function decodeXml(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
