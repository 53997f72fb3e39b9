import "server-only";
// The review queue's reads: possible matches (DeviceVulnerability status "needs_review") waiting
// for a person, and the decisions people made (MatchDecision), each newest first a page at a time.
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { boundedCount, type BoundedTotal } from "../db/bounded-count";
import { cursorIgnored, decodeCursor, encodeCursor, isCursorId, isCursorTime, optionalParam, pageSizeParam, parseSearchParams, refusedParams, type SearchParams } from "./page-params";
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
const decode = (raw: string | undefined) => decodeCursor<Cursor>(raw, (c) => isCursorId(c.id) && isCursorTime(c.v));

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
  const cursor = decode(p.cursor);
  const at = cursor ? new Date(cursor.v) : null;
  const rows = await getDb().deviceVulnerability.findMany({
    where: { status: "needs_review", device: deviceWhere(p), ...(at && cursor ? { OR: [{ matchedAt: { lt: at } }, { matchedAt: at, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ matchedAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: possibleSelect,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const matches: PossibleMatch[] = page.map(({ reasonRow, ...m }) => ({ ...m, reason: storedReason({ reason: m.reason, reasonRow }) }));
  return { matches, nextCursor: rows.length > pageSize && last ? encodeCursor({ v: last.matchedAt.toISOString(), id: last.id }) : undefined, cursorIgnored: cursorIgnored(p.cursor, cursor) };
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
  return (await db.device.findMany({ where: { id: { in: decided.map((d) => d.deviceId) }, ...deviceWhere(p) }, select: { id: true } })).map((d) => d.id);
}

/** Decisions, newest first (keyset on decidedAt, id), with the device's name and what the matcher finds now. */
export async function listDecidedMatches(p: ReviewParams, pageSize = p.size ?? REVIEW_PAGE_SIZE): Promise<{ decisions: DecidedMatch[]; nextCursor: string | undefined; cursorIgnored: boolean }> {
  const db = getDb();
  const cursor = decode(p.cursor);
  const at = cursor ? new Date(cursor.v) : null;
  const narrowed = p.site || p.vendor ? await decidedDevicesWhere(p) : null;
  const rows = await db.matchDecision.findMany({
    where: { ...(narrowed ? { deviceId: { in: narrowed } } : {}), ...(at && cursor ? { OR: [{ decidedAt: { lt: at } }, { decidedAt: at, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const deviceIds = [...new Set(page.map((d) => d.deviceId))];
  const [devices, current] = await Promise.all([
    db.device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, displayName: true, site: { select: { name: true } } } }),
    db.deviceVulnerability.findMany({ where: { deviceId: { in: deviceIds }, vulnerabilityId: { in: page.map((d) => d.vulnerabilityId) } }, select: { deviceId: true, vulnerabilityId: true, status: true } }),
  ]);
  const deviceOf = new Map(devices.map((d) => [d.id, { displayName: d.displayName, site: d.site?.name ?? null }]));
  const statusOf = new Map<string, string>();
  for (const m of current) if (statusOf.get(`${m.deviceId}|${m.vulnerabilityId}`) !== "affected") statusOf.set(`${m.deviceId}|${m.vulnerabilityId}`, m.status);
  const last = page.at(-1);
  return {
    decisions: page.map((d) => ({ id: d.id, deviceId: d.deviceId, cve: d.vulnerabilityId, decision: d.decision, note: d.note, decidedBy: d.decidedBy, decidedAt: d.decidedAt, device: deviceOf.get(d.deviceId) ?? null, nowStatus: statusOf.get(`${d.deviceId}|${d.vulnerabilityId}`) ?? null })),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ v: last.decidedAt.toISOString(), id: last.id }) : undefined,
    cursorIgnored: cursorIgnored(p.cursor, cursor),
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
