// Alerts, deduplicated: one open alert per subject (device or agent) and kind. A repeat bumps the
// open alert's count and last time instead of adding a row; once resolved, a new one may open.
import type { Db, Prisma } from "./db/client";

export const ALERT_KINDS = ["new_device", "unauthorized", "spoof", "fingerprint_changed", "risk_jump", "device_silent", "agent_offline"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type Severity = "critical" | "high" | "medium" | "low" | "info";

export type AlertInput = {
  kind: AlertKind;
  severity: Severity;
  title: string;
  detail?: Prisma.InputJsonValue;
  deviceId?: string;
  agentId?: string;
  at?: Date;
};

type Tx = Pick<Db, "alert">;

export function openKeyFor(alert: Pick<AlertInput, "kind" | "deviceId" | "agentId">): string {
  return `${alert.kind}:${alert.deviceId ?? alert.agentId ?? "estate"}`;
}

/** Raises one alert, or bumps the open one of the same subject and kind. */
export async function raiseAlert(tx: Tx, input: AlertInput): Promise<void> {
  const at = input.at ?? new Date();
  const openKey = openKeyFor(input);
  await tx.alert.upsert({
    where: { openKey },
    create: {
      openKey,
      kind: input.kind,
      severity: input.severity,
      title: input.title,
      detail: input.detail,
      deviceId: input.deviceId,
      agentId: input.agentId,
      firstAt: at,
      lastAt: at,
    },
    update: { count: { increment: 1 }, lastAt: at, title: input.title, detail: input.detail, severity: input.severity },
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
        detail: i.detail,
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
    await tx.alert.update({ where: { openKey }, data: { count: { increment: 1 }, lastAt: i.at ?? new Date(), title: i.title, detail: i.detail, severity: i.severity } });
  }
}
