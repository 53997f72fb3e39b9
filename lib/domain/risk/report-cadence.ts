// When the scheduled CISO report is due and which period it covers. Weekly: every Monday, the
// seven days before it. Monthly: the first of every month, the month before. Both in UTC, sent
// from SEND_HOUR_UTC, so the previous day's tally is complete. Pure: the job and tests share it.

export const REPORT_CADENCES = ["off", "weekly", "monthly"] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];
export const SEND_HOUR_UTC = 6;

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => dayOf(new Date(startOf(day).getTime() + n * DAY_MS));

/** The most recent due day on or before `now`'s day (a Monday, or the 1st), or null when off. */
export function latestDueDay(cadence: ReportCadence, now: Date): string | null {
  if (cadence === "off") return null;
  const today = dayOf(now);
  if (cadence === "monthly") return `${today.slice(0, 8)}01`;
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return addDays(today, -sinceMonday);
}

/** The due day after `dueDay`, for "next report on …". */
export function nextDueDay(cadence: ReportCadence, now: Date): string | null {
  const latest = latestDueDay(cadence, now);
  if (!latest) return null;
  if (latest === dayOf(now) && now.getUTCHours() < SEND_HOUR_UTC) return latest;
  if (cadence === "weekly") return addDays(latest, 7);
  const d = startOf(latest);
  return dayOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

/** Due now: the latest due day is past its send hour and was not sent (claimed) yet. */
export function dueNow(cadence: ReportCadence, now: Date, lastSentDueDay: string | null): string | null {
  const latest = latestDueDay(cadence, now);
  if (!latest || latest === lastSentDueDay) return null;
  if (now.getTime() < startOf(latest).getTime() + SEND_HOUR_UTC * 3_600_000) return null;
  return latest;
}

/** The days a report due on `dueDay` covers: the week or the month before it, both ends included. */
export function periodBefore(cadence: Exclude<ReportCadence, "off">, dueDay: string): { from: string; to: string } {
  const to = addDays(dueDay, -1);
  return { from: cadence === "weekly" ? addDays(dueDay, -7) : `${to.slice(0, 8)}01`, to };
}

/** "ciso-report-north-campus-2026-12-07.pdf" or "ciso-report-all-2026-12-07.pdf". */
export function reportPdfName(siteName: string | null, day: string): string {
  const site = siteName ? siteName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "site" : "all";
  return `ciso-report-${site}-${day}.pdf`;
}
