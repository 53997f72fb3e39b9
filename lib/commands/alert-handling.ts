// Alerts, deduplicated: one open alert per subject (device or agent) and kind. A repeat bumps the
// open alert's count and last time instead of adding a row; once resolved, a new one may open.
import { z } from "zod";
import { audit, type AuditActor } from "./audit-trail";
import type { Db, Prisma } from "../db/client";
import { badRequest, notFound } from "../web/errors";

export const ALERT_KINDS = ["new_device", "unauthorized", "spoof", "fingerprint_changed", "risk_jump", "device_silent", "agent_offline"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Each kind in the product's words, for people who are not security specialists. */
export const ALERT_KIND_WORDS: Record<AlertKind, string> = {
  new_device: "New device",
  unauthorized: "Unauthorized device",
  spoof: "Spoof suspected",
  fingerprint_changed: "Fingerprint changed",
  risk_jump: "Risk jumped",
  device_silent: "Device gone silent",
  agent_offline: "Agent offline",
};
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof ALERT_SEVERITIES)[number];
/** The kinds raised about an agent (the others are about a device). */
export const AGENT_ALERT_KINDS = ["agent_offline"] as const satisfies readonly AlertKind[];

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

// ─── People handling alerts ──────────────────────────────────────────────────────────────────

/** At most this many alerts are acknowledged or resolved in one go. */
export const MAX_ALERTS_PER_ACTION = 500;

const alertIds = z.array(z.string().min(1).max(64)).min(1).max(MAX_ALERTS_PER_ACTION);
const resolveNote = z.string().trim().max(500).optional();

function parseIds(ids: unknown): string[] {
  const parsed = alertIds.safeParse(ids);
  const message = `Choose between 1 and ${MAX_ALERTS_PER_ACTION} alerts.`;
  if (!parsed.success) throw badRequest("invalid_alerts", message, [{ path: "id", message }]);
  return [...new Set(parsed.data)];
}

const userIdOf = (actor: AuditActor) => ("id" in actor ? actor.id : null);

/**
 * Acknowledges alerts: someone has seen them and is on it. Only open ones change (an
 * acknowledged or resolved alert keeps its who and when); one audit row per changed alert.
 * Unknown ids refuse the whole call and nothing is written.
 */
export async function acknowledgeAlerts(db: Db, ids: unknown, actor: AuditActor): Promise<{ acknowledged: number; unchanged: number }> {
  const wanted = parseIds(ids);
  return db.$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true } });
    if (alerts.length !== wanted.length) throw notFound("alert");
    const open = alerts.filter((a) => a.status === "open").map((a) => a.id);
    const at = new Date();
    if (open.length) {
      await tx.alert.updateMany({ where: { id: { in: open }, status: "open" }, data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: userIdOf(actor) } });
      for (const id of open) await audit(tx, { actor, action: "alert.acknowledge", targetType: "alert", targetId: id, before: { status: "open" }, after: { status: "acknowledged" } });
    }
    return { acknowledged: open.length, unchanged: alerts.length - open.length };
  });
}

/**
 * Resolves alerts: handled. Sets who and when (and acknowledges, if nobody had), and frees the
 * subject's open key so that a repeat opens a new alert instead of bumping this one. Resolved
 * alerts are left alone; one audit row per changed alert, carrying the note if any.
 */
export async function resolveAlerts(db: Db, ids: unknown, actor: AuditActor, note?: unknown): Promise<{ resolved: number; unchanged: number }> {
  const wanted = parseIds(ids);
  const parsedNote = resolveNote.safeParse(note === null || note === "" ? undefined : note);
  if (!parsedNote.success) {
    const message = "The note must be text of 500 characters at most.";
    throw badRequest("invalid_note", message, [{ path: "note", message }]);
  }
  const text = parsedNote.data || null;
  return db.$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true, acknowledgedAt: true } });
    if (alerts.length !== wanted.length) throw notFound("alert");
    const active = alerts.filter((a) => a.status !== "resolved");
    const at = new Date();
    const by = userIdOf(actor);
    const unacknowledged = active.filter((a) => !a.acknowledgedAt).map((a) => a.id);
    if (unacknowledged.length) await tx.alert.updateMany({ where: { id: { in: unacknowledged }, acknowledgedAt: null }, data: { acknowledgedAt: at, acknowledgedById: by } });
    if (active.length) {
      await tx.alert.updateMany({ where: { id: { in: active.map((a) => a.id) }, status: { not: "resolved" } }, data: { status: "resolved", resolvedAt: at, resolvedById: by, openKey: null } });
      for (const a of active) await audit(tx, { actor, action: "alert.resolve", targetType: "alert", targetId: a.id, before: { status: a.status }, after: { status: "resolved", note: text } });
    }
    return { resolved: active.length, unchanged: alerts.length - active.length };
  });
}
