// The side-effect-free entry: import `kyc-upload/define` (or `kyc-upload/define-document-set`) to
// register the tags.
export * from './upload-api.js';
export * from './document-set-api.js';
// English's failure sentences and camera words, to start a catalogue from; not in the script-tag
// build's global, which would then load them with the page (a catalogue may leave them out: English).
export { enErrors } from './element/translations/en-errors.js';
export { enCamera } from './element/translations/en-camera.js';
