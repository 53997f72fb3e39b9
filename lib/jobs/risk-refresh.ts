// The risk refresh: rematches stale devices against the advisories and their SBOMs, rescores
// them with the risk model, and keeps the history. "Stale" is a durable flag set by anything
// that can move a score (ingestion, decisions, edits, acceptances, feed imports), so work is
// incremental and survives a crash: a batch clears its flags in the same transaction that writes
// its results, and a change made meanwhile sets the flag again for the next pass.
import { createHash } from "node:crypto";
import { raiseAlerts } from "../commands/alert-handling";
import { bulkInsert, bulkUpdate, selectByKeys, type Target } from "../db/bulk";
import { providerOf, sqliteConnectionOf, type Db, type Prisma } from "../db/client";
import { cveMatches, indexProducts, matchProducts, type CveMatch, type MatchReason, type MatchTarget, type ProductIndex } from "../domain/vulns/advisory-match";
import { parseCpe, unescapeCpe } from "../domain/vulns/cpe";
import { computeRisk, type Exposure, type FeedDates, type RiskInput, type RiskResult, type VulnerabilityInput } from "../domain/risk/risk-model";
import { EXPOSURES } from "../domain/words/vocabulary";
import { newRowId } from "../db/row-ids";
import { AFFECTING_STATES, type DeclaredVulnerability } from "../vulns/cyclonedx";

export const RISK_TRIGGERS = ["ingest", "feed", "edit", "decision", "acceptance", "full"] as const;
export type RiskTrigger = (typeof RISK_TRIGGERS)[number];
export type RefreshOptions = { trigger: RiskTrigger; all?: boolean; ids?: string[]; batchSize?: number; onProgress?: (done: number, total: number) => void };
export type RefreshSummary = { devices: number; rescored: number; matches: number; needsReview: number };

type Tx = Prisma.TransactionClient;
type VulnFacts = { kev: boolean; cvssVector: string | null; cvssExploitability: number | null; epss: number | null };

/** What every batch shares: the advisory index, feed versions and the vulnerabilities seen so far. */
type Context = { index: ProductIndex; cvesOf: Map<string, string[]>; feeds: FeedDates; vulns: Map<string, VulnFacts>; seen: Map<string, MatchReason[]>; own: Map<string, Desired[]>; segments: Map<string, { name: string; exposure: string }>; scored: Map<string, Scored> };

async function loadContext(db: Db): Promise<Context> {
  const products = await db.affectedProduct.findMany({ select: { id: true, advisoryId: true, vendor: true, product: true, versionRange: true, cves: true } });
  const cvesOf = new Map(products.map((p) => [p.id, p.cves as string[]]));
  const latest = (feed: string) => db.feedImport.findFirst({ where: { feed }, orderBy: { feedDate: "desc" }, select: { feedVersion: true, feedDate: true } });
  const [kev, epss, segments] = await Promise.all([latest("kev"), latest("epss"), db.segment.findMany({ select: { id: true, name: true, exposure: true } })]);
  return {
    index: indexProducts(products.map((p) => ({ ...p, cves: p.cves as string[] }))),
    cvesOf,
    feeds: { kevCatalogVersion: kev?.feedVersion ?? null, kevDate: kev?.feedDate?.toISOString() ?? null, epssModel: epss?.feedVersion ?? null, epssDate: epss?.feedDate?.toISOString() ?? null },
    vulns: new Map(),
    seen: new Map(),
    own: new Map(),
    segments: new Map(segments.map((s) => [s.id, s])),
    scored: new Map(),
  };
}

// The device's own columns, read in bulk; its SBOM components and current matches alongside.
const DEVICE_COLUMNS_READ = {
  id: "text", displayName: "text", category: "text", status: "text", spoofSuspected: "bool", criticality: "text", criticalitySource: "text", phi: "text", compensatingControls: "float",
  internetExposed: "bool", channel: "text", claimedVendor: "text", vendor: "text", claimedModel: "text", model: "text", firmwareVersion: "text", claimedFirmware: "text",
  riskHash: "text", riskTier: "text", riskComputedAt: "date", segmentId: "text",
} as const;
const COMPONENT_SELECT = { deviceId: true, name: true, version: true, supplier: true, cpe: true, declared: true } satisfies Prisma.SbomComponentSelect;
const MATCH_SELECT = { id: true, deviceId: true, vulnerabilityId: true, source: true, status: true, advisoryId: true, reason: true } satisfies Prisma.DeviceVulnerabilitySelect;
type Component = Prisma.SbomComponentGetPayload<{ select: typeof COMPONENT_SELECT }>;
type StoredMatch = Prisma.DeviceVulnerabilityGetPayload<{ select: typeof MATCH_SELECT }>;
type Device = {
  id: string; displayName: string; category: string; status: string; spoofSuspected: boolean; criticality: string; criticalitySource: string; phi: string; compensatingControls: number;
  internetExposed: boolean; channel: string | null; claimedVendor: string | null; vendor: string | null; claimedModel: string | null; model: string | null; firmwareVersion: string | null; claimedFirmware: string | null;
  riskHash: string | null; riskTier: string; riskComputedAt: Date | null; segmentId: string | null;
  components: Component[]; vulnerabilities: StoredMatch[];
};

async function readDevices(tx: Tx, target: Target, ids: string[]): Promise<Device[]> {
  const [rows, components, matches] = await Promise.all([
    selectByKeys(target, "Device", "id", DEVICE_COLUMNS_READ, ids),
    tx.sbomComponent.findMany({ where: { deviceId: { in: ids } }, select: COMPONENT_SELECT }),
    tx.deviceVulnerability.findMany({ where: { deviceId: { in: ids } }, select: MATCH_SELECT }),
  ]);
  const group = <T extends { deviceId: string }>(list: T[]) => list.reduce((m, x) => m.set(x.deviceId, [...(m.get(x.deviceId) ?? []), x]), new Map<string, T[]>());
  const [componentsOf, matchesOf] = [group(components), group(matches)];
  return rows.map((r) => ({ ...(r as Omit<Device, "components" | "vulnerabilities">), components: componentsOf.get(r.id as string) ?? [], vulnerabilities: matchesOf.get(r.id as string) ?? [] }));
}

/** reason: the stored JSON text, written with sorted keys so that it compares equal to what PostgreSQL's jsonb gives back. */
type Desired = { cve: string; source: "csaf" | "sbom"; status: "affected" | "needs_review"; advisoryId: string | null; reason: string };

/** JSON with object keys sorted at every level: one text for one value, whatever the database did to key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function componentTarget(c: Device["components"][number]) {
  const cpe = c.cpe ? parseCpe(c.cpe) : null;
  const fromCpe = (v: string | undefined) => (v && v !== "*" && v !== "-" ? unescapeCpe(v).replace(/_/g, " ") : null);
  return {
    vendors: [c.supplier, fromCpe(cpe?.vendor)],
    models: [fromCpe(cpe?.product), c.name],
    version: c.version ?? fromCpe(cpe?.version),
    subject: `component ${c.name}${c.version ? ` ${c.version}` : ""}`,
  };
}

/** What a match keeps: the advisory, the range and version compared, and why in words (which names the vendor and product). */
function storedReason(r: MatchReason) {
  return { advisoryId: r.advisoryId, status: r.status, range: r.range, version: r.version, why: r.subject === "device" ? r.why : `${r.subject}: ${r.why}` };
}

/** A fleet holds many devices of one vendor, model and firmware: each such target is matched once. */
function matchOnce(target: MatchTarget, ctx: Pick<Context, "index" | "seen">): MatchReason[] {
  const key = JSON.stringify(target);
  let found = ctx.seen.get(key);
  if (!found) {
    if (ctx.seen.size >= 50_000) ctx.seen.clear();
    found = matchProducts(target, ctx.index);
    ctx.seen.set(key, found);
  }
  return found;
}

/** Every vulnerability that applies to the device, per CVE and source, with why. */
export function desiredMatches(d: Device, ctx: Pick<Context, "index" | "cvesOf" | "seen" | "own">): Desired[] {
  const cves = (id: string) => ctx.cvesOf.get(id) ?? [];
  const fold = (matches: CveMatch[], source: Desired["source"]): Desired[] =>
    matches.map((m) => ({ cve: m.cve, source, status: m.status, advisoryId: m.advisoryId, reason: canonicalJson({ rule: "advisory", matches: m.reasons.map(storedReason) }) }));
  const target: MatchTarget = { vendors: [d.claimedVendor, d.vendor], models: [d.claimedModel, d.model], version: d.firmwareVersion ?? d.claimedFirmware, subject: "device" };
  const key = JSON.stringify(target);
  let out = ctx.own.get(key);
  if (!out) {
    if (ctx.own.size >= 50_000) ctx.own.clear();
    out = fold(cveMatches(matchOnce(target, ctx), cves), "csaf");
    ctx.own.set(key, out);
  }
  if (!d.components.length) return out;
  const fromComponents: MatchReason[] = d.components.flatMap((c) => matchOnce(componentTarget(c), ctx));
  const sbom = new Map(fold(cveMatches(fromComponents, cves), "sbom").map((m) => [m.cve, m]));
  for (const c of d.components) {
    for (const v of (c.declared as DeclaredVulnerability[] | null) ?? []) {
      if (!AFFECTING_STATES.has(v.state) || sbom.get(v.cve)?.status === "affected") continue;
      sbom.set(v.cve, { cve: v.cve, source: "sbom", status: v.state === "exploitable" ? "affected" : "needs_review", advisoryId: null, reason: canonicalJson({ rule: "sbom-declared", component: c.name, version: c.version, state: v.state }) });
    }
  }
  return [...out, ...sbom.values()];
}

function exposureOf(d: Device, segments: Context["segments"]): { exposure: Exposure | null; source: string } {
  if (d.internetExposed) return { exposure: "internet", source: "seen reachable from the internet" };
  const segment = d.segmentId ? segments.get(d.segmentId) : undefined;
  if (segment && (EXPOSURES as readonly string[]).includes(segment.exposure)) return { exposure: segment.exposure as Exposure, source: `segment ${segment.name}` };
  if (d.channel === "usb") return { exposure: "usb_only", source: "attached by USB only" };
  return { exposure: null, source: "no segment known" };
}

type Scored = { result: RiskResult; breakdown: string; hash: string };

/**
 * The device's score, its breakdown as stored (JSON) and that text's hash. Devices with the same
 * inputs (same model, firmware, segment and context) get the same breakdown: computed once.
 */
function score(d: Device, desired: Desired[], ctx: Context): Scored {
  const exposure = exposureOf(d, ctx.segments);
  const affected = new Set(desired.filter((m) => m.status === "affected").map((m) => m.cve));
  const vulnerabilities: VulnerabilityInput[] = [...new Set(desired.map((m) => m.cve))].map((cve) => {
    const v = ctx.vulns.get(cve);
    return { id: cve, kev: v?.kev ?? false, epss: v?.epss ?? null, epssDate: ctx.feeds.epssDate, cvssVector: v?.cvssVector ?? null, cvssExploitability: v?.cvssExploitability ?? null, matchStatus: affected.has(cve) ? "affected" : "needs_review" };
  });
  const input: RiskInput = {
    criticality: d.criticality as RiskInput["criticality"],
    criticalitySource: d.criticalitySource === "user" ? "set by a clinical engineer" : `default for category ${d.category}`,
    phi: d.phi as RiskInput["phi"],
    phiSource: `default for category ${d.category}`,
    exposure: exposure.exposure,
    exposureSource: exposure.source,
    compensatingControls: d.compensatingControls,
    controlsSource: "device record",
    unauthorized: d.status === "unauthorized",
    spoofDetected: d.spoofSuspected,
    vulnerabilities,
    feeds: ctx.feeds,
  };
  const key = JSON.stringify(input);
  let scored = ctx.scored.get(key);
  if (!scored) {
    if (ctx.scored.size >= 50_000) ctx.scored.clear();
    const result = computeRisk(input);
    const breakdown = JSON.stringify(result.breakdown);
    scored = { result, breakdown, hash: createHash("sha256").update(breakdown).digest("base64url") };
    ctx.scored.set(key, scored);
  }
  return scored;
}

async function loadVulns(tx: Tx, ctx: Context, cves: string[]) {
  const missing = [...new Set(cves)].filter((c) => !ctx.vulns.has(c));
  if (!missing.length) return;
  const [rows, epss] = await Promise.all([
    tx.vulnerability.findMany({ where: { id: { in: missing } }, select: { id: true, kev: true, cvssVector: true, cvssExploitability: true } }),
    tx.epssScore.findMany({ where: { cve: { in: missing } } }),
  ]);
  const epssOf = new Map(epss.map((e) => [e.cve, e.epss]));
  for (const r of rows) ctx.vulns.set(r.id, { kev: r.kev, cvssVector: r.cvssVector, cvssExploitability: r.cvssExploitability, epss: epssOf.get(r.id) ?? null });
}

const MATCH_COLUMNS = { id: "text", deviceId: "text", vulnerabilityId: "text", advisoryId: "text", source: "text", status: "text", reason: "jsonText", matchedAt: "date" } as const;
const SCORE_COLUMNS = { id: "text", deviceId: "text", score: "int", tier: "text", ssvc: "text", modelVersion: "text", breakdown: "jsonText", trigger: "text", computedAt: "date" } as const;
const DEVICE_COLUMNS = { riskScore: "int", riskTier: "text", ssvc: "text", riskComputedAt: "date", riskHash: "text" } as const;
const TIER_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as Record<string, number>;

/** Writes the match differences, the changed scores and their history for one batch. */
async function writeBatch(tx: Tx, target: Target, devices: Device[], ctx: Context, trigger: RiskTrigger, at: Date) {
  const creates: Record<string, unknown>[] = [];
  const removes: string[] = [];
  const scores: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const jumps: Parameters<typeof raiseAlerts>[1] = [];
  let matches = 0, needsReview = 0;
  const desiredOf = new Map(devices.map((d) => [d.id, desiredMatches(d, ctx)]));
  await loadVulns(tx, ctx, [...desiredOf.values()].flat().map((m) => m.cve));
  for (const d of devices) {
    const desired = desiredOf.get(d.id)!.filter((m) => ctx.vulns.has(m.cve));
    matches += desired.length;
    needsReview += desired.filter((m) => m.status === "needs_review").length;
    const existing = new Map(d.vulnerabilities.map((v) => [`${v.vulnerabilityId}|${v.source}`, v]));
    for (const m of desired) {
      const prior = existing.get(`${m.cve}|${m.source}`);
      existing.delete(`${m.cve}|${m.source}`);
      if (prior && prior.status === m.status && prior.advisoryId === m.advisoryId && canonicalJson(prior.reason) === m.reason) continue;
      if (prior) removes.push(prior.id);
      creates.push({ id: newRowId(), deviceId: d.id, vulnerabilityId: m.cve, advisoryId: m.advisoryId, source: m.source, status: m.status, reason: m.reason, matchedAt: at });
    }
    removes.push(...[...existing.values()].map((v) => v.id));
    const { result, breakdown, hash } = score(d, desired, ctx);
    if (hash === d.riskHash) continue;
    scores.push({ id: newRowId(), deviceId: d.id, score: result.score, tier: result.tier, ssvc: result.ssvc, modelVersion: result.modelVersion, breakdown, trigger, computedAt: at });
    updates.push({ id: d.id, riskScore: result.score, riskTier: result.tier, ssvc: result.ssvc, riskComputedAt: at, riskHash: hash });
    // A device already scored that climbs into critical is news; a first score is not a jump.
    if (d.riskComputedAt && result.tier === "critical" && TIER_RANK[d.riskTier] < TIER_RANK.critical) {
      jumps.push({ kind: "risk_jump", severity: "critical", title: `Risk now critical: ${d.displayName}`, detail: { from: d.riskTier, to: result.tier, score: result.score, driver: result.breakdown.driver }, deviceId: d.id, at });
    }
  }
  if (removes.length) await tx.deviceVulnerability.deleteMany({ where: { id: { in: removes } } });
  await bulkInsert(target, "DeviceVulnerability", MATCH_COLUMNS, creates);
  await bulkInsert(target, "RiskScore", SCORE_COLUMNS, scores);
  await bulkUpdate(target, "Device", "id", DEVICE_COLUMNS, updates);
  await raiseAlerts(tx, jumps);
  return { rescored: updates.length, matches, needsReview };
}

/**
 * The next stale devices after `after`, locked for this batch. On PostgreSQL other instances'
 * passes skip the rows this one holds (FOR UPDATE SKIP LOCKED) instead of deadlocking on them;
 * SQLite has a single writer anyway.
 */
async function claimStale(tx: Tx, provider: ReturnType<typeof providerOf>, after: string, take: number, only?: string[]): Promise<string[]> {
  if (provider === "sqlite") {
    const where: Prisma.DeviceWhereInput = { riskStale: true, id: { gt: after }, ...(only ? { AND: [{ id: { in: only } }] } : {}) };
    return (await tx.device.findMany({ where, orderBy: { id: "asc" }, take, select: { id: true } })).map((d) => d.id);
  }
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "Device" WHERE "riskStale" AND "id" > $1 ${only ? `AND "id" = ANY($3::text[])` : ""} ORDER BY "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
    ...(only ? [after, take, only] : [after, take]),
  );
  return rows.map((r) => r.id);
}

/** Rescores stale devices (all of them with `all`, only `ids` when given), in batches. */
export async function refreshRisk(db: Db, options: RefreshOptions): Promise<RefreshSummary> {
  const provider = providerOf(db);
  const batchSize = options.batchSize ?? 5000;
  const scope: Prisma.DeviceWhereInput = options.ids ? { id: { in: options.ids } } : {};
  if (options.all || options.ids) await db.device.updateMany({ where: { ...scope, riskStale: false }, data: { riskStale: true } });
  const total = await db.device.count({ where: { ...scope, riskStale: true } });
  const summary: RefreshSummary = { devices: 0, rescored: 0, matches: 0, needsReview: 0 };
  if (total === 0) return summary; // the usual case of the background pass: one indexed count
  const ctx = await loadContext(db);
  let after = "";
  options.onProgress?.(0, total);
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const ids = await claimStale(tx, provider, after, batchSize, options.ids);
        if (!ids.length) return true;
        after = ids[ids.length - 1];
        await tx.device.updateMany({ where: { id: { in: ids } }, data: { riskStale: false } });
        const target = { db: tx, provider, connection: sqliteConnectionOf(db) };
        const devices = await readDevices(tx, target, ids);
        const batch = await writeBatch(tx, target, devices, ctx, options.trigger, new Date());
        summary.devices += devices.length;
        summary.rescored += batch.rescored;
        summary.matches += batch.matches;
        summary.needsReview += batch.needsReview;
        return false;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    options.onProgress?.(summary.devices, Math.max(total, summary.devices));
    if (done) return summary;
  }
}
