import { svg } from 'lit';

// Decorative only: every icon sits next to text that says the same thing.
const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg class="icon" part="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${path}</svg>`;

export const documentIcon = icon(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/><path d="M12 17v-6m-3 3 3-3 3 3"/>`);
export const successIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="m8 12.5 2.7 2.7L16 9.8"/>`);
export const errorIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5m0 3.2v.3"/>`);
