// The spoof alert of one device, as the spoof decisions (lib/commands/spoof-decisions.ts) read and
// close it: found by its open key, closed naming the person and why.
import { actorUserId, type AuditActor } from "../db/audit-trail";
import { openKeyFor } from "../db/alert-writes";
import type { Db } from "../db/client";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const spoofKey = (deviceId: string) => openKeyFor({ kind: "spoof", deviceId });

/** The device's open (or acknowledged) spoof alert: its findings are what the person decides on. */
export function openSpoofAlert(tx: Tx, deviceId: string) {
  return tx.alert.findUnique({ where: { openKey: spoofKey(deviceId) }, select: { id: true, status: true, title: true, detail: true } });
}

/** Closes the device's spoof alert, naming the person and why; the condition coming back is a new alert. */
export async function closeSpoofAlert(tx: Tx, deviceId: string, why: string, actor: AuditActor, at: Date) {
  await tx.alert.updateMany({
    where: { openKey: spoofKey(deviceId), status: { not: "resolved" } },
    data: { status: "resolved", resolvedAt: at, resolvedById: actorUserId(actor), resolvedReason: why.slice(0, 500), openKey: null },
  });
}
