// `kyc-upload/react`: <KycUpload> for React 17–19, made with @lit/react. Props set the element's
// properties (objects and functions included); `on…` props listen to its typed events. Importing
// this registers the tag. @lit/react is an optional peer dependency, so that Vue and script-tag
// users do not get React's types: a React app installs it beside this package
// (`npm install kyc-upload @lit/react`).
import * as React from 'react';
import { type EventName, createComponent } from '@lit/react';
import { tagName } from './define.js';
import { KycUpload as KycUploadElement } from './element/kyc-upload.js';
import {
  KycUploadErrorEvent,
  KycUploadProgressEvent,
  KycUploadRejectEvent,
  KycUploadSelectEvent,
  KycUploadStartEvent,
  KycUploadSuccessEvent,
} from './element/events.js';

export const KycUpload = createComponent({
  tagName,
  elementClass: KycUploadElement,
  react: React,
  displayName: 'KycUpload',
  events: {
    onKycUploadSelect: KycUploadSelectEvent.eventName as EventName<KycUploadSelectEvent>,
    onKycUploadReject: KycUploadRejectEvent.eventName as EventName<KycUploadRejectEvent>,
    onKycUploadStart: KycUploadStartEvent.eventName as EventName<KycUploadStartEvent>,
    onKycUploadProgress: KycUploadProgressEvent.eventName as EventName<KycUploadProgressEvent>,
    onKycUploadSuccess: KycUploadSuccessEvent.eventName as EventName<KycUploadSuccessEvent>,
    onKycUploadError: KycUploadErrorEvent.eventName as EventName<KycUploadErrorEvent>,
    onChange: 'change' as EventName<Event>,
  },
});

export type KycUploadProps = React.ComponentProps<typeof KycUpload>;
