export const APPS: readonly ['react', 'vue'];
export function buildApps(dir: string): Promise<Record<'react' | 'vue', string>>;
