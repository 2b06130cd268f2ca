// The few statistics the bench reports. Medians, because one slow run (a GC, the other core
// busy) should not move the headline; every sample is kept in the JSON next to it.
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
