/**
 * JSON as PHP's `json_encode` writes it with its default flags, which is what Treezor signs:
 * `/` escaped as `\/`, and every character outside ASCII as `\uXXXX` (lower-case hex, astral
 * characters as their UTF-16 surrogate pair, as PHP does). Everything else is `JSON.stringify`'s
 * (same key order, same escapes for quotes, backslashes and control characters).
 */
export function phpJsonEncode(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('This value has no JSON form.');
  // JSON.stringify already escapes lone surrogates; what remains above 0x7E is real text, one
  // UTF-16 unit at a time, which is exactly PHP's \u escape of it. DEL (0x7F) stays, as in PHP.
  return json.replace(/\//g, '\\/').replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
