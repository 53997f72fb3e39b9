// Spoof rules: each a named pure function that returns its finding, with the evidence, or null.
// A finding's summary is written for a clinical engineer, not for a packet analyst.
import { ATTRIBUTE_LABELS, compareFingerprints, DIFFERENT_THRESHOLD, type FingerprintAttributes, type FingerprintThresholds } from "./fingerprint";
import { isLocallyAdministered, normalizeMac } from "./mac";
import { usbInterfaceKinds, type UsbInterface } from "./usb";
import { isComponentMaker, knownVendorIn, sameVendor, vendorOfDicomUid } from "./vendor-names";

export type SpoofFinding = { rule: string; severity: "high" | "critical"; summary: string; evidence: Record<string, unknown> };

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The claimed identity (MAC, or USB VID:PID:serial) is enrolled with a fingerprint, and this one is another device's. */
export function knownIdentityFingerprintMismatch(input: { identity: string; known: FingerprintAttributes; observed: FingerprintAttributes; thresholds?: Partial<FingerprintThresholds> }): SpoofFinding | null {
  const result = compareFingerprints(input.known, input.observed, input.thresholds);
  if (result.verdict !== "different" || result.score === null) return null;
  const threshold = input.thresholds?.different ?? DIFFERENT_THRESHOLD;
  // Name what was measured both times and differs; a side that was not measured proves nothing.
  const measuredBoth = result.diffs.filter((d) => d.before !== undefined && d.after !== undefined);
  const names = measuredBoth.slice(0, 3).map((d) => ATTRIBUTE_LABELS[d.attribute] ?? d.attribute);
  return {
    rule: "knownIdentityFingerprintMismatch",
    severity: "critical",
    summary: `Another physical device is using the identity ${input.identity}: its physical fingerprint matches the enrolled one only ${percent(result.score)} (below ${percent(threshold)}). It differs in ${names.join(", ")}.`,
    evidence: { identity: input.identity, similarity: result.score, threshold, compared: result.compared, differences: measuredBoth.slice(0, 12) },
  };
}

export type PortSighting = { switchPort: string; observedAt: Date | string; agentId?: string | null };

/** Default window for macOnTwoPorts: the same as SWITCH_PORT_WINDOW_MS of the verdict (verdict.ts). */
export const DEFAULT_PORT_WINDOW_MS = 10 * 60_000;
/** Two ports this close together in time cannot be a person moving a cable: two devices. */
export const SIMULTANEOUS_PORTS_MS = 60_000;

type Seen = { port: string; key: string; at: number; agentId: string | null };

/** The sightings from the first one that is followed, within the window, by another port. */
function sightingsAroundFirstMove(sightings: PortSighting[], windowMs: number): Seen[] {
  const seen = sightings
    .map((s) => ({ port: s.switchPort.trim(), key: s.switchPort.trim().toLowerCase(), at: new Date(s.observedAt).getTime(), agentId: s.agentId ?? null }))
    .filter((s) => s.port !== "" && Number.isFinite(s.at))
    .sort((a, b) => a.at - b.at);
  const start = seen.findIndex((s, i) => seen.some((t, j) => j > i && t.at - s.at <= windowMs && t.key !== s.key));
  return start < 0 ? [] : seen.filter((s) => s.at >= seen[start].at && s.at - seen[start].at <= windowMs);
}

/** The quickest port change, and whether the MAC came back to a port it had left. */
function portMoves(seen: Seen[]): { fastestMs: number; wentBack: boolean } {
  let fastestMs = Infinity;
  let wentBack = false;
  const visited = [seen[0].key];
  for (let i = 1; i < seen.length; i++) {
    if (seen[i].key === seen[i - 1].key) continue;
    fastestMs = Math.min(fastestMs, seen[i].at - seen[i - 1].at);
    wentBack ||= visited.includes(seen[i].key);
    visited.push(seen[i].key);
  }
  return { fastestMs, wentBack };
}

/**
 * One MAC on two switch ports within the window: two devices share it (one is cloning it), or
 * the device was moved. Critical when it cannot be a move: two sightings on different ports under
 * a minute apart, or the MAC went back to a port it had left. A single move inside the window is
 * "high": workstations on wheels do get re-plugged within minutes. Ports compare case-blind.
 */
export function macOnTwoPorts(input: { mac: string; sightings: PortSighting[]; windowMs: number }): SpoofFinding | null {
  const seen = sightingsAroundFirstMove(input.sightings, input.windowMs);
  if (seen.length === 0) return null;
  const ports = [...new Map(seen.map((s) => [s.key, s.port])).values()];
  const { fastestMs, wentBack } = portMoves(seen);
  const twoDevices = fastestMs < SIMULTANEOUS_PORTS_MS || wentBack;
  const apart = fastestMs < 60_000 ? `${Math.round(fastestMs / 1000)} seconds` : `${Math.round(fastestMs / 60_000)} minutes`;
  return {
    rule: "macOnTwoPorts",
    severity: twoDevices ? "critical" : "high",
    summary: twoDevices
      ? `MAC ${input.mac} is on switch ports ${ports.join(" and ")} at once (${wentBack ? "going back and forth" : `${apart} apart`}): two devices are using one address, so one of them is likely imitating the other.`
      : `MAC ${input.mac} moved from switch port ${ports[0]} to ${ports[1]} within ${apart}: either the device was re-plugged, or a second device is using its address.`,
    evidence: { mac: input.mac, ports, secondsApart: Math.round(fastestMs / 1000), wentBack, windowMs: input.windowMs, agents: [...new Set(seen.map((s) => s.agentId).filter(Boolean))] },
  };
}

const KEYBOARD_OR_MOUSE = /\b(keyboard|keypad|mouse|trackball|touchpad)\b/i;

/**
 * Claims to be a keyboard or mouse (a boot keyboard / mouse interface, or its name says so), but
 * can also store files, join a network or open a serial line. Storage or network: critical, the
 * shape of keystroke injectors and USB network implants. A serial (CDC) line alone: high, since
 * some barcode scanners and KVM dongles do expose one; approve those by fingerprint.
 */
export function keyboardWithHiddenInterfaces(input: { claimedProduct?: string | null; registryProduct?: string | null; interfaces?: UsbInterface[] | null }): SpoofFinding | null {
  const kinds = usbInterfaceKinds(input.interfaces ?? []);
  const names = `${input.claimedProduct ?? ""} ${input.registryProduct ?? ""}`;
  const claimsHid = kinds.keyboard || kinds.mouse || KEYBOARD_OR_MOUSE.test(names);
  const hidden = [kinds.storage && "mass storage", kinds.network && "network", kinds.cdc && !kinds.network && "serial (CDC)"].filter((h): h is string => !!h);
  if (!claimsHid || hidden.length === 0) return null;
  const what = input.claimedProduct || input.registryProduct || (kinds.mouse && !kinds.keyboard ? "mouse" : "keyboard");
  return {
    rule: "keyboardWithHiddenInterfaces",
    severity: kinds.storage || kinds.network ? "critical" : "high",
    summary: `A USB device that presents itself as "${what}" also exposes ${hidden.join(" and ")}. A real keyboard or mouse has no need for that; keystroke injectors and USB network implants look exactly like this.`,
    evidence: { claimedProduct: input.claimedProduct ?? null, registryProduct: input.registryProduct ?? null, hiddenInterfaces: hidden, interfaces: input.interfaces ?? [] },
  };
}

/**
 * Characters a second no person reaches. The fastest typists sustain about 18 (216 words a
 * minute) and burst to about 30 on short words; an operating system's key repeat tops out near
 * 30. Keystroke injectors type hundreds to thousands a second. 50 leaves people a wide margin.
 */
export const HUMAN_KEYSTROKE_LIMIT_CPS = 50;

// Barcode scanners and badge readers are keyboards by design that "type" a whole code in
// milliseconds; they are not pretending to be a person. The other rules still apply to them.
const MACHINE_TYPIST = /\b(bar ?code|scanner|imager|rfid|nfc|badge|card reader|magstripe|mag ?stripe|wedge)\b/i;

export function superhumanKeystrokeRate(input: { keystrokeRateCps?: number | null; claimedProduct?: string | null; registryProduct?: string | null }): SpoofFinding | null {
  const rate = input.keystrokeRateCps;
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= HUMAN_KEYSTROKE_LIMIT_CPS) return null;
  if (MACHINE_TYPIST.test(`${input.claimedProduct ?? ""} ${input.registryProduct ?? ""}`)) return null;
  return {
    rule: "superhumanKeystrokeRate",
    severity: "critical",
    summary: `This "keyboard" types ${Math.round(rate)} characters a second; the fastest people manage about 20. Something is typing for it: a keystroke injector.`,
    evidence: { keystrokeRateCps: rate, limitCps: HUMAN_KEYSTROKE_LIMIT_CPS },
  };
}

/**
 * Categories whose devices carry the MAC their maker burnt in. PACS and workstations are left
 * out: they are often virtual machines or PCs, where software-set addresses are ordinary.
 */
export const MEDICAL_CATEGORIES = ["infusion_pump", "ventilator", "patient_monitor", "imaging", "lab_analyzer"] as const;

export type MedicalCategory = (typeof MEDICAL_CATEGORIES)[number];

const MEDICAL_LABELS: Record<MedicalCategory, string> = { infusion_pump: "infusion pump", ventilator: "ventilator", patient_monitor: "patient monitor", imaging: "imaging device", lab_analyzer: "lab analyzer" };

export function isMedicalCategory(category: string | null | undefined): category is MedicalCategory {
  return (MEDICAL_CATEGORIES as readonly string[]).includes(category ?? "");
}

/** A software-set (locally administered) MAC on a medical device: someone set it. */
export function locallyAdministeredMacOnMedicalDevice(input: { mac?: string | null; category?: string | null }): SpoofFinding | null {
  const mac = input.mac ? normalizeMac(input.mac) : null;
  if (!mac || !isMedicalCategory(input.category) || !isLocallyAdministered(mac)) return null;
  return {
    rule: "locallyAdministeredMacOnMedicalDevice",
    severity: "high",
    summary: `This ${MEDICAL_LABELS[input.category]} is using a software-set MAC address (${mac}). Medical devices keep the address their maker burnt in; a software-set one usually means another device is imitating it, or it was reconfigured.`,
    evidence: { mac, category: input.category },
  };
}

type VendorSource = "IEEE registry" | "claimed vendor" | "DICOM implementation" | "DHCP vendor class";

/**
 * The maker in the IEEE registry contradicts the claimed maker, the maker of the DICOM stack or
 * the maker named in the DHCP vendor class; or the claim contradicts the DICOM stack. Makers of
 * network modules and general-purpose computers contradict nothing (see COMPONENT_MAKERS): a
 * pump carries a Murata radio, GE software runs on Dell PCs. The TCP signature names an OS, not
 * a maker, so it is not used here. A DHCP vendor class counts only when it names a known maker.
 */
export function vendorContradiction(input: { ouiVendor?: string | null; claimedVendor?: string | null; dicomImplementationClassUid?: string | null; dhcpVendorClass?: string | null }): SpoofFinding | null {
  const oui = input.ouiVendor && !isComponentMaker(input.ouiVendor) ? input.ouiVendor : null;
  const claimed = input.claimedVendor?.trim() || null;
  const dicom = input.dicomImplementationClassUid ? vendorOfDicomUid(input.dicomImplementationClassUid) : null;
  const dhcp = input.dhcpVendorClass ? knownVendorIn(input.dhcpVendorClass) : null;
  const pairs: [VendorSource, string | null, VendorSource, string | null][] = [
    ["IEEE registry", oui, "claimed vendor", claimed],
    ["IEEE registry", oui, "DICOM implementation", dicom],
    ["IEEE registry", oui, "DHCP vendor class", dhcp],
    // A DICOM UID names the software's maker: a claim naming the PC it runs on does not contradict it.
    ["claimed vendor", claimed && !isComponentMaker(claimed) ? claimed : null, "DICOM implementation", dicom],
  ];
  const contradictions = pairs
    .filter(([, a, , b]) => a && b && !sameVendor(a, b))
    .map(([sa, a, sb, b]) => ({ between: [sa, sb], detail: `${sa} says ${a}, ${sb} says ${b}` }));
  if (contradictions.length === 0) return null;
  return {
    rule: "vendorContradiction",
    severity: "high",
    summary: `Its maker does not add up: ${contradictions.map((c) => c.detail).join("; ")}. A device imitating another often gets one of these wrong.`,
    evidence: { ouiVendor: input.ouiVendor ?? null, claimedVendor: claimed, dicomVendor: dicom, dhcpVendor: dhcp, contradictions },
  };
}

/** Everything the rules can use about one device at one moment; every part optional. */
export type SpoofRuleInput = {
  identity?: string | null;
  enrolledFingerprint?: FingerprintAttributes | null;
  observedFingerprint?: FingerprintAttributes | null;
  mac?: string | null;
  sightings?: PortSighting[];
  windowMs?: number;
  category?: string | null;
  claimedProduct?: string | null;
  registryProduct?: string | null;
  usbInterfaces?: UsbInterface[] | null;
  keystrokeRateCps?: number | null;
  ouiVendor?: string | null;
  claimedVendor?: string | null;
  dicomImplementationClassUid?: string | null;
  dhcpVendorClass?: string | null;
};

/** Runs every rule whose evidence is present; critical findings first. */
export function evaluateSpoofRules(input: SpoofRuleInput): SpoofFinding[] {
  const { identity, enrolledFingerprint: known, observedFingerprint: observed, mac, sightings } = input;
  const products = { claimedProduct: input.claimedProduct, registryProduct: input.registryProduct };
  const findings = [
    identity && known && observed ? knownIdentityFingerprintMismatch({ identity, known, observed }) : null,
    mac && sightings?.length ? macOnTwoPorts({ mac, sightings, windowMs: input.windowMs ?? DEFAULT_PORT_WINDOW_MS }) : null,
    input.usbInterfaces?.length ? keyboardWithHiddenInterfaces({ ...products, interfaces: input.usbInterfaces }) : null,
    superhumanKeystrokeRate({ keystrokeRateCps: input.keystrokeRateCps, ...products }),
    locallyAdministeredMacOnMedicalDevice({ mac, category: input.category }),
    vendorContradiction(input),
  ];
  const rank = (f: SpoofFinding) => (f.severity === "critical" ? 0 : 1);
  return findings.filter((f): f is SpoofFinding => f !== null).sort((a, b) => rank(a) - rank(b));
}
