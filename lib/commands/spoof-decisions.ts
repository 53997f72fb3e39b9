// A person's decision on a device's spoof findings (issue 20), apart from approve / block:
// - confirm: the suspicion stands; the device stays suspect (critical in risk), its spoof alert is
//   acknowledged, and approving it is refused until the confirmation is withdrawn (or it is split);
// - withdraw: takes a confirmation back; the suspicion is open again, for a decision;
// - dismiss: a false positive; the open alert's rules are dismissed for the current physical
//   fingerprint until the chosen expiry (then they fire again), the alert closes, status unchanged;
// - split: the identity was cloned; the chosen fingerprint becomes a device of its own
//   (lib/commands/spoof-split-device.ts).
// Role-checked by the caller, audited here, one transaction each, rescored after.
import { z } from "zod";
import { DbNull } from "@prisma/client/runtime/client";
import { actorLabel, actorUserId, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { rulesOfFindings, type SpoofDismissal } from "../domain/identity/spoof-dismissal";
import { refreshRisk } from "../jobs/risk-refresh";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { closeSpoofAlert, openSpoofAlert, type Tx } from "./spoof-alert";
import { splitDevice } from "./spoof-split-device";

/** How long a dismissal holds, in days; "fingerprint": for as long as the device's fingerprint does. */
export const SPOOF_DISMISS_EXPIRIES = ["7", "30", "90", "fingerprint"] as const;
export type SpoofDismissExpiry = (typeof SPOOF_DISMISS_EXPIRIES)[number];

const reason = z.string().trim().max(500, "The reason has at most 500 characters.").optional();
export const spoofDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("confirm"), reason }),
  z.object({ decision: z.literal("withdraw"), reason }),
  z.object({ decision: z.literal("dismiss"), reason, expiry: z.enum(SPOOF_DISMISS_EXPIRIES, { message: "Choose how long the dismissal holds." }) }),
  z.object({
    decision: z.literal("split"),
    reason,
    fingerprintId: z.string().min(1, "Choose the fingerprint that is the other device.").max(64),
    name: z.string().trim().max(120, "The name has at most 120 characters.").optional(),
  }),
]);
export type SpoofDecision = z.infer<typeof spoofDecisionSchema>["decision"];

const DEVICE_SELECT = {
  id: true, displayName: true, status: true, statusRule: true, spoofSuspected: true, spoofDismissal: true, currentFingerprintId: true,
  spoofConfirmedAt: true, spoofConfirmedBy: true, spoofConfirmedReason: true, claimedMac: true, usbVendorId: true, usbProductId: true, usbSerial: true,
} as const;
export type SpoofDevice = NonNullable<Awaited<ReturnType<typeof loadDevice>>>;
const loadDevice = (tx: Tx, id: string) => tx.device.findUnique({ where: { id }, select: DEVICE_SELECT });

const notSuspected = () => conflict("This device is not suspected of spoofing: there is nothing to decide.");
const confirmedAlready = (d: SpoofDevice) => conflict(`The spoof was confirmed by ${d.spoofConfirmedBy}: withdraw the confirmation first.`);

async function confirm(tx: Tx, d: SpoofDevice, why: string, actor: AuditActor, at: Date) {
  if (!d.spoofSuspected) throw notSuspected();
  if (d.spoofConfirmedAt) throw confirmedAlready(d);
  const alert = await openSpoofAlert(tx, d.id);
  // A confirmation overrides any earlier dismissal: the person now says the evidence is real.
  await tx.device.update({ where: { id: d.id }, data: { spoofConfirmedAt: at, spoofConfirmedBy: actorLabel(actor), spoofConfirmedReason: why, spoofDismissal: DbNull, riskStale: true } });
  if (alert?.status === "open") await tx.alert.update({ where: { id: alert.id }, data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: actorUserId(actor) } });
  await audit(tx, { actor, action: "device.spoof_confirm", targetType: "device", targetId: d.id, before: { spoofSuspected: true, spoofConfirmed: false }, after: { spoofConfirmed: true, reason: why, rules: rulesOfFindings(alert?.detail), alert: alert?.id ?? null } });
  return { message: "Spoof confirmed: the device stays suspect and critical.", rescore: [d.id] };
}

async function withdraw(tx: Tx, d: SpoofDevice, why: string, actor: AuditActor) {
  if (!d.spoofConfirmedAt) throw conflict("No spoof confirmation to withdraw on this device.");
  await tx.device.update({ where: { id: d.id }, data: { spoofConfirmedAt: null, spoofConfirmedBy: null, spoofConfirmedReason: null } });
  await audit(tx, { actor, action: "device.spoof_confirm_withdraw", targetType: "device", targetId: d.id, before: { spoofConfirmedBy: d.spoofConfirmedBy, spoofConfirmedReason: d.spoofConfirmedReason }, after: { spoofConfirmed: false, reason: why } });
  return { message: "Confirmation withdrawn: the spoof suspicion is open for a decision again.", rescore: [] as string[] };
}

const DAY_MS = 86_400_000;

async function dismiss(tx: Tx, d: SpoofDevice, why: string, expiry: SpoofDismissExpiry, actor: AuditActor, at: Date) {
  if (!d.spoofSuspected) throw notSuspected();
  if (d.spoofConfirmedAt) throw confirmedAlready(d);
  const alert = await openSpoofAlert(tx, d.id);
  const rules = rulesOfFindings(alert?.detail);
  if (!rules.length) throw conflict("This device has no open spoof alert whose findings could be dismissed.");
  const fingerprint = d.currentFingerprintId ? ((await tx.fingerprint.findUnique({ where: { id: d.currentFingerprintId }, select: { hash: true } }))?.hash ?? null) : null;
  const until = expiry === "fingerprint" ? null : new Date(at.getTime() + Number(expiry) * DAY_MS).toISOString();
  const dismissal: SpoofDismissal = { rules, fingerprint, until, by: actorLabel(actor), at: at.toISOString() };
  // Unlike approval, the status is left as it is: a false positive says nothing of authorization.
  await tx.device.update({ where: { id: d.id }, data: { spoofDismissal: dismissal, spoofSuspected: false, riskStale: true } });
  await closeSpoofAlert(tx, d.id, `spoof dismissed as false positive by ${actorLabel(actor)}: ${why}`, actor, at);
  await audit(tx, { actor, action: "device.spoof_dismiss", targetType: "device", targetId: d.id, before: { spoofSuspected: true, spoofDismissal: (d.spoofDismissal ?? null) as never }, after: { spoofSuspected: false, reason: why, rules, fingerprint, until, alert: alert?.id ?? null } });
  const holds = until ? `until ${until.slice(0, 10)}` : "while the device's fingerprint stays the same";
  return { message: `Dismissed as a false positive ${holds}.`, rescore: [d.id] };
}

/** Applies one spoof decision to one device, in one transaction, then rescores what changed. */
export async function decideSpoof(db: Db, deviceId: string, input: unknown, actor: AuditActor, now = new Date()) {
  const parsed = spoofDecisionSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_spoof_decision", "The spoof decision is not valid.", zodIssues(parsed.error));
  const decision = parsed.data;
  // Every one of these is a judgement on evidence someone will revisit: the why is kept.
  if (!decision.reason) throw badRequest("reason_required", "A reason is required: it is kept in the audit log.", [{ path: "reason", message: "A reason is required." }]);
  if (typeof deviceId !== "string" || !deviceId || deviceId.length > 64) throw notFound("device");
  const why = decision.reason;
  const result = await db.$transaction(async (tx) => {
    const device = await loadDevice(tx, deviceId);
    if (!device) throw notFound("device");
    if (decision.decision === "confirm") return confirm(tx, device, why, actor, now);
    if (decision.decision === "withdraw") return withdraw(tx, device, why, actor);
    if (decision.decision === "dismiss") return dismiss(tx, device, why, decision.expiry, actor, now);
    return splitDevice(tx, device, { fingerprintId: decision.fingerprintId, name: decision.name || null, reason: why }, actor, now);
  });
  if (result.rescore.length) await refreshRisk(db, { trigger: "decision", ids: result.rescore });
  return result;
}
