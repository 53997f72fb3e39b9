import "server-only";
import { getDb } from "../db/client";

export async function getDeviceDetail(id: string) {
  const db = getDb();
  const device = await db.device.findUnique({
    where: { id },
    include: { site: { select: { name: true } }, segment: { select: { name: true, exposure: true } }, identifiers: { select: { kind: true, value: true } }, assignee: { select: { email: true } } },
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

export type AttributeChange = { attribute: string; before: unknown; after: unknown };

/** Attribute-by-attribute difference between two fingerprints, for the history view. */
export function fingerprintChanges(before: Record<string, unknown>, after: Record<string, unknown>): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => ({ attribute: k, before: before[k], after: after[k] }));
}
