// `kyc-upload/vue` (types only): <kyc-upload> typed in Vue 3 templates (`@kyc-upload-success`
// compiles to the prop `onKycUploadSuccess`). Enable with `"types": ["kyc-upload/vue"]`; the app
// still tells the compiler it is a custom element (`isCustomElement`, see the README).
import type { DefineComponent } from 'vue';
import type { KycUploadEventMap, KycUploadProperties } from './frameworks/element-props.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type Listeners = { [K in keyof KycUploadEventMap as `on${Capitalize<Camel<K>>}`]?: (event: KycUploadEventMap[K]) => void };
export type KycUploadVueProps = KycUploadProperties & Listeners & { onChange?: (event: Event) => void };

declare module 'vue' {
  interface GlobalComponents {
    'kyc-upload': DefineComponent<KycUploadVueProps>;
  }
}
