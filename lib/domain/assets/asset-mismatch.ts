// Where a linked register entry and its device disagree, and the state of each entry. Pure: the
// reconciliation job decides with these, the views show what they stored.
//
// Compared: model, firmware, location and department, each after folding case and spaces. A
// register field that is empty never disagrees (registers are patchy); a device field nobody
// reported says nothing either. The register keeps no firmware column of its own: a column named
// "firmware" (or "firmware version", "software version") kept among the extra columns is read.

export type MismatchField = "model" | "firmware" | "location" | "department";
export type Mismatch = { field: MismatchField; register: string; network: string };
export type AssetState = "reconciled" | "mismatched" | "missing" | "not_network" | "retired";

export type RegisterSide = { model: string | null; location: string | null; department: string | null; extra?: unknown };
/** The device's side: what evidence resolved and what it claimed (either may name the model or firmware). */
export type NetworkSide = { model: string | null; claimedModel?: string | null; firmwareVersion: string | null; claimedFirmware?: string | null; location: string | null; department: string | null };

/** " Alaris  8015 " → "alaris 8015": case and runs of spaces fold away. */
export const fold = (s: string | null | undefined): string => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();

const FIRMWARE_COLUMNS = new Set(["firmware", "firmware version", "firmwareversion", "firmware_version", "software version", "softwareversion", "software_version", "fw", "fw version"]);

/** The firmware the register names in its extra columns, if any. */
export function registerFirmware(extra: unknown): string | null {
  if (!extra || typeof extra !== "object" || Array.isArray(extra)) return null;
  for (const [column, value] of Object.entries(extra as Record<string, unknown>)) {
    if (FIRMWARE_COLUMNS.has(fold(column)) && typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

/** The register's value disagrees with every value the network gives (and the network gives one). */
function disagreement(field: MismatchField, register: string | null, network: (string | null | undefined)[]): Mismatch | null {
  const r = fold(register);
  const seen = network.filter((n): n is string => !!n && !!fold(n));
  if (!r || !seen.length || seen.some((n) => fold(n) === r)) return null;
  return { field, register: register!.trim(), network: seen[0].trim() };
}

/** Each disagreement, named, in the order model, firmware, location, department. */
export function mismatchesOf(entry: RegisterSide, device: NetworkSide): Mismatch[] {
  return [
    disagreement("model", entry.model, [device.model, device.claimedModel]),
    disagreement("firmware", registerFirmware(entry.extra), [device.firmwareVersion, device.claimedFirmware]),
    disagreement("location", entry.location, [device.location]),
    disagreement("department", entry.department, [device.department]),
  ].filter((m): m is Mismatch => m !== null);
}

const DAY_MS = 86_400_000;

/** The Setting holding N, the days after which an entry whose device is not seen is missing (1–365, default 30). */
export const MISSING_AFTER_DAYS_KEY = "assets.missingAfterDays";
export const MISSING_AFTER_DAYS_DEFAULT = 30;
export const MISSING_AFTER_DAYS_MAX = 365;

/**
 * An entry's state: retired (its source dropped it) and not_network (a person's word) first; then
 * missing when linked to no device or to one not seen for more than `missingAfterDays` days (or
 * retired as a device); then mismatched when any field disagrees; else reconciled.
 */
export function assetState(input: {
  retired: boolean;
  notNetwork: boolean;
  device: { lastSeenAt: Date; retired: boolean } | null;
  mismatches: Mismatch[];
  now: Date;
  missingAfterDays: number;
}): AssetState {
  if (input.retired) return "retired";
  if (input.notNetwork) return "not_network";
  const d = input.device;
  if (!d || d.retired || input.now.getTime() - d.lastSeenAt.getTime() > input.missingAfterDays * DAY_MS) return "missing";
  return input.mismatches.length ? "mismatched" : "reconciled";
}
