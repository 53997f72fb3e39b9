// What agents say about enforcement (docs/agent-protocol-v1.md, "Enforcement"): which policy
// version they hold (GET /api/v1/enforcement) and what they did with it (POST). These are agent
// facts, like observations: the rows are the record, so no audit row is written. A failed action
// raises no alert; the device page shows it, with the agent's error.
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/conflicts";
import type { EnforcementAction, EnforcementReport } from "../domain/enforcement/enforcement-policy";

/** A fetch of an unchanged policy is written at most this often: agents poll, the agents view needs minutes. */
export const POLICY_FETCH_REFRESH_MS = 60_000;
const MAX_ATTEMPTS = 3;

export type PolicyFetch = { policyVersion: string | null; policyFetchedAt: Date | null };

/** Records that the agent holds `version` now; only when it changed or the last record is a minute old. Whether it wrote. */
export async function recordPolicyFetch(db: Db, agentId: string, version: string, before: PolicyFetch, now = new Date()): Promise<boolean> {
  const fresh = before.policyFetchedAt && now.getTime() - before.policyFetchedAt.getTime() < POLICY_FETCH_REFRESH_MS;
  if (before.policyVersion === version && fresh) return false;
  await db.agent.update({ where: { id: agentId }, data: { policyVersion: version, policyFetchedAt: now } });
  return true;
}

/** The device an action names itself: its deviceId, or the "device:<id>" of the entry it acted on. */
export function namedDeviceId(a: EnforcementAction): string | null {
  if (a.deviceId) return a.deviceId;
  return a.ruleId?.startsWith("device:") ? a.ruleId.slice("device:".length) || null : null;
}

/**
 * The USB identity key ingestion gave the device (lib/domain/identity/evidence.ts identityKeys):
 * "vid:pid:serial", or without a serial "vid:pid@agent/port"; a sysfs target ("1-4", or the
 * interface "1-4:1.1") names the port.
 */
export function usbIdentityKey(a: EnforcementAction, agentId: string): string | null {
  if (!a.usb) return null;
  const serial = a.usb.serial?.trim();
  if (serial) return `${a.usb.vendorId}:${a.usb.productId}:${serial}`;
  return a.method === "sysfs" ? `${a.usb.vendorId}:${a.usb.productId}@${agentId}/${a.target.split(":")[0]}` : null;
}

/** Each action's device: the one it names when that device exists, else the one with its USB identity. */
async function linkDevices(db: Db, agentId: string, actions: EnforcementAction[]): Promise<Map<EnforcementAction, string | null>> {
  const named = [...new Set(actions.map(namedDeviceId).filter((id): id is string => !!id))];
  const keys = [...new Set(actions.map((a) => usbIdentityKey(a, agentId)).filter((k): k is string => !!k))];
  const [existing, identifiers] = await Promise.all([
    named.length ? db.device.findMany({ where: { id: { in: named } }, select: { id: true } }) : [],
    keys.length ? db.deviceIdentifier.findMany({ where: { kind: "usb", value: { in: keys } }, select: { value: true, deviceId: true } }) : [],
  ]);
  const known = new Set(existing.map((d) => d.id));
  const byKey = new Map(identifiers.map((i) => [i.value, i.deviceId]));
  return new Map(
    actions.map((a) => {
      const id = namedDeviceId(a);
      const key = usbIdentityKey(a, agentId);
      return [a, id && known.has(id) ? id : ((key && byKey.get(key)) ?? null)];
    }),
  );
}

/** Stores each action once per (agent, actionId): a retried report, or an action repeated in one, is counted as a duplicate. */
export async function storeEnforcementReport(db: Db, agentId: string, report: EnforcementReport): Promise<{ accepted: number; duplicates: number }> {
  const unique = [...new Map(report.actions.map((a) => [a.actionId, a])).values()];
  const links = await linkDevices(db, agentId, unique);
  for (let attempt = 1; ; attempt++) {
    try {
      const accepted = await db.$transaction(async (tx) => {
        const stored = await tx.enforcement.findMany({ where: { agentId, actionId: { in: unique.map((a) => a.actionId) } }, select: { actionId: true } });
        const seen = new Set(stored.map((s) => s.actionId));
        const fresh = unique.filter((a) => !seen.has(a.actionId));
        if (fresh.length) {
          await tx.enforcement.createMany({
            data: fresh.map((a) => ({
              agentId, actionId: a.actionId, deviceId: links.get(a) ?? null, hostname: report.agent.hostname ?? null, at: new Date(a.at), action: a.action, scope: a.scope,
              target: a.target, method: a.method, mode: a.mode, policyVersion: report.policyVersion, policy: a.policy, usb: a.usb ?? undefined, error: a.action === "failed" ? (a.error ?? null) : null,
            })),
          });
        }
        return fresh.length;
      });
      return { accepted, duplicates: report.actions.length - accepted };
    } catch (error) {
      // The same report raced itself (a retry while the first attempt was in flight): read again.
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
