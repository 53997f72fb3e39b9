// A simulated hospital: devices spread over agents and segments in the proportions a real one
// has, USB peripherals on its workstations, plus, on request, attackers. Deterministic: the same
// options build the same hospital (seeded generators only, never Math.random).
import { networkModel, SWITCH, USB_PER_WORKSTATION, USB_SHARE, USB_SLOTS, usbModel, type NetworkModel } from "./catalog";
import { hostnameFor, ipFor, layoutSegments, switchName, switchPortFor, type Segment } from "./layout";
import { apportion, fillTemplate, hashSeed, intBetween, pick, pickWeighted, rngFor, type Rng } from "./prng";
import type { Hospital, NetworkDevice, UsbDevice } from "./hospital-types";
import { withUpdate, type UpdateOptions } from "./planned-update";
import { planRogues } from "./scenarios";

export type { Segment } from "./layout";
export type { Hospital, NetworkDevice, Rogue, Scenario, UsbDevice } from "./hospital-types";
export { SCENARIOS } from "./scenarios";

export type HospitalOptions = { devices: number; agents: number; rogues?: number; seed?: number; update?: UpdateOptions };


/** Per-OUI counters scrambled by an odd multiplier: a bijection mod 2^24, so MACs never repeat. */
function macMaker(seed: number) {
  const counters = new Map<string, number>();
  return (prefix: string): string => {
    const n = counters.get(prefix) ?? 0;
    counters.set(prefix, n + 1);
    const suffix = ((Math.imul(n, 0x5bd1e5) + hashSeed(seed, prefix)) & 0xffffff).toString(16).padStart(6, "0");
    return `${prefix}${suffix}`.toLowerCase().replace(/(..)(?!$)/g, "$1:");
  };
}

/** Serials are unique per model: two units sharing one would be one device to the server. */
function serialMaker() {
  const seen = new Set<string>();
  return (rng: Rng, model: { key: string; serial?: string }): string | undefined => {
    if (!model.serial) return undefined;
    for (;;) {
      const serial = fillTemplate(rng, model.serial);
      if (!seen.has(`${model.key}|${serial}`)) return seen.add(`${model.key}|${serial}`), serial;
    }
  };
}

type Makers = { mac: ReturnType<typeof macMaker>; serial: ReturnType<typeof serialMaker>; seed: number };

type Placement = { segment: Segment; host: number; hostname: string; switchPort?: string; ordinal: number };

function networkDevice(id: string, model: NetworkModel, at: Placement, make: Makers): NetworkDevice {
  const rng = rngFor(make.seed, "device", id);
  const firmware = pickWeighted(rng, model.firmware.map((f) => ({ value: f.version, weight: f.weight })));
  // A fifth of the units not yet on the newer firmware get it during the run.
  const upgrades = model.upgradeTo && firmware !== model.upgradeTo && rng() < 0.2;
  return {
    kind: "network",
    id,
    agent: at.segment.agent,
    model,
    mac: make.mac(pick(rng, model.ouis).prefix),
    ip: ipFor(at.segment, at.host),
    hostname: at.hostname,
    serial: make.serial(rng, model)!,
    firmware,
    segment: at.segment.name,
    vlan: at.segment.vlan,
    ...(model.channel === "ethernet" ? { switchPort: at.switchPort } : {}),
    ...(upgrades ? { upgradeAtRound: intBetween(rng, 2, 30) } : {}),
    ...(model.dicom ? { aeTitle: `${model.dicom.aeTitle}${at.ordinal}` } : {}),
  };
}

/** The segment's own devices: its access switches first, then its mix of models. */
function segmentDevices(segment: Segment, make: Makers): NetworkDevice[] {
  const keys = Object.keys(segment.mix);
  const counts = apportion(segment.size - segment.switches, Object.values(segment.mix));
  const units: NetworkModel[] = [...Array(segment.switches).fill(SWITCH), ...keys.flatMap((key, i) => Array(counts[i]).fill(networkModel(key)))];
  const perStem = new Map<string, number>();
  let wired = 0;
  return units.map((model, host) => {
    const ordinal = (perStem.get(model.hostname) ?? 0) + 1;
    perStem.set(model.hostname, ordinal);
    const isSwitch = model === SWITCH;
    const switchPort = model.channel === "ethernet" && !isSwitch ? switchPortFor(segment, wired++) : undefined;
    const hostname = isSwitch ? switchName(segment, ordinal) : hostnameFor(model.hostname, segment, ordinal);
    return networkDevice(`n${segment.index}-${host}`, model, { segment, host, hostname, switchPort, ordinal }, make);
  });
}

/** USB devices each workstation would like to have (seeded per host, independent of N). */
const wishedUsb = (seed: number, hosts: number): number[] => Array.from({ length: hosts }, (_, i) => pickWeighted(rngFor(seed, "usb-count", i), USB_PER_WORKSTATION));

/**
 * Keyboards, mice, scanners, badge readers and sticks on the workstations, reported by the
 * agent of the workstation's segment (the host agent). USB devices without a serial are told
 * apart by their port, so the port names the host: "WKS-ICU-003/1-2".
 */
function usbDevices(perHost: number[], workstations: NetworkDevice[], segments: Map<string, Segment>, make: Makers): UsbDevice[] {
  return workstations.flatMap((ws, w) =>
    Array.from({ length: perHost[w] }, (_, slot) => {
      const model = usbModel((segments.get(ws.segment)!.clinical ? USB_SLOTS.clinical : USB_SLOTS.office)[slot]);
      const id = `u${w}-${slot}`;
      const serial = make.serial(rngFor(make.seed, "usb", id), model);
      return { kind: "usb" as const, id, agent: ws.agent, model, port: `${ws.hostname}/1-${slot + 1}`, host: ws.hostname, segment: ws.segment, ...(serial ? { serial } : {}) };
    }),
  );
}

function networkPart(networkDevices: number, agents: number, seed: number) {
  const make: Makers = { mac: macMaker(seed), serial: serialMaker(), seed };
  const segments = layoutSegments(networkDevices, agents);
  const network = segments.flatMap((s) => segmentDevices(s, make));
  const workstations = network.filter((d) => d.model.category === "workstation");
  return { make, segments, network, workstations };
}

/**
 * Host agents run on some of the workstations, picked evenly at random; each reports what is
 * plugged into its host. The hosts' wishes fill the hospital's USB share, the last one trimmed.
 */
function hostAgentCounts(seed: number, workstations: NetworkDevice[], usb: number): number[] {
  const wishes = wishedUsb(seed, workstations.length);
  const order = workstations.map((ws, i) => ({ i, key: rngFor(seed, "host-agent", ws.id)() })).sort((a, b) => a.key - b.key);
  const counts = workstations.map(() => 0);
  let left = usb;
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = Math.min(wishes[i], left);
    left -= counts[i];
  }
  return counts;
}

/** A hospital too small to hold its USB share on its workstations gets fewer USB devices. */
function layoutWithUsb(devices: number, agents: number, seed: number) {
  let usb = Math.round(devices * USB_SHARE);
  let part = networkPart(devices - usb, agents, seed);
  const room = wishedUsb(seed, part.workstations.length).reduce((a, b) => a + b, 0);
  if (usb > room) {
    usb = room;
    part = networkPart(devices - usb, agents, seed);
  }
  return { ...part, perHost: hostAgentCounts(seed, part.workstations, usb) };
}

export function buildHospital({ devices, agents, rogues = 0, seed = 42, update }: HospitalOptions): Hospital {
  if (!Number.isInteger(agents) || agents < 1) throw new Error("a hospital needs at least one agent");
  if (!Number.isInteger(devices) || devices < 0) throw new Error("the number of devices must be a whole number");
  const part = layoutWithUsb(devices, agents, seed);
  const byName = new Map(part.segments.map((s) => [s.name, s]));
  const list = [...part.network, ...usbDevices(part.perHost, part.workstations, byName, part.make)];
  const agentList = Array.from({ length: agents }, (_, index) => ({
    index,
    hostname: `sensor-${String(index + 1).padStart(2, "0")}`,
    segments: part.segments.filter((s) => s.agent === index).map((s) => s.name),
  }));
  const hospital: Hospital = { seed, agents: agentList, segments: part.segments, devices: list, rogues: [] };
  hospital.rogues = planRogues(hospital, rogues);
  return update ? withUpdate(hospital, update) : hospital;
}
