// Authorization policies, evaluated on ingest. Pure: the caller loads the policies that apply
// (by site / segment) and the device's facts; the verdict says why, in words a person can act on.
//
// - A baseline lists what may be on a site or segment: allowed categories, vendors and/or
//   physical fingerprints. A list that is absent allows anything; a device outside any present
//   list breaks the baseline.
// - A USB allow-list names the USB devices (VID:PID, optionally a serial) allowed on a site.
//   A USB device on it is authorized; a USB device not on it is unauthorized.

export type BaselineRules = { categories?: string[]; vendors?: string[]; fingerprints?: string[] };
export type UsbAllowEntry = { vendorId: string; productId: string; serial?: string };
export type UsbAllowRules = { entries: UsbAllowEntry[] };

export type Policy =
  | { id: string; name: string; kind: "baseline"; rules: BaselineRules }
  | { id: string; name: string; kind: "usb_allow"; rules: UsbAllowRules };

export type DeviceFacts = {
  category: string;
  vendor?: string | null;
  fingerprintHash?: string | null;
  usb?: { vendorId: string; productId: string; serial?: string | null } | null;
};

export type PolicyVerdict =
  | { outcome: "allowed" }
  | { outcome: "allow_listed"; policy: string; reason: string }
  | { outcome: "violation"; policy: string; rule: string; reason: string };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function checkBaseline(policy: Extract<Policy, { kind: "baseline" }>, device: DeviceFacts): PolicyVerdict | null {
  const { categories, vendors, fingerprints } = policy.rules;
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

function usbMatches(entry: UsbAllowEntry, usb: NonNullable<DeviceFacts["usb"]>): boolean {
  if (!same(entry.vendorId, usb.vendorId) || !same(entry.productId, usb.productId)) return false;
  return !entry.serial || (!!usb.serial && entry.serial === usb.serial);
}

function checkUsbAllowList(policy: Extract<Policy, { kind: "usb_allow" }>, device: DeviceFacts): PolicyVerdict | null {
  if (!device.usb) return null;
  const id = `${device.usb.vendorId}:${device.usb.productId}`;
  if (policy.rules.entries.some((e) => usbMatches(e, device.usb!))) {
    return { outcome: "allow_listed", policy: policy.name, reason: `USB ${id} is on the allow-list` };
  }
  return { outcome: "violation", policy: policy.name, rule: "usb.allow_list", reason: `USB ${id}${device.usb.serial ? ` (serial ${device.usb.serial})` : ""} is not on the USB allow-list` };
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
