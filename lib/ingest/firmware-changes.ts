// Every firmware change a known device reports becomes a FirmwareChange row, written inside the
// report's transaction; the firmware watch (lib/jobs/firmware-watch.ts) later says whether a plan
// covered it. Cheap by construction: the stored firmware is already read with the device
// (known-devices.ts, loadStored), so a report whose devices' firmware did not change reads and
// writes nothing.
import type { Db } from "../db/client";
import type { StoredWithFirmware } from "./known-devices";
import type { PlannedDevice } from "./store";

/** The fingerprint comparisons that say something about the device behind the new firmware. */
const VERDICTS = new Set(["same", "changed", "different"]);

export type FirmwareChangeRow = { deviceId: string; fromVersion: string; toVersion: string; seenAt: Date; agentId: string; fingerprint: string | null };

/** The firmware the device's newest observation claims (as deviceFacts writes it: an empty one says nothing). */
function reportedFirmware(p: PlannedDevice): string | null {
  return p.decision.latest.observation.claimed?.firmwareVersion || null;
}

/** When the change was seen: the observation's time, never ahead of the server's (as lastSeenAt). */
function seenAt(p: PlannedDevice, at: Date): Date {
  const observed = new Date(p.decision.latest.observation.observedAt);
  return observed > at ? at : observed;
}

/** One row per known device whose stored and newly reported firmware are both known and differ. */
export function firmwareChangeRows(planned: PlannedDevice[], stored: Map<string, StoredWithFirmware>, agentId: string, at: Date): FirmwareChangeRow[] {
  const rows: FirmwareChangeRow[] = [];
  for (const p of planned) {
    const from = p.group.isNew ? null : (stored.get(p.group.deviceId)?.firmwareVersion ?? null);
    const to = reportedFirmware(p);
    if (!from || !to || from === to) continue;
    const verdict = p.decision.fingerprint?.verdict;
    rows.push({ deviceId: p.group.deviceId, fromVersion: from, toVersion: to, seenAt: seenAt(p, at), agentId, fingerprint: verdict && VERDICTS.has(verdict) ? verdict : null });
  }
  return rows;
}

/** Writes the changes of one report: no query at all when there is none. */
export async function recordFirmwareChanges(tx: Db, planned: PlannedDevice[], stored: Map<string, StoredWithFirmware>, agentId: string, at: Date): Promise<number> {
  const rows = firmwareChangeRows(planned, stored, agentId, at);
  if (rows.length) await tx.firmwareChange.createMany({ data: rows });
  return rows.length;
}
