// The entry a classic worker loads with importScripts(): the checks on its global, since a classic
// script has no exports. Bundled into a run-time file of its own.
import { shapeOf } from '../capture/document-frame.js';
import { type AssessImageOptions, assessImage } from './assess.js';

export interface KycQuality {
  /** The checks of a document the slot names by its subtype (`passport`…): its shape is looked up here. */
  assessImage(source: Parameters<typeof assessImage>[0], options?: Omit<AssessImageOptions, 'shape'> & { subtype?: string | undefined }): ReturnType<typeof assessImage>;
}

declare global {
  // eslint-disable-next-line no-var
  var kycQuality: KycQuality | undefined;
}

self.kycQuality = {
  assessImage: (source, { subtype, ...options } = {}) => assessImage(source, { ...options, shape: shapeOf(subtype) }),
};
