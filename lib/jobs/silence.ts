// Silence: a device not seen for longer than DEVICE_SILENCE_MINUTES (default 24 h) and an agent
// that missed two of its reporting intervals raise alerts. Each run looks only at what fell
// silent since the previous run (kept in the database), so it stays cheap at a million devices
// and any number of instances may run it.
import { BACKGROUND_TRANSACTION, type Db } from "../db/client";
import { raiseAlerts, resolveCleared, type ClearedAlert } from "../db/alert-writes";
import type { AlertInput } from "../domain/words/alert-kinds";
import { whenUtc } from "../domain/words/time-format";

const LAST_RUN_KEY = "silence.lastRun";
const BATCH = 5000;

export function deviceSilenceMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.DEVICE_SILENCE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 24 * 60) * 60_000;
}

async function silentDevices(db: Db, from: Date | null, to: Date) {
  const devices = await db.device.findMany({
    where: { lastSeenAt: from ? { gte: from, lt: to } : { lt: to }, status: { not: "retired" } },
    select: { id: true, displayName: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "asc" },
    take: BATCH,
  });
  const alerts: AlertInput[] = devices.map((d) => ({
    kind: "device_silent",
    severity: "low",
    title: `Not seen since ${whenUtc(d.lastSeenAt)}: ${d.displayName}`,
    detail: { lastSeenAt: d.lastSeenAt.toISOString() },
    deviceId: d.id,
  }));
  return { alerts, full: devices.length === BATCH, lastSeen: devices.at(-1)?.lastSeenAt };
}

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

export async function checkSilence(db: Db, now = new Date(), env: Record<string, string | undefined> = process.env): Promise<{ devices: number; agents: number }> {
  const cutoff = new Date(now.getTime() - deviceSilenceMs(env));
  const last = await db.setting.findUnique({ where: { key: LAST_RUN_KEY } });
  const from = last ? new Date(new Date(last.value).getTime() - deviceSilenceMs(env)) : null;
  const devices = await silentDevices(db, from, cutoff);
  const agents = await offlineAgents(db, now);
  const ended = await silenceEnded(db, new Set(agents.map((a) => a.agentId!)));
  // A full batch means more may be waiting: the next run starts where this one stopped.
  const handledTo = devices.full && devices.lastSeen ? new Date(devices.lastSeen.getTime() + deviceSilenceMs(env)) : now;
  await db.$transaction(async (tx) => {
    // Silence is a state, not an event: an open alert is left as it is rather than re-counted.
    await resolveCleared(tx, ended, now);
    await raiseAlerts(tx, [...devices.alerts, ...agents], { bumpOpen: false });
    await tx.setting.upsert({ where: { key: LAST_RUN_KEY }, create: { key: LAST_RUN_KEY, value: handledTo.toISOString() }, update: { value: handledTo.toISOString() } });
  }, BACKGROUND_TRANSACTION);
  return { devices: devices.alerts.length, agents: agents.length };
}
