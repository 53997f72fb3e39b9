// Risk acceptances past their expiry, tidied by the background pass (lib/jobs/scheduler.ts).
import { audit } from "../db/audit-trail";
import type { Db } from "../db/client";

/**
 * Acceptances past their expiry: the device ranks with the others again (queries compare
 * riskAcceptedUntil with now, so this is tidying, not correctness), and the expiry is audited.
 */
export async function expireAcceptances(db: Db, now = new Date()): Promise<number> {
  // Through the riskAcceptedUntil index, in its order: a walk in id order (the ORM's default for a
  // take) read every device to find none, 840 ms of SQLite's only connection every 5 s at a million.
  const expired = await db.device.findMany({ where: { riskAcceptedUntil: { lte: now } }, select: { id: true, riskAcceptedUntil: true }, orderBy: { riskAcceptedUntil: "asc" }, take: 1000 });
  for (const d of expired) {
    await db.$transaction(async (tx) => {
      const cleared = await tx.device.updateMany({ where: { id: d.id, riskAcceptedUntil: d.riskAcceptedUntil }, data: { riskAcceptedUntil: null } });
      if (cleared.count) await audit(tx, { actor: { system: "acceptance-expiry" }, action: "risk.accept_expired", targetType: "device", targetId: d.id, before: { riskAcceptedUntil: d.riskAcceptedUntil!.toISOString() }, after: { riskAcceptedUntil: null } });
    });
  }
  return expired.length;
}
