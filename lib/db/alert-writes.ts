// Alerts, deduplicated: one open alert per subject (device or agent) and kind. A repeat bumps the
// open alert's count and last time instead of adding a row; once resolved, a new one may open.
// The one copy of these writes, for ingestion, the silence check, the risk refresh and decisions.
import type { Db, Prisma } from "./client";
import type { AlertInput } from "../domain/words/alert-kinds";

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
  const open = await tx.alert.findMany({ where: { openKey: { in: [...byKey.keys()] } }, select: { openKey: true } });
  const openKeys = new Set(open.map((a) => a.openKey));
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
    await tx.alert.update({ where: { openKey }, data: { count: { increment: 1 }, lastAt: i.at ?? new Date(), title: i.title, detail: detailOf(i), severity: i.severity } });
  }
}
