// Everything an agent report reads and writes in the database, and nothing else: the agent (by
// token hash, its rate limit, counters and refusals), the report row, identifiers, places,
// policies, devices, fingerprints, observations and alerts. lib/ingest/ingest-report.ts decides the
// order and holds the transaction; SQL that differs between the databases is lib/db's.
import { raiseAlerts } from "../db/alert-writes";
import type { DeviceHolder } from "../domain/agent-lane";
import { bulkInsert, bulkUpdate, lockInKeyOrder, type Columns, type Target } from "../db/bulk";
import type { Db, Prisma } from "../db/client";
import { OBSERVATION_COLUMNS } from "../db/device-columns";
import { insertFingerprints, insertIdentifiers, type NewFingerprint } from "./new-rows";
import { hit, type Verdict, type WindowRule } from "../db/rate-limit";
import type { DeviceGroup } from "../domain/identity/device-groups";
import { deviceUpdate, presenceIsFresh, type ObservationRow } from "../domain/identity/device-rows";
import type { Evidence } from "../domain/identity/evidence";
import { DEFAULT_SITE, DEFAULT_SITE_KEY, reportedSegments } from "../domain/identity/places";
import type { Policy } from "../domain/identity/policy";
import type { Decision, StoredDevice } from "../domain/identity/verdict";
import type { AgentReport, ReportAnswer } from "../domain/protocol/agent-report";
import type { AlertInput } from "../domain/words/alert-kinds";
import { AGENT_COMPONENT_SOURCE, reportedComponents, sameComponents, type AgentComponent } from "../domain/vulns/agent-components";

/** `siteId` null: enrolled before lanes, confined to the default site. `segments` null: every segment of its site. */
export type AuthenticatedAgent = { id: string; name: string; siteId: string | null; segments: string[] | null };
/** One device of the report, with its segment, the site it is in (its segment's) and its verdict. */
export type PlannedDevice = { group: DeviceGroup; segmentId: string | null; siteId: string; decision: Decision };

// Multi-row inserts are split by Prisma itself; lists of ids in a WHERE are ours to split. The
// bound-parameter limits are far off (see lib/db/bulk.ts): short lists keep each statement cheap to plan.
const CHUNK = 1000;
const ID_CHUNK = 400;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = CHUNK) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

// ─── The agent ───────────────────────────────────────────────────────────────────────────────

export function agentByTokenHash(db: Db, tokenHash: string) {
  return db.agent.findUnique({ where: { tokenHash }, select: { id: true, name: true, siteId: true, segments: true, revokedAt: true } });
}

/** Counts one report against the agent's limit; the counter is shared by all instances. */
export function countAgentReport(db: Db, agentId: string, rule: WindowRule): Promise<Verdict> {
  return hit(db, `agent:${agentId}`, rule);
}

/** Kept for the agents view: how many reports an agent got refused, and the last reason. */
export async function recordAgentError(db: Db, agentId: string, error: { code: string; message: string }) {
  await db.agent.update({
    where: { id: agentId },
    data: { errorCount: { increment: 1 }, lastErrorAt: new Date(), lastError: `${error.code}: ${error.message}`.slice(0, 500) },
  });
}

/** `refusal`: why observations of this report were refused (outside the agent's lane), counted as one error. */
export async function recordAcceptedReport(tx: Db, agentId: string, report: AgentReport, observations: number, at: Date, refusal: string | null = null) {
  const error = refusal ? { errorCount: { increment: 1 }, lastErrorAt: at, lastError: refusal.slice(0, 500) } : {};
  // An agent that says nothing of itself keeps what it said last; third-party agents never do.
  const { collectors, spool } = report.agent;
  const health = collectors || spool ? { health: { ...(collectors && { collectors }), ...(spool && { spool }) }, healthAt: at } : {};
  await tx.agent.update({
    where: { id: agentId },
    data: { lastSeenAt: at, version: report.agent.version, hostname: report.agent.hostname, reportCount: { increment: 1 }, observationCount: { increment: observations }, ...error, ...health },
  });
}

/** The agents that last reported these devices, as far as their hold on them goes (lib/domain/agent-lane). */
export async function deviceHolders(tx: Db, agentIds: string[]): Promise<Map<string, DeviceHolder & { name: string }>> {
  const ids = [...new Set(agentIds)];
  if (!ids.length) return new Map();
  const rows = await tx.agent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, revokedAt: true, lastSeenAt: true, expectedInterval: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Devices' names as the inventory shows them, for the words of a moved-or-duplicated alert. */
export async function deviceNames(tx: Db, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await inChunks(ids, async (chunk) => {
    for (const r of await tx.device.findMany({ where: { id: { in: chunk } }, select: { id: true, displayName: true } })) names.set(r.id, r.displayName);
  }, ID_CHUNK);
  return names;
}

/** Segment names (the administrator's label first) for the words of a moved-or-duplicated alert. */
export async function segmentNames(tx: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.segment.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, label: true } });
  return new Map(rows.map((r) => [r.id, r.label || r.name]));
}

// ─── The report row ──────────────────────────────────────────────────────────────────────────

/** The answer given to an earlier report with the same reportId, if there was one. */
export async function storedAnswer(db: Db, agentId: string, reportId: string): Promise<ReportAnswer | null> {
  const row = await db.report.findUnique({ where: { agentId_reportId: { agentId, reportId } }, select: { answer: true } });
  return row ? (row.answer as ReportAnswer) : null;
}

/** The report row first: a concurrent retry of the same reportId stops here, not later. */
export async function createReportRow(tx: Db, agentId: string, report: AgentReport, at: Date): Promise<string> {
  const row = await tx.report.create({
    data: { agentId, reportId: report.reportId, sentAt: new Date(report.sentAt), receivedAt: at, mode: report.mode, observationCount: report.observations.length, answer: {} },
  });
  return row.id;
}

export async function saveAnswer(tx: Db, reportRowId: string, answer: ReportAnswer) {
  await tx.report.update({ where: { id: reportRowId }, data: { answer } });
}

// ─── What the report is about: devices, places, policies ─────────────────────────────────────

/**
 * The agent's site (or the default site), the report's segments (created when first named) and
 * the site each segment is in now: an administrator may have moved it, and its devices follow it.
 * `storedSegments` are the segments known devices were on, for devices this report names none for.
 */
export async function resolvePlaces(tx: Db, agent: AuthenticatedAgent, evidence: Evidence[], storedSegments: string[] = []) {
  const siteId = agent.siteId ?? (await tx.site.upsert({ where: { key: DEFAULT_SITE_KEY }, create: { key: DEFAULT_SITE_KEY, name: DEFAULT_SITE }, update: {} })).id;
  const ids = new Map<string, string>();
  const sites = new Map<string, string>();
  for (const [name, exposure] of reportedSegments(evidence)) {
    const segment = await reportedSegment(tx, siteId, name, exposure);
    ids.set(name, segment.id);
    sites.set(segment.id, segment.siteId);
  }
  const unknown = [...new Set(storedSegments)].filter((id) => !sites.has(id));
  for (let i = 0; i < unknown.length; i += ID_CHUNK) {
    for (const s of await tx.segment.findMany({ where: { id: { in: unknown.slice(i, i + ID_CHUNK) } }, select: { id: true, siteId: true } })) sites.set(s.id, s.siteId);
  }
  return {
    siteId,
    /** Every site a device of this report may be in: the agent's and its segments'. */
    siteIds: [...new Set([siteId, ...sites.values()])],
    segmentFor: (e: Evidence) => (e.segment ? (ids.get(e.segment) ?? null) : null),
    /** A device's site: its segment's, or the agent's for a device on no segment. */
    siteFor: (segmentId: string | null) => (segmentId ? (sites.get(segmentId) ?? siteId) : siteId),
  };
}

const SEGMENT_PLACE = { id: true, siteId: true } as const;

/**
 * A segment as the site's agents report it, found by the name they report (wherever it was moved
 * and whatever it was renamed to). Failing that, a segment of the same name an administrator moved
 * into this site is taken to be the same network rather than a second one; else it is new.
 */
async function reportedSegment(tx: Db, siteId: string, name: string, exposure: string) {
  return (
    (await tx.segment.findUnique({ where: { reportedSiteId_name: { reportedSiteId: siteId, name } }, select: SEGMENT_PLACE })) ??
    (await tx.segment.findUnique({ where: { siteId_name: { siteId, name } }, select: SEGMENT_PLACE })) ??
    (await tx.segment.create({ data: { siteId, reportedSiteId: siteId, name, exposure }, select: SEGMENT_PLACE }))
  );
}

export type SitePolicy = Policy & { siteId: string | null; segmentId: string | null };

/** The enabled policies for every site, and those of the given sites and their segments. */
export async function loadPolicies(tx: Db, siteIds: string[]): Promise<SitePolicy[]> {
  const rows = await tx.policy.findMany({ where: { enabled: true, OR: [{ siteId: null }, { siteId: { in: siteIds } }] }, select: { id: true, name: true, kind: true, rules: true, siteId: true, segmentId: true } });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, rules: r.rules, siteId: r.siteId, segmentId: r.segmentId }) as SitePolicy);
}

// ─── What the report changes ─────────────────────────────────────────────────────────────────

export { insertDevices as createDevices } from "./new-rows";

/** The keys seen for the first time, each for the device that first carried it. */
export async function addIdentifiers(target: Target, planned: PlannedDevice[], at: Date) {
  await insertIdentifiers(target, planned.flatMap((p) => p.group.newKeys.map((k) => ({ kind: k.kind, value: k.value, deviceId: p.group.deviceId }))), at);
}

/**
 * Each device's current fingerprint after this report: the same one seen again (counted), a
 * known one back again, or a new one (`preassigned`: ids already given to new devices' rows).
 */
export async function writeFingerprints(tx: Db, target: Target, planned: PlannedDevice[], stored: Map<string, StoredDevice>, preassigned: Map<string, string>, at: Date): Promise<Map<string, string>> {
  const withFp = planned.filter((p) => p.decision.fingerprint);
  const currentIds = new Map<string, string>();
  const existing = new Map<string, string>();
  // Unchanged fingerprints are the device's current one: only new hashes need looking up.
  const lookups: PlannedDevice[] = [];
  for (const p of withFp) {
    const current = stored.get(p.group.deviceId)?.currentFingerprint;
    if (current && current.hash === p.decision.fingerprint!.hash) existing.set(`${p.group.deviceId}:${current.hash}`, current.id);
    else if (!p.group.isNew) lookups.push(p);
  }
  for (let i = 0; i < lookups.length; i += ID_CHUNK) {
    const slice = lookups.slice(i, i + ID_CHUNK);
    const rows = await tx.fingerprint.findMany({ where: { deviceId: { in: slice.map((p) => p.group.deviceId) }, hash: { in: slice.map((p) => p.decision.fingerprint!.hash) } }, select: { id: true, deviceId: true, hash: true } });
    for (const r of rows) existing.set(`${r.deviceId}:${r.hash}`, r.id);
  }
  const fresh: NewFingerprint[] = [];
  const seenAgain: string[] = [];
  for (const { group, decision } of withFp) {
    const fp = decision.fingerprint!;
    const known = existing.get(`${group.deviceId}:${fp.hash}`);
    if (known) {
      // Same fingerprint on a device already seen within the presence resolution: nothing new.
      const before = stored.get(group.deviceId);
      if (!(before && known === before.currentFingerprint?.id && presenceIsFresh(before, decision, at))) seenAgain.push(known);
      currentIds.set(group.deviceId, known);
      continue;
    }
    const id = preassigned.get(group.deviceId) ?? crypto.randomUUID();
    fresh.push({ id, deviceId: group.deviceId, hash: fp.hash, attributes: fp.attributes, channel: decision.latest.observation.channel, verdict: fp.verdict, similarity: fp.similarity, firstSeenAt: at, lastSeenAt: at });
    currentIds.set(group.deviceId, id);
  }
  await insertFingerprints(target, fresh);
  await lockInKeyOrder(target, "Fingerprint", "id", seenAgain);
  await inChunks(seenAgain, (ids) => tx.fingerprint.updateMany({ where: { id: { in: ids } }, data: { lastSeenAt: at, seenCount: { increment: 1 } } }), ID_CHUNK);
  return currentIds;
}

const PRESENCE_COLUMNS: Columns = { lastSeenAt: "date", lastAgentId: "text", notSeenAt: "date", updatedAt: "date" };

/**
 * Changed devices get a row update each; unchanged ones only their presence, all in one bulk
 * update. A real agent stamps each device with its own sighting time (the capture collector, its
 * last frame), so presence grouped by time was one ORM statement per device.
 */
export async function updateKnownDevices(tx: Db, target: Target, planned: PlannedDevice[], stored: Map<string, StoredDevice>, currentFp: Map<string, string>, agentId: string, at: Date, alsoLocked: string[] = []) {
  const full: { id: string; data: Prisma.DeviceUpdateInput }[] = [];
  const withPort: Record<string, unknown>[] = [];
  const withoutPort: Record<string, unknown>[] = [];
  for (const p of planned) {
    const before = stored.get(p.group.deviceId);
    if (p.group.isNew || !before) continue;
    const update = deviceUpdate(before, p.decision, p.siteId, p.segmentId, agentId, at, currentFp.get(p.group.deviceId));
    if (update.kind === "full") full.push({ id: p.group.deviceId, data: update.data as Prisma.DeviceUpdateInput });
    else if (update.kind === "presence") (update.data.switchPortSeenAt ? withPort : withoutPort).push({ id: p.group.deviceId, ...update.data, updatedAt: at });
  }
  // Agents whose reports overlap write the same devices at once: all of them locked in one order.
  await lockInKeyOrder(target, "Device", "id", [...full, ...withPort, ...withoutPort].map((r) => r.id as string).concat(alsoLocked));
  for (const { id, data } of full) await tx.device.update({ where: { id }, data });
  await bulkUpdate(target, "Device", "id", PRESENCE_COLUMNS, withoutPort);
  await bulkUpdate(target, "Device", "id", { ...PRESENCE_COLUMNS, switchPortSeenAt: "date" }, withPort);
}

/**
 * Observations are the bulk of every report: appended through the driver (lib/db's bulk insert),
 * many times faster here than the ORM's createMany with its four JSON columns.
 */
export async function insertObservations(target: Target, rows: ObservationRow[]) {
  await bulkInsert(target, "Observation", OBSERVATION_COLUMNS, rows);
}

export async function raiseReportAlerts(tx: Db, target: Target, alerts: AlertInput[]) {
  await raiseAlerts(tx, target, alerts);
}

/**
 * A snapshot lists everything the agent sees: its other devices are not seen any more. Read before
 * any device is written, so they are locked with the rest.
 */
export async function missingFromSnapshot(tx: Db, agentId: string, seen: Set<string>): Promise<string[]> {
  const candidates = await tx.device.findMany({ where: { lastAgentId: agentId, notSeenAt: null }, select: { id: true } });
  return candidates.map((d) => d.id).filter((id) => !seen.has(id));
}

/** Marks them not seen, unless another agent has seen one since (its row is locked by now). */
export async function markNotSeen(tx: Db, agentId: string, gone: string[], at: Date) {
  await inChunks(gone, (ids) => tx.device.updateMany({ where: { id: { in: ids }, lastAgentId: agentId, notSeenAt: null }, data: { notSeenAt: at } }), ID_CHUNK);
}

// ---- What agents report a device runs (software.components) ----
// Kept as SbomComponent rows with source "agent", so the risk refresh matches them by name, CPE
// and purl like an imported SBOM's. A report that lists components replaces the device's list
// (an empty list clears it); one that lists none leaves it. A change marks the device stale.
export async function storeAgentComponents(tx: Db, planned: PlannedDevice[]) {
  const reported = new Map<string, AgentComponent[]>();
  for (const p of planned) {
    const list = reportedComponents(p.decision.latest.observation.software);
    if (list) reported.set(p.group.deviceId, list);
  }
  if (!reported.size) return;
  const ids = [...reported.keys()];
  const stored = await tx.sbomComponent.findMany({ where: { deviceId: { in: ids }, source: AGENT_COMPONENT_SOURCE }, select: { deviceId: true, name: true, version: true, cpe: true, purl: true } });
  const storedOf = new Map<string, AgentComponent[]>();
  for (const { deviceId, ...c } of stored) storedOf.set(deviceId, [...(storedOf.get(deviceId) ?? []), c]);
  const changed = ids.filter((id) => !sameComponents(reported.get(id)!, storedOf.get(id) ?? []));
  if (!changed.length) return;
  await inChunks(changed, (chunk) => tx.sbomComponent.deleteMany({ where: { deviceId: { in: chunk }, source: AGENT_COMPONENT_SOURCE } }), ID_CHUNK);
  await inChunks(changed.flatMap((deviceId) => reported.get(deviceId)!.map((c) => ({ ...c, deviceId, source: AGENT_COMPONENT_SOURCE }))), (rows) => tx.sbomComponent.createMany({ data: rows }));
  await inChunks(changed, (chunk) => tx.device.updateMany({ where: { id: { in: chunk } }, data: { riskStale: true } }), ID_CHUNK);
}
