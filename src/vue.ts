// `kyc-upload/vue` (types only): <kyc-upload> and <kyc-document-set> typed in Vue 3 templates
// (`@kyc-upload-success` compiles to the prop `onKycUploadSuccess`). Enable with
// `"types": ["kyc-upload/vue"]`; the app still tells the compiler they are custom elements
// (`isCustomElement`, see the README).
import type { DefineComponent } from 'vue';
import type { KycDocumentSetAllEvents, KycDocumentSetProperties, KycUploadEventMap, KycUploadProperties } from './frameworks/element-props.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type Listeners<Map> = { [K in keyof Map & string as `on${Capitalize<Camel<K>>}`]?: (event: Map[K]) => void };
export type KycUploadVueProps = KycUploadProperties & Listeners<KycUploadEventMap> & { onChange?: (event: Event) => void };
export type KycDocumentSetVueProps = KycDocumentSetProperties & Listeners<KycDocumentSetAllEvents> & { onChange?: (event: Event) => void };

declare module 'vue' {
  interface GlobalComponents {
    'kyc-upload': DefineComponent<KycUploadVueProps>;
    'kyc-document-set': DefineComponent<KycDocumentSetVueProps>;
  }
}
