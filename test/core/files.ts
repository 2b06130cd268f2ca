/** Test files from the committed fixtures, renamed and re-typed as a user's disk might have them. */
export async function fixtureFile(fixture: string, name = fixture, type = guessType(name)): Promise<File> {
  const response = await fetch(`/test/fixtures/${fixture}`);
  if (!response.ok) throw new Error(`fixture ${fixture}: ${response.status}`);
  return new File([await response.blob()], name, { type });
}

/** What a browser's picker would say from the extension alone. */
export function guessType(name: string): string {
  const extension = name.split('.').pop()!.toLowerCase();
  const byExtension: Record<string, string> = {
    pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', tif: 'image/tiff', tiff: 'image/tiff',
    svg: 'image/svg+xml', html: 'text/html', txt: 'text/plain',
  };
  return byExtension[extension] ?? '';
}

/** A real PDF padded (after %%EOF, where readers ignore bytes) to exactly `size` bytes. */
export async function pdfOfSize(size: number): Promise<File> {
  const pdf = await (await fixtureFile('id-card.pdf')).arrayBuffer();
  const padded = new Uint8Array(size);
  padded.set(new Uint8Array(pdf));
  padded.fill(0x20, pdf.byteLength);
  return new File([padded], 'scan.pdf', { type: 'application/pdf' });
}

/** Counts the reads of `file` from here on: each `slice` is a round trip to the browser's blob store. */
export function countReads(file: Blob): () => number {
  let reads = 0;
  const slice = file.slice.bind(file);
  file.slice = (...args) => {
    reads += 1;
    return slice(...args);
  };
  return () => reads;
}
