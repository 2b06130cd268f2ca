export function cameraScene(options?: { blur?: number }): Promise<Buffer>;
export function cameraFeed(options?: { blur?: number }): Promise<string>;
