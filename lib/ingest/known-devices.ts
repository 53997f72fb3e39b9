// The devices a report is about, as the database knows them: which of its identity keys are known
// (and to which device), and each known device's state, current fingerprint and register link.
// Both are read for every report, so both go through lib/db's bulk readers (cached prepared
// statements on SQLite inside the report's transaction), never the ORM.
import { selectByKeys, selectIn, type Columns, type Target } from "../db/bulk";
import { keyString } from "../domain/identity/device-groups";
import type { Evidence, IdentityKey } from "../domain/identity/evidence";
import type { StoredDevice } from "../domain/identity/verdict";

/** keyString → device id, for every key of the report already known. */
export async function knownIdentifiers(target: Target, evidence: Evidence[]): Promise<Map<string, string>> {
  const byKind = new Map<IdentityKey["kind"], Set<string>>();
  for (const e of evidence) for (const k of e.keys) (byKind.get(k.kind) ?? byKind.set(k.kind, new Set()).get(k.kind)!).add(k.value);
  const known = new Map<string, string>();
  for (const [kind, values] of byKind) {
    // The hottest read of ingestion (every key of every observation): plain SQL, no ORM planning.
    const rows = await selectIn<{ value: string; deviceId: string }>(target, "DeviceIdentifier", ["value", "deviceId"], { kind }, "value", [...values]);
    for (const row of rows) known.set(keyString({ kind, value: row.value }), row.deviceId);
  }
  return known;
}

/** A known device as the report finds it; its firmware, for lib/ingest/firmware-changes.ts. */
export type StoredWithFirmware = StoredDevice & { firmwareVersion: string | null };

// A known device's state as the report's verdicts need it (StoredDevice), and its firmware.
const STORED_COLUMNS: Columns = {
  id: "text", status: "text", statusRule: "text", category: "text", vendor: "text", segmentId: "text", spoofSuspected: "bool", spoofDismissal: "json", switchPort: "text", switchPortSeenAt: "date",
  claimedMac: "text", factsHash: "text", criticalitySource: "text", lastSeenAt: "date", lastAgentId: "text", notSeenAt: "date", currentFingerprintId: "text", firmwareVersion: "text",
};

/**
 * The report's known devices, their current fingerprints and register links. With a report's
 * thousand devices, compiling and mapping the ORM's queries was a visible share of ingestion's CPU.
 */
export async function loadStored(target: Target, ids: string[]): Promise<Map<string, StoredWithFirmware>> {
  const [rows, links] = await Promise.all([selectByKeys(target, "Device", "id", STORED_COLUMNS, ids), selectByKeys(target, "DeviceRegisterLink", "deviceId", { deviceId: "text", assetId: "text" }, ids)]);
  const fpIds = rows.flatMap((r) => (r.currentFingerprintId ? [r.currentFingerprintId as string] : []));
  const fps = await selectByKeys(target, "Fingerprint", "id", { id: "text", hash: "text", attributes: "json" }, fpIds);
  const fpById = new Map(fps.map((f) => [f.id as string, f as StoredDevice["currentFingerprint"]]));
  const assetOf = new Map(links.map((l) => [l.deviceId as string, l.assetId as string]));
  const stored = new Map<string, StoredWithFirmware>();
  for (const r of rows) {
    const id = r.id as string;
    const currentFingerprint = r.currentFingerprintId ? (fpById.get(r.currentFingerprintId as string) ?? null) : null;
    stored.set(id, { ...(r as Omit<StoredWithFirmware, "currentFingerprint" | "assetId">), assetId: assetOf.get(id) ?? null, currentFingerprint });
  }
  return stored;
}
