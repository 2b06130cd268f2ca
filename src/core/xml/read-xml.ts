import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * One strict XML reader for the browser and the server alike (the server has no DOMParser, and
 * a browser's DOMParser needs trusted HTML under Trusted Types): saxes, a non-validating XML 1.0
 * parser with namespaces that refuses what is not well-formed and expands no entity beyond the
 * five predefined ones and character references. This module is only ever imported dynamically,
 * so the parser is loaded for SVG files and storage error bodies, never with the page.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlName {
  /** As written, with its prefix. */
  name: string;
  local: string;
  /** The namespace, resolved; '' for none. */
  uri: string;
}
export interface XmlAttribute extends XmlName {
  /** Entities and character references already expanded. */
  value: string;
}
export interface XmlElement extends XmlName {
  /** In document order. */
  attributes: XmlAttribute[];
}

/** What the reader reports, in document order. A callback that throws stops the reading. */
export interface XmlVisitor {
  declaration?(version: string | undefined, encoding: string | undefined): void;
  doctype?(): void;
  processingInstruction?(target: string): void;
  comment?(text: string): void;
  open?(element: XmlElement): void;
  close?(element: XmlElement): void;
  text?(text: string, cdata: boolean): void;
}

/** The text is not well-formed XML (with namespaces). */
export class XmlMalformedError extends Error {
  override readonly name = 'XmlMalformedError';
}

export function readXml(text: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ xmlns: true });
  // Only what the visitor listens to: saxes skips the work behind events nobody asked for.
  const { declaration, doctype, processingInstruction, comment, open, close, text: onText } = visitor;
  if (declaration) parser.on('xmldecl', ({ version, encoding }) => declaration.call(visitor, version, encoding));
  if (doctype) parser.on('doctype', () => doctype.call(visitor));
  if (processingInstruction) parser.on('processinginstruction', ({ target }) => processingInstruction.call(visitor, target));
  if (comment) parser.on('comment', (body) => comment.call(visitor, body));
  if (onText) {
    parser.on('text', (chunk) => onText.call(visitor, chunk, false));
    parser.on('cdata', (chunk) => onText.call(visitor, chunk, true));
  }
  // The same object reaches open and close.
  const opened: XmlElement[] = [];
  if (open || close) {
    parser.on('opentag', (tag) => {
      const element = toElement(tag);
      if (close) opened.push(element);
      open?.call(visitor, element);
    });
  }
  if (close) parser.on('closetag', () => close.call(visitor, opened.pop()!));
  parser.on('error', (error) => {
    throw new XmlMalformedError(error.message);
  });
  parser.write(text).close();
}

function toElement(tag: SaxesTagNS): XmlElement {
  return {
    name: tag.name,
    local: tag.local,
    uri: tag.uri,
    attributes: Object.values(tag.attributes).map(({ name, local, uri, value }) => ({ name, local, uri, value })),
  };
}
