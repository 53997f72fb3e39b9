// The status policies give a device: the one decision ingestion makes on each report
// (verdict.ts) and a policy change makes on stored devices (lib/jobs/policy-reevaluation.ts), so
// both always agree. Pure.
import { evaluatePolicies, type DeviceFacts, type Policy } from "./policy";

/** The rule of a status set because the physical evidence contradicts a claimed identity. */
export const SPOOF_STATUS_RULE = "spoof.suspected";

/** What the status decision needs of a device as stored (null when new). */
export type StatusBefore = { status: string; statusRule: string | null; spoofSuspected: boolean } | null;
export type StatusChange = { status: string; reason: string; rule: string } | null;

/**
 * The status policies give, with one rule above them: an open spoof suspicion wins over an
 * allow-listing. An allow-list trusts a claimed identity (VID:PID, serial), which is exactly what
 * a spoofing device forges, so a device the physical evidence contradicts is unauthorized until a
 * person decides (approving it asks them to acknowledge the evidence). `spoofSummary`: the first
 * finding of this report, if any. Null: the status stays as it is.
 */
export function policyStatus(stored: StatusBefore, facts: DeviceFacts, policies: Policy[], spoofSummary: string | null): StatusChange {
  // A person's approve / block decision stands until a person changes it.
  if (stored?.statusRule?.startsWith("user:") || stored?.status === "retired") return null;
  const verdict = evaluatePolicies(policies, facts);
  if (verdict.outcome === "violation") return { status: "unauthorized", reason: `${verdict.policy}: ${verdict.reason}`, rule: verdict.rule };
  const spoofOpen = spoofSummary !== null || !!stored?.spoofSuspected;
  if (spoofOpen && (verdict.outcome === "allow_listed" || stored?.status === "authorized")) {
    if (stored?.status === "unauthorized" && stored.statusRule === SPOOF_STATUS_RULE) return null;
    const why = spoofSummary ?? "an earlier report's physical evidence contradicts its claimed identity";
    const listed = verdict.outcome === "allow_listed" ? ` (${verdict.policy}: ${verdict.reason}, but an allow-list trusts the very identity a spoof forges)` : "";
    return { status: "unauthorized", reason: `spoof suspected: ${why}${listed}`, rule: SPOOF_STATUS_RULE };
  }
  if (verdict.outcome === "allow_listed" && (!stored || stored.status !== "authorized")) return { status: "authorized", reason: verdict.reason, rule: "usb.allow_list" };
  if (stored?.status === "unauthorized" && stored.statusRule && !stored.statusRule.startsWith("user:") && !(spoofOpen && stored.statusRule === SPOOF_STATUS_RULE)) {
    return { status: "pending", reason: "no policy is broken any more", rule: "policy.cleared" };
  }
  return null;
}

// ─── A stored device under changed policies (no new report) ─────────────────────────────────

/** A policy with where it applies, as the policies table holds it. */
export type PlacedPolicy = Policy & { siteId: string | null; segmentId: string | null };

/** A device as stored, as far as a policy needs: its last claims and its current fingerprint. */
export type StoredForPolicy = {
  id: string;
  displayName: string;
  status: string;
  statusRule: string | null;
  spoofSuspected: boolean;
  category: string;
  vendor: string | null;
  /** The device's site: its segment's when it has one (segments may move between sites). */
  siteId: string | null;
  segmentId: string | null;
  usbVendorId: string | null;
  usbProductId: string | null;
  usbSerial: string | null;
  fingerprint: { hash: string; attributes: unknown } | null;
  /** Its linked asset register entry (its DeviceRegisterLink); absent when the caller did not read it. */
  assetId?: string | null;
};

/** The policies that apply where a device is: a segment's follow the segment, a site's apply to its devices (as ingestion decides). */
export function policiesAt<P extends PlacedPolicy>(policies: P[], siteId: string | null, segmentId: string | null): P[] {
  return policies.filter((p) => (p.segmentId ? p.segmentId === segmentId : !p.siteId || p.siteId === siteId));
}

/** The facts of a stored device a policy looks at, as its last report gave them (the measured USB facts live in its fingerprint). */
export function storedFacts(d: StoredForPolicy): DeviceFacts {
  const attributes = (d.fingerprint?.attributes && typeof d.fingerprint.attributes === "object" ? d.fingerprint.attributes : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof attributes[key] === "string" ? (attributes[key] as string) : null);
  const usb = d.usbVendorId && d.usbProductId ? { vendorId: d.usbVendorId, productId: d.usbProductId, serial: d.usbSerial, interfaces: text("usb.interfaces"), hidReportDescriptorSha256: text("usb.hidReportDescriptorSha256") } : null;
  return { category: d.category, vendor: d.vendor, fingerprintHash: d.fingerprint?.hash ?? null, usb, ...(d.assetId !== undefined ? { registered: d.assetId !== null } : {}) };
}

export type StoredStatusChange = { device: StoredForPolicy; status: string; reason: string; rule: string };

/**
 * What the policies change of stored devices: the same decision a report would give (with no new
 * spoof finding: an open suspicion stays as stored), kept only where the status itself changes, as
 * ingestion writes it.
 */
export function storedStatusChanges(devices: StoredForPolicy[], policies: PlacedPolicy[]): StoredStatusChange[] {
  return devices.flatMap((device) => {
    const change = policyStatus(device, storedFacts(device), policiesAt(policies, device.siteId, device.segmentId), null);
    return change && change.status !== device.status ? [{ device, ...change }] : [];
  });
}

/** How many devices a change marks unauthorized, returns to pending and authorizes, with the first names of each. */
export type ChangeTally = { unauthorized: number; pending: number; authorized: number; names: { unauthorized: string[]; pending: string[]; authorized: string[] } };

export const emptyTally = (): ChangeTally => ({ unauthorized: 0, pending: 0, authorized: 0, names: { unauthorized: [], pending: [], authorized: [] } });

const NAMES_KEPT = 5;

/** Adds a batch's changes to a running tally (in place). */
export function tallyChanges(tally: ChangeTally, changes: StoredStatusChange[]): ChangeTally {
  for (const c of changes) {
    const key = c.status === "unauthorized" ? "unauthorized" : c.status === "authorized" ? "authorized" : "pending";
    tally[key] += 1;
    if (tally.names[key].length < NAMES_KEPT) tally.names[key].push(c.device.displayName);
  }
  return tally;
}
