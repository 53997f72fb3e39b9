import "server-only";
// The overview's numbers. Device and alert counts come from the precomputed tally (DailyMetric,
// lib/jobs/tally.ts): a few primary-key reads, whatever the size of the estate. Only the agents are
// counted live (a handful of rows).
import { cache } from "react";
import { ALERT_KIND_WORDS, type AlertKind } from "../domain/words/alert-kinds";
import { getDb } from "../db/client";
import { CATEGORY_LABELS, label, RISK_TIERS } from "../domain/words/vocabulary";
import type { MetricValue, TallyMetric } from "../domain/words/tally-metrics";
import { breakdownOf, countTallyLive, readBreakdown, readTally, readTrend, tallyOf, type Tally } from "./tally-counts";

export type DeviceCounts = { total: number; unauthorized: number; spoofed: number; critical: number; high: number; kev: number };
export type Slice = { key: string; label: string; value: number };
export type DayPoint = { day: string } & Record<string, number | string>;

/**
 * The current tally, read once per request. Before the first background recount (a new install,
 * in the seconds after the first start) there is none: the counts are then taken live, by the
 * tally's own definitions, and not stored (the scheduler's first tick stores them). On an empty
 * or small estate that takes milliseconds. `live` holds that count's rows, for the breakdowns.
 */
const currentTally = cache(async (): Promise<{ tally: Tally; live: MetricValue[] | null }> => {
  const db = getDb();
  const stored = await readTally(db);
  if (stored) return { tally: stored, live: null };
  const live = await countTallyLive(db);
  return { tally: tallyOf(live[0].day, live), live };
});

export const getTally = cache(async (): Promise<Tally> => (await currentTally()).tally);

/** One metric by dimension, largest first: from the stored tally, or from the live count before the first one. */
async function breakdown(metric: TallyMetric, prefix: string, limit: number) {
  const { live } = await currentTally();
  return (live ? breakdownOf(live, metric, prefix, limit) : await readBreakdown(getDb(), metric, prefix, limit))?.items ?? [];
}

/** The first day the tally counted, or null before the first stored count. */
const firstCountedDay = cache(async (): Promise<string | null> => {
  const first = await getDb().dailyMetric.findFirst({ where: { metric: "tally.refreshedAt", dimension: "" }, orderBy: { day: "asc" }, select: { day: true } });
  return first?.day ?? null;
});

/**
 * The trend of the last `days` days, from the first day counted: days before the install (or
 * before counting started) are left out, not drawn as zero. Before the first stored tally,
 * today's point alone is the live count.
 */
async function trend(metrics: TallyMetric[], days: number) {
  const { live } = await currentTally();
  const [all, since] = await Promise.all([readTrend(getDb(), metrics, "", days), firstCountedDay()]);
  const points = since ? all.filter((p) => p.day >= since) : all.slice(-1);
  const today = points.at(-1);
  if (!live || !today) return points;
  for (const r of live) {
    if (r.dimension === "" && r.day === today.day && r.metric in today.values) today.values[r.metric] = r.value;
  }
  return points;
}

export async function getDeviceCounts(): Promise<DeviceCounts & { refreshedAt: Date | null }> {
  const t = await getTally();
  const v = (m: string) => t.values[m] ?? 0;
  return {
    total: v("devices.total"),
    unauthorized: v("devices.unauthorized"),
    spoofed: v("devices.spoofed"),
    critical: v("devices.tier.critical"),
    high: v("devices.tier.high"),
    kev: v("devices.kev"),
    refreshedAt: t.refreshedAt,
  };
}

export async function getOpenAlertCount(): Promise<number> {
  return (await getTally()).values["alerts.open"] ?? 0;
}

/** Possible matches waiting for a person (the review queue), counted with the tally: a live count would read every match. */
export async function getPossibleMatchCount(): Promise<number> {
  return (await getTally()).values["matches.possible"] ?? 0;
}

export async function getTierSlices(): Promise<Slice[]> {
  const t = await getTally();
  return RISK_TIERS.map((tier) => ({ key: tier, label: tier[0].toUpperCase() + tier.slice(1), value: t.values[`devices.tier.${tier}`] ?? 0 }));
}

/** Devices per category, largest first (at most 12 shown; the rest summed as "Other categories"). */
export async function getCategorySlices(): Promise<Slice[]> {
  const items = (await breakdown("devices.category", "category:", 200)).filter((i) => i.value > 0);
  const top = items.slice(0, 12).map((i) => ({ key: i.key, label: label(CATEGORY_LABELS, i.key), value: i.value }));
  const rest = items.slice(12).reduce((sum, i) => sum + i.value, 0);
  return rest > 0 ? [...top, { key: "other", label: "Other categories", value: rest }] : top;
}

export async function getAlertKindSlices(): Promise<Slice[]> {
  const items = (await breakdown("alerts.open", "kind:", 50)).filter((i) => i.value > 0);
  return items.map((i) => ({ key: i.key, label: ALERT_KIND_WORDS[i.key as AlertKind] ?? i.key.replace(/_/g, " "), value: i.value }));
}

/** Critical and high devices per day, the last `days` days since counting started. */
export async function getRiskTrend(days = 30): Promise<DayPoint[]> {
  const points = await trend(["devices.tier.critical", "devices.tier.high"], days);
  return points.map((p) => ({ day: p.day, critical: p.values["devices.tier.critical"], high: p.values["devices.tier.high"] }));
}

/** New devices (first seen that day) and unauthorized devices per day, the last `days` days. */
export async function getArrivalTrend(days = 30): Promise<DayPoint[]> {
  const points = await trend(["devices.new", "devices.unauthorized"], days);
  return points.map((p) => ({ day: p.day, new: p.values["devices.new"], unauthorized: p.values["devices.unauthorized"] }));
}

/** An agent is online when it reported within twice its expected interval. */
export async function getAgentCounts(now = new Date()): Promise<{ enrolled: number; online: number }> {
  const agents = await getDb().agent.findMany({
    where: { revokedAt: null },
    select: { lastSeenAt: true, expectedInterval: true },
    take: 10_000,
  });
  const online = agents.filter((a) => a.lastSeenAt && now.getTime() - a.lastSeenAt.getTime() <= a.expectedInterval * 2000).length;
  return { enrolled: agents.length, online };
}

export type AssetCounts = { entries: number; reconciled: number; mismatched: number; missing: number; shadow: number; devices: number };

/** The asset register's reconciliation, from the tally: entries by state and shadow devices. */
export async function getAssetCounts(): Promise<AssetCounts> {
  const t = await getTally();
  const v = (m: string) => t.values[m] ?? 0;
  return { entries: v("assets.entries"), reconciled: v("assets.reconciled"), mismatched: v("assets.mismatched"), missing: v("assets.missing"), shadow: v("assets.shadow"), devices: v("devices.total") };
}

/**
 * The share of the devices on the network that a register accounts for (linked entries, agreeing
 * or not), in whole percent; null when there are no devices.
 */
export const reconciledShare = (c: AssetCounts): number | null => (c.devices > 0 ? Math.round((100 * (c.devices - c.shadow)) / c.devices) : null);
