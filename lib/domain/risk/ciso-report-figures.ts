// The CISO report's arithmetic, kept pure: which days a period covers, how fast alerts were
// acknowledged and resolved, the trend with every day present, and the report as CSV rows.
// The counts themselves are read from the precomputed tally (DailyMetric) by lib/queries/ciso-report.ts.
import { z } from "zod";
import { CISO_REPORT_FRAMING, type CisoReportSectionId } from "../words/ciso-report-framing";
import { changeControlLines, type ChangeControl } from "./change-report-figures";

export const PERIOD_KINDS = ["7d", "30d", "90d", "quarter", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const DEFAULT_PERIOD: PeriodKind = "30d";
export const MAX_PERIOD_DAYS = 366;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type Period = {
  kind: PeriodKind;
  /** First and last day covered, "YYYY-MM-DD" UTC, both included. */
  fromDay: string;
  toDay: string;
  days: number;
  /** [start, end): start of the first day to the start of the day after the last. */
  start: Date;
  end: Date;
  label: string;
  /** Said to the reader when what they asked for was changed (bad dates, too long, future). */
  notice?: string;
};

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => dayOf(new Date(startOf(day).getTime() + n * DAY_MS));

/** A real calendar day ("2026-02-30" is not one), else undefined. */
function validDay(raw: string | undefined): string | undefined {
  if (!raw || !DAY.test(raw)) return undefined;
  const d = startOf(raw);
  return Number.isNaN(d.getTime()) || dayOf(d) !== raw ? undefined : raw;
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The report's URL parameters; anything unexpected is ignored, not fatal. */
export const cisoReportParams = z.object({
  period: optional(z.enum(PERIOD_KINDS)).catch(undefined),
  from: optional(z.string().max(10)).catch(undefined),
  to: optional(z.string().max(10)).catch(undefined),
  site: optional(z.string().max(40)).catch(undefined),
});
export type CisoReportParams = z.infer<typeof cisoReportParams>;

export function parseCisoReportParams(search: Record<string, string | string[] | undefined>): CisoReportParams {
  return cisoReportParams.parse(Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

function make(kind: PeriodKind, fromDay: string, toDay: string, label: string, notice?: string): Period {
  const days = Math.round((startOf(toDay).getTime() - startOf(fromDay).getTime()) / DAY_MS) + 1;
  return { kind, fromDay, toDay, days, start: startOf(fromDay), end: startOf(addDays(toDay, 1)), label, ...(notice ? { notice } : {}) };
}

const lastDays = (n: number, today: string, notice?: string) => make(`${n}d` as PeriodKind, addDays(today, -(n - 1)), today, `Last ${n} days`, notice);

/**
 * The period the report covers, always ending no later than today (UTC). "quarter" is the current
 * calendar quarter to date. A custom range with a bad or reversed date falls back to the last 30
 * days; one longer than MAX_PERIOD_DAYS keeps its end and is shortened.
 */
export function parseCisoReportPeriod(p: Pick<CisoReportParams, "period" | "from" | "to">, now = new Date()): Period {
  const today = dayOf(now);
  const kind = p.period ?? DEFAULT_PERIOD;
  if (kind === "7d" || kind === "30d" || kind === "90d") return lastDays(Number(kind.slice(0, -1)), today);
  if (kind === "quarter") {
    const q = Math.floor(now.getUTCMonth() / 3);
    const from = dayOf(new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1)));
    return make("quarter", from, today, `This quarter (Q${q + 1} ${now.getUTCFullYear()}, to date)`);
  }
  const from = validDay(p.from);
  let to = validDay(p.to);
  if (!from || !to || from > to) return lastDays(30, today, "The custom dates were missing or not valid, so the report shows the last 30 days.");
  const notices: string[] = [];
  if (to > today) {
    to = today;
    notices.push("The end date was in the future, so the report ends today.");
  }
  if (from > to) return lastDays(30, today, "The custom range starts in the future, so the report shows the last 30 days.");
  let start = from;
  if (make("custom", from, to, "").days > MAX_PERIOD_DAYS) {
    start = addDays(to, -(MAX_PERIOD_DAYS - 1));
    notices.push(`A report covers at most ${MAX_PERIOD_DAYS} days, so it starts on ${start}.`);
  }
  return make("custom", start, to, `${start} to ${to}`, notices.join(" ") || undefined);
}

/** Every day of the period, in order. */
export function daysOf(period: Pick<Period, "fromDay" | "toDay">): string[] {
  const out: string[] = [];
  for (let day = period.fromDay; day <= period.toDay; day = addDays(day, 1)) out.push(day);
  return out;
}

// ─── Mean time to acknowledge / resolve ────────────────────────────────────────────────────────

export type AlertTimes = { firstAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null };
export type Durations = { count: number; meanHours: number | null; medianHours: number | null };
export type ResponseTimes = {
  alerts: number;
  /** MTTA: first response, an acknowledgement or (when resolved straight away) the resolution. */
  acknowledge: Durations;
  /** Alerts nobody has responded to yet: left out of MTTA and counted here. */
  stillOpen: number;
  /** MTTR: alerts resolved. */
  resolve: Durations;
  unresolved: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

export function durations(hours: number[]): Durations {
  if (!hours.length) return { count: 0, meanHours: null, medianHours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: hours.length, meanHours: round1(hours.reduce((s, h) => s + h, 0) / hours.length), medianHours: round1(median) };
}

/** MTTA and MTTR, in hours, mean and median; a negative gap (clock skew) counts as zero. */
export function responseTimes(samples: AlertTimes[]): ResponseTimes {
  const gap = (from: Date, to: Date) => Math.max(0, to.getTime() - from.getTime()) / 3_600_000;
  const acked = samples.flatMap((s) => {
    const first = s.acknowledgedAt ?? s.resolvedAt;
    return first ? [gap(s.firstAt, first)] : [];
  });
  const resolved = samples.flatMap((s) => (s.resolvedAt ? [gap(s.firstAt, s.resolvedAt)] : []));
  return {
    alerts: samples.length,
    acknowledge: durations(acked),
    stillOpen: samples.length - acked.length,
    resolve: durations(resolved),
    unresolved: samples.length - resolved.length,
  };
}

/** "45 min", "5.5 h", "3.2 days": hours as a person reads them. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${round1(hours)} h`;
  return `${round1(hours / 24)} days`;
}

// ─── Trend ─────────────────────────────────────────────────────────────────────────────────────

export const TREND_METRICS = [
  "devices.total",
  "devices.tier.critical",
  "devices.tier.high",
  "devices.tier.medium",
  "devices.tier.low",
  "devices.unauthorized",
  "devices.spoofed",
  "devices.kev",
  "devices.new",
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];
export type TrendPoint = { day: string } & Record<TrendMetric, number | null>;

/** One point per day of the period; a day without a tally has nulls (unknown), never zeros. */
export function shapeTrend(rows: { day: string; metric: string; value: number }[], period: Pick<Period, "fromDay" | "toDay">): TrendPoint[] {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!byDay.has(r.day)) byDay.set(r.day, new Map());
    byDay.get(r.day)!.set(r.metric, r.value);
  }
  return daysOf(period).map((day) => {
    const values = byDay.get(day);
    return { day, ...Object.fromEntries(TREND_METRICS.map((m) => [m, values?.get(m) ?? null])) } as TrendPoint;
  });
}

/** The first and last known value of a metric over the trend (for "12, was 15 on …"). */
export function change(trend: TrendPoint[], metric: TrendMetric): { first: { day: string; value: number } | null; last: { day: string; value: number } | null } {
  const known = trend.filter((p) => p[metric] !== null).map((p) => ({ day: p.day, value: p[metric] as number }));
  return { first: known[0] ?? null, last: known.at(-1) ?? null };
}

/** Sum of a daily-flow metric (e.g. devices.new) over the days that have a tally. */
export const sumOver = (trend: TrendPoint[], metric: TrendMetric) => trend.reduce((s, p) => s + (p[metric] ?? 0), 0);

// ─── The report as data, and as CSV rows ───────────────────────────────────────────────────────

export type CisoReportDevice = {
  id: string;
  displayName: string;
  category: string;
  criticality: string;
  riskScore: number;
  riskTier: string;
  status: string;
  spoofSuspected: boolean;
  where: string;
};

export type CisoReport = {
  generatedAt: Date;
  period: Period;
  site: { id: string; name: string } | null;
  /** The tally day the current counts come from (today, or the newest day counted). */
  countsDay: string | null;
  countsRefreshedAt: Date | null;
  counts: Record<TrendMetric, number | null>;
  trend: TrendPoint[];
  top: CisoReportDevice[];
  kev: { devices: number | null; top: (CisoReportDevice & { cves: string[] })[] };
  /** Alerts not resolved (raised at any time), counted live with `response` at generatedAt. */
  alertsOpen: number | null;
  /** alerts / stillOpen / unresolved count every alert raised in the period; MTTA / MTTR are measured on `sampled.measured` of them when there are more. */
  response: ResponseTimes & { sampled: { measured: number; of: number } | null };
  accepted: { total: number; rows: { id: string; deviceId: string; device: string; owner: string; reason: string; acceptedBy: string; acceptedAt: Date; expiresAt: Date }[] };
  coverage: {
    agents: { id: string; name: string; lastSeenAt: Date | null; revoked: boolean; devices: number | null }[];
    segments: { id: string; name: string; site: string; devices: number | null }[];
  };
  /** The asset register reconciled with the network, from the tally (the whole estate); null before a count. */
  assets?: AssetInventory | null;
  /** Firmware change control in the period (planned, verified, failed, unplanned; what updates closed). */
  changes?: ChangeControl | null;
};

export type AssetInventory = { entries: number; reconciled: number; mismatched: number; missing: number; shadow: number; devices: number };

/**
 * The asset inventory section's figures, each with one sentence saying what it counts (the page,
 * the PDF and the CSV say the same). The reconciled share: devices a register accounts for.
 */
export function assetInventoryLines(a: AssetInventory): { item: string; value: string; what: string }[] {
  const share = a.devices > 0 ? `${Math.round((100 * (a.devices - a.shadow)) / a.devices)}%` : "—";
  return [
    { item: "Register entries", value: String(a.entries), what: "Assets the hospital's registers (CMMS, CMDB) list and have not retired." },
    { item: "Devices accounted for", value: share, what: "The share of devices seen on the network that a register entry is linked to." },
    { item: "Reconciled", value: String(a.reconciled), what: "Entries linked to a device seen on the network, the register and the network in agreement." },
    { item: "Shadow devices", value: String(a.shadow), what: "Devices on the network that no register lists: nobody has recorded who owns or maintains them." },
    { item: "Missing", value: String(a.missing), what: "Entries never seen on the network, or not seen for longer than the configured number of days." },
    { item: "Mismatched", value: String(a.mismatched), what: "Linked entries whose model, firmware, location or department disagree with what the network reports." },
  ];
}

export const CISO_REPORT_CSV_HEADER = ["Section", "Item", "Value", "Detail", "Reference"];
type Cell = string | number | Date | null;

const TIER_ITEMS: [TrendMetric, string][] = [
  ["devices.total", "Devices (not retired)"],
  ["devices.tier.critical", "Critical risk"],
  ["devices.tier.high", "High risk"],
  ["devices.tier.medium", "Medium risk"],
  ["devices.tier.low", "Low risk"],
  ["devices.kev", "Exposed to known exploited vulnerabilities"],
  ["devices.unauthorized", "Unauthorized"],
  ["devices.spoofed", "Spoof suspected"],
];

/**
 * The report in long form, one fact per row (section, item, value, detail, reference), so it
 * reads in a spreadsheet and pivots easily. Cells are raw: the CSV writer neutralises formulas.
 */
export function cisoReportCsvRows(r: CisoReport): Cell[][] {
  const ref = (section: CisoReportSectionId) => CISO_REPORT_FRAMING[section].references.join("; ");
  const rows: Cell[][] = [
    ["Report", "Period", r.period.label, `${r.period.fromDay} to ${r.period.toDay} (UTC)`, ""],
    ["Report", "Site", r.site?.name ?? "All sites", "", ""],
    ["Report", "Generated", r.generatedAt, "", ""],
    ["Report", "Counts as of", r.countsDay ?? "not counted yet", r.countsRefreshedAt ? `refreshed ${r.countsRefreshedAt.toISOString()}` : "", ""],
  ];
  for (const [metric, item] of TIER_ITEMS) rows.push(["Summary", item, r.counts[metric], "", ref(metric === "devices.unauthorized" || metric === "devices.spoofed" ? "unauthorized" : "summary")]);
  rows.push(["Summary", "New devices in the period", sumOver(r.trend, "devices.new"), "", ref("summary")]);
  for (const p of r.trend) {
    for (const [metric, item] of TIER_ITEMS) if (p[metric] !== null) rows.push(["Risk trend", `${p.day} ${item}`, p[metric], "", ref("trend")]);
  }
  r.top.forEach((d, i) => rows.push(["Top devices", `${i + 1}. ${d.displayName}`, d.riskScore, `${d.riskTier}; ${d.category}; ${d.criticality}; ${d.status}${d.where ? `; ${d.where}` : ""}`, ref("top")]));
  rows.push(["KEV exposure", "Devices exposed", r.kev.devices, "", ref("kev")]);
  for (const d of r.kev.top) rows.push(["KEV exposure", d.displayName, d.riskScore, d.cves.join(" "), ref("kev")]);
  const { acknowledge: a, resolve: s } = r.response;
  const sample = r.response.sampled ? `measured on the ${r.response.sampled.measured} most recently raised of ${r.response.sampled.of} alerts` : `${r.response.alerts} alerts raised in the period`;
  rows.push(
    ["Alert response", "Alerts open now (not resolved, raised at any time)", r.alertsOpen, `counted ${r.generatedAt.toISOString()}`, ref("response")],
    ["Alert response", "Alerts raised in the period", r.response.alerts, "", ref("response")],
    ["Alert response", "Mean time to acknowledge (hours)", a.meanHours, `median ${a.medianHours ?? "—"} h; ${a.count} acknowledged; ${sample}`, ref("response")],
    ["Alert response", "Raised in the period, not yet acknowledged", r.response.stillOpen, "", ref("response")],
    ["Alert response", "Mean time to resolve (hours)", s.meanHours, `median ${s.medianHours ?? "—"} h; ${s.count} resolved`, ref("response")],
    ["Alert response", "Raised in the period, not yet resolved", r.response.unresolved, "", ref("response")],
    ["Accepted risks", "Running acceptances", r.accepted.total, "", ref("accepted")],
  );
  for (const x of r.accepted.rows) rows.push(["Accepted risks", x.device, x.owner, `expires ${x.expiresAt.toISOString()}; accepted by ${x.acceptedBy}; ${x.reason}`, ref("accepted")]);
  for (const g of r.coverage.agents) rows.push(["Coverage by agent", g.name, g.devices, `last seen ${g.lastSeenAt?.toISOString() ?? "never"}${g.revoked ? "; revoked" : ""}`, ref("coverage")]);
  for (const g of r.coverage.segments) rows.push(["Coverage by segment", g.name, g.devices, g.site, ref("coverage")]);
  if (r.assets) for (const line of assetInventoryLines(r.assets)) rows.push(["Asset inventory", line.item, line.value, line.what, ref("assets")]);
  if (r.changes) for (const line of changeControlLines(r.changes)) rows.push(["Change control", line.item, line.value, line.what, ref("changes")]);
  return rows;
}
