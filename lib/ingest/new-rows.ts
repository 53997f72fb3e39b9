// The rows a report creates (new devices, their identifying keys, new fingerprints), written
// through the driver (lib/db's bulk insert) rather than the ORM's createMany. The ORM compiles a
// createMany's plan with every row in it, and no two reports have the same rows: a CPU profile of
// bench:ingest on SQLite found 1.2 s of compiling per thousand new devices (9.8 s for a fleet of
// 8,000), 1.6 s for their keys and 1.4 s for their fingerprints, before any row was written.
import { bulkInsert, type Columns, type Target } from "../db/bulk";
import { DEVICE_COLUMN_TYPES, FINGERPRINT_COLUMNS, IDENTIFIER_COLUMNS } from "../db/device-columns";
import type { DeviceColumns } from "../domain/identity/device-rows";

/**
 * New devices. A device carries only the facts its evidence gave, so rows are written in groups
 * of the same columns and the database's defaults fill the rest, as the ORM's would have.
 */
export async function insertDevices(target: Target, rows: DeviceColumns[], at: Date) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const stamped = { ...row, createdAt: at, updatedAt: at };
    const shape = Object.keys(stamped).sort().join(",");
    const group = groups.get(shape);
    if (group) group.push(stamped);
    else groups.set(shape, [stamped]);
  }
  for (const group of groups.values()) await bulkInsert(target, "Device", columnsOf(Object.keys(group[0])), group);
}

function columnsOf(names: string[]): Columns {
  return Object.fromEntries(
    names.map((name) => {
      const type = DEVICE_COLUMN_TYPES[name];
      // A column added to the new device's row must be typed here, or it would be written wrongly.
      if (!type) throw new Error(`lib/ingest/new-rows.ts does not know the type of Device.${name}`);
      return [name, type];
    }),
  );
}

/** Identifying keys seen for the first time. */
export async function insertIdentifiers(target: Target, rows: { kind: string; value: string; deviceId: string }[], at: Date) {
  await bulkInsert(target, "DeviceIdentifier", IDENTIFIER_COLUMNS, rows.map((r) => ({ ...r, createdAt: at })));
}

export type NewFingerprint = { id: string; deviceId: string; hash: string; attributes: unknown; channel: string; verdict: string; similarity?: number | null; firstSeenAt: Date; lastSeenAt: Date };

/** Physical fingerprints not seen before (seenCount starts at the database's default, 1). */
export async function insertFingerprints(target: Target, rows: NewFingerprint[]) {
  await bulkInsert(target, "Fingerprint", FINGERPRINT_COLUMNS, rows);
}
