// Alerts, deduplicated: one open alert per subject (device or agent) and kind. A repeat bumps the
// open alert's count and last time instead of adding a row; once resolved, a new one may open.
// The one copy of these writes, for ingestion, the silence check, the risk refresh and decisions.
import { bulkInsert, selectIn, type Columns, type Target } from "./bulk";
import type { Db, Prisma } from "./client";
import { newRowId } from "./row-ids";
import { AGENT_ALERT_KINDS, ALERT_SEVERITIES, ALERT_SINCE, type AlertFilter, type AlertInput, type Severity } from "../domain/words/alert-kinds";
import { evidenceToForget, heldEvidenceOf, type StandingEvidence } from "../domain/identity/alert-evidence";

/** More severe first: a lower rank is worse. Unknown severities (never written) rank last. */
const rank = (severity: string) => {
  const i = ALERT_SEVERITIES.indexOf(severity as Severity);
  return i < 0 ? ALERT_SEVERITIES.length : i;
};

type Tx = Pick<Db, "alert">;
const ID_CHUNK = 400;

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
    create: { openKey, kind: input.kind, severity: input.severity, title: input.title, detail, deviceId: input.deviceId, agentId: input.agentId, firstAt: at, lastAt: at, evidenceKey: input.evidenceKey },
    update: { count: { increment: 1 }, lastAt: at, title: input.title, detail, severity: input.severity, evidenceKey: input.evidenceKey },
  });
}

/** The held evidence (see resolveAlerts) among these alerts': what a person resolved, seen again. */
async function heldAgain(tx: Tx, inputs: [string, AlertInput][]): Promise<Set<string>> {
  const keys = inputs.flatMap(([openKey, i]) => (i.evidenceKey ? [heldEvidenceOf(openKey, i.evidenceKey)] : []));
  if (!keys.length) return new Set();
  const rows = await tx.alert.findMany({ where: { heldEvidence: { in: keys } }, select: { heldEvidence: true } });
  return new Set(rows.map((r) => r.heldEvidence!));
}

const ALERT_COLUMNS: Columns = { id: "text", openKey: "text", kind: "text", severity: "text", title: "text", detail: "json", deviceId: "text", agentId: "text", evidenceKey: "text", status: "text", count: "int", firstAt: "date", lastAt: "date" };

/**
 * Many alerts at once (a first snapshot can hold thousands of new devices): one query for the
 * open ones, one bulk insert for the rest, one bump per repeat. An alert a person resolved is not
 * opened again by the very evidence they resolved it on. New alerts go through the driver (lib/db's
 * bulk insert), not the ORM's createMany: its plan for 2,000 rows took 300–540 ms of the server's
 * thread on either database (the silence check's batch, at a million devices), the driver 35–130 ms.
 */
export async function raiseAlerts(tx: Tx, target: Target, inputs: AlertInput[], options: { bumpOpen?: boolean } = {}): Promise<void> {
  if (inputs.length === 0) return;
  const byKey = new Map(inputs.map((i) => [openKeyFor(i), i]));
  const open = await tx.alert.findMany({ where: { openKey: { in: [...byKey.keys()] } }, select: { openKey: true, severity: true } });
  const openSeverity = new Map(open.map((a) => [a.openKey, a.severity]));
  const openKeys = new Set(openSeverity.keys());
  const unopened = [...byKey.entries()].filter(([key]) => !openKeys.has(key));
  const held = await heldAgain(tx, unopened);
  const fresh = unopened.filter(([key, i]) => !(i.evidenceKey && held.has(heldEvidenceOf(key, i.evidenceKey))));
  const now = new Date();
  await bulkInsert(target, "Alert", ALERT_COLUMNS, fresh.map(([openKey, i]) => ({
    id: newRowId(), openKey, kind: i.kind, severity: i.severity, title: i.title, detail: i.detail ?? null, deviceId: i.deviceId, agentId: i.agentId,
    evidenceKey: i.evidenceKey, status: "open", count: 1, firstAt: i.at ?? now, lastAt: i.at ?? now,
  })));
  if (options.bumpOpen === false) return;
  for (const [openKey, i] of byKey) {
    if (!openKeys.has(openKey)) continue;
    const lastAt = i.at ?? new Date();
    // A milder repeat never lowers an open alert (a device reported twice, then moved, is still a
    // duplicate until a person resolves it): it is counted, and the worse words stay.
    const milder = rank(i.severity) > rank(openSeverity.get(openKey)!);
    const data = milder ? { count: { increment: 1 }, lastAt } : { count: { increment: 1 }, lastAt, title: i.title, detail: detailOf(i), severity: i.severity, evidenceKey: i.evidenceKey };
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

/**
 * Forgets the evidence resolved alerts hold once a report on their device no longer carries it
 * (the condition cleared, or another finding took its place): the condition recurring later is a
 * new alert. `devices`: the known devices of the report with the conditions standing for each.
 */
export async function forgetClearedEvidence(tx: Tx, target: Target, devices: { deviceId: string; standing: StandingEvidence }[]): Promise<number> {
  let forgotten = 0;
  for (let i = 0; i < devices.length; i += ID_CHUNK) {
    const chunk = devices.slice(i, i + ID_CHUNK);
    const standing = new Set(chunk.flatMap((d) => Object.entries(d.standing).map(([kind, key]) => heldEvidenceOf(openKeyFor({ kind: kind as AlertInput["kind"], deviceId: d.deviceId }), key))));
    // Every report reads this for all its known devices: through the bulk reader (a cached
    // prepared statement on SQLite), not the ORM, which compiled a plan for each list of 400 ids.
    const rows = await selectIn<{ heldEvidence: string | null }>(target, "Alert", ["heldEvidence"], {}, "deviceId", chunk.map((d) => d.deviceId));
    const forget = evidenceToForget(rows.flatMap((r) => (r.heldEvidence ? [r.heldEvidence] : [])), standing);
    if (forget.length) forgotten += (await tx.alert.updateMany({ where: { heldEvidence: { in: forget } }, data: { heldEvidence: null } })).count;
  }
  return forgotten;
}

/** The sites, among these, still in their learning period at `at` (no "new device" alert each). */
export async function learningSiteIds(tx: Pick<Db, "site">, siteIds: string[], at: Date): Promise<Set<string>> {
  if (!siteIds.length) return new Set();
  const rows = await tx.site.findMany({ where: { id: { in: siteIds }, learningUntil: { gt: at } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** The filters other than status (the alert list reads each status on its own, see listAlerts). */
export function alertWhere(p: Omit<AlertFilter, "status">, now = new Date()): Prisma.AlertWhereInput {
  const and: Prisma.AlertWhereInput[] = [];
  if (p.kind) and.push({ kind: p.kind });
  // Only some kinds are about an agent: naming them lets the (kind, status) index find an agent's
  // alerts instead of walking every open alert of the estate.
  else if (p.agent) and.push({ kind: { in: [...AGENT_ALERT_KINDS] } });
  if (p.severity) and.push({ severity: p.severity });
  if (p.device) and.push({ deviceId: p.device });
  if (p.agent) and.push({ agentId: p.agent });
  if (p.site) and.push({ OR: [{ device: { siteId: p.site } }, { agent: { siteId: p.site } }] });
  if (p.since) and.push({ lastAt: { gte: new Date(now.getTime() - ALERT_SINCE[p.since] * 86_400_000) } });
  return and.length ? { AND: and } : {};
}

/** Every alert the filter matches, status included: what "apply to all matching" acts on. */
export function matchingAlertsWhere(p: AlertFilter, now = new Date()): Prisma.AlertWhereInput {
  const status: Prisma.AlertWhereInput = p.status === "active" ? { status: { in: ["open", "acknowledged"] } } : { status: p.status };
  return { AND: [status, alertWhere(p, now)] };
}
