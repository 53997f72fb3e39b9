import "server-only";
import { getDb } from "../db/client";
import { BREAKDOWN_SELECT, storedBreakdown } from "../db/stored-breakdown";
import { REASON_SELECT, storedReason } from "../db/stored-reason";

export async function getDeviceDetail(id: string) {
  const db = getDb();
  const device = await db.device.findUnique({
    where: { id },
    include: { site: { select: { name: true } }, segment: { select: { name: true, label: true, exposure: true } }, identifiers: { select: { kind: true, value: true } }, assignee: { select: { email: true } } },
  });
  if (!device) return null;
  const [fingerprints, observations, alerts, audit] = await Promise.all([
    db.fingerprint.findMany({ where: { deviceId: id }, orderBy: { firstSeenAt: "desc" }, take: 20 }),
    db.observation.findMany({ where: { deviceId: id }, orderBy: { observedAt: "desc" }, take: 50, select: { id: true, observedAt: true, channel: true, action: true, segment: true, ip: true, agent: { select: { name: true } } } }),
    db.alert.findMany({ where: { deviceId: id }, orderBy: { lastAt: "desc" }, take: 20 }),
    db.auditLog.findMany({ where: { targetType: "device", targetId: id }, orderBy: { at: "desc" }, take: 20 }),
  ]);
  return { device, fingerprints, observations, alerts, audit };
}

/** The newest stored score of a device: its current score and the breakdown that explains it. */
export async function getCurrentRiskScore(deviceId: string) {
  const row = await getDb().riskScore.findFirst({
    where: { deviceId },
    orderBy: [{ computedAt: "desc" }, { id: "desc" }],
    select: { score: true, tier: true, ssvc: true, modelVersion: true, ...BREAKDOWN_SELECT, trigger: true, computedAt: true },
  });
  if (!row) return null;
  const { score, tier, ssvc, modelVersion, trigger, computedAt } = row;
  return { score, tier, ssvc, modelVersion, trigger, computedAt, breakdown: storedBreakdown(row) };
}

/** The device's score over time, oldest first: one point per change of its breakdown. */
export async function getRiskHistory(deviceId: string, take = 90) {
  const rows = await getDb().riskScore.findMany({
    where: { deviceId },
    orderBy: [{ computedAt: "desc" }, { id: "desc" }],
    take,
    select: { score: true, tier: true, trigger: true, computedAt: true },
  });
  return rows.reverse();
}

export const DEVICE_VULNERABILITY_LIMIT = 200;

/** Matched vulnerabilities: affected before needs review; known-exploited and most severe first. */
export async function getDeviceVulnerabilities(deviceId: string) {
  const db = getDb();
  const [matches, total] = await Promise.all([
    db.deviceVulnerability.findMany({
      where: { deviceId },
      orderBy: [{ status: "asc" }, { vulnerability: { kev: "desc" } }, { vulnerability: { cvssBaseScore: { sort: "desc", nulls: "last" } } }, { vulnerabilityId: "asc" }, { source: "asc" }],
      take: DEVICE_VULNERABILITY_LIMIT,
      select: { id: true, vulnerabilityId: true, advisoryId: true, source: true, status: true, ...REASON_SELECT, vulnerability: { select: { title: true, kev: true, kevRansomware: true, cvssBaseScore: true, cvssVersion: true } } },
    }),
    db.deviceVulnerability.count({ where: { deviceId } }),
  ]);
  const advisoryIds = [...new Set(matches.map((m) => m.advisoryId).filter((a): a is string => !!a))];
  const advisories = advisoryIds.length ? await db.advisory.findMany({ where: { id: { in: advisoryIds } }, select: { id: true, title: true, url: true } }) : [];
  return { matches: matches.map(({ reasonRow, ...m }) => ({ ...m, reason: storedReason({ reason: m.reason, reasonRow }) })), total, advisories: new Map(advisories.map((a) => [a.id, a])) };
}

/** The device's latest risk acceptance that was not revoked (active or expired), or null. */
export async function getRiskAcceptance(deviceId: string) {
  return getDb().riskAcceptance.findFirst({
    where: { deviceId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, owner: true, reason: true, expiresAt: true, createdAt: true, acceptedBy: { select: { email: true } } },
  });
}

/** What an API client sees of a device's risk after changing its context. */
export async function getDeviceRiskSummary(id: string) {
  return getDb().device.findUnique({
    where: { id },
    select: { id: true, criticality: true, criticalitySource: true, phi: true, compensatingControls: true, riskScore: true, riskTier: true, ssvc: true, riskComputedAt: true, riskAcceptedUntil: true },
  });
}

export type AttributeChange = { attribute: string; before: unknown; after: unknown };

/** Attribute-by-attribute difference between two fingerprints, for the history view. */
export function fingerprintChanges(before: Record<string, unknown>, after: Record<string, unknown>): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => ({ attribute: k, before: before[k], after: after[k] }));
}
