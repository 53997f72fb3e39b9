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
