import { inflateBounded } from './inflate-bounded.js';
import { PdfLexer, isSpace } from './pdf-lexer.js';
import { type PdfFindings, emptyFindings, noteKind, scanPdfBytes } from './pdf-scan.js';

/**
 * How much inflated object-stream text one PDF may make us read. Object streams hold dictionaries
 * and arrays only (page contents and images live in ordinary streams), so even a large honest
 * document has a few megabytes of them; 20 MiB is a zip bomb, not a document.
 */
export const MAX_INFLATED_OBJECTS = 20 * 1024 * 1024;

/**
 * How many object streams one PDF may make us inflate. Writers pack 100 to 200 objects in each,
 * so a thousand is a document of 100,000 objects; a file of 50,000 tiny ones is an attack on the
 * page's time (each inflation costs a little), and those beyond are left to the server's parser.
 */
export const MAX_OBJECT_STREAMS = 1000;

export interface ObjectStreamOutcome {
  /** Object streams left unread (filters other than FlateDecode alone, or past MAX_OBJECT_STREAMS): the server's parser reads them. */
  unread: number;
  /** Inflating stopped at MAX_INFLATED_OBJECTS. */
  bomb: boolean;
}

/**
 * Since PDF 1.5 most objects (the catalog, pages, annotations, actions) can sit compressed in
 * object streams, where no byte of them shows in the file: a script action hidden there is only
 * seen once the stream is inflated. `DecompressionStream` (browsers and Node 20) does it; a
 * stream that is corrupt or cut short is read as far as it inflates, as viewers read it.
 */
export async function scanObjectStreams(bytes: Uint8Array, findings: PdfFindings): Promise<ObjectStreamOutcome> {
  let budget = MAX_INFLATED_OBJECTS;
  let unread = 0;
  for (const [index, stream] of findings.objectStreams.entries()) {
    if (index >= MAX_OBJECT_STREAMS) {
      unread += findings.objectStreams.length - index;
      break;
    }
    const data = bytes.subarray(stream.start, stream.end);
    if (stream.filter === 'none') mergeInto(findings, scanObjects(data, stream.first));
    else if (stream.filter === 'other') unread += 1;
    else {
      const inflated = await inflateBounded(data, budget);
      if (inflated === 'too-large') return { unread, bomb: true };
      if (!inflated) continue;
      budget -= inflated.length;
      mergeInto(findings, scanObjects(inflated, stream.first));
    }
  }
  return { unread, bomb: false };
}

/** The objects of one inflated stream: their names, and each object's kind from the offset table. */
function scanObjects(objects: Uint8Array, first: number | undefined): PdfFindings {
  const found = emptyFindings();
  scanPdfBytes(objects, found);
  if (first === undefined) return found;
  const header = new PdfLexer(objects, 0, Math.min(first, objects.length));
  for (;;) {
    if (header.next() !== 'number') break;
    const number = header.integer;
    if (header.next() !== 'number') break;
    const offset = header.integer;
    if (!Number.isSafeInteger(number) || !Number.isSafeInteger(offset)) continue;
    // Bounded: a million entries pointing at one flood of spaces must not read it a million times.
    let at = first + offset;
    for (const stop = at + 64; at < stop && at < objects.length && isSpace(objects[at]!); ) at += 1;
    const kind = objects[at] === 0x3c && objects[at + 1] === 0x3c ? 'dictionary' : objects[at] === 0x5b ? 'array' : 'other';
    noteKind(found.objectKinds, number, kind);
  }
  return found;
}

/** Only what objects can carry: a trailer, `/Encrypt` or a stream inside an object stream means nothing to a reader. */
function mergeInto(findings: PdfFindings, inner: PdfFindings): void {
  for (const reason of inner.unsafe) findings.unsafe.add(reason);
  for (const [number, kind] of inner.objectKinds) noteKind(findings.objectKinds, number, kind);
  findings.openActionTargets.push(...inner.openActionTargets);
  findings.hasPageTree ||= inner.hasPageTree;
  if (inner.pageCount !== undefined) findings.pageCount = Math.max(findings.pageCount ?? 0, inner.pageCount);
}
