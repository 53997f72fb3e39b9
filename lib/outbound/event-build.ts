// Outbound events from the database: alerts (one event per Alert row) and audit entries (a block
// or an approval becomes a quarantine event), with the device as a NAC or a SIEM needs it.
import type { Db } from "../db/client";
import { alertEvent, auditEvent, deviceLink, type AlertRow, type AuditRow } from "../domain/integrations/event-compose";
import type { EventAgent, EventDevice, OutboundEvent } from "../domain/integrations/events";

export type AlertSource = AlertRow & { deviceId: string | null; agentId: string | null };
export type AuditSource = AuditRow;

const DEVICE_SELECT = {
  id: true, displayName: true, category: true, vendor: true, model: true, status: true, statusReason: true, claimedMac: true, claimedIp: true, claimedHostname: true,
  usbVendorId: true, usbProductId: true, usbSerial: true, switchPort: true, riskScore: true, riskTier: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true, vlan: true } },
} as const;

/** The events of these alerts and audit entries, in the order given (alerts first). */
export async function buildEvents(db: Db, alerts: AlertSource[], audits: AuditSource[], baseUrl = process.env.NEXTAUTH_URL): Promise<OutboundEvent[]> {
  const deviceIds = [...alerts.map((a) => a.deviceId), ...audits.filter((a) => a.targetType === "device").map((a) => a.targetId)].filter((id): id is string => !!id);
  const devices = await loadDevices(db, [...new Set(deviceIds)]);
  const agents = await loadAgents(db, [...new Set(alerts.map((a) => a.agentId).filter((id): id is string => !!id))]);
  return [
    ...alerts.map((a) => alertEvent(a, (a.deviceId && devices.get(a.deviceId)) || null, (a.agentId && agents.get(a.agentId)) || null, deviceLink(baseUrl, a.deviceId))),
    ...audits.map((a) => {
      const device = a.targetType === "device" && a.targetId ? devices.get(a.targetId) ?? null : null;
      return auditEvent(a, device, deviceLink(baseUrl, device?.id));
    }),
  ];
}

async function loadDevices(db: Db, ids: string[]): Promise<Map<string, EventDevice>> {
  if (!ids.length) return new Map();
  const rows = await db.device.findMany({ where: { id: { in: ids } }, select: DEVICE_SELECT });
  const out = new Map<string, EventDevice>();
  for (const d of rows) {
    out.set(d.id, {
      id: d.id, name: d.displayName, category: d.category, vendor: d.vendor, model: d.model, status: d.status, statusReason: d.statusReason,
      mac: d.claimedMac, ip: d.claimedIp, hostname: d.claimedHostname,
      usb: d.usbVendorId && d.usbProductId ? { vendorId: d.usbVendorId, productId: d.usbProductId, serial: d.usbSerial } : null,
      site: d.site?.name ?? null, segment: d.segment ? d.segment.label ?? d.segment.name : null, switchPort: d.switchPort,
      vlan: d.segment?.vlan ?? (d.switchPort ? await reportedVlan(db, d.id) : null), riskScore: d.riskScore, riskTier: d.riskTier,
    });
  }
  return out;
}

/** The VLAN the newest wired sighting reported, when the segment has none set. */
async function reportedVlan(db: Db, deviceId: string): Promise<number | null> {
  const newest = await db.observation.findFirst({ where: { deviceId, channel: "ethernet" }, orderBy: { observedAt: "desc" }, select: { physical: true } });
  const vlan = (newest?.physical as { ethernet?: { vlan?: unknown } } | null)?.ethernet?.vlan;
  return typeof vlan === "number" && Number.isInteger(vlan) ? vlan : null;
}

async function loadAgents(db: Db, ids: string[]): Promise<Map<string, EventAgent>> {
  if (!ids.length) return new Map();
  const rows = await db.agent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, hostname: true, site: { select: { name: true } } } });
  return new Map(rows.map((a) => [a.id, { id: a.id, name: a.name, hostname: a.hostname, site: a.site?.name ?? null }]));
}
