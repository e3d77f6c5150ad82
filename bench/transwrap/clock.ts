/** Milliseconds on the monotonic clock every thread and process of the machine shares (process.hrtime). */
export function clock(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
