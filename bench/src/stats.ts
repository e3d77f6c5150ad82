/** Percentiles and rounding shared by the benchmarks. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const ms = (value: number) => Math.round(value * 10) / 10;

export function summary(values: number[]) {
  return {
    count: values.length,
    p50: ms(percentile(values, 50)),
    p95: ms(percentile(values, 95)),
    max: ms(Math.max(...values)),
  };
}

/** `digits` decimals: enough to compare runs, few enough to read. */
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
