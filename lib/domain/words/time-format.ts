// How times read in the product: UTC, to the minute (or second), the same on every page, so
// that times from different sites and browsers compare at a glance.

/** "2026-11-28 15:04" */
export function utcMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}

/** "2026-11-28 15:04:05" */
export function utcSecond(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}

/** "2026-11-28 15:04 UTC", or a dash for never. */
export function whenUtc(d: Date | null | undefined, precision: "minute" | "second" = "minute"): string {
  if (!d) return "—";
  return `${precision === "minute" ? utcMinute(d) : utcSecond(d)} UTC`;
}
