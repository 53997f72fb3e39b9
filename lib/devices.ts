// Decisions people make about devices: approve, block, retire. Role-checked by the caller,
// audited here; a person's decision then stands against automatic policy changes.
import { z } from "zod";
import { audit, type AuditActor } from "./audit";
import { raiseAlert } from "./alerts";
import type { Db } from "./db/client";
import { badRequest, notFound, zodIssues } from "./http/errors";
import { refreshRisk } from "./risk/refresh";

export const DEVICE_DECISIONS = { approve: "authorized", block: "unauthorized", retire: "retired" } as const;
export type DeviceDecision = keyof typeof DEVICE_DECISIONS;

export const decisionSchema = z.object({
  decision: z.enum(["approve", "block", "retire"]),
  reason: z.string().trim().max(500).optional(),
});

/** Applies one decision to one or more devices (bulk from the work queue), in one transaction. */
export async function decideDevices(db: Db, ids: string[], input: unknown, actor: AuditActor) {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_decision", "The decision is not valid.", zodIssues(parsed.error));
  if (ids.length === 0 || ids.length > 500) throw badRequest("invalid_decision", "Choose between 1 and 500 devices.");
  const { decision, reason } = parsed.data;
  const status = DEVICE_DECISIONS[decision];
  const who = "email" in actor ? actor.email : actor.system;
  const result = await db.$transaction(async (tx) => {
    const devices = await tx.device.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, displayName: true } });
    if (devices.length !== new Set(ids).size) throw notFound("device");
    const at = new Date();
    await tx.device.updateMany({
      where: { id: { in: ids } },
      // Approval is a person vouching for the device: it also clears a spoof suspicion.
      data: { status, riskStale: true, ...(decision === "approve" ? { spoofSuspected: false } : {}), statusRule: `user:${decision}`, statusReason: reason || `${decision === "approve" ? "approved" : decision === "block" ? "blocked" : "retired"} by ${who}`, statusChangedAt: at },
    });
    for (const device of devices) {
      await audit(tx, { actor, action: `device.${decision}`, targetType: "device", targetId: device.id, before: { status: device.status }, after: { status, reason: reason ?? null } });
      if (decision === "block") await raiseAlert(tx, { kind: "unauthorized", severity: "high", title: `Blocked: ${device.displayName}`, detail: { reason: reason ?? `blocked by ${who}` }, deviceId: device.id, at });
    }
    return { updated: devices.length, status };
  });
  // Blocking makes a device unauthorized (a risk floor); approving clears a spoof suspicion.
  await refreshRisk(db, { trigger: "decision", ids });
  return result;
}
