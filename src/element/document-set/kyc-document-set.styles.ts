import { css } from 'lit';
import { buttons, tokens, visuallyHidden } from '../shared.styles.js';

const setStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_gap) * 1.5);
  }
  .progress {
    margin: 0;
    color: var(--_muted);
    font-weight: 600;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .requirement {
    display: grid;
    gap: var(--_gap);
  }
  .requirement-label {
    padding: 0;
    margin-block-end: var(--_gap);
    font-size: 1.125em;
    font-weight: 700;
  }
  .subtype,
  .slot-label {
    margin: 0;
    font-weight: 600;
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .question {
    padding: 0;
    margin-block-end: 0.5rem;
    color: var(--_muted);
  }
  /* The whole label is the target: 44 px high, the radio inside it. */
  .option {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 44px;
    padding: 0.25rem 1rem 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .option:has(input:focus-visible) {
    outline: 3px solid var(--kyc-upload-focus-color, var(--_accent));
    outline-offset: 2px;
  }
  .option input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .choice:disabled .option {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .slots {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
  }
  .slot {
    display: grid;
    gap: 0.5rem;
    align-content: start;
  }
  .confirm {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .confirm-text {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .complete {
    margin: 0;
    color: var(--_success);
    font-weight: 600;
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  @media (forced-colors: active) {
    .option,
    .confirm {
      border-color: CanvasText;
    }
    .option:has(input:checked) {
      border-color: Highlight;
      box-shadow: none;
      outline: 2px solid Highlight;
    }
    .option:has(input:focus-visible) {
      outline-color: Highlight;
    }
    .complete,
    .message {
      color: CanvasText;
    }
  }
`;

export const styles = [tokens, buttons, visuallyHidden, setStyles];
