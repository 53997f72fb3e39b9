// What a reconciliation pass writes once it knows each entry's link: the entry's link, state and
// named disagreements, each device's register link (DeviceRegisterLink), and, where a site allows
// only registered devices, the status of each device whose link changed. Only rows that change
// are written, in multi-row statements, in one transaction.
import { bulkInsert, bulkTarget, bulkUpdate, lockInKeyOrder, type Target } from "../db/bulk";
import type { Db } from "../db/client";
import { deviceSides, type StoredEntry } from "../db/asset-register-sql";
import { primaryEntry, type Link } from "../domain/assets/asset-linking";
import { assetState, mismatchesOf, type AssetState } from "../domain/assets/asset-mismatch";
import { enabledPolicies, reevaluateDevices } from "./policy-reevaluation";

export type Settled = { states: Record<AssetState, number>; linked: number; entriesWritten: number; devicesWritten: number; statusChanges: number };

const ENTRY_COLUMNS = { deviceId: "text", linkKey: "text", linkConfidence: "text", linkedAt: "date", state: "text", mismatches: "jsonText", reconciledAt: "date", updatedAt: "date" } as const;

const jsonText = (v: unknown) => (v === null || v === undefined || (Array.isArray(v) && !v.length) ? null : JSON.stringify(v));

/**
 * Settles `entries` with their new `links` (entries absent from `links` keep their stored link).
 * `registered`: devices in scope that have a register link now (device id → entry id), so a
 * device no entry links any more loses it; `fixed`: stored links of other entries that also name
 * devices in scope (they count for the devices' register links); `reevaluate`: more devices for
 * a "registered only" baseline to decide on.
 */
export async function settleEntries(db: Db, input: { entries: StoredEntry[]; links: Map<string, Link | null>; registered: Map<string, string>; fixed?: { entryId: string; link: Link }[]; now: Date; missingAfterDays: number; reevaluate?: string[] }): Promise<Settled> {
  const { entries, links, now } = input;
  const linkOf = (e: StoredEntry): Link | null => (links.has(e.id) ? links.get(e.id)! : e.deviceId ? { deviceId: e.deviceId, key: (e.linkKey ?? "manual") as Link["key"], confidence: (e.linkConfidence ?? "high") as Link["confidence"] } : null);
  const linkedIds = [...new Set(entries.flatMap((e) => linkOf(e)?.deviceId ?? []))];
  const sides = await deviceSides(db, linkedIds);
  const states: Record<AssetState, number> = { reconciled: 0, mismatched: 0, missing: 0, not_network: 0, retired: 0 };
  const entryRows: Record<string, unknown>[] = [];
  const byDevice = new Map<string, { entryId: string; link: Link }[]>();
  for (const f of input.fixed ?? []) byDevice.set(f.link.deviceId, [...(byDevice.get(f.link.deviceId) ?? []), f]);
  let linked = 0;
  for (const e of entries) {
    const link = linkOf(e);
    const side = link ? sides.get(link.deviceId) : undefined;
    // A link to a device that no longer exists is no link.
    const live = link && side ? link : null;
    const device = live ? side! : null;
    const mismatches = live && side ? mismatchesOf(e, side) : [];
    const state = assetState({ retired: !!e.retiredAt, notNetwork: !!e.notNetworkAt, device, mismatches, now, missingAfterDays: input.missingAfterDays });
    states[state]++;
    if (live) {
      linked++;
      if (!e.retiredAt) byDevice.set(live.deviceId, [...(byDevice.get(live.deviceId) ?? []), { entryId: e.id, link: live }]);
    }
    const mismatchText = jsonText(mismatches);
    const moved = (live?.deviceId ?? null) !== e.deviceId;
    if (moved || (live?.key ?? null) !== e.linkKey || (live?.confidence ?? null) !== e.linkConfidence || state !== e.state || mismatchText !== jsonText(e.mismatches)) {
      entryRows.push({ id: e.id, deviceId: live?.deviceId ?? null, linkKey: live?.key ?? null, linkConfidence: live?.confidence ?? null, linkedAt: live ? (moved ? now : e.linkedAt ?? now) : null, state, mismatches: mismatchText, reconciledAt: now, updatedAt: now });
    }
  }
  // Each device's register link: its primary entry, or none (a shadow asset).
  const deviceRows: { id: string; assetId: string | null }[] = [];
  const flipped: string[] = [];
  const before = new Map<string, string | null>(input.registered);
  for (const side of sides.values()) before.set(side.id, side.assetId);
  for (const [id, current] of before) {
    const assetId = primaryEntry(byDevice.get(id) ?? []);
    if (assetId === current) continue;
    deviceRows.push({ id, assetId });
    if ((assetId === null) !== (current === null)) flipped.push(id);
  }
  if (entryRows.length || deviceRows.length) {
    await db.$transaction(async (tx) => {
      const target = bulkTarget(db, tx);
      await lockInKeyOrder(target, "Asset", "id", entryRows.map((r) => r.id as string));
      await bulkUpdate(target, "Asset", "id", ENTRY_COLUMNS, entryRows);
      await writeDeviceLinks(target, deviceRows);
    }, { maxWait: 30_000, timeout: 600_000 });
  }
  const statusChanges = await applyRegisteredOnly(db, [...new Set([...flipped, ...(input.reevaluate ?? [])])], now);
  return { states, linked, entriesWritten: entryRows.length, devicesWritten: deviceRows.length, statusChanges };
}

/** A "registered only" baseline decides again on devices whose register link changed (only when one is enabled). */
async function applyRegisteredOnly(db: Db, deviceIds: string[], now: Date): Promise<number> {
  if (!deviceIds.length) return 0;
  const policies = await enabledPolicies(db);
  if (!policies.some((p) => p.kind === "baseline" && p.rules.registeredOnly)) return 0;
  return (await reevaluateDevices(db, deviceIds, policies, now)).length;
}

const LINK_CHUNK = 10_000;

/**
 * Each device's register link as settled: the devices' old links go, the new ones (an entry id,
 * not null) are written. Rows of their own table, not Device updates (see the schema).
 */
async function writeDeviceLinks(target: Target, rows: { id: string; assetId: string | null }[]) {
  const sqlite = target.provider === "sqlite";
  const removed = sqlite
    ? `DELETE FROM "DeviceRegisterLink" WHERE "deviceId" IN (SELECT value FROM json_each(?))`
    : `DELETE FROM "DeviceRegisterLink" WHERE "deviceId" = ANY(SELECT jsonb_array_elements_text($1::jsonb))`;
  for (let i = 0; i < rows.length; i += LINK_CHUNK) await target.db.$executeRawUnsafe(removed, JSON.stringify(rows.slice(i, i + LINK_CHUNK).map((r) => r.id)));
  const links = rows.flatMap((r) => (r.assetId ? [{ deviceId: r.id, assetId: r.assetId }] : []));
  await bulkInsert(target, "DeviceRegisterLink", { deviceId: "text", assetId: "text" }, links);
}
