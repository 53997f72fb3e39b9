// One device as a sensor sees it in one round: the claim (constant), the measurements (constant
// per model and unit, with small analog noise per reading) and the time it was seen.
import type { NetworkDevice, UsbDevice } from "./hospital-types";
import { jitter, rngFor } from "./prng";
import type { Observation } from "./protocol";

/** Sensors see devices during the minute before they report; never after `now`. */
export function observedAt(now: Date, id: string, round: number, earlierBySeconds = 0): string {
  const offset = (rngFor("seen", id, round)() * 45 + earlierBySeconds) * 1000;
  return new Date(now.getTime() - Math.round(offset)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function firmwareAt(d: NetworkDevice, round: number): string {
  if (d.firmwareUpdate) return round >= d.firmwareUpdate.round ? d.firmwareUpdate.version : d.firmware;
  return d.upgradeAtRound !== undefined && round >= d.upgradeAtRound && d.model.upgradeTo ? d.model.upgradeTo : d.firmware;
}

/** Analog readings wander by about a percent; the fingerprint's buckets absorb that. */
const powerReading = (id: string, round: number, powerMw: number) => Math.round(jitter(rngFor("power", id, round), powerMw, 0.01));

function ethernetEvidence(d: NetworkDevice) {
  const m = d.model;
  return {
    ...(d.switchPort ? { switchPort: d.switchPort } : {}),
    vlan: d.vlan,
    ...(m.channel === "ethernet" ? (m.link ?? {}) : {}),
    ...m.stack,
    // Switches and access points announce themselves over LLDP with their base MAC.
    ...(m.category === "network_gear" ? { lldpChassisId: d.mac } : {}),
  };
}

function softwareOf(d: NetworkDevice, firmware: string) {
  const m = d.model;
  if (m.category === "pacs") {
    const slug = m.model.toLowerCase().replace(/\s+/g, "-");
    return { ...m.software, components: [{ name: m.model, version: firmware, purl: `pkg:generic/${m.vendor.toLowerCase()}/${slug}@${firmware}` }] };
  }
  return m.software;
}

export function networkObservation(d: NetworkDevice, now: Date, round: number): Observation {
  const m = d.model;
  const firmware = firmwareAt(d, round);
  const software = softwareOf(d, firmware);
  return {
    observedAt: observedAt(now, d.id, round),
    channel: m.channel,
    claimed: { mac: d.mac, ip: d.ip, hostname: d.hostname, vendor: m.vendor, model: m.model, serialNumber: d.serial, firmwareVersion: firmware },
    physical: {
      ethernet: ethernetEvidence(d),
      electrical: { powerDrawMw: powerReading(d.id, round, m.powerMw), signalRiseTimeNs: m.signalRiseTimeNs },
    },
    network: {
      segment: d.segment,
      openPorts: m.openPorts,
      protocols: m.protocols,
      internetExposed: false,
      ...(m.dicom && d.aeTitle ? { dicom: { ...m.dicom, aeTitle: d.aeTitle } } : {}),
    },
    ...(software ? { software } : {}),
  };
}

/** A person types 3–8 characters a second; a scanner bursts a barcode at tens. */
function typingRate(d: UsbDevice, round: number): number | undefined {
  const range = d.model.typingCps;
  if (!range) return undefined;
  const rng = rngFor("typing", d.id, round);
  return Math.round((range[0] + rng() * (range[1] - range[0])) * 10) / 10;
}

export function usbObservation(d: UsbDevice, now: Date, round: number, action: "seen" | "removed" = "seen"): Observation {
  const m = d.model;
  const rate = typingRate(d, round);
  return {
    observedAt: observedAt(now, d.id, round),
    channel: "usb",
    ...(action === "removed" ? { action } : {}),
    claimed: { usb: { vendorId: m.vendorId, productId: m.productId, manufacturer: m.manufacturer, product: m.product, ...(d.serial ? { serial: d.serial } : {}) } },
    physical: {
      usb: {
        port: d.port,
        speed: m.speed,
        bcdUSB: m.bcdUSB,
        bcdDevice: m.bcdDevice,
        deviceClass: m.deviceClass,
        maxPowerMa: m.maxPowerMa,
        interfaces: m.interfaces,
        ...(m.hidReportDescriptorSha256 ? { hidReportDescriptorSha256: m.hidReportDescriptorSha256 } : {}),
        ...(rate !== undefined ? { keystrokeRateCps: rate } : {}),
      },
      electrical: { powerDrawMw: powerReading(d.id, round, m.powerMw) },
    },
  };
}

/** USB sticks come and go: plugged in four rounds out of six, each on its own phase. */
export function isPresent(d: NetworkDevice | UsbDevice, round: number): boolean {
  if (d.kind !== "usb" || d.model.kind !== "storage") return true;
  const phase = Math.floor(rngFor("presence", d.id)() * 6);
  return (((round + phase) % 6) + 6) % 6 < 4;
}
