/**
 * Resolves when `check` holds after a change under `root` (nodes, attributes, text): a wait on
 * the DOM itself, never on a clock.
 */
export function until<T>(root: Node, check: () => T | null | undefined | false): Promise<T> {
  return new Promise((resolve) => {
    const now = check();
    if (now) return resolve(now);
    const observer = new MutationObserver(() => {
      const value = check();
      if (!value) return;
      observer.disconnect();
      resolve(value);
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
