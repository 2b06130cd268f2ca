// `kyc-upload/react-jsx` (types only): <kyc-upload> in React 19 JSX without the wrapper. React 19
// sets known properties as properties and `onkyc-upload-success` listens to that event.
// Enable with `import type {} from 'kyc-upload/react-jsx'` or `"types": ["kyc-upload/react-jsx"]`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { KycUpload } from './element/kyc-upload.js';
import type { KycUploadEventMap, KycUploadProperties } from './frameworks/element-props.js';

type Listeners = { [K in keyof KycUploadEventMap as `on${K}`]?: (event: KycUploadEventMap[K]) => void };
export type KycUploadJsxProps = Omit<DetailedHTMLProps<HTMLAttributes<KycUpload>, KycUpload>, keyof KycUploadProperties> & KycUploadProperties & Listeners;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'kyc-upload': KycUploadJsxProps;
    }
  }
}
