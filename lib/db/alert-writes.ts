// Alerts, deduplicated: one open alert per subject (device or agent) and kind. A repeat bumps the
// open alert's count and last time instead of adding a row; once resolved, a new one may open.
// The one copy of these writes, for ingestion, the silence check, the risk refresh and decisions.
import type { Db, Prisma } from "./client";
import { ALERT_SEVERITIES, type AlertInput, type Severity } from "../domain/words/alert-kinds";

/** More severe first: a lower rank is worse. Unknown severities (never written) rank last. */
const rank = (severity: string) => {
  const i = ALERT_SEVERITIES.indexOf(severity as Severity);
  return i < 0 ? ALERT_SEVERITIES.length : i;
};

type Tx = Pick<Db, "alert">;

export function openKeyFor(alert: Pick<AlertInput, "kind" | "deviceId" | "agentId">): string {
  return `${alert.kind}:${alert.deviceId ?? alert.agentId ?? "estate"}`;
}

// A detail of null is no detail: the column stays empty (Prisma refuses a bare null for JSON).
const detailOf = (input: AlertInput) => (input.detail ?? undefined) as Prisma.InputJsonValue | undefined;

/** Raises one alert, or bumps the open one of the same subject and kind. */
export async function raiseAlert(tx: Tx, input: AlertInput): Promise<void> {
  const at = input.at ?? new Date();
  const openKey = openKeyFor(input);
  const detail = detailOf(input);
  await tx.alert.upsert({
    where: { openKey },
    create: { openKey, kind: input.kind, severity: input.severity, title: input.title, detail, deviceId: input.deviceId, agentId: input.agentId, firstAt: at, lastAt: at },
    update: { count: { increment: 1 }, lastAt: at, title: input.title, detail, severity: input.severity },
  });
}

/**
 * Many alerts at once (a first snapshot can hold thousands of new devices): one query for the
 * open ones, one multi-row insert for the rest, one bump per repeat.
 */
export async function raiseAlerts(tx: Tx, inputs: AlertInput[], options: { bumpOpen?: boolean } = {}): Promise<void> {
  if (inputs.length === 0) return;
  const byKey = new Map(inputs.map((i) => [openKeyFor(i), i]));
  const open = await tx.alert.findMany({ where: { openKey: { in: [...byKey.keys()] } }, select: { openKey: true, severity: true } });
  const openSeverity = new Map(open.map((a) => [a.openKey, a.severity]));
  const openKeys = new Set(openSeverity.keys());
  const fresh = [...byKey.entries()].filter(([key]) => !openKeys.has(key));
  if (fresh.length) {
    await tx.alert.createMany({
      data: fresh.map(([openKey, i]) => ({
        openKey,
        kind: i.kind,
        severity: i.severity,
        title: i.title,
        detail: detailOf(i),
        deviceId: i.deviceId,
        agentId: i.agentId,
        firstAt: i.at ?? new Date(),
        lastAt: i.at ?? new Date(),
      })),
    });
  }
  if (options.bumpOpen === false) return;
  for (const [openKey, i] of byKey) {
    if (!openKeys.has(openKey)) continue;
    const lastAt = i.at ?? new Date();
    // A milder repeat never lowers an open alert (a device reported twice, then moved, is still a
    // duplicate until a person resolves it): it is counted, and the worse words stay.
    const milder = rank(i.severity) > rank(openSeverity.get(openKey)!);
    const data = milder ? { count: { increment: 1 }, lastAt } : { count: { increment: 1 }, lastAt, title: i.title, detail: detailOf(i), severity: i.severity };
    await tx.alert.update({ where: { openKey }, data });
  }
}

/** One alert to close because its condition cleared: the subject, the kind, and why, in words. */
export type ClearedAlert = { kind: AlertInput["kind"]; deviceId?: string; agentId?: string; reason: string };

/**
 * Closes the open alerts whose condition cleared, keeping why (resolvedReason) and no person:
 * the open key is freed, so the condition coming back later is a new alert.
 */
export async function resolveCleared(tx: Tx, cleared: ClearedAlert[], at = new Date()): Promise<number> {
  let resolved = 0;
  for (const c of cleared) {
    const openKey = openKeyFor(c);
    const done = await tx.alert.updateMany({ where: { openKey, status: { not: "resolved" } }, data: { status: "resolved", resolvedAt: at, resolvedReason: c.reason.slice(0, 500), openKey: null } });
    resolved += done.count;
  }
  return resolved;
}
