// Authorization policies, evaluated on ingest. Pure: the caller loads the policies that apply
// (by site / segment) and the device's facts; the verdict says why, in words a person can act on.
//
// - A baseline lists what may be on a site or segment: allowed categories, vendors and/or
//   physical fingerprints. A list that is absent allows anything; a device outside any present
//   list breaks the baseline.
// - A USB allow-list names the USB devices (VID:PID, optionally a serial) allowed on a site.
//   A USB device on it is authorized; a USB device not on it is unauthorized.
// - An allow-list entry may also be bound to what was MEASURED of one device (its interfaces, its
//   HID report descriptor, its whole physical fingerprint): the claimed ids are what a spoof
//   forges, the measurements are what it cannot easily copy. An entry matches only when every
//   field it names matches.
// - A baseline may also say that unregistered devices are not allowed (`registeredOnly`): a
//   device no asset register entry is linked with (a shadow asset) breaks it. A device whose
//   registration is not known yet (a first report, before the reconciliation looked it up) does not.

export type BaselineRules = { categories?: string[]; vendors?: string[]; fingerprints?: string[]; registeredOnly?: boolean };
export type UsbAllowEntry = {
  vendorId: string;
  productId: string;
  serial?: string;
  /** Every interface, as lib/domain/identity/fingerprint.ts canonicalInterfaces spells them. */
  interfaces?: string;
  hidReportDescriptorSha256?: string;
  /** The device's physical fingerprint hash: the strongest binding. */
  fingerprint?: string;
  /**
   * Only these interface classes may work (e.g. [7], a printer's): the device is allowed, and an
   * enforcing agent cuts its other interfaces (a printer's mass storage), as USBGuard's
   * with-interface does. Says nothing about whether the device is authorized.
   */
  interfaceClasses?: number[];
};
export type UsbAllowRules = { entries: UsbAllowEntry[] };

export type Policy =
  | { id: string; name: string; kind: "baseline"; rules: BaselineRules }
  | { id: string; name: string; kind: "usb_allow"; rules: UsbAllowRules };

export type DeviceFacts = {
  category: string;
  vendor?: string | null;
  fingerprintHash?: string | null;
  usb?: { vendorId: string; productId: string; serial?: string | null; interfaces?: string | null; hidReportDescriptorSha256?: string | null } | null;
  /** Linked with an asset register entry (its DeviceRegisterLink); undefined: not known yet. */
  registered?: boolean;
};

/** The words the unauthorized queue shows for a shadow device at a site that allows only registered ones. */
export const NOT_REGISTERED_REASON = "not in the asset register";

export type PolicyVerdict =
  | { outcome: "allowed" }
  | { outcome: "allow_listed"; policy: string; reason: string }
  | { outcome: "violation"; policy: string; rule: string; reason: string };

type UsbFacts = NonNullable<DeviceFacts["usb"]>;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** The short form the device page shows of a hash (16 hex characters). */
const short = (hash: string) => hash.slice(0, 16);
/** Interfaces compared as a set: the order a person wrote them in says nothing. */
const interfaceSet = (v: string) => v.toLowerCase().split(",").map((p) => p.trim()).filter(Boolean).sort().join(",");

function checkBaseline(policy: Extract<Policy, { kind: "baseline" }>, device: DeviceFacts): PolicyVerdict | null {
  const { categories, vendors, fingerprints, registeredOnly } = policy.rules;
  if (registeredOnly && device.registered === false) {
    return { outcome: "violation", policy: policy.name, rule: "baseline.registered", reason: NOT_REGISTERED_REASON };
  }
  if (categories?.length && !categories.some((c) => same(c, device.category))) {
    return { outcome: "violation", policy: policy.name, rule: "baseline.category", reason: `category "${device.category}" is not allowed here (allowed: ${categories.join(", ")})` };
  }
  if (vendors?.length && !(device.vendor && vendors.some((v) => same(v, device.vendor!)))) {
    return { outcome: "violation", policy: policy.name, rule: "baseline.vendor", reason: `vendor "${device.vendor ?? "unknown"}" is not allowed here (allowed: ${vendors.join(", ")})` };
  }
  if (fingerprints?.length && !(device.fingerprintHash && fingerprints.includes(device.fingerprintHash))) {
    return { outcome: "violation", policy: policy.name, rule: "baseline.fingerprint", reason: "its physical fingerprint is not on the baseline" };
  }
  return null;
}

type BoundField = "serial" | "interfaces" | "hidReportDescriptorSha256" | "fingerprint";

/**
 * How each bound field is compared and said. `measured` reads the device's value (the serial is
 * the one claim among them: there is nothing measured to read instead).
 */
const BOUND: Record<BoundField, { measured: (usb: UsbFacts, fp: string | null) => string | null; equal: (entry: string, measured: string) => boolean; bound: (v: string) => string; has: (v: string | null) => string }> = {
  serial: { measured: (u) => u.serial ?? null, equal: (e, m) => e === m, bound: (v) => `serial ${v}`, has: (v) => (v ? `serial ${v}` : "no serial") },
  interfaces: {
    measured: (u) => u.interfaces ?? null,
    equal: (e, m) => interfaceSet(e) === interfaceSet(m),
    bound: (v) => `interfaces ${v}`,
    has: (v) => v ?? "no interface measured",
  },
  hidReportDescriptorSha256: { measured: (u) => u.hidReportDescriptorSha256 ?? null, equal: same, bound: (v) => `HID report descriptor ${short(v)}…`, has: (v) => (v ? `${short(v.trim().toLowerCase())}…` : "no HID report descriptor measured") },
  fingerprint: { measured: (_u, fp) => fp, equal: same, bound: (v) => `physical fingerprint ${short(v)}`, has: (v) => (v ? short(v) : "no physical fingerprint measured") },
};
const BOUND_ORDER = Object.keys(BOUND) as BoundField[];

/** The first field the entry binds that the device does not match; null when every one matches. */
function firstDifference(entry: UsbAllowEntry, usb: UsbFacts, fingerprintHash: string | null): BoundField | null {
  for (const field of BOUND_ORDER) {
    const wanted = entry[field];
    if (!wanted) continue;
    const measured = BOUND[field].measured(usb, fingerprintHash);
    if (!measured || !BOUND[field].equal(wanted, measured)) return field;
  }
  return null;
}

/** "USB 046d:c31c with this physical fingerprint": the strongest binding the entry names. */
function listedWords(id: string, entry: UsbAllowEntry): string {
  if (entry.fingerprint) return `USB ${id} with this physical fingerprint`;
  const bound = [entry.serial && `serial ${entry.serial}`, entry.interfaces && "these interfaces", entry.hidReportDescriptorSha256 && "this HID report descriptor"].filter(Boolean);
  return bound.length ? `USB ${id} with ${bound.join(" and ")}` : `USB ${id}`;
}

/**
 * Why a device with listed ids is still not allowed: the entry it came closest to (matching the
 * most fields, in the order serial, interfaces, descriptor, fingerprint) and the field that differs.
 */
function boundMismatch(id: string, candidates: UsbAllowEntry[], usb: UsbFacts, fingerprintHash: string | null): string {
  const ranked = candidates.map((entry) => ({ entry, field: firstDifference(entry, usb, fingerprintHash)! })).sort((a, b) => BOUND_ORDER.indexOf(b.field) - BOUND_ORDER.indexOf(a.field));
  const { entry, field } = ranked[0];
  if (field === "serial" && candidates.length > 1) return `USB ${id} is allow-listed only with ${candidates.length} other serials; this one has ${BOUND.serial.has(usb.serial ?? null)}`;
  return `USB ${id} is allow-listed only with ${BOUND[field].bound(entry[field]!)}; this one has ${BOUND[field].has(BOUND[field].measured(usb, fingerprintHash))}`;
}

function checkUsbAllowList(policy: Extract<Policy, { kind: "usb_allow" }>, device: DeviceFacts): PolicyVerdict | null {
  const usb = device.usb;
  if (!usb) return null;
  const id = `${usb.vendorId}:${usb.productId}`;
  const fp = device.fingerprintHash ?? null;
  const candidates = policy.rules.entries.filter((e) => same(e.vendorId, usb.vendorId) && same(e.productId, usb.productId));
  const match = candidates.find((e) => firstDifference(e, usb, fp) === null);
  if (match) return { outcome: "allow_listed", policy: policy.name, reason: `${listedWords(id, match)} is on the allow-list` };
  const reason = candidates.length ? boundMismatch(id, candidates, usb, fp) : `USB ${id}${usb.serial ? ` (serial ${usb.serial})` : ""} is not on the USB allow-list`;
  return { outcome: "violation", policy: policy.name, rule: "usb.allow_list", reason };
}

/** A violation of any policy wins; otherwise an allow-listing; otherwise no opinion. */
export function evaluatePolicies(policies: Policy[], device: DeviceFacts): PolicyVerdict {
  let allowListed: PolicyVerdict | null = null;
  for (const policy of policies) {
    const verdict = policy.kind === "baseline" ? checkBaseline(policy, device) : checkUsbAllowList(policy, device);
    if (verdict?.outcome === "violation") return verdict;
    if (verdict?.outcome === "allow_listed") allowListed ??= verdict;
  }
  return allowListed ?? { outcome: "allowed" };
}
