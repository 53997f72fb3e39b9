// What the policy asks of one USB device on this host: which sysfs targets to de-authorize (the
// device "1-2", or interfaces "1-2:1.1"), each with the entry that asked, in the protocol's words
// (docs/agent-protocol-v1.md, "Enforcement"). Pure: the enforcer reads and writes, this decides.
import { usbMatches, type AllowEntry, type BlockEntry, type EnforcementPolicy, type MeasuredUsb } from "../../lib/domain/enforcement/enforcement-policy";
import type { UsbDeviceRead } from "../collectors/usb-sysfs";

const HUB_CLASS = 9;

/** A device as matching needs it: the collector's measurement plus the sysfs names of its interfaces. */
export type MeasuredDevice = {
  port: string;
  usb: MeasuredUsb;
  deviceClass?: number;
  interfaces: { entry: string; class: number }[];
};

/** One sysfs target to hold at authorized=0, and why. */
export type Cut = {
  target: string;
  scope: "device" | "interface";
  ruleId?: string;
  deviceId?: string;
  policy: string;
  usb: { vendorId: string; productId: string; serial?: string; interfaceClass?: number };
};

type Interface = { class?: number; subclass?: number; protocol?: number; endpoints?: number };

const byte = (n: number | undefined) => (n ?? 0).toString(16).padStart(2, "0");

/**
 * "cc.ss.pp.ee" per interface, sorted and comma-joined: the spelling of the server's fingerprint
 * (lib/domain/identity/fingerprint.ts canonicalInterfaces, which the agent may not import; a test
 * holds the two together), so an entry's `interfaces` compares equal to what was measured.
 */
export function spellInterfaces(interfaces: Interface[] | undefined): string | undefined {
  const parts = (interfaces ?? []).filter((i) => typeof i.class === "number").map((i) => [i.class, i.subclass, i.protocol, i.endpoints].map(byte).join("."));
  return parts.length ? parts.sort().join(",") : undefined;
}

/** The reader's record of one device as a MeasuredDevice. */
export function measure(read: UsbDeviceRead): MeasuredDevice {
  const claimed = read.observation.claimed?.usb;
  const physical = read.observation.physical?.usb;
  const interfaces = (physical?.interfaces ?? []) as Interface[];
  return {
    port: read.port,
    usb: {
      vendorId: claimed?.vendorId ?? "",
      productId: claimed?.productId ?? "",
      serial: claimed?.serial ?? null,
      interfaces: spellInterfaces(interfaces) ?? null,
      hidReportDescriptorSha256: physical?.hidReportDescriptorSha256 ?? null,
    },
    deviceClass: physical?.deviceClass,
    interfaces: read.interfaceEntries.flatMap((entry, i) => (typeof interfaces[i]?.class === "number" ? [{ entry, class: interfaces[i].class! }] : [])),
  };
}

/** The targets the policy asks to de-authorize on this device; none in monitor mode, never a hub. */
export function cutsFor(policy: EnforcementPolicy, device: MeasuredDevice): Cut[] {
  if (policy.mode === "monitor" || device.deviceClass === HUB_CLASS) return [];
  const blocks = policy.block.filter((entry) => usbMatches(entry.match, device.usb));
  const whole = blocks.find((entry) => entry.scope === "device" || !entry.interfaceClasses?.length);
  if (whole) return [deviceCut(device, whole)];
  const cuts = new Map<string, Cut>();
  for (const entry of blocks) {
    for (const i of device.interfaces) if (entry.interfaceClasses!.includes(i.class)) cuts.set(i.entry, interfaceCut(device, i, entry, entry.policy));
  }
  if (policy.mode !== "allow_listed") return [...cuts.values()];
  const allows = policy.allow.filter((entry) => usbMatches(entry.match, device.usb));
  if (allows.length === 0) return [deviceCut(device, { policy: "allow-listed mode: on no allow-list" })];
  // One entry that allows the whole device is enough; otherwise the union of the allowed classes.
  if (allows.some((entry) => !entry.interfaceClasses)) return [...cuts.values()];
  const allowed = new Set(allows.flatMap((entry) => entry.interfaceClasses ?? []));
  const words = `${allows[0].policy} (allows only interface classes ${[...allowed].map(byte).join(", ") || "none"})`.slice(0, 200);
  for (const i of device.interfaces) if (!allowed.has(i.class) && !cuts.has(i.entry)) cuts.set(i.entry, interfaceCut(device, i, allows[0], words));
  return [...cuts.values()];
}

type Asker = Partial<Pick<BlockEntry, "ruleId" | "deviceId">> & { policy: string };

function identity(device: MeasuredDevice) {
  const { vendorId, productId, serial } = device.usb;
  return { vendorId, productId, ...(serial ? { serial } : {}) };
}

function deviceCut(device: MeasuredDevice, entry: Asker): Cut {
  return { target: device.port, scope: "device", ...refs(entry), policy: entry.policy, usb: identity(device) };
}

function interfaceCut(device: MeasuredDevice, i: { entry: string; class: number }, entry: Asker | AllowEntry, policy: string): Cut {
  return { target: i.entry, scope: "interface", ...refs(entry), policy, usb: { ...identity(device), interfaceClass: i.class } };
}

const refs = (entry: Asker | AllowEntry) => ({
  ...(entry.ruleId ? { ruleId: entry.ruleId } : {}),
  ...("deviceId" in entry && entry.deviceId ? { deviceId: entry.deviceId } : {}),
});
