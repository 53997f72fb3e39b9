// Silence: a device not seen for longer than DEVICE_SILENCE_MINUTES (default 24 h) and an agent
// that missed two of its reporting intervals raise alerts. Each run looks only at what fell
// silent since the previous run (kept in the database), so it stays cheap at a million devices
// and any number of instances may run it.
import { bulkTarget } from "../db/bulk";
import { BACKGROUND_TRANSACTION, type Db } from "../db/client";
import { raiseAlerts, resolveCleared, type ClearedAlert } from "../db/alert-writes";
import type { AlertInput } from "../domain/words/alert-kinds";
import { whenUtc } from "../domain/words/time-format";

const LAST_RUN_KEY = "silence.lastRun";
// Small enough that a batch's alerts commit well inside the background transaction's limit while
// agents are writing (5,000 once ran past it at a million devices); a run takes several.
const BATCH = 2000;
const BATCHES_PER_RUN = 5;

export function deviceSilenceMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.DEVICE_SILENCE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 24 * 60) * 60_000;
}

/**
 * Where the previous run stopped: devices seen before `from` were handled, and so were those seen
 * exactly at `from` up to id `afterId`. The id matters because one snapshot stamps all its
 * devices with the same time: with more of them than a batch, a cursor on time alone would read
 * the same batch again on every run and never reach the devices after it.
 */
type Cursor = { from: Date | null; afterId?: string };

async function silentDevices(db: Db, cursor: Cursor, to: Date, batch: number) {
  const { from, afterId } = cursor;
  const after = !from ? { lt: to } : afterId ? { gt: from, lt: to } : { gte: from, lt: to };
  const devices = await db.device.findMany({
    where: { status: { not: "retired" }, OR: [{ lastSeenAt: after }, ...(from && afterId ? [{ lastSeenAt: from, id: { gt: afterId } }] : [])] },
    select: { id: true, displayName: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "asc" }, { id: "asc" }],
    take: batch,
  });
  const alerts: AlertInput[] = devices.map((d) => ({
    kind: "device_silent",
    severity: "low",
    title: `Not seen since ${whenUtc(d.lastSeenAt)}: ${d.displayName}`,
    detail: { lastSeenAt: d.lastSeenAt.toISOString() },
    deviceId: d.id,
  }));
  return { alerts, full: devices.length === batch, last: devices.at(-1) };
}

// Stored as the time the run handled up to, then the last device id when it stopped mid-batch.
const readCursor = (value: string | undefined, silenceMs: number): Cursor => {
  if (!value) return { from: null };
  const [handledTo, afterId] = value.split("#");
  return { from: new Date(new Date(handledTo).getTime() - silenceMs), afterId };
};

async function offlineAgents(db: Db, now: Date): Promise<AlertInput[]> {
  const agents = await db.agent.findMany({ where: { revokedAt: null }, select: { id: true, name: true, lastSeenAt: true, createdAt: true, expectedInterval: true } });
  return agents
    .filter((a) => now.getTime() - (a.lastSeenAt ?? a.createdAt).getTime() > a.expectedInterval * 2000)
    .map((a) => ({
      kind: "agent_offline",
      severity: "medium",
      title: a.lastSeenAt ? `Agent ${a.name} has not reported since ${whenUtc(a.lastSeenAt)}` : `Agent ${a.name} has never reported`,
      detail: { lastSeenAt: a.lastSeenAt?.toISOString() ?? null, expectedIntervalSeconds: a.expectedInterval },
      agentId: a.id,
    }));
}

/**
 * Silence that ended: a device seen again after its "not seen" alert, an agent reporting again
 * after its "offline" one. Those alerts close themselves, saying when the subject came back.
 */
async function silenceEnded(db: Db, offline: Set<string>): Promise<ClearedAlert[]> {
  const open = await db.alert.findMany({
    where: { kind: { in: ["device_silent", "agent_offline"] }, status: { not: "resolved" } },
    select: { kind: true, lastAt: true, deviceId: true, agentId: true, device: { select: { lastSeenAt: true } }, agent: { select: { lastSeenAt: true } } },
    take: BATCH,
  });
  return open.flatMap((a): ClearedAlert[] => {
    if (a.kind === "device_silent" && a.deviceId && a.device && a.device.lastSeenAt > a.lastAt) return [{ kind: "device_silent", deviceId: a.deviceId, reason: `condition cleared: seen again ${whenUtc(a.device.lastSeenAt)}` }];
    if (a.kind === "agent_offline" && a.agentId && a.agent?.lastSeenAt && !offline.has(a.agentId)) return [{ kind: "agent_offline", agentId: a.agentId, reason: `condition cleared: reporting again since ${whenUtc(a.agent.lastSeenAt)}` }];
    return [];
  });
}

export async function checkSilence(db: Db, now = new Date(), env: Record<string, string | undefined> = process.env, batch = BATCH): Promise<{ devices: number; agents: number }> {
  const silenceMs = deviceSilenceMs(env);
  const cutoff = new Date(now.getTime() - silenceMs);
  const agents = await offlineAgents(db, now);
  const ended = await silenceEnded(db, new Set(agents.map((a) => a.agentId!)));
  let devices = 0;
  // Read once: each batch after the first starts from the cursor the batch before it wrote.
  let cursor = (await db.setting.findUnique({ where: { key: LAST_RUN_KEY } }))?.value;
  for (let round = 0; round < BATCHES_PER_RUN; round++) {
    const found = await silentDevices(db, readCursor(cursor, silenceMs), cutoff, batch);
    // A full batch means more may be waiting: the next batch starts where this one stopped.
    const handledTo = found.full && found.last ? `${new Date(found.last.lastSeenAt.getTime() + silenceMs).toISOString()}#${found.last.id}` : now.toISOString();
    const first = round === 0;
    await db.$transaction(async (tx) => {
      // Silence is a state, not an event: an open alert is left as it is rather than re-counted.
      if (first) await resolveCleared(tx, ended, now);
      await raiseAlerts(tx, bulkTarget(db, tx), first ? [...found.alerts, ...agents] : found.alerts, { bumpOpen: false });
      await tx.setting.upsert({ where: { key: LAST_RUN_KEY }, create: { key: LAST_RUN_KEY, value: handledTo }, update: { value: handledTo } });
    }, BACKGROUND_TRANSACTION);
    cursor = handledTo;
    devices += found.alerts.length;
    if (!found.full) break;
  }
  return { devices, agents: agents.length };
}
