export interface PostedFile {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  name?: string;
}

export interface PostOptions {
  /** Put the file before the fields, which S3 then ignores. */
  fileFirst?: boolean;
  /** Parts appended after the file. */
  after?: ReadonlyArray<readonly [string, string]>;
  origin?: string;
}

export interface S3Answer {
  status: number;
  headers: Headers;
  body: string;
  /** Parsed `<Error>` children when the body is one. */
  error?: Record<string, string>;
}

/** A browser-style POST Object: fields in the given order, then `file`, as the element sends it. */
export async function postToS3(
  action: string,
  fields: Record<string, string> | ReadonlyArray<readonly [string, string]>,
  file: PostedFile | undefined,
  options: PostOptions = {},
): Promise<S3Answer> {
  const form = new FormData();
  const appendFile = () => {
    if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name ?? 'document');
  };
  if (options.fileFirst) appendFile();
  for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(name, value);
  if (!options.fileFirst) appendFile();
  for (const [name, value] of options.after ?? []) form.append(name, value);

  const response = await fetch(action, {
    method: 'POST',
    body: form,
    ...(options.origin ? { headers: { origin: options.origin } } : {}),
  });
  const body = await response.text();
  const error = parseS3Error(body);
  return { status: response.status, headers: response.headers, body, ...(error ? { error } : {}) };
}

export function parseS3Error(xml: string): Record<string, string> | undefined {
  const inner = /<Error>([\s\S]*)<\/Error>/.exec(xml)?.[1];
  if (inner === undefined) return undefined;
  const entries = [...inner.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)].map(([, name, value]) => [name!, unescape(value!)]);
  return Object.fromEntries(entries);
}

function unescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Deterministic bytes with a PNG signature, enough for storage round trips. */
export function sampleBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, size));
  return bytes;
}
