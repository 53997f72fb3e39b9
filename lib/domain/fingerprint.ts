// The physical fingerprint: what the sensor MEASURED, never what the device claims.
//
// Only stable, identity-bearing measurements go in. Location is left out on purpose: the switch
// port, VLAN and USB port say where a device is plugged in, not what it is (moving a pump to
// another bed must not look like a new pump, and a clone on another port must not inherit the
// original's identity). Per-measurement noise (typing rate, exact power draw) is left out or
// bucketed so that the hash only changes when the device does.
import { createHash } from "node:crypto";

export type FingerprintAttributes = Record<string, string | number | boolean>;

type Physical = {
  ethernet?: Record<string, unknown>;
  usb?: Record<string, unknown> & { interfaces?: { class: number; subclass?: number; protocol?: number; endpoints?: number }[] };
  electrical?: Record<string, unknown>;
};

const ETHERNET = ["linkSpeedMbps", "duplex", "autoNegotiation", "poeClass", "lldpChassisId", "dhcpFingerprint", "dhcpVendorClass", "ttl", "tcpSignature", "ja4"];
const USB = ["speed", "bcdUSB", "bcdDevice", "deviceClass", "maxPowerMa", "hidReportDescriptorSha256"];

/**
 * Weight of each attribute in the similarity (0..1). Hard to forge and stable: high. Easy to
 * set from software, or changed by a firmware update: low.
 */
export const ATTRIBUTE_WEIGHTS: Record<string, number> = {
  "usb.hidReportDescriptorSha256": 1.0, // the descriptor is burnt into the device's firmware
  "usb.interfaces": 1.0, // what the device can do: a keyboard with storage is another device
  "ethernet.tcpSignature": 0.9, // TCP/IP stack behaviour, set by the OS kernel
  "ethernet.ja4": 0.8, // TLS client fingerprint of the device's software stack
  "ethernet.dhcpFingerprint": 0.8, // DHCP option order, set by the OS
  "electrical.powerDrawMw": 0.7, // physics of the hardware
  "electrical.signalRiseTimeNs": 0.7,
  "ethernet.lldpChassisId": 0.6,
  "usb.deviceClass": 0.6,
  "usb.maxPowerMa": 0.5,
  "usb.speed": 0.5,
  "usb.bcdUSB": 0.5,
  "ethernet.ttl": 0.5, // OS default, but a router hop changes it
  "ethernet.linkSpeedMbps": 0.4, // negotiated: also depends on the switch
  "ethernet.poeClass": 0.4,
  "ethernet.duplex": 0.3,
  "ethernet.autoNegotiation": 0.3,
  "ethernet.dhcpVendorClass": 0.3, // a free text the software sets
  "usb.bcdDevice": 0.2, // the device release number changes with firmware updates
};

export const SAME_THRESHOLD = 0.9;
export const DIFFERENT_THRESHOLD = 0.6;

/** Power draw in 5 % steps (log scale), rise time in 10 % steps: noise stays in one bucket. */
function bucket(value: number, step: number): number {
  if (value <= 0) return 0;
  return Math.round(Math.log(value) / Math.log(1 + step));
}

function canonicalInterfaces(interfaces: NonNullable<Physical["usb"]>["interfaces"]): string {
  return interfaces!
    .map((i) => [i.class, i.subclass ?? 0, i.protocol ?? 0, i.endpoints ?? 0].map((n) => n.toString(16).padStart(2, "0")).join("."))
    .sort()
    .join(",");
}

function pick(group: Record<string, unknown> | undefined, keys: string[], prefix: string, out: FingerprintAttributes) {
  for (const key of keys) {
    const value = group?.[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[`${prefix}.${key}`] = value;
  }
}

export function fingerprintAttributes(physical: Physical): FingerprintAttributes {
  const out: FingerprintAttributes = {};
  pick(physical.ethernet, ETHERNET, "ethernet", out);
  pick(physical.usb, USB, "usb", out);
  if (physical.usb?.interfaces?.length) out["usb.interfaces"] = canonicalInterfaces(physical.usb.interfaces);
  const power = physical.electrical?.powerDrawMw;
  const rise = physical.electrical?.signalRiseTimeNs;
  if (typeof power === "number") out["electrical.powerDrawMw"] = bucket(power, 0.05);
  if (typeof rise === "number") out["electrical.signalRiseTimeNs"] = bucket(rise, 0.1);
  return out;
}

/** JSON with keys sorted at every level: the same attributes always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

export function fingerprintHash(attributes: FingerprintAttributes): string {
  return createHash("sha256").update(canonicalJson(attributes)).digest("hex");
}

export type AttributeDiff = { attribute: string; before: string | number | boolean | undefined; after: string | number | boolean | undefined; weight: number };

export function diffAttributes(a: FingerprintAttributes, b: FingerprintAttributes): AttributeDiff[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => a[k] !== b[k]).map((k) => ({ attribute: k, before: a[k], after: b[k], weight: ATTRIBUTE_WEIGHTS[k] ?? 0.3 }));
}

export type Similarity = { score: number | null; compared: string[]; diffs: AttributeDiff[] };

/**
 * Weighted share of agreeing attributes among those measured both times. An attribute measured
 * only once says nothing either way (sensors differ in what they can see), so it is not counted.
 */
export function fingerprintSimilarity(a: FingerprintAttributes, b: FingerprintAttributes): Similarity {
  const compared = Object.keys(a).filter((k) => k in b).sort();
  const total = compared.reduce((sum, k) => sum + (ATTRIBUTE_WEIGHTS[k] ?? 0.3), 0);
  const agreeing = compared.filter((k) => a[k] === b[k]).reduce((sum, k) => sum + (ATTRIBUTE_WEIGHTS[k] ?? 0.3), 0);
  // Below one strong attribute's worth of evidence, there is too little to judge.
  const score = total >= 0.8 ? agreeing / total : null;
  return { score, compared, diffs: diffAttributes(a, b) };
}

export type FingerprintVerdict = "same" | "changed" | "different" | "insufficient";

export function compareFingerprints(previous: FingerprintAttributes, current: FingerprintAttributes, thresholds = { same: SAME_THRESHOLD, different: DIFFERENT_THRESHOLD }) {
  const similarity = fingerprintSimilarity(previous, current);
  let verdict: FingerprintVerdict = "insufficient";
  if (similarity.score !== null) verdict = similarity.score >= thresholds.same ? "same" : similarity.score < thresholds.different ? "different" : "changed";
  return { verdict, score: similarity.score, diffs: similarity.diffs };
}
