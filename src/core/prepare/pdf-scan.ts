import { PdfLexer, type PdfTokenKind, isSpace } from './pdf-lexer.js';
import { type UnsafePdfReason, unsafeReasonOfName } from './pdf-rules.js';

/** What one pass over a PDF's bytes (or an object stream's inflated objects) found. */
export interface PdfFindings {
  unsafe: Set<UnsafePdfReason>;
  /** An `/Encrypt` entry naming a dictionary, however the name was escaped. */
  encrypted: boolean;
  /** A `trailer` dictionary or a cross-reference stream: what a reader starts from. */
  hasTrailer: boolean;
  /** Any `/Type /Pages` dictionary; the largest `/Count` among them is the page count. */
  hasPageTree: boolean;
  pageCount?: number;
  /** Each object's first token, by object number: whether a reference leads to an action. */
  objectKinds: Map<number, ObjectKind>;
  /** Object numbers an `/OpenAction` refers to: a dictionary is an action, an array only a destination. */
  openActionTargets: number[];
  objectStreams: ObjectStreamRef[];
}

export type ObjectKind = 'dictionary' | 'array' | 'other';

/** An object stream's compressed data, left for pdf-object-streams.ts to inflate. */
export interface ObjectStreamRef {
  start: number;
  end: number;
  /**
   * FlateDecode alone (what every writer uses, and what a browser can undo), none, or anything
   * else (a chain, LZW, a predictor…), which is left to the server's parser.
   */
  filter: 'flate' | 'none' | 'other';
  /** Where the first object starts, after the header of number/offset pairs. */
  first?: number;
}

export const emptyFindings = (): PdfFindings => ({
  unsafe: new Set(),
  encrypted: false,
  hasTrailer: false,
  hasPageTree: false,
  objectKinds: new Map(),
  openActionTargets: [],
  objectStreams: [],
});

/**
 * Kinds are kept by object number alone (small integers keep a large map fast). Where an update
 * reused a number under another generation, a dictionary wins: the check errs towards an action.
 */
export function noteKind(kinds: Map<number, ObjectKind>, number: number, kind: ObjectKind): void {
  if (Number.isSafeInteger(number) && kinds.get(number) !== 'dictionary') kinds.set(number, kind);
}

interface Token {
  kind: PdfTokenKind;
  text: string;
  integer: number;
}

interface Frame {
  type?: string;
  count?: number;
  length?: number;
  filters: string[];
  inFilterArray: boolean;
  first?: number;
  /** `/DecodeParms` with a `/Predictor` other than 1: bytes to undo after inflating. */
  predictor?: boolean;
}

/** Dictionaries nest no deeper than a few levels in real files; deeper ones are counted, not tracked. */
const TRACKED_DEPTH = 64;
const NONE: Token = { kind: 'end', text: '', integer: Number.NaN };

/**
 * One forward pass over the tokens, remembering only the last three (enough for `N G obj`,
 * `N G R` and `/Key value`) and the open dictionaries. Stream data is stepped over (binary data
 * would otherwise look like names now and then), except that an object header hidden inside it
 * (or inside a string or a comment) is parsed: a reader that follows the cross-reference table
 * can land there.
 */
export function scanPdfBytes(bytes: Uint8Array, findings: PdfFindings): void {
  const endstream = new Occurrences(bytes, 'endstream');
  const objKeyword = new Occurrences(bytes, 'obj', (at) => headerStartBefore(bytes, at, 0) !== undefined);
  const lexer = new PdfLexer(bytes, 0, bytes.length, (from, to) => hiddenObjectHeader(bytes, from, to, objKeyword));
  const frames: Frame[] = [];
  let untrackedDepth = 0;
  let lastClosed: Frame | undefined;
  let objectAwaitingKind: number | undefined;
  let prev1 = NONE;
  let prev2 = NONE;
  let prev3 = NONE;

  // Four tokens recycled in turn (the current one and the three before it): a 5 MB file is a
  // million tokens, and allocating none keeps the pass at the speed of the lexer.
  const ring: Token[] = [0, 1, 2, 3].map(() => ({ ...NONE }));
  let turn = 0;
  for (let kind = lexer.next(); kind !== 'end'; kind = lexer.next()) {
    const token = ring[turn++ & 3]!;
    token.kind = kind;
    token.text = lexer.text;
    token.integer = lexer.integer;
    const top = untrackedDepth === 0 ? frames[frames.length - 1] : undefined;

    if (objectAwaitingKind !== undefined) {
      noteKind(findings.objectKinds, objectAwaitingKind, kind === 'dict-open' ? 'dictionary' : kind === 'array-open' ? 'array' : 'other');
      objectAwaitingKind = undefined;
    }
    if (kind === 'name') {
      const reason = unsafeReasonOfName(token.text);
      if (reason) findings.unsafe.add(reason);
    }
    const key = prev1.kind === 'name' ? prev1.text : undefined;
    // `/AA << >>` and `/AA null` trigger nothing; any other value holds triggered actions.
    if (key === 'AA' && kind !== 'dict-open' && !(kind === 'keyword' && token.text === 'null')) findings.unsafe.add('additional-actions');
    if (prev2.kind === 'name' && prev2.text === 'AA' && prev1.kind === 'dict-open' && kind !== 'dict-close') findings.unsafe.add('additional-actions');
    if (key === 'OpenAction' && kind === 'dict-open') findings.unsafe.add('open-action');
    if (key === 'Encrypt' && kind === 'dict-open') findings.encrypted = true;
    if (kind === 'keyword' && token.text === 'R' && prev1.kind === 'number' && prev2.kind === 'number' && prev3.kind === 'name') {
      const target = prev2.integer;
      if (prev3.text === 'OpenAction') findings.openActionTargets.push(target);
      if (prev3.text === 'Encrypt') findings.encrypted = true;
      if (prev3.text === 'Length' && top) top.length = undefined;
    }
    if (top) readEntry(top, key, token);

    switch (kind) {
      case 'dict-open':
        if (prev1.kind === 'keyword' && prev1.text === 'trailer') findings.hasTrailer = true;
        if (frames.length < TRACKED_DEPTH && untrackedDepth === 0) frames.push({ filters: [], inFilterArray: false });
        else untrackedDepth += 1;
        break;
      case 'dict-close':
        if (untrackedDepth > 0) {
          untrackedDepth -= 1;
          lastClosed = undefined;
        } else if ((lastClosed = frames.pop())) {
          closeFrame(lastClosed, findings);
          // `/DecodeParms << /Predictor 12 >>` belongs to the stream whose dictionary holds it.
          const parent = frames[frames.length - 1];
          if (lastClosed.predictor && parent) parent.predictor = true;
        }
        break;
      case 'array-close':
        if (top) top.inFilterArray = false;
        break;
      case 'keyword':
        if (token.text === 'obj' && prev1.kind === 'number' && prev2.kind === 'number') {
          objectAwaitingKind = prev2.integer;
        } else if (token.text === 'stream' && prev1.kind === 'dict-close') {
          lexer.position = skipStreamData(bytes, lexer.position, lastClosed, findings, endstream, objKeyword);
          token.kind = 'end'; // nothing before the data pairs with what follows it
        }
        break;
    }
    prev3 = prev2;
    prev2 = prev1;
    prev1 = token;
  }
}

/** The entries the rules need, read as `/Key value` pairs of the innermost open dictionary. */
function readEntry(frame: Frame, key: string | undefined, token: Token): void {
  if (token.kind === 'name' && frame.inFilterArray) frame.filters.push(token.text);
  if (key === undefined) return;
  if (key === 'Type' && token.kind === 'name') frame.type = token.text;
  else if (key === 'Count' && Number.isSafeInteger(token.integer)) frame.count = token.integer;
  else if (key === 'Length' && Number.isSafeInteger(token.integer)) frame.length = token.integer;
  else if (key === 'First' && Number.isSafeInteger(token.integer)) frame.first = token.integer;
  else if (key === 'Filter' && token.kind === 'name') frame.filters.push(token.text);
  else if (key === 'Filter' && token.kind === 'array-open') frame.inFilterArray = true;
  else if (key === 'Predictor' && token.integer !== 1) frame.predictor = true;
}

function closeFrame(frame: Frame, findings: PdfFindings): void {
  if (frame.type === 'XRef') findings.hasTrailer = true;
  if (frame.type === 'Pages') {
    findings.hasPageTree = true;
    if (frame.count !== undefined && frame.count >= 0) findings.pageCount = Math.max(findings.pageCount ?? 0, frame.count);
  }
}

/**
 * Where lexing resumes after a stream's data: after `endstream`, found where `/Length` says when it
 * says so truthfully, otherwise as the next `endstream`, the way readers recover.
 */
function skipStreamData(
  bytes: Uint8Array, afterKeyword: number, dictionary: Frame | undefined, findings: PdfFindings,
  endstream: Occurrences, objKeyword: Occurrences,
): number {
  let start = afterKeyword;
  if (bytes[start] === 0x0d) start += 1;
  if (bytes[start] === 0x0a) start += 1;
  let end: number;
  const length = dictionary?.length;
  if (length !== undefined && start + length <= bytes.length && endstream.isAt(skipSpaces(bytes, start + length))) end = start + length;
  else {
    const found = endstream.next(start);
    end = found === -1 ? bytes.length : found;
  }
  if (dictionary?.type === 'ObjStm') {
    const { filters, first } = dictionary;
    const filter = filters.length === 0 ? 'none' : filters.length === 1 && filters[0] === 'FlateDecode' && !dictionary.predictor ? 'flate' : 'other';
    findings.objectStreams.push({ start, end, filter, ...(first !== undefined ? { first } : {}) });
  }
  const hidden = hiddenObjectHeader(bytes, start, end, objKeyword);
  if (hidden !== undefined) return hidden;
  const keyword = endstream.next(end);
  return keyword === -1 ? bytes.length : keyword + 'endstream'.length;
}

/** The start of an `N G obj` header inside `[from, to)`, if there is one. */
function hiddenObjectHeader(bytes: Uint8Array, from: number, to: number, objKeyword: Occurrences): number | undefined {
  for (let at = objKeyword.next(from); at !== -1 && at < to; at = objKeyword.next(at + 1)) {
    const start = headerStartBefore(bytes, at, from);
    if (start !== undefined) return start;
  }
  return undefined;
}

/** Reads `digits spaces digits spaces` backwards from `obj` (a few bytes at most). */
function headerStartBefore(bytes: Uint8Array, obj: number, limit: number): number | undefined {
  const after = bytes[obj + 3];
  if (after !== undefined && !isSpace(after) && !'<[/(%'.includes(String.fromCharCode(after))) return undefined;
  let at = obj - 1;
  for (const part of ['space', 'digits', 'space', 'digits'] as const) {
    const from = at;
    while (at >= limit && from - at < 12 && (part === 'space' ? isSpace(bytes[at]!) : isDigit(bytes[at]!))) at -= 1;
    if (at === from) return undefined;
  }
  return at + 1;
}

const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** Past the end of line before `endstream` (bounded: a `/Length` pointing into a flood of spaces costs nothing). */
function skipSpaces(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length && at - from < 4 && isSpace(bytes[at]!)) at += 1;
  return at;
}

/**
 * Every occurrence of a keyword, found in one pass the first time it is needed, then looked up by
 * bisection: however streams and hidden headers interleave, no byte is searched twice.
 */
class Occurrences {
  private list: number[] | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly keyword: string,
    /** Keeps only the occurrences worth remembering. */
    private readonly keep: (at: number) => boolean = () => true,
  ) {}

  /** The first occurrence at or after `from`, or -1. */
  next(from: number): number {
    const list = (this.list ??= this.findAll());
    let [low, high] = [0, list.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle]! < from) low = middle + 1;
      else high = middle;
    }
    return low < list.length ? list[low]! : -1;
  }

  isAt(position: number): boolean {
    for (let i = 0; i < this.keyword.length; i += 1) if (this.bytes[position + i] !== this.keyword.charCodeAt(i)) return false;
    return true;
  }

  private findAll(): number[] {
    const found: number[] = [];
    const first = this.keyword.charCodeAt(0);
    for (let at = this.bytes.indexOf(first); at !== -1; at = this.bytes.indexOf(first, at + 1)) {
      if (this.isAt(at) && this.keep(at)) found.push(at);
    }
    return found;
  }
}
