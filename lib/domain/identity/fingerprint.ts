// The physical fingerprint: what the sensor MEASURED (`physical.*`), never what the device claims.
//
// Only stable, identity-bearing measurements go in:
// - Location is left out on purpose: the switch port, VLAN and USB port say where a device is
//   plugged in, not what it is. Moving a pump to another bed must not look like a new pump, and
//   a clone on another port must not inherit the original's identity (macOnTwoPorts looks at
//   location separately).
// - Behaviour is left out: the typing rate changes with every measurement (a spoof rule reads it).
// - Analog measurements are bucketed, so noise does not change the hash (see `bucket`).
// - Fields this module does not know are left out, so an agent that starts sending a new field
//   does not change every device's hash; a field joins the fingerprint with a weight, here.
import { createHash } from "node:crypto";
import { normalizeMac } from "./mac";

export type FingerprintValue = string | number | boolean;
export type FingerprintAttributes = Record<string, FingerprintValue>;

/** The protocol's `physical` object; every part optional, extra fields allowed (and ignored). */
export type PhysicalMeasurements = {
  ethernet?: Record<string, unknown> | null;
  usb?: Record<string, unknown> | null;
  electrical?: Record<string, unknown> | null;
  [extra: string]: unknown;
};

/**
 * Weight of each attribute in the similarity (0..1). Hard to forge and stable: high. Easy to set
 * from software, negotiated with the switch, or changed by a firmware update: low.
 */
export const ATTRIBUTE_WEIGHTS: Record<string, number> = {
  "usb.hidReportDescriptorSha256": 1.0, // compiled into the device's firmware; a clone must copy it byte for byte
  "usb.interfaces": 1.0, // what the device can do: a "keyboard" that gains storage is another device
  "electrical.signalRiseTimeNs": 0.9, // analog property of the PHY and its board; no software sets it
  "ethernet.tcpSignature": 0.9, // TCP/IP stack behaviour (p0f), fixed by the OS kernel
  "ethernet.dhcpFingerprint": 0.8, // DHCP option order, fixed by the OS's DHCP client
  "ethernet.ja4": 0.8, // TLS client stack; a firmware update that swaps the TLS library moves it
  "electrical.powerDrawMw": 0.7, // physics of the hardware, but it rises and falls with load
  "usb.speed": 0.6, // set by the silicon: a full-speed microcontroller cannot pass as high-speed
  "ethernet.ttl": 0.5, // the OS's initial TTL; a user can change it, few do
  "ethernet.poeClass": 0.5, // the powered device's classification hardware
  "usb.deviceClass": 0.5, // descriptor fields: a careful clone copies them, a careless one does not
  "usb.maxPowerMa": 0.5,
  "usb.bcdUSB": 0.4,
  "ethernet.lldpChassisId": 0.4, // announced by the device itself, usually its MAC: cloned along with it
  "ethernet.dhcpVendorClass": 0.3, // free text the software sets; firmware updates change it
  "ethernet.linkSpeedMbps": 0.3, // negotiated with the switch port: partly a property of the port
  "ethernet.duplex": 0.2,
  "ethernet.autoNegotiation": 0.2,
  "usb.bcdDevice": 0.2, // the device release number changes with every firmware update
};

/** Plain names for the attributes, for explanations written to a clinical engineer. */
export const ATTRIBUTE_LABELS: Record<string, string> = {
  "usb.hidReportDescriptorSha256": "HID report descriptor",
  "usb.interfaces": "USB interfaces",
  "electrical.signalRiseTimeNs": "signal rise time",
  "ethernet.tcpSignature": "TCP/IP stack",
  "ethernet.dhcpFingerprint": "DHCP fingerprint",
  "ethernet.ja4": "TLS fingerprint (JA4)",
  "electrical.powerDrawMw": "power draw",
  "usb.speed": "USB speed",
  "ethernet.ttl": "initial TTL",
  "ethernet.poeClass": "PoE class",
  "usb.deviceClass": "USB device class",
  "usb.maxPowerMa": "declared USB power",
  "usb.bcdUSB": "USB version",
  "ethernet.lldpChassisId": "LLDP chassis ID",
  "ethernet.dhcpVendorClass": "DHCP vendor class",
  "ethernet.linkSpeedMbps": "link speed",
  "ethernet.duplex": "duplex",
  "ethernet.autoNegotiation": "auto-negotiation",
  "usb.bcdDevice": "USB device release",
};

/** At or above: the same device. */
export const SAME_THRESHOLD = 0.9;
/** Below: another device. In between: the same device, changed (typically a firmware update). */
export const DIFFERENT_THRESHOLD = 0.6;
/** Less compared weight than this (one strong attribute) is too little to judge. */
export const MIN_COMPARED_WEIGHT = 1.0;
/** Weight of an attribute this module does not list (only reachable with hand-made attributes). */
const DEFAULT_WEIGHT = 0.3;

const weightOf = (attribute: string) => ATTRIBUTE_WEIGHTS[attribute] ?? DEFAULT_WEIGHT;

// Bucket width of the analog measurements, relative: 10 % steps on a log scale. Noise within a
// bucket leaves the hash alone; similarity also accepts the neighbouring bucket (see `agrees`),
// so a reading that crosses a bucket edge is not a change. An implant differs by far more.
const BUCKET_STEP: Record<string, number> = { "electrical.powerDrawMw": 0.1, "electrical.signalRiseTimeNs": 0.1 };

/** The bucket's representative value, in the measurement's own unit, so diffs stay readable. */
function bucket(value: number, step: number): number {
  const k = Math.round(Math.log(value) / Math.log(1 + step));
  return Number(((1 + step) ** k).toPrecision(3));
}

/** Senders start at 32, 64, 128 or 255 and each router hop takes one off: keep the start. */
export function initialTtl(observed: number): number {
  return [32, 64, 128].find((start) => observed <= start) ?? 255;
}

type Normalise = (value: unknown) => FingerprintValue | undefined;

const text: Normalise = (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const lower: Normalise = (v) => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : undefined);
const count: Normalise = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
const flag: Normalise = (v) => (typeof v === "boolean" ? v : undefined);
const version: Normalise = (v) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(2) : text(v));
const optionList: Normalise = (v) => (typeof v === "string" && v.trim() !== "" ? v.replace(/\s+/g, "") : undefined);
// Chassis IDs are mostly MACs, in whatever spelling the sensor's LLDP library prints.
const chassisId: Normalise = (v) => (typeof v === "string" ? (normalizeMac(v) ?? lower(v)) : undefined);
const ttl: Normalise = (v) => (typeof v === "number" && v > 0 && v <= 255 ? initialTtl(v) : undefined);
const analog = (step: number): Normalise => (v) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? bucket(v, step) : undefined);

const FIELDS: Record<"ethernet" | "usb" | "electrical", Record<string, Normalise>> = {
  ethernet: {
    linkSpeedMbps: count,
    duplex: lower,
    autoNegotiation: flag,
    poeClass: count,
    lldpChassisId: chassisId,
    dhcpFingerprint: optionList,
    dhcpVendorClass: text,
    ttl,
    tcpSignature: text,
    ja4: lower,
  },
  usb: { speed: lower, bcdUSB: version, bcdDevice: version, deviceClass: count, maxPowerMa: count, hidReportDescriptorSha256: lower },
  electrical: { powerDrawMw: analog(BUCKET_STEP["electrical.powerDrawMw"]), signalRiseTimeNs: analog(BUCKET_STEP["electrical.signalRiseTimeNs"]) },
};

const byte = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 255 ? n.toString(16).padStart(2, "0") : "--");

/**
 * "cc.ss.pp.ee" per interface (class, subclass, protocol, endpoint count, hex), sorted and
 * comma-joined: the order the device lists them in is not part of what it is.
 */
export function canonicalInterfaces(interfaces: unknown): string | undefined {
  if (!Array.isArray(interfaces)) return undefined;
  const parts = interfaces
    .filter((i): i is Record<string, unknown> => !!i && typeof i === "object" && typeof (i as { class?: unknown }).class === "number")
    .map((i) => [i.class, i.subclass ?? 0, i.protocol ?? 0, i.endpoints ?? 0].map(byte).join("."));
  return parts.length ? parts.sort().join(",") : undefined;
}

/** The stable attributes of a `physical` object, flat, with dotted keys ("usb.speed"). */
export function fingerprintAttributes(physical: PhysicalMeasurements | null | undefined): FingerprintAttributes {
  const out: FingerprintAttributes = {};
  for (const group of ["ethernet", "usb", "electrical"] as const) {
    const measured = physical?.[group];
    if (!measured || typeof measured !== "object") continue;
    for (const [field, normalise] of Object.entries(FIELDS[group])) {
      const value = normalise(measured[field]);
      if (value !== undefined) out[`${group}.${field}`] = value;
    }
  }
  const interfaces = canonicalInterfaces(physical?.usb?.interfaces);
  if (interfaces) out["usb.interfaces"] = interfaces;
  return out;
}

/** JSON with keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** sha256 (hex) of the canonical JSON: equal attributes, equal hash, whatever the key order. */
export function fingerprintHash(attributes: FingerprintAttributes): string {
  return createHash("sha256").update(canonicalJson(attributes)).digest("hex");
}

/** Equal, or for an analog measurement within one bucket of each other. */
function agrees(attribute: string, a: FingerprintValue, b: FingerprintValue): boolean {
  if (a === b) return true;
  const step = BUCKET_STEP[attribute];
  if (step === undefined || typeof a !== "number" || typeof b !== "number" || a <= 0 || b <= 0) return false;
  return Math.max(a, b) / Math.min(a, b) <= (1 + step) ** 1.5;
}

export type AttributeDiff = {
  attribute: string;
  label: string;
  before: FingerprintValue | undefined;
  after: FingerprintValue | undefined;
  weight: number;
};

/** The attributes that differ, for attribute-by-attribute display: heaviest first, then by name. */
export function diffAttributes(before: FingerprintAttributes, after: FingerprintAttributes): AttributeDiff[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => !(k in before && k in after && agrees(k, before[k], after[k])))
    .map((k) => ({ attribute: k, label: ATTRIBUTE_LABELS[k] ?? k, before: before[k], after: after[k], weight: weightOf(k) }))
    .sort((x, y) => y.weight - x.weight || x.attribute.localeCompare(y.attribute));
}

export type Similarity = {
  /** Weighted share of agreeing attributes, 0..1; null when too little was measured both times. */
  score: number | null;
  /** Attributes measured both times, sorted. */
  compared: string[];
  /** Attributes measured only once: reported, not scored. */
  onlyInOne: string[];
  diffs: AttributeDiff[];
};

/**
 * Weighted share of agreeing attributes among those measured both times.
 *
 * An attribute measured only once does not count either way: what a sensor can see depends on
 * the sensor (a switch-port tap sees no TLS, a USB agent without a power meter no power draw),
 * so its absence says more about the sensor than about the device. Counting it would make every
 * sensor change look like a device change. It is still listed (`onlyInOne`, and in `diffs` with
 * one side undefined) so a person can see it.
 */
export function fingerprintSimilarity(a: FingerprintAttributes, b: FingerprintAttributes): Similarity {
  const compared = Object.keys(a).filter((k) => k in b).sort();
  const onlyInOne = [...Object.keys(a).filter((k) => !(k in b)), ...Object.keys(b).filter((k) => !(k in a))].sort();
  const total = compared.reduce((sum, k) => sum + weightOf(k), 0);
  const agreeing = compared.filter((k) => agrees(k, a[k], b[k])).reduce((sum, k) => sum + weightOf(k), 0);
  const score = total >= MIN_COMPARED_WEIGHT ? Math.round((agreeing / total) * 1000) / 1000 : null;
  return { score, compared, onlyInOne, diffs: diffAttributes(a, b) };
}

export type FingerprintVerdict = "same" | "changed" | "different" | "insufficient";
export type FingerprintThresholds = { same: number; different: number };
export type FingerprintComparison = { verdict: FingerprintVerdict; score: number | null; compared: string[]; diffs: AttributeDiff[] };

export function compareFingerprints(previous: FingerprintAttributes, current: FingerprintAttributes, thresholds: Partial<FingerprintThresholds> = {}): FingerprintComparison {
  const same = thresholds.same ?? SAME_THRESHOLD;
  const different = thresholds.different ?? DIFFERENT_THRESHOLD;
  if (different > same) throw new RangeError("the DIFFERENT threshold must not exceed the SAME threshold");
  const { score, compared, diffs } = fingerprintSimilarity(previous, current);
  let verdict: FingerprintVerdict = "insufficient";
  if (score !== null) verdict = score >= same ? "same" : score < different ? "different" : "changed";
  return { verdict, score, compared, diffs };
}
