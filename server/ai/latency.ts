// A rolling sample of each candidate's recent latencies (this process only:
// it only orders candidates, no other replica needs it).
export interface LatencySample {
  add(key: string, ms: number): void;
  /** Median of the last calls; undefined before the first. */
  median(key: string): number | undefined;
}

export function createLatencySample(size = 50): LatencySample {
  const samples = new Map<string, number[]>();
  return {
    add(key, ms) {
      let list = samples.get(key);
      if (list === undefined) samples.set(key, (list = []));
      list.push(ms);
      if (list.length > size) list.shift();
    },
    median(key) {
      const list = samples.get(key);
      if (list === undefined || list.length === 0) return undefined;
      const sorted = [...list].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
    },
  };
}
