import { describe, expect, it } from "vitest";
import { buildHospital, SCENARIOS, type Hospital, type NetworkDevice, type UsbDevice } from "./hospital";

const network = (h: Hospital) => h.devices.filter((d): d is NetworkDevice => d.kind === "network");
const usb = (h: Hospital) => h.devices.filter((d): d is UsbDevice => d.kind === "usb");
const share = (h: Hospital, category: string) => network(h).filter((d) => d.model.category === category).length / h.devices.length;

describe("the simulated hospital", () => {
  it("is the same for the same seed, and another for another seed", () => {
    const a = JSON.stringify(buildHospital({ devices: 800, agents: 3, rogues: 8, seed: 7 }));
    expect(JSON.stringify(buildHospital({ devices: 800, agents: 3, rogues: 8, seed: 7 }))).toBe(a);
    expect(JSON.stringify(buildHospital({ devices: 800, agents: 3, rogues: 8, seed: 8 }))).not.toBe(a);
  });

  it.each([0, 1, 37, 400, 5000])("has exactly the %i devices asked for", (devices) => {
    expect(buildHospital({ devices, agents: 2 }).devices).toHaveLength(devices);
  });

  it("mixes devices as a hospital does: many pumps and monitors, few scanners, USB on workstations", () => {
    const h = buildHospital({ devices: 5000, agents: 4 });
    expect(share(h, "infusion_pump")).toBeGreaterThan(0.2);
    expect(share(h, "patient_monitor")).toBeGreaterThan(0.08);
    expect(share(h, "imaging")).toBeLessThan(0.005);
    expect(share(h, "imaging")).toBeGreaterThan(0);
    expect(share(h, "pacs")).toBeGreaterThan(0);
    expect(usb(h).length / h.devices.length).toBeCloseTo(0.18, 2);
    const hosts = new Set(usb(h).map((d) => d.host));
    expect(usb(h).length / hosts.size).toBeGreaterThan(2.5);
    expect(usb(h).filter((d) => d.model.kind === "keyboard").length).toBe(hosts.size);
    expect(usb(h).some((d) => d.model.kind === "storage")).toBe(true);
    const firmware = network(h).filter((d) => d.model.key === "bd-alaris-8015").map((d) => d.firmware);
    expect(new Set(firmware)).toEqual(new Set(["12.1.3", "12.1.4"]));
  });

  it("gives every device its own MAC (from its vendor's OUI), IP, hostname, serial and switch port", () => {
    const h = buildHospital({ devices: 6000, agents: 4 });
    const devices = network(h);
    for (const key of ["mac", "ip", "hostname", "switchPort"] as const) {
      const values = devices.flatMap((d) => (d[key] ? [d[key]] : []));
      expect(new Set(values).size, key).toBe(values.length);
    }
    const serials = devices.map((d) => `${d.model.key}|${d.serial}`);
    expect(new Set(serials).size).toBe(serials.length);
    for (const d of devices) {
      expect(d.model.ouis.map((o) => o.prefix.toLowerCase())).toContain(d.mac.replace(/:/g, "").slice(0, 6));
      expect(d.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(d.ip).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
      if (d.switchPort) expect(d.switchPort).toMatch(/^sw-[a-z0-9-]+-\d+\/Gi1\/0\/([1-9]|[1-3]\d|4[0-4])$/);
      expect(d.model.channel === "ethernet").toBe(!!d.switchPort || d.model.category === "network_gear");
    }
    expect(devices.find((d) => d.model.key === "bd-alaris-8015" && d.segment.startsWith("WARD-4N"))?.hostname).toMatch(/^INFUSION-4N-\d{3}$/);
  });

  it("hands segments to agents and keeps each device with its segment's agent", () => {
    const h = buildHospital({ devices: 5000, agents: 4 });
    expect(h.segments.map((s) => s.name)).toEqual(expect.arrayContaining(["IT-VLAN-10", "ICU-VLAN-20", "RAD-VLAN-30", "LAB-VLAN-40", "WARD-4N-VLAN-24"]));
    expect(new Set(h.segments.map((s) => s.vlan)).size).toBe(h.segments.length);
    for (const a of h.agents) expect(a.segments.length).toBeGreaterThan(0);
    const agentOf = new Map(h.segments.map((s) => [s.name, s.agent]));
    for (const d of h.devices) expect(d.agent).toBe(agentOf.get(d.segment));
  });

  it("grows into more segments for a big health system, each within one VLAN's size", () => {
    const h = buildHospital({ devices: 100_000, agents: 8 });
    expect(h.segments.length).toBeGreaterThan(50);
    for (const s of h.segments) expect(s.size).toBeLessThanOrEqual(4000);
    expect(h.segments.some((s) => s.name.startsWith("IT-B2-VLAN-"))).toBe(true);
  });

  it("plugs USB devices into real workstations, on ports unique to the host", () => {
    const h = buildHospital({ devices: 3000, agents: 3 });
    const hosts = new Map(network(h).filter((d) => d.model.category === "workstation").map((d) => [d.hostname, d]));
    const ports = usb(h).map((d) => `${d.agent}|${d.port}`);
    expect(new Set(ports).size).toBe(ports.length);
    for (const d of usb(h)) {
      const host = hosts.get(d.host)!;
      expect(host, d.host).toBeDefined();
      expect(d.agent).toBe(host.agent);
      expect(d.port.startsWith(`${host.hostname}/`)).toBe(true);
    }
  });

  it("places every attack scenario when asked, and none otherwise", () => {
    expect(buildHospital({ devices: 400, agents: 2, rogues: 0 }).rogues).toEqual([]);
    const h = buildHospital({ devices: 400, agents: 2, rogues: 10 });
    expect(h.rogues).toHaveLength(10);
    expect(new Set(h.rogues.map((r) => r.scenario))).toEqual(new Set(Object.keys(SCENARIOS)));
    expect(h.rogues.map((r) => r.description)).toEqual(h.rogues.map((r) => SCENARIOS[r.scenario]));
    const icu = h.segments.find((s) => s.name === "ICU-VLAN-20")!;
    for (const r of h.rogues.filter((r) => r.scenario === "unknown-icu-device" || r.scenario === "spoofed-mac-pump")) expect(r.segment).toBe(icu.name);
    const clone = h.rogues.find((r) => r.scenario === "printer-clone")!;
    expect(clone.cloneOf?.model.category).toBe("printer");
    expect(clone.switchPort).not.toBe(clone.cloneOf!.switchPort);
    expect(clone.switchPort!.split("/")[0].replace(/-\d+$/, "")).toBe(clone.cloneOf!.switchPort!.split("/")[0].replace(/-\d+$/, ""));
    const injector = h.rogues.find((r) => r.scenario === "keystroke-injector")!;
    expect(network(h).some((d) => d.hostname === injector.host && d.model.category === "workstation")).toBe(true);
  });

  it("never puts two wired things on one switch port, rogues included", () => {
    const h = buildHospital({ devices: 2000, agents: 2, rogues: 12 });
    const ports = [...network(h).flatMap((d) => (d.switchPort ? [d.switchPort] : [])), ...h.rogues.flatMap((r) => (r.switchPort ? [r.switchPort] : []))];
    expect(new Set(ports).size).toBe(ports.length);
  });
});
