import "server-only";
// The review queue's reads: possible matches (DeviceVulnerability status "needs_review") waiting
// for a person, and the decisions people made (MatchDecision), each newest first a page at a time.
import { z } from "zod";
import { getDb, SQLITE_IN_LIST_MAX, type Prisma } from "../db/client";
import { boundedCount, COUNT_BOUND, sumTotals, type BoundedTotal } from "../db/bounded-count";
import { decodePageAt, isCursorId, isCursorTime, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, refusedParams, type PageAt, type SearchParams } from "./page-params";
import { REASON_SELECT, storedReason } from "../db/stored-reason";

export const REVIEW_PAGE_SIZE = 50;

export const reviewParams = z.object({
  tab: optionalParam(z.enum(["possible", "decided"])).catch(undefined).transform((t) => t ?? "possible"),
  site: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  vendor: optionalParam(z.string().trim().min(1).max(128)).catch(undefined),
  cursor: optionalParam(z.string().max(200)).catch(undefined),
  size: pageSizeParam,
});
export type ReviewParams = z.infer<typeof reviewParams>;
export const parseReviewParams = (search: SearchParams): ReviewParams => parseSearchParams(reviewParams, search);
/** The review's URL parameters it did not understand, to be said on the page. */
export const refusedReviewParams = (search: SearchParams, p: ReviewParams) => refusedParams(reviewParams, search, p);

type Cursor = { v: string; id: string };
/** Where a page link starts (first, after or before a (time, id), or last); null when the link is not one the list made. */
const decodeReviewPage = (raw: string | undefined) => decodePageAt<Cursor>(raw, (c) => isCursorId(c.id) && isCursorTime(c.v));

/**
 * Both tabs list newest first, keyset on (time, id), both descending: the page after a key holds
 * the older rows, the page before it the newer ones (read oldest first, then turned round).
 */
function timeKeyset<F extends string>(field: F, at: PageAt<Cursor>) {
  const backwards = readsBackwards(at);
  const dir = backwards ? ("asc" as const) : ("desc" as const);
  let bound: Record<string, unknown> | undefined;
  if (at.from === "after" || at.from === "before") {
    const t = new Date(at.key.v);
    const beyond = at.from === "after" ? "lt" : "gt";
    bound = { OR: [{ [field]: { [beyond]: t } }, { [field]: t, id: { [beyond]: at.key.id } }] };
  }
  return { bound, orderBy: [{ [field]: dir }, { id: dir }] as { [K in F | "id"]?: "asc" | "desc" }[] };
}

/** Devices the filters keep: not retired, at the site, of the vendor (as resolved or as claimed). */
function deviceWhere(p: ReviewParams): Prisma.DeviceWhereInput {
  return { status: { not: "retired" }, ...(p.site ? { siteId: p.site } : {}), ...(p.vendor ? { OR: [{ vendor: p.vendor }, { claimedVendor: p.vendor }] } : {}) };
}

const possibleSelect = {
  id: true, deviceId: true, vulnerabilityId: true, advisoryId: true, source: true, ...REASON_SELECT, matchedAt: true,
  device: { select: { displayName: true, vendor: true, claimedVendor: true, model: true, claimedModel: true, firmwareVersion: true, claimedFirmware: true, riskScore: true, riskTier: true, site: { select: { name: true } } } },
  vulnerability: { select: { title: true, kev: true, cvssBaseScore: true } },
} as const satisfies Prisma.DeviceVulnerabilitySelect;
type PossibleRow = Prisma.DeviceVulnerabilityGetPayload<{ select: typeof possibleSelect }>;
export type PossibleMatch = Omit<PossibleRow, "reasonRow">;

/**
 * Possible matches, newest first (keyset on matchedAt, id). Only possible ones are listed; the
 * same device and CVE from two sources (advisory and SBOM) are two rows, decided together.
 */
export async function listPossibleMatches(p: ReviewParams, pageSize = p.size ?? REVIEW_PAGE_SIZE) {
  const decoded = decodeReviewPage(p.cursor);
  const at = decoded ?? { from: "first" as const };
  const { bound, orderBy } = timeKeyset("matchedAt", at);
  const rows = await getDb().deviceVulnerability.findMany({
    where: { status: "needs_review", device: deviceWhere(p), ...(bound as Prisma.DeviceVulnerabilityWhereInput) },
    orderBy,
    take: pageSize + 1,
    select: possibleSelect,
  });
  const page = keysetPage(rows, at, pageSize, (m): Cursor => ({ v: m.matchedAt.toISOString(), id: m.id }));
  const matches: PossibleMatch[] = page.rows.map(({ reasonRow, ...m }) => ({ ...m, reason: storedReason({ reason: m.reason, reasonRow }) }));
  return { matches, nextCursor: page.next, previousCursor: page.previous, cursorIgnored: decoded === null };
}

/** How many possible matches wait for review under the filters (all pages), exact up to the bound. */
export const countPossibleMatches = (p: ReviewParams): Promise<BoundedTotal> =>
  boundedCount((take) => getDb().deviceVulnerability.count({ where: { status: "needs_review", device: deviceWhere(p) }, take }));

export type DecidedMatch = {
  id: string; deviceId: string; cve: string; decision: string; note: string | null; decidedBy: string; decidedAt: Date;
  device: { displayName: string; site: string | null } | null;
  /** The match's status now: "affected", "needs_review", or null when nothing matches any more (a dismissal, or a fixed version). */
  nowStatus: string | null;
};

/**
 * The decided devices the filters keep. MatchDecision has no relation to Device (a decision is
 * kept per device and CVE, whatever happens to the match rows), and decisions are made by people,
 * so there are few: the decided devices are read first, then filtered.
 */
async function decidedDevicesWhere(p: ReviewParams): Promise<string[]> {
  const db = getDb();
  const decided = await db.matchDecision.findMany({ distinct: ["deviceId"], select: { deviceId: true }, take: 10_000 });
  const ids = decided.map((d) => d.deviceId);
  const kept: string[] = [];
  for (let i = 0; i < ids.length; i += SQLITE_IN_LIST_MAX) {
    const rows = await db.device.findMany({ where: { id: { in: ids.slice(i, i + SQLITE_IN_LIST_MAX) }, ...deviceWhere(p) }, select: { id: true } });
    kept.push(...rows.map((d) => d.id));
  }
  return kept;
}

/**
 * The decisions the filters keep, as one where per slice of at most 900 decided devices (the
 * device filters read through decidedDevicesWhere): on SQLite the ORM binds at most 999 values a
 * statement, so a site with thousands of decided devices is read slice by slice. No filter: one
 * where for every decision.
 */
async function decisionWheres(p: ReviewParams): Promise<Prisma.MatchDecisionWhereInput[]> {
  if (!p.site && !p.vendor) return [{}];
  const ids = await decidedDevicesWhere(p);
  const slices: Prisma.MatchDecisionWhereInput[] = [];
  for (let i = 0; i < ids.length; i += SQLITE_IN_LIST_MAX) slices.push({ deviceId: { in: ids.slice(i, i + SQLITE_IN_LIST_MAX) } });
  return slices;
}

/** How many decisions the Decided tab holds under the filters (all pages), exact up to the bound. */
export const countDecidedMatches = async (p: ReviewParams): Promise<BoundedTotal> => {
  const wheres = await decisionWheres(p);
  const total = sumTotals(await Promise.all(wheres.map((where) => boundedCount((take) => getDb().matchDecision.count({ where, take })))));
  return total.count > COUNT_BOUND ? { count: COUNT_BOUND, more: true } : total;
};

export type DecidedPage = { decisions: DecidedMatch[]; nextCursor: string | undefined; previousCursor: string | undefined; cursorIgnored: boolean };

type DecisionRow = Prisma.MatchDecisionGetPayload<object>;

/** The first `take` decisions in the keyset's order over every slice: each slice's first `take`, merged. */
async function decisionsInOrder(wheres: Prisma.MatchDecisionWhereInput[], bound: Prisma.MatchDecisionWhereInput | undefined, dir: "asc" | "desc", take: number): Promise<DecisionRow[]> {
  const db = getDb();
  const orderBy = [{ decidedAt: dir }, { id: dir }];
  const parts = await Promise.all(wheres.map((where) => db.matchDecision.findMany({ where: { ...where, ...bound }, orderBy, take })));
  if (parts.length === 1) return parts[0];
  const sign = dir === "asc" ? 1 : -1;
  return parts.flat().sort((a, b) => sign * (a.decidedAt.getTime() - b.decidedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))).slice(0, take);
}

/** Decisions, newest first (keyset on decidedAt, id), with the device's name and what the matcher finds now. */
export async function listDecidedMatches(p: ReviewParams, pageSize = p.size ?? REVIEW_PAGE_SIZE): Promise<DecidedPage> {
  const db = getDb();
  const decoded = decodeReviewPage(p.cursor);
  const at = decoded ?? { from: "first" as const };
  const { bound } = timeKeyset("decidedAt", at);
  const rows = await decisionsInOrder(await decisionWheres(p), bound as Prisma.MatchDecisionWhereInput | undefined, readsBackwards(at) ? "asc" : "desc", pageSize + 1);
  const keyed = keysetPage(rows, at, pageSize, (d): Cursor => ({ v: d.decidedAt.toISOString(), id: d.id }));
  const page = keyed.rows;
  const deviceIds = [...new Set(page.map((d) => d.deviceId))];
  const [devices, current] = await Promise.all([
    db.device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, displayName: true, site: { select: { name: true } } } }),
    db.deviceVulnerability.findMany({ where: { deviceId: { in: deviceIds }, vulnerabilityId: { in: page.map((d) => d.vulnerabilityId) } }, select: { deviceId: true, vulnerabilityId: true, status: true } }),
  ]);
  const deviceOf = new Map(devices.map((d) => [d.id, { displayName: d.displayName, site: d.site?.name ?? null }]));
  const statusOf = new Map<string, string>();
  for (const m of current) if (statusOf.get(`${m.deviceId}|${m.vulnerabilityId}`) !== "affected") statusOf.set(`${m.deviceId}|${m.vulnerabilityId}`, m.status);
  return {
    decisions: page.map((d) => ({ id: d.id, deviceId: d.deviceId, cve: d.vulnerabilityId, decision: d.decision, note: d.note, decidedBy: d.decidedBy, decidedAt: d.decidedAt, device: deviceOf.get(d.deviceId) ?? null, nowStatus: statusOf.get(`${d.deviceId}|${d.vulnerabilityId}`) ?? null })),
    nextCursor: keyed.next,
    previousCursor: keyed.previous,
    cursorIgnored: decoded === null,
  };
}

/** The filters' choices: every site, and the vendors of devices with a possible match (at most 200). */
export async function reviewFacets() {
  const db = getDb();
  const [sites, vendors] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    // GROUP BY in the database (Prisma's distinct would read every such device first).
    db.device.groupBy({ by: ["vendor"], where: { status: { not: "retired" }, vendor: { not: null }, vulnerabilities: { some: { status: "needs_review" } } }, orderBy: { vendor: "asc" }, take: 200 }),
  ]);
  return { sites, vendors: vendors.map((v) => v.vendor!).filter(Boolean) };
}
