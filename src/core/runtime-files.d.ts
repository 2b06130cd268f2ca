export declare const compressorWorker: string;
export declare const imageLibrary: string;
export declare const heicLibrary: string;
export declare const heicWorker: string;
export declare const SCRIPT_TAG_FILES: {
  readonly pipeline: string;
  readonly languages: Readonly<Record<'fr' | 'de' | 'es' | 'it' | 'nl', string>>;
};
