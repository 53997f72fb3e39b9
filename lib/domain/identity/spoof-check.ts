// Runs the spoof rules on what one report says about one device, given what we knew before.
import {
  keyboardWithHiddenInterfaces,
  knownIdentityFingerprintMismatch,
  locallyAdministeredMacOnMedicalDevice,
  macOnTwoPorts,
  superhumanKeystrokeRate,
  vendorContradiction,
  type PortSighting,
  type SpoofFinding,
} from "./spoof-rules";
import type { FingerprintDecision, StoredDevice } from "./verdict";
import type { Evidence } from "./evidence";

export type { SpoofFinding };

function claimedIdentity(e: Evidence): string | null {
  if (e.mac) return e.mac;
  if (e.usb?.serial) return `USB ${e.usb.vendorId}:${e.usb.productId}:${e.usb.serial}`;
  return null;
}

function portSightings(stored: StoredDevice | null, evidence: Evidence[], agentId: string): PortSighting[] {
  const sightings: PortSighting[] = evidence.filter((e) => e.switchPort).map((e) => ({ switchPort: e.switchPort!, observedAt: e.observation.observedAt, agentId }));
  if (stored?.switchPort && stored.switchPortSeenAt) sightings.push({ switchPort: stored.switchPort, observedAt: stored.switchPortSeenAt, agentId: stored.lastAgentId });
  return sightings;
}

export function findSpoofs(stored: StoredDevice | null, evidence: Evidence[], latest: Evidence, fingerprint: FingerprintDecision, windowMs: number, agentId: string): SpoofFinding[] {
  const findings: (SpoofFinding | null)[] = [];
  const identity = claimedIdentity(latest);
  if (identity && stored?.currentFingerprint && fingerprint && fingerprint.verdict === "different") {
    findings.push(knownIdentityFingerprintMismatch({ identity, known: stored.currentFingerprint.attributes, observed: fingerprint.attributes }));
  }
  if (latest.mac) findings.push(macOnTwoPorts({ mac: latest.mac, sightings: portSightings(stored, evidence, agentId), windowMs }));
  const usbEvidence = evidence.filter((e) => e.usb || e.observation.physical?.usb);
  for (const e of usbEvidence.slice(-1)) {
    findings.push(keyboardWithHiddenInterfaces({ claimedProduct: e.observation.claimed?.usb?.product, registryProduct: e.usbIdsProduct, interfaces: e.observation.physical?.usb?.interfaces }));
  }
  const rates = evidence.map((e) => e.observation.physical?.usb?.keystrokeRateCps).filter((r): r is number => typeof r === "number");
  // Barcode scanners and badge readers type at machine speed by design: the rule needs the names.
  if (rates.length) findings.push(superhumanKeystrokeRate({ keystrokeRateCps: Math.max(...rates), claimedProduct: latest.observation.claimed?.usb?.product, registryProduct: latest.usbIdsProduct }));
  findings.push(locallyAdministeredMacOnMedicalDevice({ mac: latest.mac, category: latest.category }));
  findings.push(
    vendorContradiction({
      ouiVendor: latest.ouiVendor,
      claimedVendor: latest.observation.claimed?.vendor,
      dicomImplementationClassUid: latest.observation.network?.dicom?.implementationClassUid,
      dhcpVendorClass: latest.observation.physical?.ethernet?.dhcpVendorClass,
    }),
  );
  return findings.filter((f): f is SpoofFinding => f !== null);
}
