// `kyc-upload/react`: <KycUpload> and <KycDocumentSet> for React 17–19, made with @lit/react. Props set the element's
// properties (objects and functions included); `on…` props listen to its typed events. Importing
// this registers the tags. @lit/react is an optional peer dependency, so that Vue and script-tag
// users do not get React's types: a React app installs it beside this package
// (`npm install kyc-upload @lit/react`).
import * as React from 'react';
import { type EventName, createComponent } from '@lit/react';
import { documentSetTagName, tagName } from './define-document-set.js';
import { KycDocumentSet as KycDocumentSetElement } from './element/document-set/kyc-document-set.js';
import {
  KycDocumentSetChangeEvent,
  KycDocumentSetCompleteEvent,
  KycDocumentSetSubmitErrorEvent,
  KycDocumentSetSubmittedEvent,
} from './element/document-set/events.js';
import { KycUpload as KycUploadElement } from './element/kyc-upload.js';
import {
  KycUploadErrorEvent,
  KycUploadProgressEvent,
  KycUploadRejectEvent,
  KycUploadSelectEvent,
  KycUploadStartEvent,
  KycUploadSuccessEvent,
} from './element/events.js';

// @lit/react sets a prop as a property when `name in elementClass.prototype`, else as an attribute.
// Lit makes the accessors of `static properties` when a class is finalized, which `define` does:
// unless another bundle's copy defined the tag first. Reading observedAttributes finalizes it now.
void KycUploadElement.observedAttributes;
void KycDocumentSetElement.observedAttributes;

/** `<kyc-upload>`'s events as props; the set's slots send them too, retargeted to the set. */
const uploadEvents = {
  onKycUploadSelect: KycUploadSelectEvent.eventName as EventName<KycUploadSelectEvent>,
  onKycUploadReject: KycUploadRejectEvent.eventName as EventName<KycUploadRejectEvent>,
  onKycUploadStart: KycUploadStartEvent.eventName as EventName<KycUploadStartEvent>,
  onKycUploadProgress: KycUploadProgressEvent.eventName as EventName<KycUploadProgressEvent>,
  onKycUploadSuccess: KycUploadSuccessEvent.eventName as EventName<KycUploadSuccessEvent>,
  onKycUploadError: KycUploadErrorEvent.eventName as EventName<KycUploadErrorEvent>,
  onChange: 'change' as EventName<Event>,
};

export const KycUpload = createComponent({
  tagName,
  elementClass: KycUploadElement,
  react: React,
  displayName: 'KycUpload',
  events: uploadEvents,
});

export type KycUploadProps = React.ComponentProps<typeof KycUpload>;

export const KycDocumentSet = createComponent({
  tagName: documentSetTagName,
  elementClass: KycDocumentSetElement,
  react: React,
  displayName: 'KycDocumentSet',
  events: {
    onKycDocumentSetChange: KycDocumentSetChangeEvent.eventName as EventName<KycDocumentSetChangeEvent>,
    onKycDocumentSetComplete: KycDocumentSetCompleteEvent.eventName as EventName<KycDocumentSetCompleteEvent>,
    onKycDocumentSetSubmitted: KycDocumentSetSubmittedEvent.eventName as EventName<KycDocumentSetSubmittedEvent>,
    onKycDocumentSetSubmitError: KycDocumentSetSubmitErrorEvent.eventName as EventName<KycDocumentSetSubmitErrorEvent>,
    ...uploadEvents,
  },
});

export type KycDocumentSetProps = React.ComponentProps<typeof KycDocumentSet>;
