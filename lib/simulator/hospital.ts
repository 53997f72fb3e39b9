// A simulated hospital: devices spread over agents and segments in the proportions a real one
// has, plus, on request, attackers. Deterministic: the same options build the same hospital.
import type { NetworkModel, UsbModel } from "./catalog-types";
import { NETWORK_MODELS, SEGMENTS_BY_CATEGORY, USB_MODELS } from "./catalog";
import { apportion, fillTemplate, pick, pickWeighted, rngFor } from "./prng";

export type NetworkDevice = { kind: "network"; agent: number; model: NetworkModel; mac: string; ip: string; hostname: string; serial: string; firmware: string; segment: string; switchPort: string; vlan: number };
export type UsbDevice = { kind: "usb"; agent: number; model: UsbModel; serial?: string; port: string; host: string };
export type Scenario = "keystroke-injector" | "printer-clone" | "unknown-icu-device" | "spoofed-mac-pump";
export type Rogue = { scenario: Scenario; agent: number; index: number; cloneOf?: NetworkDevice };
export type Hospital = { seed: number; agents: { index: number; hostname: string; segments: string[] }[]; devices: (NetworkDevice | UsbDevice)[]; rogues: Rogue[] };

export const SCENARIOS: Record<Scenario, string> = {
  "keystroke-injector": "a keystroke injector posing as a Logitech keyboard: HID plus mass storage, typing at ~900 characters a second",
  "printer-clone": "a network implant cloning a printer's MAC and hostname on another switch port, with its own IP stack",
  "unknown-icu-device": "an unknown Raspberry Pi on an ICU segment with SSH open",
  "spoofed-mac-pump": "a device claiming to be a Baxter infusion pump with a software-set (locally administered) MAC",
};
const SCENARIO_ORDER = Object.keys(SCENARIOS) as Scenario[];

const USB_SHARE = 0.12;
const SEGMENT_VLANS: Record<string, number> = { "IT-VLAN-10": 10, "ICU-VLAN-20": 20, "WARD-4N-VLAN-24": 24, "WARD-5S-VLAN-25": 25, "RAD-VLAN-30": 30, "LAB-VLAN-40": 40 };

function macFor(prefix: string, n: number): string {
  const suffix = (n & 0xffffff).toString(16).padStart(6, "0");
  return `${prefix.slice(0, 2)}:${prefix.slice(2, 4)}:${prefix.slice(4, 6)}:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`.toLowerCase();
}

/** Each segment belongs to one agent (the sensor on that VLAN), round robin. */
function segmentOwners(agents: number): Map<string, number> {
  return new Map(Object.keys(SEGMENT_VLANS).map((segment, i) => [segment, i % agents]));
}

function networkDevice(seed: number, n: number, model: NetworkModel, owners: Map<string, number>, perSegment: Map<string, number>): NetworkDevice {
  const rng = rngFor(seed, "device", n);
  const segment = pick(rng, SEGMENTS_BY_CATEGORY[model.category] ?? ["IT-VLAN-10"]);
  const slot = (perSegment.get(segment) ?? 0) + 1;
  perSegment.set(segment, slot);
  const vlan = SEGMENT_VLANS[segment];
  const oui = pick(rng, model.ouis);
  const ward = segment.split("-")[0] === "WARD" ? segment.split("-")[1] : segment.split("-")[0];
  return {
    kind: "network",
    agent: owners.get(segment)!,
    model,
    mac: macFor(oui.prefix, (seed * 7919 + n * 104729) >>> 0),
    ip: `10.${vlan}.${Math.floor(slot / 250)}.${(slot % 250) + 2}`,
    hostname: `${model.hostname}-${ward}-${String(slot).padStart(3, "0")}`,
    serial: fillTemplate(rng, model.serial),
    firmware: pickWeighted(rng, model.firmware.map((f) => ({ value: f.version, weight: f.weight }))),
    segment,
    switchPort: `sw-${segment.toLowerCase()}-${1 + Math.floor(slot / 48)}/Gi1/0/${1 + (slot % 48)}`,
    vlan,
  };
}

/**
 * USB devices hang off workstations whose host agent reports them. Devices without a serial are
 * told apart by their port, so ports are unique per agent (bus-port numbering).
 */
function usbDevice(seed: number, n: number, model: UsbModel, agents: number, ports: Map<number, number>): UsbDevice {
  const rng = rngFor(seed, "usb", n);
  const host = n % 200;
  const agent = host % agents;
  const k = ports.get(agent) ?? 0;
  ports.set(agent, k + 1);
  return { kind: "usb", agent, model, serial: model.serial ? fillTemplate(rng, model.serial) : undefined, port: `${1 + Math.floor(k / 8)}-${1 + (k % 8)}`, host: `NURSING-WS-${String(host).padStart(3, "0")}` };
}

export type HospitalOptions = { devices: number; agents: number; rogues?: number; seed?: number };

export function buildHospital({ devices, agents, rogues = 0, seed = 42 }: HospitalOptions): Hospital {
  if (agents < 1) throw new Error("a hospital needs at least one agent");
  const owners = segmentOwners(agents);
  const usbCount = Math.round(devices * USB_SHARE);
  const networkCounts = apportion(devices - usbCount, NETWORK_MODELS.map((m) => m.weight));
  const usbCounts = apportion(usbCount, USB_MODELS.map((m) => m.weight));
  const perSegment = new Map<string, number>();
  const list: (NetworkDevice | UsbDevice)[] = [];
  let n = 0;
  NETWORK_MODELS.forEach((model, i) => {
    for (let k = 0; k < networkCounts[i]; k++) list.push(networkDevice(seed, n++, model, owners, perSegment));
  });
  const ports = new Map<number, number>();
  USB_MODELS.forEach((model, i) => {
    for (let k = 0; k < usbCounts[i]; k++) list.push(usbDevice(seed, n++, model, agents, ports));
  });
  const printers = list.filter((d): d is NetworkDevice => d.kind === "network" && d.model.category === "printer");
  const roguesList: Rogue[] = Array.from({ length: rogues }, (_, index) => {
    const scenario = SCENARIO_ORDER[index % SCENARIO_ORDER.length];
    const cloneOf = scenario === "printer-clone" ? printers[index % Math.max(1, printers.length)] : undefined;
    const agent = cloneOf?.agent ?? (scenario === "unknown-icu-device" || scenario === "spoofed-mac-pump" ? owners.get("ICU-VLAN-20")! : index % agents);
    return { scenario, agent, index, cloneOf };
  });
  const agentList = Array.from({ length: agents }, (_, index) => ({ index, hostname: `sensor-${String(index + 1).padStart(2, "0")}`, segments: [...owners].filter(([, a]) => a === index).map(([s]) => s) }));
  return { seed, agents: agentList, devices: list, rogues: roguesList.filter((r) => r.scenario !== "printer-clone" || r.cloneOf) };
}
