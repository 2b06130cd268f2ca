const adopted = new WeakMap<ShadowRoot, Set<string>>();

/**
 * Adds a plain-DOM part's styles to the element's shadow root as a constructed stylesheet, once:
 * as Lit does, since a page's Content-Security-Policy (no 'unsafe-inline' styles) blocks a <style>.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  const done = adopted.get(root) ?? new Set<string>();
  if (done.has(css)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  done.add(css);
  adopted.set(root, done);
}
