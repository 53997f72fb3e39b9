import "server-only";
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { RISK_TIERS } from "../domain/vocabulary";

export const RISK_PAGE_SIZE = 50;
export const ACCEPTED_LIMIT = 200;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The list's URL parameters; anything unexpected is ignored, not fatal. */
export const riskParams = z.object({
  tier: optional(z.enum(RISK_TIERS)).catch(undefined),
  after: optional(z.string().max(200)).catch(undefined),
});
export type RiskParams = z.infer<typeof riskParams>;

export function parseRiskParams(search: Record<string, string | string[] | undefined>): RiskParams {
  return riskParams.parse(Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

type Cursor = { s: number; id: string };
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decode(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    return Number.isInteger(c.s) && typeof c.id === "string" ? c : null;
  } catch {
    return null;
  }
}

/**
 * Devices worth attention: a score above 0, not retired, and no acceptance running at `now`
 * (an acceptance past its expiry puts the device back by itself).
 */
export function rankedWhere(p: RiskParams, now: Date): Prisma.DeviceWhereInput {
  const cursor = decode(p.after);
  const and: Prisma.DeviceWhereInput[] = [
    { riskScore: { gt: 0 } },
    { status: { not: "retired" } },
    { OR: [{ riskAcceptedUntil: null }, { riskAcceptedUntil: { lte: now } }] },
  ];
  if (p.tier) and.push({ riskTier: p.tier });
  if (cursor) and.push({ OR: [{ riskScore: { lt: cursor.s } }, { riskScore: cursor.s, id: { gt: cursor.id } }] });
  return { AND: and };
}

const RANKED_SELECT = {
  id: true, displayName: true, category: true, riskScore: true, riskTier: true, ssvc: true, riskComputedAt: true,
  site: { select: { name: true } }, segment: { select: { name: true } },
} as const;

/** One page of the ranking, highest score first, then by id; keyset-paginated on (riskScore, id). */
export async function listRiskPriority(p: RiskParams, now = new Date(), pageSize = RISK_PAGE_SIZE) {
  const rows = await getDb().device.findMany({ where: rankedWhere(p, now), orderBy: [{ riskScore: "desc" }, { id: "asc" }], take: pageSize + 1, select: RANKED_SELECT });
  const devices = rows.slice(0, pageSize);
  const last = devices.at(-1);
  return { devices, nextCursor: rows.length > pageSize && last ? encode({ s: last.riskScore, id: last.id }) : undefined };
}

/** The CVE driving each device's current score, from the score row written with it. */
export async function driversOf(devices: { id: string; riskComputedAt: Date | null }[]): Promise<Map<string, string>> {
  const scored = devices.filter((d): d is { id: string; riskComputedAt: Date } => !!d.riskComputedAt);
  if (!scored.length) return new Map();
  const rows = await getDb().riskScore.findMany({ where: { OR: scored.map((d) => ({ deviceId: d.id, computedAt: d.riskComputedAt })) }, select: { deviceId: true, breakdown: true } });
  const driver = (b: unknown) => (b && typeof b === "object" && "driver" in b && typeof b.driver === "string" ? b.driver : null);
  return new Map(rows.flatMap((r) => (driver(r.breakdown) ? [[r.deviceId, driver(r.breakdown)!] as const] : [])));
}

/**
 * Running acceptances at `now` with their device, soonest expiry first. Read from the acceptances
 * (indexed by expiry), not by scanning devices.
 */
export async function listAcceptedRisks(now = new Date(), take = ACCEPTED_LIMIT) {
  const where = { revokedAt: null, expiresAt: { gt: now } };
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
