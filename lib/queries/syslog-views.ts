import "server-only";
// What Settings → Integrations shows of syslog: each target's settings, how many of its messages
// were delivered, wait, or died, and its newest tries with what each came to.
import { getDb } from "../db/client";

export const SYSLOG_TRIES_SHOWN = 5;
export const SYSLOG_TARGETS_SHOWN = 50;

export type SyslogCounts = { delivered: number; pending: number; dead: number };

/** Messages per target and status, in one grouped query. */
async function countsByTarget(ids: string[]): Promise<Map<string, SyslogCounts>> {
  const rows = ids.length
    ? await getDb().outboundMessage.groupBy({ by: ["syslogTargetId", "status"], where: { syslogTargetId: { in: ids } }, _count: { _all: true } })
    : [];
  const counts = new Map<string, SyslogCounts>();
  for (const row of rows) {
    if (!row.syslogTargetId) continue;
    const c = counts.get(row.syslogTargetId) ?? { delivered: 0, pending: 0, dead: 0 };
    if (row.status === "delivered" || row.status === "pending" || row.status === "dead") c[row.status] += row._count._all;
    counts.set(row.syslogTargetId, c);
  }
  return counts;
}

/** A target's newest tries, newest first, with the event each carried. */
function newestTries(targetId: string) {
  return getDb().outboundAttempt.findMany({
    where: { message: { syslogTargetId: targetId } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: SYSLOG_TRIES_SHOWN,
    select: { id: true, at: true, durationMs: true, ok: true, answer: true, error: true, message: { select: { eventKey: true, eventKind: true } } },
  });
}

export async function listSyslogTargets() {
  const targets = await getDb().syslogTarget.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: SYSLOG_TARGETS_SHOWN,
    select: { id: true, name: true, host: true, port: true, transport: true, format: true, events: true, minSeverity: true, caPem: true, enabled: true, createdAt: true },
  });
  const ids = targets.map((t) => t.id);
  const [counts, tries] = await Promise.all([countsByTarget(ids), Promise.all(ids.map(newestTries))]);
  return targets.map((t, i) => ({ ...t, counts: counts.get(t.id) ?? { delivered: 0, pending: 0, dead: 0 }, tries: tries[i] }));
}
export type SyslogTargetView = Awaited<ReturnType<typeof listSyslogTargets>>[number];
