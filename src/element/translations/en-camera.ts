import type { CameraTranslation } from './translation.js';

/**
 * What the in-page camera says in English, apart from `en` so that a page that never opens the
 * camera does not download it; the camera speaks it when a catalogue has no `camera` of its own.
 */
export const enCamera: CameraTranslation = {
  title: 'Take a photo of your document',
  starting: 'Starting the camera…',
  placeDocument: 'Place the document inside the frame',
  shutter: 'Take photo',
  close: 'Close the camera',
  torch: 'Light',
  checking: 'Checking the photo…',
  looksGood: 'The photo looks good.',
  retake: 'Retake',
  usePhoto: 'Use this photo',
  sendAnyway: 'Send it anyway',
  issues: {
    blurred: 'Your photo is blurred. Hold the phone still and try again.',
    glare: 'There is glare on the document. Tilt it away from the light.',
    'too-dark': 'The photo is too dark. Move somewhere brighter.',
    'too-bright': 'The photo is too bright. Move out of direct light.',
    'too-small': 'The document is too small in the photo. Move closer.',
    'document-not-found': 'We cannot see the document. Place it inside the frame.',
    'cut-off': 'Part of the document is cut off. Keep all four corners inside the frame.',
  },
  guidance: {
    'document-not-found': 'Place the document inside the frame',
    'cut-off': 'Keep all four corners in view',
    'too-small': 'Move closer',
    blurred: 'Hold still',
    glare: 'Too much glare: tilt the document',
    'too-dark': 'Too dark: find more light',
    'too-bright': 'Too bright: move out of direct light',
  },
  unavailable: {
    'insecure-context': 'The camera only works on a secure (https) page. Take or choose a photo instead.',
    'no-camera': 'No camera was found. Choose a photo or a file instead.',
    'permission-denied': 'Camera access was refused. Allow it in your browser’s settings, or take or choose a photo instead.',
    'camera-busy': 'The camera is in use by another app. Close it and try again, or choose a photo instead.',
  },
};
