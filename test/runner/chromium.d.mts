import type { Browser } from 'playwright';
export const CHROMIUM_ARGS: string[];
export const FAKE_CAMERA_ARGS: string[];
export function chromiumPath(): string;
export function launchChromium(): Promise<Browser>;
