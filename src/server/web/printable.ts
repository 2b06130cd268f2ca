/** A name the user chose (a file name): control characters out, so it cannot forge a log line. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, '?');
}
