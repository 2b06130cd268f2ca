// Plain CSS text (the camera is plain DOM): the element's custom properties reach it, since the
// dialog lives in the element's shadow root.
export const cameraStyles = `
.camera {
  box-sizing: border-box;
  width: min(100vw, 56rem);
  max-width: 100vw;
  height: min(100dvh, 42rem);
  max-height: 100dvh;
  padding: 0;
  border: none;
  border-radius: var(--kyc-upload-radius, 12px);
  background: #000;
  color: #fff;
  font: inherit;
  overflow: hidden;
}
.camera[open] { display: flex; flex-direction: column; }
.camera::backdrop { background: rgb(0 0 0 / 0.75); }
@media (max-width: 40rem), (pointer: coarse) {
  .camera { width: 100vw; height: 100dvh; border-radius: 0; }
}
.camera-title {
  margin: 0;
  padding: 0.75rem 1rem;
  font-size: 1rem;
  font-weight: 600;
}
.camera-stage {
  position: relative;
  flex: 1;
  min-height: 0;
  overflow: hidden; /* the frame's dimming stops at the picture's edge */
  container-type: size;
}
/* The whole picture, letterboxed: what is seen is what the shot holds (cover would crop it). */
.camera-preview, .camera-still {
  position: absolute;
  inset: 0;
  width: 100%;
  height: 100%;
  object-fit: contain;
  background: #000;
}
.camera-preview.mirrored { transform: scaleX(-1); }
/* The document's shape, as large as fits with a margin; the rest of the view dimmed around it. */
.camera-frame {
  position: absolute;
  left: 50%;
  top: 50%;
  translate: -50% -50%;
  aspect-ratio: var(--kyc-camera-aspect);
  width: min(88cqw, calc(80cqh * var(--kyc-camera-aspect)));
  border: 3px solid #fff;
  border-radius: 4%;
  box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.45);
  pointer-events: none;
}
.camera-still:not([hidden]) ~ .camera-frame { display: none; }
.camera-guidance {
  position: absolute;
  left: 0.75rem;
  right: 0.75rem;
  bottom: 0.75rem;
  margin: 0;
  padding: 0.5rem 0.75rem;
  border-radius: 0.5rem;
  background: rgb(0 0 0 / 0.7);
  text-align: center;
  font-size: 1rem;
  line-height: 1.4;
}
.camera-controls {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem;
  align-items: center;
  justify-content: center;
  padding: 0.75rem 1rem calc(0.75rem + env(safe-area-inset-bottom, 0px));
}
.camera-controls button {
  min-height: 44px;
  padding: 0.5rem 1rem;
  border: 1px solid #fff;
  border-radius: 999px;
  background: transparent;
  color: #fff;
  font: inherit;
  cursor: pointer;
}
.camera-controls button.primary {
  border-color: var(--kyc-upload-accent, #1d4ed8);
  background: var(--kyc-upload-accent, #1d4ed8);
  color: var(--kyc-upload-accent-text, #fff);
  font-weight: 600;
}
.camera-controls button[aria-pressed='true'] { background: #fff; color: #000; }
.camera-controls button:disabled { opacity: 0.5; cursor: default; }
.camera-controls button:focus-visible { outline: 3px solid var(--kyc-upload-focus-color, var(--kyc-upload-accent, #1d4ed8)); outline-offset: 2px; }
.camera-controls [hidden] { display: none; }
`;
