/**
 * Stands in for the `debug` package in the script-tag bundle: file-type's ZIP reader logs through
 * it, which would cost 2 kB gzip and let a page's `localStorage.debug` print file internals.
 */
export default function createDebug(): (...args: unknown[]) => void {
  return () => {};
}
