import { css } from 'lit';
import { buttons, tokens, visuallyHidden } from './shared.styles.js';

const uploadStyles = css`
  :host([hidden]) {
    display: none;
  }

  .base {
    box-sizing: border-box;
    display: grid;
    gap: var(--_gap);
    justify-items: center;
    text-align: center;
    min-block-size: 11rem;
    align-content: center;
    padding: 1.25rem;
    border: 2px dashed var(--_state-color, var(--_border));
    border-radius: var(--_radius);
    background: var(--_background);
    transition: border-color 120ms, background-color 120ms;
  }
  .base.dragging {
    border-color: var(--_accent);
    border-style: solid;
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  /* The state's colour, of the border and the icons; none while idle or busy (their fallbacks). */
  .succeeded {
    --_state-color: var(--_success);
  }
  .failed {
    --_state-color: var(--_danger);
  }
  .succeeded,
  .failed {
    border-style: solid;
  }

  .icon {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    color: var(--_state-color, var(--_accent));
  }

  .thumbnail {
    display: block;
    max-inline-size: min(100%, 14rem);
    max-block-size: 9rem;
    object-fit: contain;
    border-radius: calc(var(--_radius) / 2);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }
  .label .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    vertical-align: -0.25em;
  }

  .label,
  .title {
    margin: 0;
    font-weight: 600;
  }
  .hint,
  .file {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .message {
    margin: 0;
    color: var(--_danger);
    max-inline-size: 40ch;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: center;
  }
  .progress {
    inline-size: min(100%, 22rem);
    block-size: 0.5rem;
    accent-color: var(--_accent);
  }

  @media (forced-colors: active) {
    /* SVG icons keep their author colour there unless told, in every state. */
    .base {
      --_state-color: CanvasText;
    }
    .base.dragging {
      border-color: Highlight;
    }
    .icon {
      color: CanvasText;
    }
  }
`;

export const styles = [tokens, buttons, visuallyHidden, uploadStyles];
