// One agent report, from token to commit: who sent it, whether it may (the rate limit), whether
// it came before (the stored answer is replayed), then one transaction that finds the devices,
// gives each its verdict and writes everything, retried when it loses a race. The 202 answer is
// stored with the report, so a retry of the same reportId gets it back and nothing is stored twice.
// What is read and written is lib/ingest/store.ts; what it means is lib/domain/identity.
import { forgetClearedEvidence, learningSiteIds, resolveCleared, type ClearedAlert } from "../db/alert-writes";
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { hashToken } from "../auth/tokens";
import { log } from "../ops/log";
import { bulkTarget, type Target } from "../db/bulk";
import type { Db } from "../db/client";
import { isUniqueViolation, isWriteConflict } from "../db/conflicts";
import { newRowId } from "../db/row-ids";
import { classifyClaim, laneSegments, splitByLane, type Claim, type LaneRefusal } from "../domain/agent-lane";
import { groupByDevice, type DeviceGroup } from "../domain/identity/device-groups";
import { deviceCreateData, observationRows } from "../domain/identity/device-rows";
import { evidenceFrom, type Evidence, type Registries } from "../domain/identity/evidence";
import { blockedReturn, reportVerdict, type StoredDevice } from "../domain/identity/verdict";
import { blockedByFingerprint } from "./blocked-devices";
import { recordFirmwareChanges } from "./firmware-changes";
import { knownIdentifiers, loadStored } from "./known-devices";
import { routeSplitIdentities } from "./split-routing";
import type { AgentReport, Observation, ReportAnswer } from "../domain/protocol/agent-report";
import type { AlertInput } from "../domain/words/alert-kinds";
import { lookupOuiVendor } from "../reference/oui-registry";
import { lookupUsbIds } from "../reference/usb-ids";
import { ApiError, errorBody } from "../web/errors";
import * as store from "./store";
import type { AuthenticatedAgent, PlannedDevice } from "./store";

export type { AuthenticatedAgent };
export type IngestResult = { status: 200 | 202; body: ReportAnswer & { duplicate?: true } };

const MAX_ATTEMPTS = 4;
const RETRY_SPREAD_MS = 100;
/** A report may hold thousands of refused observations: the answer names the first few. */
const MAX_REFUSALS_NAMED = 20;

/** What the agents view shows for a report with refused observations. */
function refusalNote(refused: LaneRefusal[]): string | null {
  if (!refused.length) return null;
  return `outside_lane: ${refused.length} observation${refused.length === 1 ? "" : "s"} refused; ${refused[0].path} ${refused[0].message}`;
}

/**
 * The bearer token is looked up by its sha-256: the database compares hashes, so no secret is
 * ever compared (or logged) in clear, and the comparison time says nothing about the token.
 */
export async function authenticateAgent(db: Db, authorization: string | null): Promise<AuthenticatedAgent> {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})\s*$/i);
  if (!match) throw new ApiError(401, "unauthorized", "Send the agent token as 'Authorization: Bearer <token>'.");
  const agent = await store.agentByTokenHash(db, hashToken(match[1]));
  if (!agent) throw new ApiError(401, "unauthorized", "Unknown agent token.");
  if (agent.revokedAt) throw new ApiError(403, "agent_revoked", "This agent has been revoked; enrol it again to get a new token.");
  return { id: agent.id, name: agent.name, siteId: agent.siteId, segments: laneSegments(agent.segments) };
}

export function agentRateLimit(env: Record<string, string | undefined> = process.env) {
  const perMinute = Number(env.AGENT_REPORTS_PER_MINUTE);
  return { limit: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 120, windowMs: 60_000 };
}

export async function checkAgentRate(db: Db, agentId: string) {
  const verdict = await store.countAgentReport(db, agentId, agentRateLimit());
  if (!verdict.allowed) {
    throw new ApiError(429, "rate_limited", `Too many reports from this agent; retry in ${verdict.retryAfterSeconds} s.`, undefined, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
}

/** A refused report counts against its agent on the agents view; being rate limited does not. */
export async function recordRefusal(db: Db, agentId: string, error: unknown) {
  if (!(error instanceof ApiError) || error.status === 429) return;
  await store.recordAgentError(db, agentId, errorBody(error).error).catch(() => undefined);
}

/** The product's reference tables: the IEEE OUI registry and usb.ids. */
const REGISTRIES: Registries = { ouiVendor: lookupOuiVendor, usbNames: lookupUsbIds };

/** What one observation tells about its device, exactly as ingestion reads it (also for the seeder). */
export function gatherEvidence(o: Observation, agentId: string): Evidence {
  return evidenceFrom(o, agentId, REGISTRIES);
}

export async function ingestReport(db: Db, agent: AuthenticatedAgent, report: AgentReport, now = new Date()): Promise<IngestResult> {
  const replay = await replayOf(db, agent.id, report.reportId);
  if (replay) return replay;
  // Observations outside the agent's lane are refused one by one: the rest of the report stands.
  const all = report.observations.map((o) => gatherEvidence(o, agent.id));
  const lane = splitByLane(agent.segments, all.map((e) => e.segment ?? undefined));
  const evidence = lane.kept.map((i) => all[i]);
  for (let attempt = 1; ; attempt++) {
    try {
      const body = await db.$transaction((tx) => writeReport(tx as unknown as Db, bulkTarget(db, tx), agent, report, evidence, lane.refused, now, randomUUID), {
        maxWait: 30_000,
        timeout: 120_000,
      });
      return { status: 202, body };
    } catch (error) {
      // The same report raced itself (an agent retry while the first attempt was in flight).
      if (isUniqueViolation(error)) {
        const first = await replayOf(db, agent.id, report.reportId);
        if (first) return first;
      }
      // Two agents saw the same new device at the same moment: the loser retries and finds it.
      if (attempt < MAX_ATTEMPTS && (isUniqueViolation(error) || isWriteConflict(error))) {
        log.info("report retried after a write conflict", { agentId: agent.id, reportId: report.reportId, attempt, conflict: isUniqueViolation(error) ? "unique key" : "lock (deadlock or serialization)" });
        // A moment's random wait, so the transactions that collided do not meet again at once.
        await delay(Math.random() * RETRY_SPREAD_MS * attempt);
        continue;
      }
      throw error;
    }
  }
}

async function replayOf(db: Db, agentId: string, reportId: string): Promise<IngestResult | null> {
  const answer = await store.storedAnswer(db, agentId, reportId);
  return answer ? { status: 200, body: { ...answer, duplicate: true } } : null;
}

type Places = Awaited<ReturnType<typeof store.resolvePlaces>>;
type Policies = Awaited<ReturnType<typeof store.loadPolicies>>;

/** Each device's segment, and its verdict under the policies that apply there. */
function planDevices(agentId: string, groups: DeviceGroup[], stored: Map<string, StoredDevice>, places: Places, policies: Policies, at: Date, learning: Set<string>): PlannedDevice[] {
  return groups.map((group) => {
    const segmentId = places.segmentFor(group.evidence.at(-1)!) ?? stored.get(group.deviceId)?.segmentId ?? null;
    const siteId = places.siteFor(segmentId);
    // A segment's policies follow the segment; a site's apply to the devices in that site now.
    const applicable = policies.filter((p) => (p.segmentId ? p.segmentId === segmentId : !p.siteId || p.siteId === siteId));
    return { group, segmentId, siteId, decision: reportVerdict(group.deviceId, agentId, stored.get(group.deviceId) ?? null, group.evidence, applicable, at, { learning: learning.has(siteId) }) };
  });
}

/** New devices that are blocked ones under a new claimed identity (same physical fingerprint) stay blocked. */
async function keepBlockedBlocked(target: Target, planned: PlannedDevice[], at: Date): Promise<PlannedDevice[]> {
  const fresh = planned.filter((p) => p.group.isNew && p.decision.fingerprint);
  const blocked = await blockedByFingerprint(target, fresh.map((p) => p.decision.fingerprint!.hash));
  if (!blocked.size) return planned;
  return planned.map((p) => {
    const match = p.group.isNew && p.decision.fingerprint ? blocked.get(p.decision.fingerprint.hash) : undefined;
    return match ? { ...p, decision: blockedReturn(p.group.deviceId, p.decision, match, at) } : p;
  });
}

/**
 * A known device another agent holds: the same segment seen twice is an update; on another
 * segment it moved (its agent gone or no longer seeing it) or is duplicated (left as it is, its
 * observation kept as evidence). Both raise a moved-or-duplicated alert, a duplicate a high one.
 */
async function judgeClaims(tx: Db, agent: AuthenticatedAgent, planned: PlannedDevice[], stored: Map<string, StoredDevice>, places: Places, at: Date) {
  const held = planned.filter((p) => !p.group.isNew && stored.get(p.group.deviceId)?.lastAgentId && stored.get(p.group.deviceId)!.lastAgentId !== agent.id);
  const holders = await store.deviceHolders(tx, held.map((p) => stored.get(p.group.deviceId)!.lastAgentId!));
  const duplicated = new Set<string>();
  const events: { p: PlannedDevice; before: StoredDevice; claim: Claim; segmentId: string | null }[] = [];
  for (const p of held) {
    const before = stored.get(p.group.deviceId)!;
    const segmentId = places.segmentFor(p.group.evidence.at(-1)!);
    const claim = classifyClaim({ reporterId: agent.id, reportedSegmentId: segmentId, device: before, holder: holders.get(before.lastAgentId!) ?? null, at });
    if (claim === "update") continue;
    if (claim === "duplicated") duplicated.add(p.group.deviceId);
    events.push({ p, before, claim, segmentId });
  }
  const names = await store.segmentNames(tx, events.flatMap((e) => [e.before.segmentId, e.segmentId].filter((id): id is string => !!id)));
  const devices = await store.deviceNames(tx, events.map((e) => e.p.group.deviceId));
  const alerts = events.map(({ p, before, claim, segmentId }) =>
    movedOrDuplicatedAlert(p, devices.get(p.group.deviceId) ?? p.decision.latest.displayName, claim, { agent: holders.get(before.lastAgentId!)?.name ?? "an agent no longer enrolled", segment: names.get(before.segmentId ?? "") ?? null }, { agent: agent.name, segment: names.get(segmentId ?? "") ?? null }, at),
  );
  return { changing: planned.filter((p) => !duplicated.has(p.group.deviceId)), alerts };
}

type Sighting = { agent: string; segment: string | null };

/** `device`: its name as the inventory knows it, not as the second agent's observation says. */
function movedOrDuplicatedAlert(p: PlannedDevice, device: string, claim: Claim, from: Sighting, to: Sighting, at: Date): AlertInput {
  const where = (s: Sighting) => `${s.segment ?? "no segment"} (${s.agent})`;
  const title = claim === "duplicated" ? `${device} reported on ${where(to)} while ${from.agent} still sees it on ${from.segment ?? "no segment"}` : `${device} moved from ${where(from)} to ${where(to)}`;
  return { kind: "moved_or_duplicated", severity: claim === "duplicated" ? "high" : "info", title, deviceId: p.group.deviceId, at, detail: { claim, from, to } };
}

/** Inside the report's transaction: find the devices, judge each, then write in multi-row queries. */
/** A device a policy no longer finds unauthorized (back to pending, or allow-listed): its "unauthorized" alert closes, saying why. */
function clearedUnauthorized(planned: PlannedDevice[]): ClearedAlert[] {
  return planned.flatMap((p) => {
    const status = p.decision.status;
    if (!status || p.group.isNew || (status.rule !== "policy.cleared" && status.status !== "authorized")) return [];
    return [{ kind: "unauthorized" as const, deviceId: p.group.deviceId, reason: `condition cleared: ${status.reason}` }];
  });
}

async function writeReport(tx: Db, target: Target, agent: AuthenticatedAgent, report: AgentReport, evidence: Evidence[], refused: LaneRefusal[], at: Date, newId: () => string): Promise<ReportAnswer> {
  const reportRowId = await store.createReportRow(tx, agent.id, report, at);
  // A cloned identity a person split into two devices: each observation to the one it measured.
  const groups = await routeSplitIdentities(tx, groupByDevice(evidence, await knownIdentifiers(target, evidence), newId));
  const stored = await loadStored(target, groups.filter((g) => !g.isNew).map((g) => g.deviceId));
  const places = await store.resolvePlaces(tx, agent, evidence, [...stored.values()].flatMap((d) => (d.segmentId ? [d.segmentId] : [])));
  const seen = await keepBlockedBlocked(target, planDevices(agent.id, groups, stored, places, await store.loadPolicies(tx, places.siteIds), at, await learningSiteIds(tx, places.siteIds, at)), at);
  // A duplicated device is left as it is: only its observations are written, as evidence.
  const { changing: planned, alerts: claimAlerts } = await judgeClaims(tx, agent, seen, stored, places, at);

  const created = planned.filter((p) => p.group.isNew);
  // New devices get their first fingerprint's id up front, so each is written once.
  const firstFp = new Map(created.filter((p) => p.decision.fingerprint).map((p) => [p.group.deviceId, newId()]));
  await store.createDevices(target, created.map((p) => ({ ...deviceCreateData(p.group.deviceId, p.decision, p.siteId, p.segmentId, agent.id, at), currentFingerprintId: firstFp.get(p.group.deviceId) ?? null })), at);
  await store.addIdentifiers(target, planned, at);
  const currentFp = await store.writeFingerprints(tx, target, planned, stored, firstFp, at);
  const gone = report.mode === "snapshot" ? await store.missingFromSnapshot(tx, agent.id, new Set(planned.map((p) => p.group.deviceId))) : [];
  await store.updateKnownDevices(tx, target, planned, stored, currentFp, agent.id, at, gone);
  await recordFirmwareChanges(tx, planned, stored, agent.id, at);
  await store.storeAgentComponents(tx, planned);
  await store.insertObservations(target, seen.flatMap((p) => observationRows(p.group, agent.id, reportRowId, at, newRowId)));

  const alerts = [...planned.flatMap((p) => p.decision.alerts), ...claimAlerts];
  await store.raiseReportAlerts(tx, target, alerts);
  await resolveCleared(tx, clearedUnauthorized(planned), at);
  await forgetClearedEvidence(tx, target, planned.filter((p) => !p.group.isNew).map((p) => ({ deviceId: p.group.deviceId, standing: p.decision.standing })));
  await store.markNotSeen(tx, agent.id, gone, at);
  await store.recordAcceptedReport(tx, agent.id, report, evidence.length, at, refusalNote(refused));
  const answer: ReportAnswer = { reportId: report.reportId, accepted: evidence.length, devices: { new: created.length, updated: planned.length - created.length }, alerts: alerts.length };
  if (refused.length) answer.refused = { count: refused.length, issues: refused.slice(0, MAX_REFUSALS_NAMED).map(({ path, message }) => ({ path, message })) };
  await store.saveAnswer(tx, reportRowId, answer);
  return answer;
}
