// Attackers in the simulated hospital, one scenario per rogue in turn. Each lies about what it
// is in the way real attack tools do, and each lie is visible in the physical evidence.
import { INJECTOR_KEYBOARD_DESCRIPTOR } from "./catalog";
import { descriptorHash, ja4, type IpStack } from "./catalog-types";
import type { Hospital, NetworkDevice, Rogue, Scenario } from "./hospital-types";
import { ipFor, sparePortFor, type Segment } from "./layout";
import { networkObservation, observedAt } from "./simulated-observations";
import { hashSeed, jitter, rngFor } from "./prng";
import type { Observation, UsbInterface } from "./protocol";
import { STACKS } from "./stacks";


export const SCENARIOS: Record<Scenario, string> = {
  "keystroke-injector":
    "a keystroke injector posing as a Logitech keyboard (046d:c31c \"USB Keyboard\") on a clinical workstation: HID plus mass storage or a CDC network/serial interface, another HID report descriptor, typing at ~900 characters a second",
  "printer-clone":
    "a network implant cloning a printer's MAC, IP and hostname on another switch port of the same segment, seen in the same minute, with its own IP stack (TTL, TCP signature, DHCP fingerprint, JA4)",
  "unknown-icu-device": "an unknown device on an ICU segment: a Raspberry Pi (OUI B8:27:EB or DC:A6:32) with SSH open, or an Espressif ESP32 on Wi-Fi",
  "spoofed-mac-pump": "a device claiming to be a Baxter Sigma Spectrum infusion pump with a software-set (locally administered) MAC, on the ICU Wi-Fi",
};
const ORDER = Object.keys(SCENARIOS) as Scenario[];

const INJECTOR_VARIANTS: { interfaces: UsbInterface[]; deviceClass: number }[] = [
  { deviceClass: 0, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }] },
  { deviceClass: 239, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 2, subclass: 6, protocol: 0, endpoints: 1 }, { class: 10, subclass: 0, protocol: 0, endpoints: 2 }] },
  {
    deviceClass: 239,
    interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }, { class: 2, subclass: 2, protocol: 1, endpoints: 1 }, { class: 10, subclass: 0, protocol: 0, endpoints: 2 }],
  },
];

/** An OpenWrt implant NATs its operator's traffic: one hop more than its own stack (TTL 63). */
const IMPLANT_STACK: IpStack = {
  dhcpFingerprint: "1,3,6,12,15,28,42,121",
  dhcpVendorClass: "udhcp 1.36.1",
  ttl: 63,
  tcpSignature: "4:64+1:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0",
  ja4: ja4("13", "d", 17, 16, "00", "openwrt-implant"),
};
const PI_STACK: IpStack = {
  dhcpFingerprint: "1,121,33,3,6,12,15,26,28,42,51,54,58,59,119",
  dhcpVendorClass: "dhcpcd-9.4.1:Linux-6.1.21-v8+:aarch64:BCM2835",
  ttl: 64,
  tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0",
  ja4: ja4("13", "d", 17, 16, "h2", "raspberry-pi-os"),
};
const ESP32_STACK: IpStack = { dhcpFingerprint: "1,3,28,6,42", ttl: 64, tcpSignature: "4:64+0:0:1436:5744,0:mss::0" };

const UNKNOWN_DEVICES = [
  { oui: "b8:27:eb", hostname: "raspberrypi", channel: "ethernet" as const, stack: PI_STACK, link: { linkSpeedMbps: 100, duplex: "full" as const, autoNegotiation: true }, openPorts: [22], protocols: ["SSH"], powerMw: 2_700 },
  { oui: "dc:a6:32", hostname: "raspberrypi", channel: "ethernet" as const, stack: PI_STACK, link: { linkSpeedMbps: 1000, duplex: "full" as const, autoNegotiation: true }, openPorts: [22, 5900], protocols: ["SSH", "VNC"], powerMw: 3_400 },
  { oui: "24:a1:60", hostname: "espressif", channel: "wifi" as const, stack: ESP32_STACK, link: {}, openPorts: [80, 3232], protocols: ["HTTP"], powerMw: 450 },
];

const macSuffix = (seed: number, index: number) => (hashSeed(seed, "rogue", index) & 0xffffff).toString(16).padStart(6, "0").replace(/(..)(?!$)/g, "$1:");

function icuSegment(h: Hospital): Segment {
  return h.segments.find((s) => s.dept === "ICU") ?? h.segments[0];
}

/** Where each rogue goes; null when the hospital has nothing for it (no printer to clone…). */
function placeRogue(h: Hospital, index: number): Rogue | null {
  const scenario = ORDER[index % ORDER.length];
  const k = Math.floor(index / ORDER.length);
  const icu = icuSegment(h);
  const base = { scenario, index, description: SCENARIOS[scenario] };
  const network = h.devices.filter((d): d is NetworkDevice => d.kind === "network");
  if (scenario === "keystroke-injector") {
    const hosts = network.filter((d) => d.model.category === "workstation");
    const clinical = hosts.filter((d) => h.segments.find((s) => s.name === d.segment)?.clinical);
    const host = (clinical.length ? clinical : hosts)[(k * 13) % Math.max(1, (clinical.length ? clinical : hosts).length)];
    return host ? { ...base, agent: host.agent, segment: host.segment, vlan: host.vlan, host: host.hostname } : null;
  }
  if (scenario === "printer-clone") {
    const printers = network.filter((d) => d.model.category === "printer" && d.switchPort);
    const target = printers[(k * 7) % Math.max(1, printers.length)];
    if (!target) return null;
    const segment = h.segments.find((s) => s.name === target.segment)!;
    // Clones take spare ports from the top, unknown devices from the bottom: they never meet.
    const spare = Math.max(0, 3 * Math.max(1, segment.switches) - 1 - k);
    return { ...base, agent: target.agent, segment: target.segment, vlan: target.vlan, cloneOf: target, switchPort: sparePortFor(segment, spare) };
  }
  const variant = UNKNOWN_DEVICES[k % UNKNOWN_DEVICES.length];
  const mac = scenario === "unknown-icu-device" ? `${variant.oui}:${macSuffix(h.seed, index)}` : `02:42:e4:${macSuffix(h.seed, index)}`;
  const wired = scenario === "unknown-icu-device" && variant.channel === "ethernet";
  return { ...base, agent: icu.agent, segment: icu.name, vlan: icu.vlan, mac, ip: ipFor(icu, icu.size + 100 + index), ...(wired ? { switchPort: sparePortFor(icu, k) } : {}) };
}

export function planRogues(h: Hospital, count: number): Rogue[] {
  return Array.from({ length: count }, (_, index) => placeRogue(h, index)).filter((r): r is Rogue => r !== null);
}

function injector(r: Rogue, now: Date, round: number): Observation {
  const k = Math.floor(r.index / ORDER.length);
  const variant = INJECTOR_VARIANTS[k % INJECTOR_VARIANTS.length];
  const rate = Math.round(jitter(rngFor("injector", r.index, round), 900, 0.05) * 10) / 10;
  return {
    observedAt: observedAt(now, `rogue-${r.index}`, round),
    channel: "usb",
    claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial: `INJ${String(r.index).padStart(4, "0")}` } },
    physical: {
      usb: {
        port: `${r.host}/2-${1 + k}`,
        speed: "full",
        bcdUSB: "2.00",
        bcdDevice: "1.00",
        deviceClass: variant.deviceClass,
        maxPowerMa: 100,
        interfaces: variant.interfaces,
        hidReportDescriptorSha256: descriptorHash(INJECTOR_KEYBOARD_DESCRIPTOR),
        keystrokeRateCps: rate,
      },
      electrical: { powerDrawMw: 240 },
    },
  };
}

/** The clone and the printer it imitates, seen two seconds apart on two ports. */
function printerClone(r: Rogue, now: Date, round: number): Observation[] {
  const p = r.cloneOf!;
  const original = networkObservation(p, now, round);
  const cloneSeenAt = new Date(Math.min(now.getTime(), Date.parse(original.observedAt) + 2000)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const clone: Observation = {
    observedAt: cloneSeenAt,
    channel: "ethernet",
    claimed: { mac: p.mac, ip: p.ip, hostname: p.hostname, vendor: p.model.vendor, model: p.model.model },
    physical: {
      ethernet: { switchPort: r.switchPort, vlan: p.vlan, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, ...IMPLANT_STACK },
      electrical: { powerDrawMw: 2_400, signalRiseTimeNs: 3.7 },
    },
    network: { segment: p.segment, openPorts: [22, 9100], protocols: ["SSH", "JetDirect"], internetExposed: false },
  };
  return [original, clone];
}

function unknownDevice(r: Rogue, now: Date, round: number): Observation {
  const v = UNKNOWN_DEVICES[Math.floor(r.index / ORDER.length) % UNKNOWN_DEVICES.length];
  return {
    observedAt: observedAt(now, `rogue-${r.index}`, round),
    channel: v.channel,
    claimed: { mac: r.mac, ip: r.ip, hostname: v.hostname },
    physical: { ethernet: { ...(r.switchPort ? { switchPort: r.switchPort } : {}), vlan: r.vlan, ...v.link, ...v.stack }, electrical: { powerDrawMw: v.powerMw } },
    network: { segment: r.segment, openPorts: v.openPorts, protocols: v.protocols, internetExposed: false },
  };
}

function spoofedPump(r: Rogue, now: Date, round: number): Observation {
  return {
    observedAt: observedAt(now, `rogue-${r.index}`, round),
    channel: "wifi",
    claimed: {
      mac: r.mac,
      ip: r.ip,
      hostname: `INFUSION-ICU-9${String(r.index).padStart(2, "0")}`,
      vendor: "Baxter",
      model: "Sigma Spectrum",
      serialNumber: `SS9${String(r.index).padStart(6, "0")}`,
      firmwareVersion: "8.00.01",
    },
    physical: { ethernet: { vlan: r.vlan, ...STACKS.embeddedLinux }, electrical: { powerDrawMw: 3_100 } },
    network: { segment: r.segment, openPorts: [22, 51243], protocols: ["SSH"], internetExposed: false },
  };
}

/** What the rogue's agent sees of it this round (a clone comes with the printer it imitates). */
export function rogueObservations(r: Rogue, now: Date, round: number): Observation[] {
  switch (r.scenario) {
    case "keystroke-injector":
      return [injector(r, now, round)];
    case "printer-clone":
      return printerClone(r, now, round);
    case "unknown-icu-device":
      return [unknownDevice(r, now, round)];
    case "spoofed-mac-pump":
      return [spoofedPump(r, now, round)];
  }
}
