import "server-only";
import { getDb } from "../db/client";
import { riskFactors } from "./integration-shapes";
import { getCurrentRiskScore, getDeviceVulnerabilities } from "./device-detail";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const DEVICE_FIELDS = {
  id: true, displayName: true, category: true, status: true, statusReason: true, spoofSuspected: true,
  claimedMac: true, claimedIp: true, claimedHostname: true, claimedVendor: true, claimedModel: true, claimedSerial: true, claimedFirmware: true,
  usbVendorId: true, usbProductId: true, usbSerial: true, usbManufacturer: true, usbProduct: true,
  vendor: true, model: true, firmwareVersion: true, os: true, channel: true, ouiVendor: true, usbIdsVendor: true, usbIdsProduct: true,
  macLocallyAdministered: true, switchPort: true, currentFingerprintId: true,
  site: { select: { id: true, name: true } }, segment: { select: { id: true, name: true, exposure: true } },
  department: true, location: true, owner: true, criticality: true, phi: true,
  firstSeenAt: true, lastSeenAt: true, notSeenAt: true,
  riskScore: true, riskTier: true, ssvc: true, riskComputedAt: true, riskAcceptedUntil: true,
} as const;

/**
 * One device for GET /api/v1/devices/{id}: what it claims to be beside what was measured, where
 * it is, its status, its risk with the current breakdown's factors, its open alerts and its
 * matched vulnerabilities (at most DEVICE_VULNERABILITY_LIMIT, with the total). Every read is by
 * primary key or by a deviceId index.
 */
export async function getApiDevice(id: string) {
  const db = getDb();
  const d = await db.device.findUnique({ where: { id }, select: DEVICE_FIELDS });
  if (!d) return null;
  const [fingerprint, score, openAlerts, vulnerabilities] = await Promise.all([
    d.currentFingerprintId
      ? db.fingerprint.findUnique({ where: { id: d.currentFingerprintId }, select: { hash: true, channel: true, verdict: true, similarity: true, attributes: true, firstSeenAt: true, lastSeenAt: true, seenCount: true } })
      : null,
    getCurrentRiskScore(id),
    db.alert.count({ where: { deviceId: id, status: "open" } }),
    getDeviceVulnerabilities(id),
  ]);
  return {
    id: d.id,
    name: d.displayName,
    category: d.category,
    status: d.status,
    statusReason: d.statusReason,
    spoofSuspected: d.spoofSuspected,
    claimed: {
      mac: d.claimedMac, ip: d.claimedIp, hostname: d.claimedHostname, vendor: d.claimedVendor, model: d.claimedModel,
      serialNumber: d.claimedSerial, firmwareVersion: d.claimedFirmware,
      usb: d.usbVendorId || d.usbProductId ? { vendorId: d.usbVendorId, productId: d.usbProductId, serial: d.usbSerial, manufacturer: d.usbManufacturer, product: d.usbProduct } : null,
    },
    physical: {
      channel: d.channel,
      switchPort: d.switchPort,
      macLocallyAdministered: d.macLocallyAdministered,
      ouiVendor: d.ouiVendor,
      usbIdsVendor: d.usbIdsVendor,
      usbIdsProduct: d.usbIdsProduct,
      fingerprint: fingerprint
        ? { hash: fingerprint.hash, channel: fingerprint.channel, verdict: fingerprint.verdict, similarity: fingerprint.similarity, attributes: fingerprint.attributes, firstSeenAt: iso(fingerprint.firstSeenAt), lastSeenAt: iso(fingerprint.lastSeenAt), seenCount: fingerprint.seenCount }
        : null,
    },
    identified: { vendor: d.vendor, model: d.model, firmwareVersion: d.firmwareVersion, os: d.os },
    location: { site: d.site, segment: d.segment, department: d.department, location: d.location, owner: d.owner },
    criticality: d.criticality,
    phi: d.phi,
    firstSeenAt: iso(d.firstSeenAt),
    lastSeenAt: iso(d.lastSeenAt),
    notSeenAt: iso(d.notSeenAt),
    risk: {
      score: d.riskScore,
      tier: d.riskTier,
      ssvc: d.ssvc,
      computedAt: iso(d.riskComputedAt),
      acceptedUntil: iso(d.riskAcceptedUntil),
      factors: score ? riskFactors(score.breakdown) : null,
    },
    openAlerts: openAlerts,
    vulnerabilities: {
      total: vulnerabilities.total,
      items: vulnerabilities.matches.map((m) => ({
        id: m.vulnerabilityId, kev: m.vulnerability.kev, kevRansomware: m.vulnerability.kevRansomware, cvssBaseScore: m.vulnerability.cvssBaseScore,
        status: m.status, source: m.source, advisoryId: m.advisoryId,
      })),
    },
  };
}
export type ApiDevice = NonNullable<Awaited<ReturnType<typeof getApiDevice>>>;
