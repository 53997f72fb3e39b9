import "server-only";
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { BREAKDOWN_SELECT, storedBreakdown } from "../db/stored-breakdown";
import { boundedCount, type BoundedTotal } from "../db/bounded-count";
import { decodePageAt, isCursorId, isCursorInt, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, refusedParams, type PageAt, type SearchParams } from "./page-params";
import { isReadableBreakdown, keyFactors } from "../domain/risk/key-factors";
import { TIER_CUTOFFS } from "../domain/risk/risk-model";
import { CRITICALITIES, RISK_TIERS } from "../domain/words/vocabulary";

export const RISK_PAGE_SIZE = 50;
export const ACCEPTED_LIMIT = 200;
const FACTOR_SLICE = 400;
/** CISA SSVC decisions, most urgent first. */
export const SSVC_LABELS = ["Act", "Attend", "Track*", "Track"] as const;

/** The list's URL parameters; anything unexpected is ignored, not fatal. */
export const riskParams = z.object({
  site: optionalParam(z.string().max(40)).catch(undefined),
  category: optionalParam(z.string().max(40)).catch(undefined),
  criticality: optionalParam(z.enum(CRITICALITIES)).catch(undefined),
  tier: optionalParam(z.enum(RISK_TIERS)).catch(undefined),
  ssvc: optionalParam(z.enum(SSVC_LABELS)).catch(undefined),
  kev: optionalParam(z.literal("1")).catch(undefined),
  after: optionalParam(z.string().max(200)).catch(undefined),
  size: pageSizeParam,
});
export type RiskParams = z.infer<typeof riskParams>;

export const parseRiskParams = (search: SearchParams): RiskParams => parseSearchParams(riskParams, search);
/** The ranking's URL parameters it did not understand (`ssvc=act`), to be said on the page. */
export const refusedRiskParams = (search: SearchParams, p: RiskParams) => refusedParams(riskParams, search, p);

type Cursor = { s: number; id: string };
/** Where a page link starts: first, after or before a (score, id), or the last page; null when the link is not one the ranking made. */
const decodeRiskPage = (raw: string | undefined) => decodePageAt<Cursor>(raw, (c) => isCursorInt(c.s) && isCursorId(c.id));

/**
 * The page after (score, id) in the ranking's order: score high to low, then id. The outer bound
 * gives the planner a range of the score index to start from (deep pages stay fast).
 */
export const afterRisk = (c: Cursor): Prisma.DeviceWhereInput => ({ AND: [{ riskScore: { lte: c.s } }, { OR: [{ riskScore: { lt: c.s } }, { riskScore: c.s, id: { gt: c.id } }] }] });

/** The page before (score, id): the same index range the other way (read score low to high, then id backwards). */
const beforeRisk = (c: Cursor): Prisma.DeviceWhereInput => ({ AND: [{ riskScore: { gte: c.s } }, { OR: [{ riskScore: { gt: c.s } }, { riskScore: c.s, id: { lt: c.id } }] }] });

/**
 * Devices with a score above 0, not retired, narrowed by the filters. Every filter is a column of
 * Device (or, for KEV, an indexed EXISTS on its matches) read while walking the (riskScore, id)
 * index, so a page stops after its 51st row.
 */
export function riskFilterWhere(p: RiskParams): Prisma.DeviceWhereInput[] {
  return [{ riskScore: { gt: 0 } }, { status: { not: "retired" } }, ...narrowing(p)];
}

const TIER_SCORES = {
  critical: { gte: TIER_CUTOFFS.critical },
  high: { gte: TIER_CUTOFFS.high, lt: TIER_CUTOFFS.critical },
  medium: { gte: TIER_CUTOFFS.medium, lt: TIER_CUTOFFS.high },
  low: { lt: TIER_CUTOFFS.medium },
} as const;

/** The filters the user chose, alone. */
function narrowing(p: RiskParams): Prisma.DeviceWhereInput[] {
  const and: Prisma.DeviceWhereInput[] = [];
  if (p.site) and.push({ siteId: p.site });
  if (p.category) and.push({ category: p.category });
  if (p.criticality) and.push({ criticality: p.criticality });
  // The tier's score range as well: the planner then walks only that slice of the score index.
  if (p.tier) and.push({ riskTier: p.tier, riskScore: TIER_SCORES[p.tier] });
  if (p.ssvc) and.push({ ssvc: p.ssvc });
  if (p.kev) and.push({ vulnerabilities: { some: { vulnerability: { kev: true } } } });
  return and;
}

/** The ranking: the filters, and no acceptance running at `now` (an expired one puts the device back by itself). */
export function rankedWhere(p: RiskParams, now: Date, at: PageAt<Cursor> = { from: "first" }): Prisma.DeviceWhereInput {
  const and = [...riskFilterWhere(p), { OR: [{ riskAcceptedUntil: null }, { riskAcceptedUntil: { lte: now } }] }];
  if (at.from === "after") and.push(afterRisk(at.key));
  if (at.from === "before") and.push(beforeRisk(at.key));
  return { AND: and };
}

const RANKED_SELECT = {
  id: true, displayName: true, category: true, criticality: true, riskScore: true, riskTier: true, ssvc: true, riskComputedAt: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true } },
} as const;

const RANKING = [{ riskScore: "desc" }, { id: "asc" }] satisfies Prisma.DeviceOrderByWithRelationInput[];
const RANKING_REVERSED = [{ riskScore: "asc" }, { id: "desc" }] satisfies Prisma.DeviceOrderByWithRelationInput[];

/**
 * One page of the ranking, highest score first, then by id; keyset-paginated on (riskScore, id):
 * first, next, previous and last pages (the previous and the last read the index backwards).
 */
export async function listRiskPriority(p: RiskParams, now = new Date(), pageSize = p.size ?? RISK_PAGE_SIZE) {
  const decoded = decodeRiskPage(p.after);
  const at = decoded ?? { from: "first" as const };
  const rows = await getDb().device.findMany({ where: rankedWhere(p, now, at), orderBy: readsBackwards(at) ? RANKING_REVERSED : RANKING, take: pageSize + 1, select: RANKED_SELECT });
  const page = keysetPage(rows, at, pageSize, (d): Cursor => ({ s: d.riskScore, id: d.id }));
  return { devices: page.rows, nextCursor: page.next, previousCursor: page.previous, cursorIgnored: decoded === null };
}

/** How many devices the ranking holds under the filters (all pages), exact up to the bound. */
export const countRiskPriority = (p: RiskParams, now = new Date()): Promise<BoundedTotal> =>
  boundedCount((take) => getDb().device.count({ where: rankedWhere(p, now), take }));

/**
 * The two or three factors that weigh most in each device's current score, read from the score
 * row written with it: one query for a page (a few for an export batch), by the
 * (deviceId, computedAt) index.
 */
export async function keyFactorsOf(devices: { id: string; riskComputedAt: Date | null }[]): Promise<Map<string, string[]>> {
  const scored = devices.filter((d): d is { id: string; riskComputedAt: Date } => !!d.riskComputedAt);
  const factors = new Map<string, string[]>();
  // Two bound parameters a device, far under the databases' limits (lib/db/bulk.ts); a page is one slice.
  for (let i = 0; i < scored.length; i += FACTOR_SLICE) {
    const slice = scored.slice(i, i + FACTOR_SLICE);
    const rows = await getDb().riskScore.findMany({ where: { OR: slice.map((d) => ({ deviceId: d.id, computedAt: d.riskComputedAt })) }, select: { deviceId: true, ...BREAKDOWN_SELECT } });
    for (const r of rows) {
      const breakdown = storedBreakdown(r);
      if (isReadableBreakdown(breakdown)) factors.set(r.deviceId, keyFactors(breakdown));
    }
  }
  return factors;
}

/** Sites to filter by (few, bounded). Categories and the rest are the product's fixed vocabulary. */
export async function riskSites() {
  return getDb().site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}

/**
 * Running acceptances at `now` with their device, soonest expiry first, narrowed by the same
 * filters as the ranking. Read from the acceptances (indexed by expiry, and few: people make
 * them), not by scanning devices.
 */
export async function listAcceptedRisks(now = new Date(), take = ACCEPTED_LIMIT, p: RiskParams = {}) {
  const filters = narrowing(p);
  const where: Prisma.RiskAcceptanceWhereInput = { revokedAt: null, expiresAt: { gt: now }, ...(filters.length ? { device: { AND: filters } } : {}) };
  const [acceptances, total] = await Promise.all([
    getDb().riskAcceptance.findMany({
      where,
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true, owner: true, reason: true, expiresAt: true, acceptedBy: { select: { email: true } },
        device: { select: { id: true, displayName: true, category: true, riskScore: true, riskTier: true, ssvc: true } },
      },
    }),
    getDb().riskAcceptance.count({ where }),
  ]);
  return { acceptances, total };
}
