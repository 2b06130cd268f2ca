// `kyc-upload/react-jsx` (types only): <kyc-upload> and <kyc-document-set> in React 19 JSX without
// the wrapper. React 19 sets known properties as properties and `onkyc-upload-success` listens to
// that event. Enable with `import type {} from 'kyc-upload/react-jsx'` or `"types": ["kyc-upload/react-jsx"]`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { KycDocumentSet } from './element/document-set/kyc-document-set.js';
import type { KycUpload } from './element/kyc-upload.js';
import type { KycDocumentSetAllEvents, KycDocumentSetProperties, KycUploadEventMap, KycUploadProperties } from './frameworks/element-props.js';

type Listeners<Map> = { [K in keyof Map & string as `on${K}`]?: (event: Map[K]) => void };
export type KycUploadJsxProps = Omit<DetailedHTMLProps<HTMLAttributes<KycUpload>, KycUpload>, keyof KycUploadProperties> & KycUploadProperties & Listeners<KycUploadEventMap>;
export type KycDocumentSetJsxProps = Omit<DetailedHTMLProps<HTMLAttributes<KycDocumentSet>, KycDocumentSet>, keyof KycDocumentSetProperties> &
  KycDocumentSetProperties &
  Listeners<KycDocumentSetAllEvents>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'kyc-upload': KycUploadJsxProps;
      'kyc-document-set': KycDocumentSetJsxProps;
    }
  }
}
