// The risk refresh: rematches stale devices against the advisories and their SBOMs, rescores
// them with the risk model, and keeps the history. "Stale" is a durable flag set by anything
// that can move a score (ingestion, decisions, edits, acceptances, feed imports, a model upgrade), so work is
// incremental and survives a crash: a batch clears its flags in the same transaction that writes
// its results, and a change made meanwhile sets the flag again for the next pass.
// This file loads, claims and writes; what applies and why is lib/domain/vulns/device-matches.ts,
// the score lib/domain/vulns/device-score.ts.
import { setImmediate as nextTurn } from "node:timers/promises";
import { raiseAlerts } from "../db/alert-writes";
import { bulkInsert, bulkTarget, bulkUpdate, selectByKeys, stepAside, type Target } from "../db/bulk";
import { claimStaleDevices } from "../db/claim-batch";
import { providerOf, type Db, type Prisma } from "../db/client";
import { newRowId } from "../db/row-ids";
import { readMatchContext } from "../db/advisory-index";
import { desiredMatches, matchChanges, reasonHash, type MatchContext, type MatchFacts, type StoredMatch } from "../domain/vulns/device-matches";
import { applyDecisions, type MatchDecisionFact } from "../domain/vulns/decided-matches";
import { climbsToCritical, scoreDevice, scoringContext, type ScoringContext, type ScoringFacts } from "../domain/vulns/device-score";
import { RISK_MODEL_VERSION } from "../domain/risk/risk-model";
import { END_OF_LIFE_TABLE } from "../reference/eol/eol-table";
import type { AlertInput } from "../domain/words/alert-kinds";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";

// "model": the rescoring of every device after the risk model changed (rescoreForNewModel).
export const RISK_TRIGGERS = ["ingest", "feed", "edit", "decision", "acceptance", "full", "model"] as const;
export type RiskTrigger = (typeof RISK_TRIGGERS)[number];
export type RefreshOptions = { trigger: RiskTrigger; all?: boolean; ids?: string[]; batchSize?: number; onProgress?: (done: number, total: number) => void };
export type RefreshSummary = { devices: number; rescored: number; matches: number; needsReview: number };

type Tx = Prisma.TransactionClient;
/** What every batch shares: the advisory index, feed versions, the vulnerabilities seen so far, fleets already matched and scored. */
export type Context = MatchContext & ScoringContext & {
  /** Breakdowns and match reasons this refresh has written: a failed batch aborts the refresh, so the sets never outlive a rollback. */
  breakdownsWritten: Set<string>;
  reasonsWritten: Set<string>;
  /** Each reason text's hash, computed once: a fleet's devices share the very same reason strings. */
  reasonHashes: Map<string, string>;
};

/** Also read by the firmware change preview (lib/vulns/change-preview.ts), so a preview scores as the refresh does. */
export async function loadContext(db: Db): Promise<Context> {
  const matching = await readMatchContext(db);
  const latest = (feed: string) => db.feedImport.findFirst({ where: { feed }, orderBy: NEWEST_IMPORT_FIRST, select: { feedVersion: true, feedDate: true } });
  const [kev, epss, segments] = await Promise.all([latest("kev"), latest("epss"), db.segment.findMany({ select: { id: true, name: true, label: true, exposure: true, exposureSource: true, exposureSetBy: true, exposureSetAt: true } })]);
  const feeds = { kevCatalogVersion: kev?.feedVersion ?? null, kevDate: kev?.feedDate?.toISOString() ?? null, epssModel: epss?.feedVersion ?? null, epssDate: epss?.feedDate?.toISOString() ?? null };
  return {
    ...matching,
    breakdownsWritten: new Set(),
    reasonsWritten: new Set(),
    reasonHashes: new Map(),
    ...scoringContext(feeds, new Map(segments.map((s) => [s.id, s])), { table: END_OF_LIFE_TABLE, asOf: new Date() }),
  };
}

// The device's own columns, read in bulk; its SBOM components and current matches alongside.
const DEVICE_COLUMNS_READ = {
  id: "text", displayName: "text", category: "text", status: "text", spoofSuspected: "bool", criticality: "text", criticalitySource: "text", phi: "text", compensatingControls: "float",
  internetExposed: "bool", channel: "text", claimedVendor: "text", vendor: "text", claimedModel: "text", model: "text", firmwareVersion: "text", claimedFirmware: "text",
  riskHash: "text", riskScore: "int", riskTier: "text", riskComputedAt: "date", segmentId: "text", os: "text",
} as const;
// Its SBOM components, current matches and people's decisions, read by device id like the device
// itself (one prepared statement on SQLite, no ORM planning of a 10,000-id list).
const COMPONENT_COLUMNS = { deviceId: "text", name: "text", version: "text", supplier: "text", cpe: "text", purl: "text", source: "text", declared: "json" } as const;
const STORED_MATCH_COLUMNS = { id: "text", deviceId: "text", vulnerabilityId: "text", source: "text", status: "text", advisoryId: "text", reason: "json", reasonHash: "text" } as const;
const DECISION_COLUMNS = { deviceId: "text", vulnerabilityId: "text", decision: "text", decidedBy: "text", decidedAt: "date" } as const;
export type Device = MatchFacts & ScoringFacts & {
  id: string; displayName: string; riskHash: string | null; riskScore: number; riskTier: string; riskComputedAt: Date | null; vulnerabilities: StoredMatch[];
  /** People's decisions on its possible matches, by CVE (lib/domain/vulns/decided-matches.ts). */
  decisions: MatchDecisionFact[];
};

export async function readDevices(target: Target, ids: string[]): Promise<Device[]> {
  const [rows, components, matches, decisions] = await Promise.all([
    selectByKeys(target, "Device", "id", DEVICE_COLUMNS_READ, ids),
    selectByKeys(target, "SbomComponent", "deviceId", COMPONENT_COLUMNS, ids),
    selectByKeys(target, "DeviceVulnerability", "deviceId", STORED_MATCH_COLUMNS, ids),
    selectByKeys(target, "MatchDecision", "deviceId", DECISION_COLUMNS, ids),
  ]);
  const group = <T,>(list: Record<string, unknown>[]) => {
    const of = new Map<string, T[]>();
    for (const x of list) {
      const key = x.deviceId as string;
      const into = of.get(key);
      if (into) into.push(x as T);
      else of.set(key, [x as T]);
    }
    return of;
  };
  const [componentsOf, matchesOf, decisionsOf] = [group<Device["components"][number]>(components), group<StoredMatch>(matches), group<MatchDecisionFact>(decisions)];
  return rows.map((r) => ({ ...(r as Omit<Device, "components" | "vulnerabilities" | "decisions">), components: componentsOf.get(r.id as string) ?? [], vulnerabilities: matchesOf.get(r.id as string) ?? [], decisions: decisionsOf.get(r.id as string) ?? [] }));
}

/** The feeds' facts of CVEs not read yet in this refresh. */
export async function loadVulns(tx: Tx, ctx: Context, cves: string[]) {
  const missing = [...new Set(cves)].filter((c) => !ctx.vulns.has(c));
  if (!missing.length) return;
  const [rows, epss] = await Promise.all([
    tx.vulnerability.findMany({ where: { id: { in: missing } }, select: { id: true, kev: true, cvssVector: true, cvssExploitability: true } }),
    tx.epssScore.findMany({ where: { cve: { in: missing } } }),
  ]);
  const epssOf = new Map(epss.map((e) => [e.cve, e.epss]));
  for (const r of rows) ctx.vulns.set(r.id, { kev: r.kev, cvssVector: r.cvssVector, cvssExploitability: r.cvssExploitability, epss: epssOf.get(r.id) ?? null });
}

const MATCH_COLUMNS = { id: "text", deviceId: "text", vulnerabilityId: "text", advisoryId: "text", source: "text", status: "text", reasonHash: "text", matchedAt: "date" } as const;
const REASON_COLUMNS = { hash: "text", reason: "jsonText", createdAt: "date" } as const;
const SCORE_COLUMNS = { id: "text", deviceId: "text", score: "int", tier: "text", ssvc: "text", modelVersion: "text", breakdownHash: "text", trigger: "text", computedAt: "date" } as const;
const BREAKDOWN_COLUMNS = { hash: "text", breakdown: "jsonText", createdAt: "date" } as const;
// riskStale is cleared in the same row write as the new score, not by a second UPDATE of every
// device of the batch; only devices whose score did not move get that one.
const DEVICE_COLUMNS = { riskScore: "int", riskTier: "text", ssvc: "text", riskComputedAt: "date", riskHash: "text", riskStale: "bool" } as const;
// A new breakdown with the same score and tier (most of a fleet's rescoring after a feed update)
// leaves the score columns alone: SQLite rewrites the entries of every index on a column the SET
// names, equal value or not, and nine indexes lead with or hold riskScore (measured: 8x slower).
const DEVICE_BREAKDOWN_COLUMNS = { ssvc: "text", riskComputedAt: "date", riskHash: "text", riskStale: "bool" } as const;

/**
 * Writes the match differences, the changed scores and their history for one batch. Returns the
 * reason and breakdown hashes it wrote in its transaction, which the caller adds to the context
 * once the batch has committed: a concurrent batch that skipped them would otherwise cite rows not
 * yet visible. With `shared` (two lanes of a full recompute) they are committed first, apart.
 */
async function writeBatch(tx: Tx, target: Target, shared: Target | null, devices: Device[], ctx: Context, trigger: RiskTrigger, at: Date) {
  const creates: Record<string, unknown>[] = [];
  const removes: string[] = [];
  const scores: Record<string, unknown>[] = [];
  const breakdowns = new Map<string, Record<string, unknown>>();
  const reasons = new Map<string, Record<string, unknown>>();
  const hashOf = (reason: string) => {
    let hash = ctx.reasonHashes.get(reason);
    if (!hash) ctx.reasonHashes.set(reason, (hash = reasonHash(reason)));
    return hash;
  };
  const updates: Record<string, unknown>[] = [];
  const sameScore: Record<string, unknown>[] = [];
  const unchanged: string[] = [];
  const jumps: AlertInput[] = [];
  let matches = 0, needsReview = 0;
  // Matching and scoring held the server's thread 70-250 ms a batch of 5,000 (bench:risk, 100,000
  // devices): it steps aside every slice, as the batch's statements do.
  const desiredOf = new Map<string, ReturnType<typeof desiredMatches>>();
  for (const d of devices) {
    await stepAside(target);
    desiredOf.set(d.id, desiredMatches(d, ctx));
  }
  await loadVulns(tx, ctx, [...desiredOf.values()].flat().map((m) => m.cve));
  for (const d of devices) {
    await stepAside(target);
    const desired = applyDecisions(desiredOf.get(d.id)!.filter((m) => ctx.vulns.has(m.cve)), d.decisions);
    matches += desired.length;
    needsReview += desired.filter((m) => m.status === "needs_review").length;
    const changes = matchChanges(desired, d.vulnerabilities, hashOf);
    removes.push(...changes.remove);
    for (const m of changes.create) {
      const hash = hashOf(m.reason);
      // Each distinct reason is written once (and once per refresh): a fleet shares one row.
      if (!ctx.reasonsWritten.has(hash)) reasons.set(hash, { hash, reason: m.reason, createdAt: at });
      creates.push({ id: newRowId(), deviceId: d.id, vulnerabilityId: m.cve, advisoryId: m.advisoryId, source: m.source, status: m.status, reasonHash: hash, matchedAt: at });
    }
    const { result, breakdown, hash } = scoreDevice(d, desired, ctx);
    if (hash === d.riskHash) {
      unchanged.push(d.id);
      continue;
    }
    // Each distinct breakdown is written once (and once per refresh): a fleet shares one row.
    if (!ctx.breakdownsWritten.has(hash)) breakdowns.set(hash, { hash, breakdown, createdAt: at });
    scores.push({ id: newRowId(), deviceId: d.id, score: result.score, tier: result.tier, ssvc: result.ssvc, modelVersion: result.modelVersion, breakdownHash: hash, trigger, computedAt: at });
    const row = { id: d.id, riskScore: result.score, riskTier: result.tier, ssvc: result.ssvc, riskComputedAt: at, riskHash: hash, riskStale: false };
    (result.score === d.riskScore && result.tier === d.riskTier ? sameScore : updates).push(row);
    if (climbsToCritical(d, result)) {
      jumps.push({ kind: "risk_jump", severity: "critical", title: `Risk now critical: ${d.displayName}`, detail: { from: d.riskTier, to: result.tier, score: result.score, driver: result.breakdown.driver }, deviceId: d.id, at });
    }
  }
  const written = await writeShared(shared ?? target, reasons, breakdowns);
  if (shared) {
    for (const hash of written.reasons) ctx.reasonsWritten.add(hash);
    for (const hash of written.breakdowns) ctx.breakdownsWritten.add(hash);
  }
  if (removes.length) await tx.deviceVulnerability.deleteMany({ where: { id: { in: removes } } });
  await bulkInsert(target, "DeviceVulnerability", MATCH_COLUMNS, creates);
  await bulkInsert(target, "RiskScore", SCORE_COLUMNS, scores);
  await bulkUpdate(target, "Device", "id", DEVICE_COLUMNS, updates);
  await bulkUpdate(target, "Device", "id", DEVICE_BREAKDOWN_COLUMNS, sameScore);
  if (unchanged.length) await tx.device.updateMany({ where: { id: { in: unchanged } }, data: { riskStale: false } });
  await raiseAlerts(tx, target, jumps);
  return { rescored: updates.length + sameScore.length, matches, needsReview, written: shared ? { reasons: [], breakdowns: [] } : written };
}

/**
 * A fleet's reasons and breakdowns, each written once by content. In the batch's transaction a
 * second lane writing the same row waited for the whole batch to commit (PostgreSQL's
 * pg_stat_activity caught it waiting in 8 of about 80 samples of a recompute); committed first, on
 * their own, it waits for one statement at most. Such rows are never deleted, so one whose batch
 * then fails is merely unused until a later batch cites it.
 */
async function writeShared(target: Target, reasons: Map<string, Record<string, unknown>>, breakdowns: Map<string, Record<string, unknown>>) {
  await bulkInsert(target, "MatchReason", REASON_COLUMNS, inHashOrder(reasons), { skipExisting: true });
  await bulkInsert(target, "RiskBreakdown", BREAKDOWN_COLUMNS, inHashOrder(breakdowns), { skipExisting: true });
  return { reasons: [...reasons.keys()], breakdowns: [...breakdowns.keys()] };
}

// Two concurrent batches may both write a fleet's shared reason or breakdown: the second waits for
// the first's statement (or, written in the batch, for the first batch to commit). Both writing in
// hash order, neither can hold a row the other waits on while waiting itself (no deadlock).
const inHashOrder = (rows: Map<string, Record<string, unknown>>) => [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

/** Rescores stale devices (all of them with `all`, only `ids` when given), in batches. */
export async function refreshRisk(db: Db, options: RefreshOptions): Promise<RefreshSummary> {
  if (options.trigger !== "model") await rescoreForNewModel(db, options.batchSize);
  // A full recompute is an operator's deliberate run: twice the batch halves the commits, each of
  // which rewrites index pages spread over the whole file; the background pass keeps SQLite's
  // writer free for agents sooner.
  const batchSize = options.batchSize ?? (options.all ? 10_000 : 5000);
  const scope: Prisma.DeviceWhereInput = options.ids ? { id: { in: options.ids } } : {};
  if (options.all || options.ids) await db.device.updateMany({ where: { ...scope, riskStale: false }, data: { riskStale: true } });
  const total = await db.device.count({ where: { ...scope, riskStale: true } });
  const summary: RefreshSummary = { devices: 0, rescored: 0, matches: 0, needsReview: 0 };
  if (total === 0) return summary; // the usual case of the background pass: one indexed count
  const ctx = await loadContext(db);
  options.onProgress?.(0, total);
  // On PostgreSQL, batches run side by side on their own connections (claims skip each other's
  // locked rows): one batch's matching and scoring in Node overlaps another's writes in the
  // database, which were each about half of a full recompute (measured: bench:risk in the README).
  // SQLite has one writer, so a second batch would only wait. The background pass after ingestion
  // keeps to one lane: on a small server the agents' reports need the other core.
  const lanes = providerOf(db) === "postgresql" && options.trigger !== "ingest" && total > batchSize ? PARALLEL_BATCHES : 1;
  // Side by side, a fleet's shared rows are committed apart from the batch (writeShared), on a
  // connection of their own. Only for an operator's full recompute, run by a tool whose pool
  // serves nothing else: in a server, agents' reports waiting for the batch's claimed devices can
  // hold every pooled connection, and a statement outside the batch would wait for them in turn.
  const shared = lanes > 1 && options.trigger === "full" ? bulkTarget(db) : null;
  const stop = { failed: false };
  const results = await Promise.allSettled(Array.from({ length: lanes }, () => runBatches(db, ctx, options, batchSize, summary, total, stop, shared)));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
  return summary;
}

const PARALLEL_BATCHES = 2;

/** One lane of the refresh: claims, scores and writes batches until none is left or another lane failed. */
async function runBatches(db: Db, ctx: Context, options: RefreshOptions, batchSize: number, summary: RefreshSummary, total: number, stop: { failed: boolean }, shared: Target | null) {
  let after = "";
  while (!stop.failed) {
    try {
      const written = await db.$transaction(
        async (tx) => {
          // The batch's rows are read and written on its transaction (on SQLite, the client's own connection).
          const target = bulkTarget(db, tx);
          const ids = await claimStaleDevices(target, after, batchSize, options.ids);
          if (!ids.length) return null;
          after = ids[ids.length - 1];
          const devices = await readDevices(target, ids);
          const batch = await writeBatch(tx, target, shared, devices, ctx, options.trigger, new Date());
          summary.devices += devices.length;
          summary.rescored += batch.rescored;
          summary.matches += batch.matches;
          summary.needsReview += batch.needsReview;
          return batch.written;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
      if (!written) return;
      // On SQLite the commit held the server's thread (30-270 ms a batch at 100,000 devices, with
      // the checkpoint worker), and the next batch's slice starts afresh: pages' requests go first.
      await nextTurn();
      for (const hash of written.reasons) ctx.reasonsWritten.add(hash);
      for (const hash of written.breakdowns) ctx.breakdownsWritten.add(hash);
    } catch (error) {
      stop.failed = true;
      throw error;
    }
    options.onProgress?.(summary.devices, Math.max(total, summary.devices));
  }
}

const MODEL_SETTING = "riskModelVersion";

/**
 * Once per model change, on the first refresh after start: if any stored score was computed by
 * another model version, every scored device is marked stale and rescored with trigger "model",
 * so its history says why its score moved. The version is written only after that pass, so a
 * crash midway redoes it (devices already rescored produce the same breakdown: no second row).
 * The usual cost is one lookup by primary key.
 */
async function rescoreForNewModel(db: Db, batchSize?: number) {
  const recorded = await db.setting.findUnique({ where: { key: MODEL_SETTING }, select: { value: true } });
  if (recorded?.value === RISK_MODEL_VERSION) return;
  const older = await db.riskScore.findFirst({ where: { modelVersion: { not: RISK_MODEL_VERSION } }, select: { id: true } });
  if (older) {
    await db.device.updateMany({ where: { riskComputedAt: { not: null }, riskStale: false }, data: { riskStale: true } });
    await refreshRisk(db, { trigger: "model", batchSize });
  }
  await db.setting.upsert({ where: { key: MODEL_SETTING }, create: { key: MODEL_SETTING, value: RISK_MODEL_VERSION }, update: { value: RISK_MODEL_VERSION } });
}
