// The reads behind an agent's enforcement policy (GET /api/v1/enforcement, the USBGuard download
// and `npm run enforcement:usbguard`): which mode applies, what people decided about USB devices,
// and the site's USB allow-lists. The policy itself is built by lib/domain/enforcement/policy-build.
// Not marked server-only: the CLI reads it too (it takes the database as a parameter).
import type { Db } from "../db/client";
import { MAX_POLICY_ENTRIES, type EnforcementMode } from "../domain/enforcement/enforcement-policy";
import { effectiveMode } from "../domain/enforcement/modes";
import { buildPolicy, type BuiltPolicy, type DecidedUsbDevice, type UsbAllowPolicy } from "../domain/enforcement/policy-build";
import { laneSegments } from "../domain/agent-lane";
import { log } from "../ops/log";

/** Whose policy: the mode, the site, and the segments (as reported) whose allow-lists apply; null = every segment of the site. */
export type PolicyScope = { mode: EnforcementMode; siteId: string | null; siteName: string | null; segments: string[] | null; label: string };

/** How many ids go in one IN (…): far below SQLite's and PostgreSQL's bind limits. */
const CHUNK = 2000;
const FETCH = MAX_POLICY_ENTRIES + 1;
const DECIDED = { id: true, usbVendorId: true, usbProductId: true, usbSerial: true, statusRule: true, statusReason: true, statusChangedAt: true, currentFingerprintId: true } as const;
const USB = { usbVendorId: { not: null }, usbProductId: { not: null } } as const;
const NEWEST = [{ statusChangedAt: "desc" as const }, { id: "asc" as const }];

async function chunked<T>(ids: string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

/** The agent's scope, and the policy version it last fetched (to record a fetch only when it says something new). */
export async function agentPolicyScope(db: Db, agentId: string) {
  const agent = await db.agent.findUnique({
    where: { id: agentId },
    select: { name: true, siteId: true, segments: true, enforcementMode: true, policyVersion: true, policyFetchedAt: true, site: { select: { name: true, enforcementMode: true } } },
  });
  if (!agent) return null;
  const scope: PolicyScope = { mode: effectiveMode(agent.enforcementMode, agent.site?.enforcementMode), siteId: agent.siteId, siteName: agent.site?.name ?? null, segments: laneSegments(agent.segments), label: agent.name };
  return { scope, fetched: { policyVersion: agent.policyVersion, policyFetchedAt: agent.policyFetchedAt } };
}

/** A whole site's scope (every segment): what an agent of the site without an override gets. */
export async function sitePolicyScope(db: Db, siteId: string): Promise<PolicyScope | null> {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, name: true, enforcementMode: true } });
  return site && { mode: effectiveMode(null, site.enforcementMode), siteId: site.id, siteName: site.name, segments: null, label: site.name };
}

type DecidedRow = { id: string; usbVendorId: string | null; usbProductId: string | null; usbSerial: string | null; statusRule: string | null; statusReason: string | null; statusChangedAt: Date | null; currentFingerprintId: string | null };

/** The rows with their fingerprint attributes and, for a person's decision, who made it. */
async function decided(db: Db, rows: DecidedRow[]): Promise<DecidedUsbDevice[]> {
  const fingerprintIds = [...new Set(rows.map((r) => r.currentFingerprintId).filter((id): id is string => !!id))];
  const fingerprints = new Map((await chunked(fingerprintIds, (ids) => db.fingerprint.findMany({ where: { id: { in: ids } }, select: { id: true, attributes: true } }))).map((f) => [f.id, f.attributes]));
  const byPeople = rows.filter((r) => r.statusRule === "user:block" || r.statusRule === "user:approve").map((r) => r.id);
  const audits = await chunked(byPeople, (ids) =>
    db.auditLog.findMany({ where: { targetType: "device", targetId: { in: ids }, action: { in: ["device.block", "device.approve"] } }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { targetId: true, action: true, actorLabel: true } }),
  );
  const deciders = new Map<string, string>();
  for (const a of audits) if (a.targetId && !deciders.has(`${a.targetId}/${a.action}`)) deciders.set(`${a.targetId}/${a.action}`, a.actorLabel);
  return rows.map((r) => {
    const attributes = r.currentFingerprintId ? fingerprints.get(r.currentFingerprintId) : null;
    return {
      id: r.id, usbVendorId: r.usbVendorId ?? "", usbProductId: r.usbProductId ?? "", usbSerial: r.usbSerial, statusRule: r.statusRule, statusReason: r.statusReason, decidedAt: r.statusChangedAt,
      fingerprint: attributes && typeof attributes === "object" && !Array.isArray(attributes) ? (attributes as Record<string, unknown>) : null,
      decidedBy: deciders.get(`${r.id}/${r.statusRule === "user:block" ? "device.block" : "device.approve"}`) ?? null,
    };
  });
}

/** The enabled usb_allow policies that apply: for every site, for the scope's site, or for one of its segments. */
async function allowPolicies(db: Db, scope: PolicyScope): Promise<UsbAllowPolicy[]> {
  const segments = scope.siteId
    ? await db.segment.findMany({ where: { OR: [{ reportedSiteId: scope.siteId }, { siteId: scope.siteId }], ...(scope.segments ? { name: { in: scope.segments } } : {}) }, select: { id: true }, take: 5000 })
    : [];
  const rows = await db.policy.findMany({
    where: { kind: "usb_allow", enabled: true, OR: [{ siteId: null, segmentId: null }, ...(scope.siteId ? [{ siteId: scope.siteId, segmentId: null }] : []), ...(segments.length ? [{ segmentId: { in: segments.map((s) => s.id) } }] : [])] },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 1000,
    select: { id: true, name: true, updatedAt: true, rules: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, updatedAt: r.updatedAt, entries: (r.rules as { entries?: unknown } | null)?.entries ?? [] }));
}

/** Rows beyond what was fetched (only counted when a list filled its fetch). */
async function beyond(fetched: unknown[], count: () => Promise<number>): Promise<number> {
  return fetched.length >= FETCH ? Math.max(0, (await count()) - FETCH) : 0;
}

/** The policy for a scope, as GET /api/v1/enforcement answers it. */
export async function enforcementPolicyFor(db: Db, scope: PolicyScope): Promise<BuiltPolicy> {
  if (scope.mode === "monitor") return buildPolicy({ mode: "monitor", siteName: scope.siteName, blocked: [], siteUnauthorized: [], approved: [], allowPolicies: [] });
  const blockedWhere = { ...USB, status: "unauthorized", statusRule: { in: ["user:block", "blocked.fingerprint"] } };
  const siteWhere = scope.mode === "allow_listed" && scope.siteId ? { ...USB, siteId: scope.siteId } : null;
  const unauthorizedWhere = siteWhere && { ...siteWhere, status: "unauthorized" };
  const approvedWhere = siteWhere && { ...siteWhere, status: "authorized", statusRule: "user:approve" };
  const [blocked, unauthorized, approved, policies] = await Promise.all([
    db.device.findMany({ where: blockedWhere, orderBy: NEWEST, take: FETCH, select: DECIDED }),
    unauthorizedWhere ? db.device.findMany({ where: unauthorizedWhere, orderBy: NEWEST, take: FETCH, select: DECIDED }) : [],
    approvedWhere ? db.device.findMany({ where: approvedWhere, orderBy: NEWEST, take: FETCH, select: DECIDED }) : [],
    scope.mode === "allow_listed" ? allowPolicies(db, scope) : [],
  ]);
  const notFetched = {
    block: (await beyond(blocked, () => db.device.count({ where: blockedWhere }))) + (await beyond(unauthorized, () => db.device.count({ where: unauthorizedWhere! }))),
    allow: await beyond(approved, () => db.device.count({ where: approvedWhere! })),
  };
  const built = buildPolicy({ mode: scope.mode, siteName: scope.siteName, blocked: await decided(db, blocked), siteUnauthorized: await decided(db, unauthorized), approved: await decided(db, approved), allowPolicies: policies, notFetched });
  if (built.dropped.block || built.dropped.allow) {
    log.warn("enforcement policy over its cap: the oldest decisions were left out", { scope: scope.label, cap: MAX_POLICY_ENTRIES, leftOut: { block: built.dropped.block, allow: built.dropped.allow } });
  }
  return built;
}
