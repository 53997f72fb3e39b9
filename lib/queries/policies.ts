import "server-only";
import { getDb, type Db } from "../db/client";

export const POLICY_LIST_LIMIT = 1000;

/** Every policy (a few dozen in practice; bounded), by kind then name, with where it applies. */
export function listPolicyRows() {
  return getDb().policy.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }, { id: "asc" }],
    take: POLICY_LIST_LIMIT,
    select: { id: true, name: true, kind: true, enabled: true, rules: true, updatedAt: true, siteId: true, segmentId: true, site: { select: { name: true } }, segment: { select: { name: true, label: true, site: { select: { name: true } } } } },
  });
}
export type PolicyRow = Awaited<ReturnType<typeof listPolicyRows>>[number];

/** The policies API's list: every column, with the names of the site and segment it applies to. */
export function listPolicies(db: Db) {
  return db.policy.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], take: POLICY_LIST_LIMIT, include: { site: { select: { name: true } }, segment: { select: { name: true } } } });
}

/** Where a policy can apply: the sites and segments agents have reported (bounded). */
export async function getPolicyScopes() {
  const db = getDb();
  const [sites, segments] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.segment.findMany({ select: { id: true, name: true, site: { select: { name: true } } }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 2000 }),
  ]);
  return { sites, segments: segments.map((s) => ({ id: s.id, name: `${s.name} (${s.site.name})` })) };
}

/** What "allow exactly this device" binds an entry to: the device's claimed USB ids and its current physical fingerprint. */
export async function getExactDevice(id: string) {
  const db = getDb();
  const device = await db.device.findUnique({ where: { id }, select: { id: true, displayName: true, siteId: true, usbVendorId: true, usbProductId: true, usbSerial: true, currentFingerprintId: true } });
  if (!device) return null;
  const fingerprint = device.currentFingerprintId ? await db.fingerprint.findUnique({ where: { id: device.currentFingerprintId }, select: { hash: true, attributes: true } }) : null;
  const usb = device.usbVendorId && device.usbProductId ? { vendorId: device.usbVendorId, productId: device.usbProductId, serial: device.usbSerial } : null;
  return { id: device.id, name: device.displayName, siteId: device.siteId, usb, fingerprint: fingerprint ? { hash: fingerprint.hash, attributes: fingerprint.attributes as Record<string, unknown> } : null };
}

/** How long a finished re-evaluation stays on the policies page, with what it changed. */
const FINISHED_SHOWN_MS = 15 * 60_000;

/** The policy re-evaluations under way, and those finished in the last minutes (newest first, bounded). */
export function listPolicyEvaluations(now = new Date()) {
  return getDb().policyEvaluation.findMany({
    where: { OR: [{ status: { in: ["queued", "running"] } }, { finishedAt: { gte: new Date(now.getTime() - FINISHED_SHOWN_MS) } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 5,
    select: { id: true, policyName: true, change: true, status: true, total: true, done: true, unauthorized: true, returned: true, authorized: true, error: true, createdAt: true, finishedAt: true },
  });
}
export type PolicyEvaluationRow = Awaited<ReturnType<typeof listPolicyEvaluations>>[number];
