import { css } from 'lit';

/**
 * The theme both elements read: a host sets `--kyc-upload-*` once (on the page or on
 * <kyc-document-set>) and every upload inside follows, since custom properties inherit through
 * shadow roots.
 */
export const tokens = css`
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
`;

/** Buttons: 44 px targets, the accent's outline style, a primary fill, forced-colours fallbacks. */
export const buttons = css`
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

  @media (forced-colors: active) {
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

/** The live regions: read by screen readers, never seen. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
