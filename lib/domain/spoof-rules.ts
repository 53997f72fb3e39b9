// Spoof rules: each a named pure function that returns its finding, with the evidence, or null.
// A finding's summary is written for a clinical engineer, not for a packet analyst.
import { compareFingerprints, DIFFERENT_THRESHOLD, type FingerprintAttributes } from "./fingerprint";
import { isLocallyAdministered } from "./mac";
import { usbInterfaceKinds, type UsbInterface } from "./usb";
import { isComponentMaker, normalizeVendorName, sameVendor, vendorOfDicomUid } from "./vendor-names";

export type SpoofFinding = { rule: string; severity: "high" | "critical"; summary: string; evidence: Record<string, unknown> };

/** The claimed identity (MAC, or USB VID:PID:serial) is known, but its physical fingerprint is not. */
export function knownIdentityFingerprintMismatch(input: { identity: string; known: FingerprintAttributes; observed: FingerprintAttributes }): SpoofFinding | null {
  const result = compareFingerprints(input.known, input.observed);
  if (result.verdict !== "different") return null;
  return {
    rule: "knownIdentityFingerprintMismatch",
    severity: "critical",
    summary: `another physical device is using the identity ${input.identity}`,
    evidence: { identity: input.identity, similarity: result.score, threshold: DIFFERENT_THRESHOLD, differences: result.diffs.slice(0, 12) },
  };
}

export type PortSighting = { switchPort: string; observedAt: Date | string };

/** One MAC on two switch ports within the window: two devices share it, or one is cloned. */
export function macOnTwoPorts(input: { mac: string; sightings: PortSighting[]; windowMs: number }): SpoofFinding | null {
  const sorted = [...input.sightings].map((s) => ({ port: s.switchPort, at: new Date(s.observedAt).getTime() })).sort((a, b) => a.at - b.at);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].at - sorted[i].at <= input.windowMs; j++) {
      if (sorted[j].port !== sorted[i].port) {
        return {
          rule: "macOnTwoPorts",
          severity: "critical",
          summary: `MAC ${input.mac} seen on switch ports ${sorted[i].port} and ${sorted[j].port} within ${Math.round(input.windowMs / 60_000)} minutes`,
          evidence: { mac: input.mac, ports: [sorted[i].port, sorted[j].port], secondsApart: Math.round((sorted[j].at - sorted[i].at) / 1000) },
        };
      }
    }
  }
  return null;
}

const KEYBOARD_OR_MOUSE = /\b(keyboard|keypad|mouse|trackball|touchpad)\b/i;

/** Claims to be a keyboard or mouse, but can also store files, join a network or open a serial line. */
export function keyboardWithHiddenInterfaces(input: { claimedProduct?: string | null; registryProduct?: string | null; interfaces?: UsbInterface[] }): SpoofFinding | null {
  const kinds = usbInterfaceKinds(input.interfaces);
  const claimsHid = kinds.keyboard || kinds.mouse || KEYBOARD_OR_MOUSE.test(`${input.claimedProduct ?? ""} ${input.registryProduct ?? ""}`);
  const hidden = [kinds.storage && "mass storage", kinds.network && "network", kinds.cdc && !kinds.network && "serial (CDC)"].filter(Boolean) as string[];
  if (!claimsHid || hidden.length === 0) return null;
  return {
    rule: "keyboardWithHiddenInterfaces",
    severity: "critical",
    summary: `a "${input.claimedProduct ?? "keyboard"}" that also exposes ${hidden.join(" and ")}`,
    evidence: { claimedProduct: input.claimedProduct ?? null, registryProduct: input.registryProduct ?? null, hiddenInterfaces: hidden, interfaces: input.interfaces ?? [] },
  };
}

/**
 * The fastest typists sustain about 17 characters a second (200 words a minute) and burst to
 * perhaps 25; keystroke injectors type hundreds to thousands. 50 leaves a wide margin for people.
 */
export const HUMAN_KEYSTROKE_LIMIT_CPS = 50;

export function superhumanKeystrokeRate(input: { keystrokeRateCps?: number | null }): SpoofFinding | null {
  const rate = input.keystrokeRateCps;
  if (rate === undefined || rate === null || rate <= HUMAN_KEYSTROKE_LIMIT_CPS) return null;
  return {
    rule: "superhumanKeystrokeRate",
    severity: "critical",
    summary: `types ${Math.round(rate)} characters a second; no person types faster than about ${HUMAN_KEYSTROKE_LIMIT_CPS / 2}`,
    evidence: { keystrokeRateCps: rate, limitCps: HUMAN_KEYSTROKE_LIMIT_CPS },
  };
}

export const MEDICAL_CATEGORIES = ["infusion_pump", "ventilator", "patient_monitor", "imaging", "lab_analyzer"];

/** Medical devices carry the MAC their maker burnt in; a software-set one means someone set it. */
export function locallyAdministeredMacOnMedicalDevice(input: { mac?: string | null; category: string }): SpoofFinding | null {
  if (!input.mac || !MEDICAL_CATEGORIES.includes(input.category) || !isLocallyAdministered(input.mac)) return null;
  return {
    rule: "locallyAdministeredMacOnMedicalDevice",
    severity: "high",
    summary: `a ${input.category.replace(/_/g, " ")} with a software-set (locally administered) MAC ${input.mac}`,
    evidence: { mac: input.mac, category: input.category },
  };
}

/** The maker in the IEEE registry contradicts the claimed maker or the maker of its DICOM stack. */
export function vendorContradiction(input: { ouiVendor?: string | null; claimedVendor?: string | null; dicomImplementationClassUid?: string | null }): SpoofFinding | null {
  const dicomVendor = input.dicomImplementationClassUid ? vendorOfDicomUid(input.dicomImplementationClassUid) : null;
  const oui = input.ouiVendor && !isComponentMaker(input.ouiVendor) ? input.ouiVendor : null;
  const pairs: [string, string, string][] = [];
  if (oui && input.claimedVendor && !sameVendor(oui, input.claimedVendor)) pairs.push(["IEEE registry", "claimed vendor", `${oui} ≠ ${input.claimedVendor}`]);
  if (oui && dicomVendor && normalizeVendorName(oui) !== dicomVendor) pairs.push(["IEEE registry", "DICOM implementation", `${oui} ≠ ${dicomVendor}`]);
  if (dicomVendor && input.claimedVendor && normalizeVendorName(input.claimedVendor) !== dicomVendor) pairs.push(["claimed vendor", "DICOM implementation", `${input.claimedVendor} ≠ ${dicomVendor}`]);
  if (pairs.length === 0) return null;
  return {
    rule: "vendorContradiction",
    severity: "high",
    summary: `its maker does not add up: ${pairs.map((p) => p[2]).join("; ")}`,
    evidence: { ouiVendor: input.ouiVendor ?? null, claimedVendor: input.claimedVendor ?? null, dicomVendor, contradictions: pairs.map(([a, b, detail]) => ({ between: [a, b], detail })) },
  };
}
