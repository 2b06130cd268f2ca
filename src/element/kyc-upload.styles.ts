import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--kyc-upload-color, CanvasText);
    --_accent: var(--kyc-upload-accent, #1d4ed8);
    --_accent-text: var(--kyc-upload-accent-text, #ffffff);
    --_border: var(--kyc-upload-border-color, #8a94a6);
    --_background: var(--kyc-upload-background, transparent);
    --_muted: var(--kyc-upload-muted-color, #4b5563);
    --_danger: var(--kyc-upload-danger-color, #b91c1c);
    --_success: var(--kyc-upload-success-color, #15803d);
    --_radius: var(--kyc-upload-radius, 12px);
    --_gap: var(--kyc-upload-gap, 0.75rem);
  }
  /*
   * Dark defaults follow the page's color-scheme, not the bare prefers-color-scheme query: a bank
   * page that stays light on a phone set to dark must keep a dark-on-light widget. A page with
   * \`color-scheme: light dark\` turns dark with the system's preference, and so does the widget;
   * \`kyc-upload { color-scheme: dark }\` forces it. Each colour passes 4.5:1 on its background.
   */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_accent: var(--kyc-upload-accent, light-dark(#1d4ed8, #93c5fd));
      --_accent-text: var(--kyc-upload-accent-text, light-dark(#ffffff, #0b1220));
      --_border: var(--kyc-upload-border-color, light-dark(#8a94a6, #6b7280));
      --_muted: var(--kyc-upload-muted-color, light-dark(#4b5563, #b4bcc8));
      --_danger: var(--kyc-upload-danger-color, light-dark(#b91c1c, #fca5a5));
      --_success: var(--kyc-upload-success-color, light-dark(#15803d, #86efac));
    }
  }
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
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    transition: border-color 120ms, background-color 120ms;
  }
  .base.dragging {
    border-color: var(--_accent);
    border-style: solid;
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  .base.success {
    border-style: solid;
    border-color: var(--_success);
  }
  .base.rejected,
  .base.failed {
    border-style: solid;
    border-color: var(--_danger);
  }

  .icon {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    color: var(--_accent);
  }
  .success .icon {
    color: var(--_success);
  }
  .rejected .icon,
  .failed .icon {
    color: var(--_danger);
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
  button {
    font: inherit;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0.5rem 1.1rem;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button:focus-visible {
    outline: 3px solid var(--kyc-upload-focus-color, var(--_accent));
    outline-offset: 2px;
  }
  /* Only the buttons fade: the hint beside them stays readable (4.5:1) while the widget is off. */
  button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }

  .progress {
    inline-size: min(100%, 22rem);
    block-size: 0.5rem;
    accent-color: var(--_accent);
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    .base,
    .base.success,
    .base.rejected,
    .base.failed {
      border-color: CanvasText;
    }
    .base.dragging {
      border-color: Highlight;
    }
    /* SVG icons keep their author colour there unless told, in every state. */
    .icon,
    .success .icon,
    .rejected .icon,
    .failed .icon {
      color: CanvasText;
    }
    button,
    button.primary {
      border-color: ButtonText;
    }
    button:focus-visible {
      outline-color: Highlight;
    }
    button:disabled {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;
