import "server-only";
// What the dashboard shows of enforcement: a device's newest enforcement actions (the device
// page's card) and each site's and agent's mode with the policy each agent last fetched
// (Settings → Integrations).
import { getDb } from "../db/client";

export const DEVICE_ENFORCEMENT_LIMIT = 20;
export const ENFORCEMENT_SETTINGS_LIMIT = 500;

/** The device's newest enforcement actions, newest first, with the agent that took each. */
export function listDeviceEnforcements(deviceId: string) {
  return getDb().enforcement.findMany({
    where: { deviceId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: DEVICE_ENFORCEMENT_LIMIT,
    select: { id: true, at: true, action: true, scope: true, target: true, method: true, mode: true, policyVersion: true, policy: true, hostname: true, error: true, agent: { select: { name: true } } },
  });
}
export type DeviceEnforcementRow = Awaited<ReturnType<typeof listDeviceEnforcements>>[number];

/** Every site with its mode, and every enrolled (not revoked) agent with its override and the policy it last fetched. */
export async function listEnforcementSettings() {
  const db = getDb();
  const [sites, agents] = await Promise.all([
    db.site.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], take: ENFORCEMENT_SETTINGS_LIMIT, select: { id: true, name: true, enforcementMode: true, _count: { select: { agents: { where: { revokedAt: null } } } } } }),
    db.agent.findMany({
      where: { revokedAt: null },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: ENFORCEMENT_SETTINGS_LIMIT,
      select: { id: true, name: true, hostname: true, enforcementMode: true, policyVersion: true, policyFetchedAt: true, site: { select: { name: true, enforcementMode: true } } },
    }),
  ]);
  return { sites, agents };
}
export type EnforcementSettings = Awaited<ReturnType<typeof listEnforcementSettings>>;
