// A device a person blocked may come back under a new claimed identity (a new MAC, a new serial
// string); its physical fingerprint gives it away. Read inside the report's transaction.
import type { Db } from "../db/client";
import type { BlockedDevice } from "../domain/identity/verdict";

/** Devices a person blocked, by the hash of a physical fingerprint they were seen with (for a blocked device returning under a new identity). */
export async function blockedByFingerprint(tx: Db, hashes: string[]): Promise<Map<string, BlockedDevice>> {
  const found = new Map<string, BlockedDevice>();
  if (!hashes.length) return found;
  const rows = await tx.fingerprint.findMany({
    where: { hash: { in: [...new Set(hashes)] }, device: { status: "unauthorized", statusRule: "user:block" } },
    select: { hash: true, device: { select: { id: true, displayName: true } } },
    orderBy: { lastSeenAt: "desc" },
  });
  for (const r of rows) if (!found.has(r.hash)) found.set(r.hash, { deviceId: r.device.id, name: r.device.displayName });
  return found;
}
