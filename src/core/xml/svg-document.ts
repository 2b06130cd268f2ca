import { decodeXml } from './decode-xml.js';
import { SVG_NS, XmlMalformedError, readXml } from './read-xml.js';

/**
 * Whether the bytes are an SVG document: UTF-8, well-formed XML from end to end, with an `svg`
 * root in the SVG namespace. Whether it is a safe one is svg-check's question, not this one.
 */
export function isSvgDocument(bytes: Uint8Array): boolean {
  const text = decodeXml(bytes);
  if (text === undefined) return false;
  let root: boolean | undefined;
  try {
    readXml(text, {
      open(element) {
        root ??= element.local === 'svg' && element.uri === SVG_NS;
      },
    });
  } catch (error) {
    if (error instanceof XmlMalformedError) return false;
    throw error;
  }
  return root === true;
}
