// Resolution hooks for without.mjs (they run on the loader's own thread).
let missing = [];

export function initialize(data) {
  missing = data.missing;
}

export function resolve(specifier, context, nextResolve) {
  if (missing.some((name) => (name.endsWith('/') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`)))) {
    throw Object.assign(new Error(`Cannot find package '${specifier}' (not installed in this app)`), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return nextResolve(specifier, context);
}
