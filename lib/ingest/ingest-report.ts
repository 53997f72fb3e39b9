// One agent report, from token to commit: who sent it, whether it may (the rate limit), whether
// it came before (the stored answer is replayed), then one transaction that finds the devices,
// gives each its verdict and writes everything, retried when it loses a race. The 202 answer is
// stored with the report, so a retry of the same reportId gets it back and nothing is stored twice.
// What is read and written is lib/ingest/store.ts; what it means is lib/domain/identity.
import { randomUUID } from "node:crypto";
import { hashToken } from "../auth/tokens";
import { bulkTarget, type Target } from "../db/bulk";
import type { Db } from "../db/client";
import { isUniqueViolation, isWriteConflict } from "../db/conflicts";
import { newRowId } from "../db/row-ids";
import { groupByDevice, type DeviceGroup } from "../domain/identity/device-groups";
import { deviceCreateData, observationRows } from "../domain/identity/device-rows";
import { evidenceFrom, type Evidence, type Registries } from "../domain/identity/evidence";
import { reportVerdict, type StoredDevice } from "../domain/identity/verdict";
import type { AgentReport, Observation, ReportAnswer } from "../domain/protocol/agent-report";
import { lookupOuiVendor } from "../reference/oui-registry";
import { lookupUsbIds } from "../reference/usb-ids";
import { ApiError, errorBody } from "../web/errors";
import * as store from "./store";
import type { AuthenticatedAgent, PlannedDevice } from "./store";

export type { AuthenticatedAgent };
export type IngestResult = { status: 200 | 202; body: ReportAnswer & { duplicate?: true } };

const MAX_ATTEMPTS = 4;

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
  return { id: agent.id, name: agent.name, siteId: agent.siteId };
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
  const evidence = report.observations.map((o) => gatherEvidence(o, agent.id));
  for (let attempt = 1; ; attempt++) {
    try {
      const body = await db.$transaction((tx) => writeReport(tx as unknown as Db, bulkTarget(db, tx), agent, report, evidence, now, randomUUID), {
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
      if (attempt < MAX_ATTEMPTS && (isUniqueViolation(error) || isWriteConflict(error))) continue;
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
function planDevices(agentId: string, groups: DeviceGroup[], stored: Map<string, StoredDevice>, places: Places, policies: Policies, at: Date): PlannedDevice[] {
  return groups.map((group) => {
    const segmentId = places.segmentFor(group.evidence.at(-1)!) ?? stored.get(group.deviceId)?.segmentId ?? null;
    const siteId = places.siteFor(segmentId);
    // A segment's policies follow the segment; a site's apply to the devices in that site now.
    const applicable = policies.filter((p) => (p.segmentId ? p.segmentId === segmentId : !p.siteId || p.siteId === siteId));
    return { group, segmentId, siteId, decision: reportVerdict(group.deviceId, agentId, stored.get(group.deviceId) ?? null, group.evidence, applicable, at) };
  });
}

/** Inside the report's transaction: find the devices, judge each, then write in multi-row queries. */
async function writeReport(tx: Db, target: Target, agent: AuthenticatedAgent, report: AgentReport, evidence: Evidence[], at: Date, newId: () => string): Promise<ReportAnswer> {
  const reportRowId = await store.createReportRow(tx, agent.id, report, at);
  const groups = groupByDevice(evidence, await store.knownIdentifiers(target, evidence), newId);
  const stored = await store.loadStored(tx, groups.filter((g) => !g.isNew).map((g) => g.deviceId));
  const places = await store.resolvePlaces(tx, agent, evidence, [...stored.values()].flatMap((d) => (d.segmentId ? [d.segmentId] : [])));
  const planned = planDevices(agent.id, groups, stored, places, await store.loadPolicies(tx, places.siteIds), at);

  const created = planned.filter((p) => p.group.isNew);
  // New devices get their first fingerprint's id up front, so each is written once.
  const firstFp = new Map(created.filter((p) => p.decision.fingerprint).map((p) => [p.group.deviceId, newId()]));
  await store.createDevices(tx, created.map((p) => ({ ...deviceCreateData(p.group.deviceId, p.decision, p.siteId, p.segmentId, agent.id, at), currentFingerprintId: firstFp.get(p.group.deviceId) ?? null })));
  await store.addIdentifiers(tx, planned);
  const currentFp = await store.writeFingerprints(tx, planned, stored, firstFp, at);
  await store.updateKnownDevices(tx, planned, stored, currentFp, agent.id, at);
  await store.insertObservations(target, planned.flatMap((p) => observationRows(p.group, agent.id, reportRowId, at, newRowId)));

  const alerts = planned.flatMap((p) => p.decision.alerts);
  await store.raiseReportAlerts(tx, alerts);
  if (report.mode === "snapshot") await store.markNotSeen(tx, agent.id, new Set(planned.map((p) => p.group.deviceId)), at);
  await store.recordAcceptedReport(tx, agent.id, report, evidence.length, at);
  const answer: ReportAnswer = { reportId: report.reportId, accepted: evidence.length, devices: { new: created.length, updated: planned.length - created.length }, alerts: alerts.length };
  await store.saveAnswer(tx, reportRowId, answer);
  return answer;
}
