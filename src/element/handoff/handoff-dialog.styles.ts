// Plain CSS text: the dialog lives in the element's shadow root, its custom properties reach it.
export const handoffStyles = `
.handoff {
  box-sizing: border-box;
  width: min(100vw - 2rem, 26rem);
  padding: 1.5rem;
  border: none;
  border-radius: var(--kyc-upload-radius, 12px);
  color: var(--kyc-upload-color, CanvasText);
  background: Canvas;
  font: inherit;
  text-align: center;
}
.handoff::backdrop { background: rgb(0 0 0 / 0.6); }
.handoff h2 { margin: 0 0 1rem; font-size: 1.15rem; }
.handoff-code { width: min(100%, 16rem); aspect-ratio: 1; margin: 0 auto; }
.handoff-code svg { display: block; width: 100%; height: 100%; }
.handoff p { margin: 0.75rem 0 0; line-height: 1.45; }
.handoff-status { color: var(--kyc-upload-muted-color, #4b5563); }
.handoff-actions { display: flex; gap: 0.75rem; justify-content: center; margin-top: 1.25rem; }
.handoff-actions button {
  min-height: 44px;
  padding: 0.5rem 1rem;
  border: 1px solid var(--kyc-upload-accent, #1d4ed8);
  border-radius: 999px;
  background: transparent;
  color: var(--kyc-upload-accent, #1d4ed8);
  font: inherit;
  cursor: pointer;
}
.handoff-actions button.primary { background: var(--kyc-upload-accent, #1d4ed8); color: var(--kyc-upload-accent-text, #fff); font-weight: 600; }
.handoff-actions button:focus-visible { outline: 3px solid var(--kyc-upload-focus-color, var(--kyc-upload-accent, #1d4ed8)); outline-offset: 2px; }
.handoff-actions [hidden] { display: none; }
`;
