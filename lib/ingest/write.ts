// Inside the report's transaction: resolve devices, decide, then write with multi-row queries.
import type { Database as SqliteDatabase } from "better-sqlite3";
import type { AuthenticatedAgent } from "../commands/agent-enrolment";
import { raiseAlerts, type AlertInput } from "../commands/alert-handling";
import type { Db, Prisma } from "../db/client";
import type { Policy } from "../domain/identity/policy";
import { decide, type Decision, type StoredDevice } from "../domain/identity/verdict";
import type { Evidence } from "../domain/identity/evidence";
import { groupByDevice, knownIdentifiers, type DeviceGroup } from "./resolve";
import type { AgentReport, ReportAnswer } from "../domain/protocol/agent-report";
import { insertObservations } from "./observation-insert";
import { resolvePlaces } from "./places";
import { deviceCreateData, deviceUpdate, observationRows, presenceIsFresh } from "./rows";

// Multi-row inserts are split by Prisma itself; lists of ids in a WHERE are ours to split, under
// SQLite's limit of 999 bound parameters per statement.
const CHUNK = 1000;
const ID_CHUNK = 400;

type Planned = { group: DeviceGroup; segmentId: string | null; decision: Decision };

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = CHUNK) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function loadStored(tx: Db, ids: string[]): Promise<Map<string, StoredDevice>> {
  const stored = new Map<string, StoredDevice>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await tx.device.findMany({
      where: { id: { in: ids.slice(i, i + ID_CHUNK) } },
      select: { id: true, status: true, statusRule: true, category: true, vendor: true, segmentId: true, spoofSuspected: true, switchPort: true, switchPortSeenAt: true, claimedMac: true, factsHash: true, criticalitySource: true, lastSeenAt: true, lastAgentId: true, notSeenAt: true, currentFingerprintId: true },
    });
    const fpIds = rows.map((r) => r.currentFingerprintId).filter((id): id is string => !!id);
    const fps = fpIds.length ? await tx.fingerprint.findMany({ where: { id: { in: fpIds } }, select: { id: true, hash: true, attributes: true } }) : [];
    const fpById = new Map(fps.map((f) => [f.id, { id: f.id, hash: f.hash, attributes: f.attributes as Record<string, string | number | boolean> }]));
    for (const r of rows) stored.set(r.id, { ...r, currentFingerprint: r.currentFingerprintId ? (fpById.get(r.currentFingerprintId) ?? null) : null });
  }
  return stored;
}

async function loadPolicies(tx: Db, siteId: string): Promise<(Policy & { segmentId: string | null })[]> {
  const rows = await tx.policy.findMany({ where: { enabled: true, OR: [{ siteId: null }, { siteId }] }, select: { id: true, name: true, kind: true, rules: true, segmentId: true } });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, rules: r.rules, segmentId: r.segmentId }) as Policy & { segmentId: string | null });
}

async function writeFingerprints(tx: Db, planned: Planned[], stored: Map<string, StoredDevice>, preassigned: Map<string, string>, at: Date): Promise<Map<string, string>> {
  const withFp = planned.filter((p) => p.decision.fingerprint);
  const currentIds = new Map<string, string>();
  const existing = new Map<string, string>();
  // Unchanged fingerprints are the device's current one: only new hashes need looking up.
  const lookups: Planned[] = [];
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
  const fresh: Prisma.FingerprintCreateManyInput[] = [];
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
  await inChunks(fresh, (data) => tx.fingerprint.createMany({ data }));
  await inChunks(seenAgain, (ids) => tx.fingerprint.updateMany({ where: { id: { in: ids } }, data: { lastSeenAt: at, seenCount: { increment: 1 } } }), ID_CHUNK);
  return currentIds;
}

/** Changed devices get a row update each; unchanged ones share one update per sighting time. */
async function updateKnownDevices(tx: Db, planned: Planned[], stored: Map<string, StoredDevice>, currentFp: Map<string, string>, siteId: string, agentId: string, at: Date) {
  const presence = new Map<string, { ids: string[]; data: Prisma.DeviceUpdateManyMutationInput }>();
  for (const p of planned) {
    const before = stored.get(p.group.deviceId);
    if (p.group.isNew || !before) continue;
    const update = deviceUpdate(before, p.decision, siteId, p.segmentId, agentId, at, currentFp.get(p.group.deviceId));
    if (update.kind === "full") await tx.device.update({ where: { id: p.group.deviceId }, data: update.data });
    else if (update.kind === "presence") (presence.get(update.key) ?? presence.set(update.key, { ids: [], data: update.data }).get(update.key)!).ids.push(p.group.deviceId);
  }
  for (const { ids, data } of presence.values()) await inChunks(ids, (chunk) => tx.device.updateMany({ where: { id: { in: chunk } }, data }), ID_CHUNK);
}

/** A snapshot lists everything the agent sees: its other devices are not seen any more. */
async function markNotSeen(tx: Db, agentId: string, seen: Set<string>, at: Date) {
  const candidates = await tx.device.findMany({ where: { lastAgentId: agentId, notSeenAt: null }, select: { id: true } });
  const gone = candidates.map((d) => d.id).filter((id) => !seen.has(id));
  await inChunks(gone, (ids) => tx.device.updateMany({ where: { id: { in: ids } }, data: { notSeenAt: at } }), ID_CHUNK);
}

export async function writeReport(tx: Db, provider: "sqlite" | "postgresql", connection: SqliteDatabase | undefined, agent: AuthenticatedAgent, report: AgentReport, evidence: Evidence[], at: Date, newId: () => string): Promise<ReportAnswer> {
  // The report row first: a concurrent retry of the same reportId stops here, not later.
  const reportRow = await tx.report.create({
    data: { agentId: agent.id, reportId: report.reportId, sentAt: new Date(report.sentAt), receivedAt: at, mode: report.mode, observationCount: report.observations.length, answer: {} },
  });
  const known = await knownIdentifiers(tx, provider, evidence);
  const groups = groupByDevice(evidence, known, newId);
  const stored = await loadStored(tx, groups.filter((g) => !g.isNew).map((g) => g.deviceId));
  const places = await resolvePlaces(tx, agent, evidence);
  const policies = await loadPolicies(tx, places.siteId);

  const planned = groups.map((group) => {
    const segmentId = places.segmentFor(group.evidence.at(-1)!) ?? stored.get(group.deviceId)?.segmentId ?? null;
    const applicable = policies.filter((p) => !p.segmentId || p.segmentId === segmentId);
    return { group, segmentId, decision: decide(group.deviceId, agent.id, stored.get(group.deviceId) ?? null, group.evidence, applicable, at) };
  });

  const created = planned.filter((p) => p.group.isNew);
  // New devices get their first fingerprint's id up front, so each is written once.
  const firstFp = new Map(created.filter((p) => p.decision.fingerprint).map((p) => [p.group.deviceId, newId()]));
  await inChunks(
    created.map((p) => ({ ...deviceCreateData(p.group.deviceId, p.decision, places.siteId, p.segmentId, agent.id, at), currentFingerprintId: firstFp.get(p.group.deviceId) ?? null })),
    (data) => tx.device.createMany({ data }),
  );
  await inChunks(planned.flatMap((p) => p.group.newKeys.map((k) => ({ kind: k.kind, value: k.value, deviceId: p.group.deviceId }))), (data) => tx.deviceIdentifier.createMany({ data }));

  const currentFp = await writeFingerprints(tx, planned, stored, firstFp, at);
  await updateKnownDevices(tx, planned, stored, currentFp, places.siteId, agent.id, at);
  await insertObservations(tx, planned.flatMap((p) => observationRows(p.group, agent.id, reportRow.id, at)), provider, connection);

  const alerts: AlertInput[] = planned.flatMap((p) => p.decision.alerts);
  await raiseAlerts(tx, alerts);
  if (report.mode === "snapshot") await markNotSeen(tx, agent.id, new Set(planned.map((p) => p.group.deviceId)), at);
  await tx.agent.update({
    where: { id: agent.id },
    data: { lastSeenAt: at, version: report.agent.version, hostname: report.agent.hostname, reportCount: { increment: 1 }, observationCount: { increment: evidence.length } },
  });
  const answer: ReportAnswer = { reportId: report.reportId, accepted: evidence.length, devices: { new: created.length, updated: planned.length - created.length }, alerts: alerts.length };
  await tx.report.update({ where: { id: reportRow.id }, data: { answer } });
  return answer;
}
