// Register entries written in bulk, for both ways the register comes in: the CSV import (the whole
// source at once; entries it no longer lists are retired) and the push API (some entries of a
// source). The source's existing entries are read once, compared field by field, and only what
// changed is written, in multi-row statements: an unchanged entry costs no write, so re-sending
// the same register (or the same API body) changes nothing.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import { bulkInsert, bulkTarget, bulkUpdate, lockInKeyOrder, parameters, queryRows, type Columns, type Target } from "../db/bulk";
import { SQLITE_IN_LIST_MAX, type Db } from "../db/client";
import { newRowId } from "../db/row-ids";
import { assetKeysOf, normaliseIp } from "../domain/assets/asset-keys";
import type { RegisterRow } from "../domain/assets/register-mapping";
import { hasUnsafeText } from "../web/body";
import { badRequest, zodIssues } from "../web/errors";
import { reconcileRegister } from "../jobs/asset-reconciliation";

/** The source named by an import or a push: what people call it ("Nuvolo export", "api"). */
export const sourceNameSchema = z
  .string()
  .trim()
  .min(1, "Name the source.")
  .max(120, "At most 120 characters.")
  .refine((t) => !hasUnsafeText(t) && !/[\r\n\t]/.test(t), "Control characters and line breaks are not allowed.");

export function parseSourceName(input: unknown): string {
  const parsed = sourceNameSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_source", "The register source name is not valid.", zodIssues(parsed.error).map((i) => ({ ...i, path: "source" })));
  return parsed.data;
}

export type EntryInput = { row: RegisterRow; retired?: boolean };
export type EntryCounts = { created: number; updated: number; unchanged: number; retired: number };

// The entry's columns the register writes (the link, state and mismatches are reconciliation's).
const REGISTER_COLUMNS: Columns = {
  assetTag: "text", assetTagKey: "text", serial: "text", serialKey: "text", mac: "text", hostname: "text", hostnameKey: "text",
  ip: "text", manufacturer: "text", model: "text", deviceType: "text", department: "text", location: "text", owner: "text",
  siteId: "text", purchasedOn: "date", endOfSupportOn: "date", extra: "json",
};
const COMPARED = Object.keys(REGISTER_COLUMNS);

type Existing = Record<string, unknown> & { id: string; assetTag: string; retiredAt: unknown };

/** Sites by lower-cased name: the register's site column names a site the dashboard knows, or stays text in extra. */
export async function siteIdsByName(db: Pick<Db, "site">): Promise<Map<string, string>> {
  const sites = await db.site.findMany({ select: { id: true, name: true } });
  return new Map(sites.map((s) => [s.name.trim().toLowerCase(), s.id]));
}

/** The database columns of one entry. A site the dashboard does not know is kept in extra, so nothing is lost. */
export function entryColumns(row: RegisterRow, sites: Map<string, string>, siteColumn = "site"): Record<string, unknown> {
  const siteId = row.site ? (sites.get(row.site.toLowerCase()) ?? null) : null;
  const extra = row.site && !siteId ? { ...row.extra, [siteColumn]: row.site } : row.extra;
  const keys = assetKeysOf(row);
  return {
    assetTag: row.assetTag, assetTagKey: keys.assetTagKey, serial: row.serial, serialKey: keys.serialKey, mac: keys.mac,
    hostname: row.hostname, hostnameKey: keys.hostnameKey, ip: row.ip ? (normaliseIp(row.ip) ?? row.ip) : null,
    manufacturer: row.manufacturer, model: row.model, deviceType: row.deviceType, department: row.department,
    location: row.location, owner: row.owner, siteId, purchasedOn: row.purchasedOn, endOfSupportOn: row.endOfSupportOn,
    extra: extra && Object.keys(extra).length ? extra : null,
  };
}

// Compared as text, whatever each database hands back (dates as Date or text, JSON as object or text).
function comparable(column: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  const type = REGISTER_COLUMNS[column];
  if (type === "date") return String(new Date(value as string | Date).getTime());
  if (type === "json") return canonicalJson(typeof value === "string" ? JSON.parse(value) : value);
  return String(value);
}
// PostgreSQL's jsonb keeps keys in its own order: compare with the keys sorted.
const canonicalJson = (value: unknown) => JSON.stringify(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const sameEntry = (a: Record<string, unknown>, b: Record<string, unknown>) => COMPARED.every((c) => comparable(c, a[c]) === comparable(c, b[c]));

/** The source's entries (all, or those with the given tags), in one read (a few for the push API). */
export async function existingEntries(target: Target, sourceId: string, tags?: string[]): Promise<Map<string, Existing>> {
  const select = `SELECT "id", "retiredAt", ${COMPARED.map((c) => `"${c}"`).join(", ")} FROM "Asset" WHERE "sourceId" = `;
  const out = new Map<string, Existing>();
  const read = async (suffix: (bind: (v: unknown) => string) => string) => {
    const p = parameters(target.provider);
    const sql = `${select}${p.bind(sourceId)}${suffix(p.bind)}`;
    const rows = await queryRows<Existing>(target, sql, p.values);
    for (const row of rows) out.set(row.assetTag, row);
  };
  if (!tags) await read(() => "");
  else for (let i = 0; i < tags.length; i += SQLITE_IN_LIST_MAX) await read((bind) => ` AND "assetTag" IN (${tags.slice(i, i + SQLITE_IN_LIST_MAX).map((t) => bind(t)).join(", ")})`);
  return out;
}

export type EntryPlan = { creates: Record<string, unknown>[]; updates: Record<string, unknown>[]; unretires: Record<string, unknown>[]; retires: string[]; unchanged: number };

/**
 * What writing these entries changes. `retireOthers` (an import of the whole source): entries the
 * source has and the file does not list are retired. An entry listed again is un-retired.
 */
export function planEntries(existing: Map<string, Existing>, entries: EntryInput[], sites: Map<string, string>, options: { retireOthers?: boolean; siteColumn?: string } = {}): EntryPlan {
  const plan: EntryPlan = { creates: [], updates: [], unretires: [], retires: [], unchanged: 0 };
  const listed = new Set<string>();
  for (const entry of entries) {
    const columns = entryColumns(entry.row, sites, options.siteColumn);
    listed.add(entry.row.assetTag);
    const before = existing.get(entry.row.assetTag);
    const wasRetired = Boolean(before?.retiredAt);
    if (!before) plan.creates.push({ ...columns, retired: Boolean(entry.retired) });
    else if (entry.retired && !wasRetired) {
      if (!sameEntry(before, columns)) plan.updates.push({ id: before.id, ...columns });
      plan.retires.push(before.id);
    } else if (!entry.retired && wasRetired) plan.unretires.push({ id: before.id, ...columns });
    else if (!sameEntry(before, columns)) plan.updates.push({ id: before.id, ...columns });
    else plan.unchanged++;
  }
  if (options.retireOthers) for (const [tag, before] of existing) if (!listed.has(tag) && !before.retiredAt) plan.retires.push(before.id);
  return plan;
}

export const planCounts = (plan: EntryPlan): EntryCounts => ({
  created: plan.creates.length,
  updated: plan.updates.length + plan.unretires.length,
  unchanged: plan.unchanged,
  retired: plan.retires.length,
});

/** The plan's writes, in multi-row statements (inside the caller's transaction). */
export async function applyPlan(target: Target, sourceId: string, plan: EntryPlan, now: Date) {
  const insertColumns: Columns = { id: "text", sourceId: "text", ...REGISTER_COLUMNS, retiredAt: "date", state: "text", createdAt: "date", updatedAt: "date" };
  // A new entry is missing until the reconciliation that follows the commit links it.
  // One unnest() statement a batch on PostgreSQL (a parameter a column, not a value).
  await bulkInsert(target, "Asset", insertColumns, plan.creates.map((c) => ({ ...c, id: newRowId(), sourceId, retiredAt: c.retired ? now : null, state: c.retired ? "retired" : "missing", createdAt: now, updatedAt: now })));
  // The settling job writes entries too: both lock them in one order (lib/db/bulk.ts).
  await lockInKeyOrder(target, "Asset", "id", [...plan.updates, ...plan.unretires].map((u) => u.id as string).concat(plan.retires));
  await bulkUpdate(target, "Asset", "id", { ...REGISTER_COLUMNS, updatedAt: "date" }, plan.updates.map((u) => ({ ...u, updatedAt: now })));
  await bulkUpdate(target, "Asset", "id", { ...REGISTER_COLUMNS, retiredAt: "date", state: "text", updatedAt: "date" }, plan.unretires.map((u) => ({ ...u, retiredAt: null, state: "missing", updatedAt: now })));
  await bulkUpdate(target, "Asset", "id", { retiredAt: "date", state: "text", updatedAt: "date" }, plan.retires.map((id) => ({ id, retiredAt: now, state: "retired", updatedAt: now })));
}

/** Long enough for a 200,000-row register; the default 5 s is for clicks. */
export const IMPORT_TRANSACTION = { maxWait: 30_000, timeout: 300_000 };

/**
 * The push API's write: these entries of the named source (created with kind "api" when new),
 * all or nothing, audited as one row when anything changed, then reconciled.
 */
export async function upsertRegisterEntries(db: Db, sourceName: string, entries: EntryInput[], actor: AuditActor): Promise<EntryCounts & { sourceId: string; ms: number }> {
  const started = Date.now();
  const name = parseSourceName(sourceName);
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const source = (await tx.assetSource.findUnique({ where: { name }, select: { id: true } })) ?? (await tx.assetSource.create({ data: { name, kind: "api" }, select: { id: true } }));
    const target = bulkTarget(db, tx);
    const existing = await existingEntries(target, source.id, entries.map((e) => e.row.assetTag));
    const plan = planEntries(existing, entries, await siteIdsByName(tx));
    const counts = planCounts(plan);
    if (counts.created + counts.updated + counts.retired > 0) {
      await applyPlan(target, source.id, plan, now);
      await tx.assetSource.update({ where: { id: source.id }, data: { lastImportAt: now, lastImportBy: actorLabel(actor), lastImportRows: entries.length } });
      await audit(tx, { actor, action: "asset_register.push", targetType: "asset_source", targetId: source.id, after: { source: name, entries: entries.length, ...counts } });
    }
    return { sourceId: source.id, ...counts };
  }, IMPORT_TRANSACTION);
  if (result.created + result.updated + result.retired > 0) await reconcileRegister(db, { sourceId: result.sourceId, now });
  return { ...result, ms: Date.now() - started };
}
