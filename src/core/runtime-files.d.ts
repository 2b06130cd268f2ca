export declare const compressorWorker: string;
export declare const imageLibrary: string;
export declare const heicDecoder: string;
export declare const qualityChecks: string;
export declare const SCRIPT_TAG_FILES: {
  readonly pipeline: string;
  readonly camera: string;
  readonly errorMessage: string;
  readonly resume: string;
  readonly handoff: string;
  readonly languages: Readonly<Record<'fr' | 'de' | 'es' | 'it' | 'nl', string>>;
};

/** The roles of the files module builds load: every name above but the script tag's. */
export type RuntimeFileRole = Exclude<keyof typeof import('./runtime-files.js'), 'SCRIPT_TAG_FILES'>;

/** `runtime-files.json`, as every build writes it: the hashed name of each file above. */
export interface RuntimeFilesManifest {
  runtimeFiles: Record<RuntimeFileRole, string>;
  scriptTagFiles: typeof SCRIPT_TAG_FILES;
}
