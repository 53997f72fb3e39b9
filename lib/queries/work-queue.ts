import "server-only";
import { getDb } from "../db/client";

export const QUEUE_PAGE_SIZE = 100;

/** Devices that need a person: unauthorized by policy or suspected of spoofing, newest first. */
export async function getWorkQueue() {
  const db = getDb();
  const where = { status: { not: "retired" }, OR: [{ status: "unauthorized" }, { spoofSuspected: true }] };
  const [devices, total] = await Promise.all([
    db.device.findMany({
      where,
      orderBy: [{ statusChangedAt: "desc" }, { id: "desc" }],
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true, displayName: true, category: true, status: true, statusReason: true, statusRule: true, spoofSuspected: true, claimedMac: true, lastSeenAt: true,
        segment: { select: { name: true } }, assignee: { select: { email: true } },
        alerts: { where: { kind: "spoof", status: { not: "resolved" } }, select: { title: true, detail: true }, take: 1 },
      },
    }),
    db.device.count({ where }),
  ]);
  return { devices, total };
}
