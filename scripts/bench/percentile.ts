// The nearest-rank percentile the view and load benchmarks report: the smallest sample with at
// least p % of the samples at or below it.

/** The p-th percentile of samples sorted ascending (0 when there are none). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}
