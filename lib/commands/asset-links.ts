// What a person changes of the register's links with the network (admin and engineer, checked by
// the caller with canManageAssetRegister): link an entry with a device by hand (reconciliation
// never moves it), unlink it (a refusal is kept, so the pair is never linked automatically again),
// mark it "not a network device" (never missing) or take that back, and set after how many days
// an entry whose device is not seen is missing. Each change is audited in its transaction; the
// entry's state, the devices' register links and a "registered only" policy follow right after.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { readMissingAfterDays } from "../db/asset-register-sql";
import { MISSING_AFTER_DAYS_KEY, MISSING_AFTER_DAYS_MAX } from "../domain/assets/asset-mismatch";
import { reconcileEntries, reconcileRegister } from "../jobs/asset-reconciliation";
import { hasUnsafeText } from "../web/body";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

export { MISSING_AFTER_DAYS_DEFAULT, MISSING_AFTER_DAYS_KEY } from "../domain/assets/asset-mismatch";
/** The missing-after days in force (the Setting, or 30). */
export const missingAfterDays = readMissingAfterDays;

const id = z.string().trim().min(1, "Required.").max(64);
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).refine((t) => !hasUnsafeText(t), "Control characters are not allowed.");
export const linkSchema = z.object({ assetId: id, deviceId: id, reason: text(500).optional() });
export const unlinkSchema = z.object({ assetId: id, reason: text(500).optional() });
export const notNetworkSchema = z.object({ assetId: id, reason: text(500).min(1, "Say why: it is kept in the audit log.") });
export const clearNotNetworkSchema = z.object({ assetId: id });
export const missingAfterDaysSchema = z.coerce.number({ error: "A number of days." }).int("A whole number of days.").min(1, "At least 1 day.").max(MISSING_AFTER_DAYS_MAX, `At most ${MISSING_AFTER_DAYS_MAX} days.`);

function parse<T extends z.ZodType>(schema: T, input: unknown, code: string, message: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(code, message, zodIssues(parsed.error));
  return parsed.data;
}

type Tx = Pick<Db, "asset" | "device" | "assetLinkRefusal" | "auditLog">;
const ENTRY = { id: true, sourceId: true, assetTag: true, deviceId: true, linkKey: true, linkedBy: true, retiredAt: true, notNetworkAt: true } as const;

async function entryOrThrow(tx: Tx, assetId: string) {
  const entry = await tx.asset.findUnique({ where: { id: assetId }, select: ENTRY });
  if (!entry) throw notFound("register entry");
  return entry;
}

/** Links an entry with a device by hand; another entry of the same source linked automatically with that device lets it go. */
export async function linkAsset(db: Db, input: { assetId: string; deviceId: string; reason?: string }, actor: AuditActor) {
  const p = parse(linkSchema, input, "invalid_link", "The link is not valid.");
  const result = await db.$transaction(async (t) => {
    const tx = t as unknown as Tx;
    const entry = await entryOrThrow(tx, p.assetId);
    const device = await tx.device.findUnique({ where: { id: p.deviceId }, select: { id: true, displayName: true } });
    if (!device) throw notFound("device");
    if (entry.retiredAt) throw badRequest("entry_retired", "This register entry is retired (its source no longer lists it): it cannot be linked.");
    if (entry.deviceId === device.id && entry.linkKey === "manual") return { changed: false, previous: entry.deviceId, others: [] as string[] };
    const rivals = await tx.asset.findMany({ where: { sourceId: entry.sourceId, deviceId: device.id, id: { not: entry.id } }, select: { id: true, assetTag: true, linkKey: true } });
    const manual = rivals.find((r) => r.linkKey === "manual");
    if (manual) throw conflict(`This device is already linked by hand with ${manual.assetTag} of the same register: unlink that entry first.`);
    if (rivals.length) await tx.asset.updateMany({ where: { id: { in: rivals.map((r) => r.id) } }, data: { deviceId: null, linkKey: null, linkConfidence: null, linkedAt: null, linkedBy: null } });
    // A person who links the pair takes back an earlier "not the same".
    await tx.assetLinkRefusal.deleteMany({ where: { assetId: entry.id, deviceId: device.id } });
    const now = new Date();
    await tx.asset.update({ where: { id: entry.id }, data: { deviceId: device.id, linkKey: "manual", linkConfidence: "high", linkedAt: now, linkedBy: actorLabel(actor) } });
    await audit(tx, { actor, action: "asset.link", targetType: "asset", targetId: entry.id, before: { assetTag: entry.assetTag, deviceId: entry.deviceId, linkKey: entry.linkKey }, after: { deviceId: device.id, device: device.displayName, linkKey: "manual", reason: p.reason ?? null, released: rivals.map((r) => r.assetTag) } });
    return { changed: true, previous: entry.deviceId, others: rivals.map((r) => r.id) };
  });
  if (result.changed) await reconcileEntries(db, [p.assetId, ...result.others], [p.deviceId, ...(result.previous ? [result.previous] : [])]);
  return { assetId: p.assetId, deviceId: p.deviceId, changed: result.changed };
}

/** Unlinks an entry from its device and keeps the refusal: the pair is never linked automatically again. */
export async function unlinkAsset(db: Db, input: { assetId: string; reason?: string }, actor: AuditActor) {
  const p = parse(unlinkSchema, input, "invalid_unlink", "The unlink is not valid.");
  const deviceId = await db.$transaction(async (t) => {
    const tx = t as unknown as Tx;
    const entry = await entryOrThrow(tx, p.assetId);
    if (!entry.deviceId) throw badRequest("not_linked", "This register entry is linked with no device.");
    const by = actorLabel(actor);
    await tx.assetLinkRefusal.upsert({ where: { assetId_deviceId: { assetId: entry.id, deviceId: entry.deviceId } }, create: { assetId: entry.id, deviceId: entry.deviceId, by, reason: p.reason ?? null }, update: { by, reason: p.reason ?? null } });
    await tx.asset.update({ where: { id: entry.id }, data: { deviceId: null, linkKey: null, linkConfidence: null, linkedAt: null, linkedBy: null } });
    await audit(tx, { actor, action: "asset.unlink", targetType: "asset", targetId: entry.id, before: { assetTag: entry.assetTag, deviceId: entry.deviceId, linkKey: entry.linkKey }, after: { deviceId: null, refused: entry.deviceId, reason: p.reason ?? null } });
    return entry.deviceId;
  });
  await reconcileEntries(db, [p.assetId], [deviceId]);
  return { assetId: p.assetId, changed: true };
}

/** A person's word that the entry is no network device (a bed, a manual scale): never missing, never linked automatically. */
export async function markNotNetworkDevice(db: Db, input: { assetId: string; reason: string }, actor: AuditActor) {
  const p = parse(notNetworkSchema, input, "invalid_not_network", "The reason is not valid.");
  const deviceId = await db.$transaction(async (t) => {
    const tx = t as unknown as Tx;
    const entry = await entryOrThrow(tx, p.assetId);
    const now = new Date();
    // An automatic link goes (it was a guess about a device the person says is not on the network); a person's own link stays.
    const release = entry.deviceId && entry.linkKey !== "manual" ? { deviceId: null, linkKey: null, linkConfidence: null, linkedAt: null } : {};
    await tx.asset.update({ where: { id: entry.id }, data: { notNetworkAt: now, notNetworkBy: actorLabel(actor), notNetworkReason: p.reason, ...release } });
    await audit(tx, { actor, action: "asset.not_network", targetType: "asset", targetId: entry.id, before: { assetTag: entry.assetTag, notNetwork: !!entry.notNetworkAt, deviceId: entry.deviceId }, after: { notNetwork: true, reason: p.reason, deviceId: "deviceId" in release ? null : entry.deviceId } });
    return entry.deviceId;
  });
  await reconcileEntries(db, [p.assetId], deviceId ? [deviceId] : []);
  return { assetId: p.assetId, changed: true };
}

/** Takes back "not a network device": the entry is linked again by its keys, or missing. */
export async function clearNotNetworkDevice(db: Db, input: { assetId: string }, actor: AuditActor) {
  const p = parse(clearNotNetworkSchema, input, "invalid_not_network", "The register entry is not valid.");
  const changed = await db.$transaction(async (t) => {
    const tx = t as unknown as Tx;
    const entry = await entryOrThrow(tx, p.assetId);
    if (!entry.notNetworkAt) return false;
    await tx.asset.update({ where: { id: entry.id }, data: { notNetworkAt: null, notNetworkBy: null, notNetworkReason: null } });
    await audit(tx, { actor, action: "asset.not_network_cleared", targetType: "asset", targetId: entry.id, before: { assetTag: entry.assetTag, notNetwork: true }, after: { notNetwork: false } });
    return true;
  });
  if (changed) await reconcileEntries(db, [p.assetId], []);
  return { assetId: p.assetId, changed };
}

/** Sets N, the days after which an entry whose device is not seen is missing; every entry's state follows (a full pass). */
export async function setMissingAfterDays(db: Db, days: unknown, actor: AuditActor) {
  const parsed = missingAfterDaysSchema.safeParse(days);
  if (!parsed.success) throw badRequest("invalid_days", `The missing-after days must be a whole number from 1 to ${MISSING_AFTER_DAYS_MAX}.`, zodIssues(parsed.error).map((i) => ({ ...i, path: "days" })));
  const value = parsed.data;
  const before = await readMissingAfterDays(db);
  if (before === value) return { days: value, changed: false };
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: MISSING_AFTER_DAYS_KEY }, create: { key: MISSING_AFTER_DAYS_KEY, value: String(value) }, update: { value: String(value) } });
    await audit(tx, { actor, action: "asset.missing_after_days", targetType: "setting", targetId: MISSING_AFTER_DAYS_KEY, before: { days: before }, after: { days: value } });
  });
  await reconcileRegister(db);
  return { days: value, changed: true };
}
