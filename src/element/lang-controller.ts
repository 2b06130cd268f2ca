import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadTranslationFor, resolveTranslation } from './translations/registry.js';
import type { Translation } from './translations/translation.js';

/**
 * The language an element speaks: its own `lang`, else the nearest `[lang]` around it (through
 * shadow roots: a widget inside another component's shadow DOM follows that component), else
 * `<html lang>`, else English. An empty `lang=""` means "unknown" in HTML and is passed over.
 */
export function languageOf(element: Element): string {
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    const lang = node instanceof Element ? node.getAttribute('lang') : null;
    if (lang) return lang;
  }
  return 'en';
}

/**
 * Keeps an element's translation in step with the page: a host that switches languages sets
 * `lang` on `<html>` or on a container, and every widget follows without being told.
 */
export class LangController implements ReactiveController {
  #observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get translation(): Translation {
    return resolveTranslation(languageOf(this.host));
  }

  /** Settles once the catalogue the element needs is loaded; undefined when it already is. */
  loading(): Promise<void> | undefined {
    return loadTranslationFor(languageOf(this.host));
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.host.requestUpdate());
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    // An element inside a shadow root is outside the document's subtree.
    this.#observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
