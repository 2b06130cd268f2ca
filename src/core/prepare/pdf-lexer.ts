import { MAX_NAME_KEPT, decodePdfName } from './pdf-rules.js';

export type PdfTokenKind = 'name' | 'number' | 'keyword' | 'string' | 'dict-open' | 'dict-close' | 'array-open' | 'array-close' | 'end';

/**
 * PDF's lexical layer (ISO 32000 §7.2–7.3) over raw bytes, one forward pass: every byte is looked
 * at a bounded number of times, whatever the input, so a hostile file costs time in proportion to
 * its size. Strings and comments are skipped as a reader skips them, so a `/JS` inside a string is
 * not a name, and one outside a string is seen however it is spelled (`/J#53`).
 * Stream data is not this layer's business: the scanner moves `position` past it.
 *
 * A reader does not lex a file from its start: it jumps to the offsets of the cross-reference
 * table. One that points into the middle of a string or a comment makes the reader parse an
 * object there that a front-to-back lexer would skip, so `hiddenHeader` is asked about every
 * skipped span, and lexing resumes at an `N G obj` header found inside one.
 */
export class PdfLexer {
  kind: PdfTokenKind = 'end';
  /** Where the current token starts. */
  start = 0;
  /** A name's decoded text (empty when longer than any rule needs), or a keyword's text. */
  text = '';
  /** A number's value when it is a plain integer, otherwise NaN. */
  integer = Number.NaN;
  position: number;

  constructor(
    readonly bytes: Uint8Array,
    from = 0,
    readonly end = bytes.length,
    /** The start of an object header inside `[from, to)`, if any. */
    private readonly hiddenHeader: (from: number, to: number) => number | undefined = () => undefined,
  ) {
    this.position = from;
  }

  next(): PdfTokenKind {
    const bytes = this.bytes;
    let at = this.position;
    this.text = '';
    this.integer = Number.NaN;
    for (;;) {
      at = this.skipSpaceAndComments(at);
      this.start = at;
      if (at >= this.end) return this.finish('end', this.end);
      const byte = bytes[at]!;
      // Stray `)`, `{`, `}` and a lone `>` are not PDF; they are stepped over as a reader recovers.
      if (byte === CLOSE_PAREN || byte === OPEN_BRACE || byte === CLOSE_BRACE || (byte === GREATER && bytes[at + 1] !== GREATER)) {
        at += 1;
        continue;
      }
      switch (byte) {
        case SLASH: {
          const from = at + 1;
          at = this.regularEnd(from);
          this.text = at - from <= MAX_NAME_KEPT ? decodePdfName(latin1(bytes, from, at)) : '';
          return this.finish('name', at);
        }
        case OPEN_PAREN:
          return this.finish('string', this.unlessHidden(at, this.literalStringEnd(at + 1)));
        case LESS:
          if (bytes[at + 1] === LESS) return this.finish('dict-open', at + 2);
          return this.finish('string', this.unlessHidden(at, this.indexOrEnd(GREATER, at + 1) + 1));
        case GREATER:
          return this.finish('dict-close', at + 2);
        case OPEN_BRACKET:
          return this.finish('array-open', at + 1);
        case CLOSE_BRACKET:
          return this.finish('array-close', at + 1);
        default: {
          const from = at;
          at = this.regularEnd(from);
          const word = at - from <= MAX_WORD ? latin1(bytes, from, at) : '';
          if (/^[+-]?\d+$/.test(word)) {
            this.integer = Number(word);
            return this.finish('number', at);
          }
          if (/^[+-]?\d*\.\d*$/.test(word)) return this.finish('number', at);
          this.text = word;
          return this.finish('keyword', at);
        }
      }
    }
  }

  private regularEnd(from: number): number {
    const { bytes, end } = this;
    let at = from;
    while (at < end && BYTE_CLASS[bytes[at]!] === REGULAR) at += 1;
    return at;
  }

  private finish(kind: PdfTokenKind, after: number): PdfTokenKind {
    this.kind = kind;
    this.position = Math.min(after, this.end);
    return kind;
  }

  private skipSpaceAndComments(from: number): number {
    const { bytes, end } = this;
    let at = from;
    while (at < end) {
      const byte = bytes[at]!;
      if (BYTE_CLASS[byte] === SPACE) at += 1;
      else if (byte === PERCENT) {
        const comment = at;
        while (at < end && bytes[at] !== LF && bytes[at] !== CR) at += 1;
        at = this.unlessHidden(comment, at);
      } else break;
    }
    return at;
  }

  /** Where a skipped span `[from, to)` ends for the lexer: at a header hidden inside it, if any. */
  private unlessHidden(from: number, to: number): number {
    // The shortest header, `0 0 obj`, needs seven bytes.
    return to - from < 7 ? to : (this.hiddenHeader(from, to) ?? to);
  }

  /** After the `)` that balances the opening one; a backslash escapes the next byte (§7.3.4.2). */
  private literalStringEnd(from: number): number {
    const bytes = this.bytes;
    let depth = 1;
    let at = from;
    while (at < this.end) {
      const byte = bytes[at]!;
      if (byte === BACKSLASH) at += 2;
      else {
        at += 1;
        if (byte === OPEN_PAREN) depth += 1;
        else if (byte === CLOSE_PAREN && --depth === 0) return at;
      }
    }
    return this.end;
  }

  private indexOrEnd(byte: number, from: number): number {
    const found = this.bytes.indexOf(byte, from);
    return found === -1 || found >= this.end ? this.end : found;
  }
}

/** Keywords and numbers longer than this are no keyword or number a rule needs. */
const MAX_WORD = 32;

const SLASH = 0x2f;
const PERCENT = 0x25;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const LESS = 0x3c;
const GREATER = 0x3e;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

// Each byte's class (§7.2.3), looked up rather than compared: a scan's time is mostly spent here.
const REGULAR = 0;
const SPACE = 1;
const DELIMITER = 2;
const BYTE_CLASS = new Uint8Array(256);
for (const byte of [0x20, LF, CR, 0x09, 0x0c, 0x00]) BYTE_CLASS[byte] = SPACE;
for (const byte of [OPEN_PAREN, CLOSE_PAREN, LESS, GREATER, OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE, SLASH, PERCENT]) BYTE_CLASS[byte] = DELIMITER;

export function isSpace(byte: number): boolean {
  return BYTE_CLASS[byte] === SPACE;
}

/** One character per byte, so offsets and binary survive. Only for short runs (names and keywords are capped). */
export function latin1(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let at = from; at < to; at += 1) text += String.fromCharCode(bytes[at]!);
  return text;
}
