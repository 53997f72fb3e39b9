// FEEDS_UPDATE_INTERVAL: how often the server updates the feeds by itself. Off when unset;
// "6h", "30m", "90s" or plain seconds; at least 15 minutes, so a typo cannot hammer a source.

export const MIN_FEEDS_INTERVAL_MS = 15 * 60_000;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export type IntervalSetting = { ms: number | null } | { error: string };

export function parseFeedsInterval(text: string | undefined): IntervalSetting {
  const value = text?.trim() ?? "";
  if (value === "" || /^(?:off|0)$/i.test(value)) return { ms: null };
  const m = /^(\d{1,7})\s*([smhd]?)$/i.exec(value);
  if (!m) return { error: `FEEDS_UPDATE_INTERVAL "${value.slice(0, 40)}" is not a duration: use e.g. "6h", "30m" or a number of seconds` };
  const ms = Number(m[1]) * UNIT_MS[(m[2] || "s").toLowerCase()];
  if (ms < MIN_FEEDS_INTERVAL_MS) return { error: `FEEDS_UPDATE_INTERVAL "${value}" is shorter than the minimum of 15 minutes` };
  return { ms };
}
