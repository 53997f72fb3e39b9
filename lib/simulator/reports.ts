// Reports exactly as agent protocol v1 defines them, from a simulated hospital.
import type { NetworkDevice, Hospital, Rogue, UsbDevice } from "./hospital";
import { MAX_OBSERVATIONS_PER_REPORT, REPORT_SCHEMA, type AgentReport, type Observation } from "./protocol";
import { STACKS } from "./stacks";
import { jitter, rngFor } from "./prng";

export const AGENT_VERSION = "sim-1.0.0";

function networkObservation(d: NetworkDevice, at: string, round: number): Observation {
  const rng = rngFor(d.mac, round);
  const m = d.model;
  return {
    observedAt: at,
    channel: m.channel,
    claimed: { mac: d.mac, ip: d.ip, hostname: d.hostname, vendor: m.vendor, model: m.model, serialNumber: d.serial, firmwareVersion: d.firmware },
    physical: {
      ethernet: { switchPort: m.channel === "ethernet" ? d.switchPort : undefined, vlan: d.vlan, ...(m.link ?? {}), ...m.stack },
      electrical: { powerDrawMw: Math.round(jitter(rng, m.powerMw, 0.01)), signalRiseTimeNs: m.signalRiseTimeNs },
    },
    network: { segment: d.segment, openPorts: m.openPorts, protocols: m.protocols, internetExposed: false, ...(m.dicom ? { dicom: { ...m.dicom, aeTitle: `${m.dicom.aeTitle}${d.hostname.slice(-1)}` } } : {}) },
    ...(m.software ? { software: m.software } : {}),
  };
}

function usbObservation(d: UsbDevice, at: string, round: number): Observation {
  const m = d.model;
  const rng = rngFor(d.host, d.port, round);
  return {
    observedAt: at,
    channel: "usb",
    claimed: { usb: { vendorId: m.vendorId, productId: m.productId, manufacturer: m.manufacturer, product: m.product, ...(d.serial ? { serial: d.serial } : {}) } },
    physical: {
      usb: { port: d.port, speed: m.speed, bcdUSB: m.bcdUSB, bcdDevice: m.bcdDevice, deviceClass: m.deviceClass, maxPowerMa: m.maxPowerMa, interfaces: m.interfaces, hidReportDescriptorSha256: m.hidReportDescriptorSha256, ...(m.typingCps ? { keystrokeRateCps: Number((m.typingCps[0] + rng() * (m.typingCps[1] - m.typingCps[0])).toFixed(1)) } : {}) },
      electrical: { powerDrawMw: m.powerMw },
    },
  };
}

function rogueObservation(r: Rogue, seed: number, at: string): Observation {
  const n = (seed + r.index).toString(16).padStart(6, "0").slice(-6);
  const suffix = `${n.slice(0, 2)}:${n.slice(2, 4)}:${n.slice(4, 6)}`;
  switch (r.scenario) {
    case "keystroke-injector":
      return {
        observedAt: at,
        channel: "usb",
        claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial: `INJ${n.toUpperCase()}` } },
        physical: { usb: { port: "2-1.4", speed: "full", bcdUSB: "2.00", bcdDevice: "1.00", deviceClass: 0, maxPowerMa: 100, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], hidReportDescriptorSha256: "4f1d0d5e3c1a7b2e9c8d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", keystrokeRateCps: 912 } },
      };
    case "printer-clone": {
      const p = r.cloneOf!;
      return {
        observedAt: at,
        channel: "ethernet",
        claimed: { mac: p.mac, ip: p.ip, hostname: p.hostname, vendor: p.model.vendor, model: p.model.model },
        physical: { ethernet: { switchPort: p.switchPort.replace(/\/(\d+)$/, (_, port) => `/${((Number(port) + 23) % 48) + 1}`), vlan: p.vlan, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, ...STACKS.linuxServer, dhcpVendorClass: "udhcp 1.36.1" }, electrical: { powerDrawMw: 2400 } },
        network: { segment: p.segment, openPorts: [22, 9100], protocols: [] },
      };
    }
    case "unknown-icu-device":
      return {
        observedAt: at,
        channel: "ethernet",
        claimed: { mac: `b8:27:eb:${suffix}`, ip: `10.20.9.${(r.index % 200) + 10}`, hostname: "raspberrypi" },
        physical: { ethernet: { switchPort: `sw-icu-vlan-20-9/Gi1/0/${(r.index % 48) + 1}`, vlan: 20, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, ...STACKS.embeddedLinux }, electrical: { powerDrawMw: 2700 } },
        network: { segment: "ICU-VLAN-20", openPorts: [22], protocols: ["SSH"] },
      };
    case "spoofed-mac-pump":
      return {
        observedAt: at,
        channel: "wifi",
        claimed: { mac: `02:42:e4:${suffix}`, ip: `10.20.8.${(r.index % 200) + 10}`, hostname: `INFUSION-ICU-9${String(r.index).padStart(2, "0")}`, vendor: "Baxter", model: "Sigma Spectrum", serialNumber: `SS9${n.toUpperCase()}`, firmwareVersion: "8.00.01" },
        physical: { ethernet: { vlan: 20, ...STACKS.embeddedLinux }, electrical: { powerDrawMw: 3100 } },
        network: { segment: "ICU-VLAN-20", openPorts: [22, 51243], protocols: [] },
      };
  }
}

/** Everything agent `agent` sees now: its segments' devices, its hosts' USB devices, any rogue. */
export function agentObservations(h: Hospital, agent: number, at: string, round: number): Observation[] {
  const seen = h.devices.filter((d) => d.agent === agent).map((d) => (d.kind === "network" ? networkObservation(d, at, round) : usbObservation(d, at, round)));
  return [...seen, ...h.rogues.filter((r) => r.agent === agent).map((r) => rogueObservation(r, h.seed, at))];
}

export type ReportOptions = { agent: number; round: number; now?: Date; runTag?: string };

/**
 * One snapshot report per agent and round; a segment set larger than the protocol allows in one
 * report is sent as several delta reports instead (a snapshot must be complete).
 */
export function buildReports(h: Hospital, { agent, round, now = new Date(), runTag = "sim" }: ReportOptions): AgentReport[] {
  const at = now.toISOString();
  const observations = agentObservations(h, agent, at, round);
  const parts = Math.max(1, Math.ceil(observations.length / MAX_OBSERVATIONS_PER_REPORT));
  return Array.from({ length: parts }, (_, p) => ({
    schema: REPORT_SCHEMA,
    reportId: `${runTag}-s${h.seed}-a${agent}-r${round}-p${p}`,
    sentAt: at,
    agent: { version: AGENT_VERSION, hostname: h.agents[agent].hostname },
    mode: parts === 1 ? "snapshot" : "delta",
    observations: observations.slice(p * MAX_OBSERVATIONS_PER_REPORT, (p + 1) * MAX_OBSERVATIONS_PER_REPORT),
  }));
}
