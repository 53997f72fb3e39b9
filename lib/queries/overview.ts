import "server-only";
import { getDb } from "../db/client";

export type DeviceCounts = { total: number; unauthorized: number; spoofed: number; critical: number; high: number };

export async function getDeviceCounts(): Promise<DeviceCounts> {
  const db = getDb();
  const live = { status: { not: "retired" } };
  const [total, unauthorized, spoofed, critical, high] = await Promise.all([
    db.device.count({ where: live }),
    db.device.count({ where: { status: "unauthorized" } }),
    db.device.count({ where: { spoofSuspected: true, status: { not: "retired" } } }),
    db.device.count({ where: { ...live, riskTier: "critical" } }),
    db.device.count({ where: { ...live, riskTier: "high" } }),
  ]);
  return { total, unauthorized, spoofed, critical, high };
}

export async function getOpenAlertCount(): Promise<number> {
  return getDb().alert.count({ where: { status: { not: "resolved" } } });
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
