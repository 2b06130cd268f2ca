import type { RuntimeFileRole as Role, SCRIPT_TAG_FILES } from '../core/runtime-files.js';

export { SCRIPT_TAG_FILES } from '../core/runtime-files.js';
export declare const RUNTIME_FILES: Readonly<Record<Role, string>>;
export declare const MANIFEST: string;
export declare const HASH_DIGITS: number;
export declare function contentHash(source: string): string;
export declare function hashedName(plainName: string, source: string): string;
export declare function runtimeSources(): Record<Role, string>;
export declare function plainRuntimeAssets(): Record<string, string>;
export declare function hashedRuntimeAssets(): { names: Record<Role, string>; files: Record<string, string> };
export declare function runtimeFilesModule(runtimeFiles: Record<Role, string>, scriptTagFiles?: typeof SCRIPT_TAG_FILES): string;
