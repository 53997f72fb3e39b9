import { cp, lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { usbCollector, usbOptions, type UsbDeps } from "./usb-sysfs";
import { bcdDevice, bcdUsb, groupDeviceEntries, hexByte, maxPowerMa, usbSpeed } from "./usb-sysfs-format";

const sysfsRoot = fileURLToPath(new URL("./fixtures/sysfs", import.meta.url));
const NOW = new Date("2026-11-28T15:00:00Z");
const at = "2026-11-28T15:00:00.000Z";

describe("sysfs attribute formats", () => {
  it("maps the kernel's Mbit/s speeds to USB speed names", () => {
    expect(["1.5\n", "12\n", "480\n", "5000\n", "10000\n", "20000\n", "53.3-480\n", "unknown\n"].map(usbSpeed)).toEqual([
      "low", "full", "high", "super", "super-plus", "super-plus", undefined, undefined,
    ]);
  });

  it("reads bcdUSB, bcdDevice, hex bytes and max power", () => {
    expect([bcdUsb(" 2.00\n"), bcdUsb(" 3.20\n"), bcdUsb("x\n")]).toEqual(["2.00", "3.20", undefined]);
    expect([bcdDevice("0110\n"), bcdDevice("6400\n"), bcdDevice("3100\n"), bcdDevice("110\n")]).toEqual(["1.10", "64.00", "31.00", undefined]);
    expect([hexByte("0a\n"), hexByte("ff\n"), hexByte("03\n"), hexByte("zz\n")]).toEqual([10, 255, 3, undefined]);
    expect([maxPowerMa("100mA\n"), maxPowerMa("896mA\n"), maxPowerMa("100\n")]).toEqual([100, 896, undefined]);
  });

  it("groups interfaces under their device in interface order and leaves root hubs out", () => {
    const grouped = groupDeviceEntries(["usb1", "1-1:1.1", "1-1", "1-0:1.0", "1-1:1.10", "1-1:1.0", "1-1.2", "2-1:2.0", "2-1"]);
    expect([...grouped]).toEqual([
      ["1-1", ["1-1:1.0", "1-1:1.1", "1-1:1.10"]],
      ["1-1.2", []],
      ["2-1", ["2-1:2.0"]],
    ]);
  });
});

describe("the fixture tree is laid out as the kernel lays it out", () => {
  it("has relative symlinks from bus/usb/devices into devices/", async () => {
    const entry = join(sysfsRoot, "bus/usb/devices/1-1.1");
    expect((await lstat(entry)).isSymbolicLink()).toBe(true);
    expect(await readlink(entry)).toBe("../../../devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.1");
    expect((await stat(entry)).isDirectory()).toBe(true);
  });
});

describe("usbCollector on the fixture tree", () => {
  it("reports every plugged device with what it claims and what the host measured", async () => {
    const { observations, problems } = await usbCollector(usbOptions.parse({ sysfsRoot })).collect(NOW);
    expect(problems).toEqual([]);
    expect(observations.map((o) => o.physical?.usb?.port)).toEqual(["1-1", "1-1.1", "1-1.2", "1-2", "1-3", "2-1"]);
    const byPort = new Map(observations.map((o) => [o.physical?.usb?.port, o]));

    expect(byPort.get("1-1.1")).toEqual({
      observedAt: at,
      channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard" } },
      physical: {
        usb: {
          port: "1-1.1", speed: "low", bcdUSB: "1.10", bcdDevice: "64.00", deviceClass: 0, maxPowerMa: 90,
          interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 3, subclass: 0, protocol: 0, endpoints: 1 }],
          // sha256(boot keyboard ‖ consumer control), and each on its own.
          hidReportDescriptorSha256: "836b109778d43936c9ec8532a910ea0a88f3a277e6404bc4ad92e98d0201efb8",
          hidReportDescriptorSha256ByInterface: {
            "1-1.1:1.0": "14bdd69b3b46b4e8a093865c10c75b6a9aaf85f7986f146d87a437e7f7afa476",
            "1-1.1:1.1": "4de8507e9618c4905e154899efcde9d48f223d12aba154ed3db6bb4e0c72c5c7",
          },
        },
      },
    });
    expect(byPort.get("1-1.2")?.physical?.usb).toMatchObject({
      speed: "low", bcdDevice: "72.00", interfaces: [{ class: 3, subclass: 1, protocol: 2, endpoints: 1 }],
      hidReportDescriptorSha256: "58b727cee37368e5916b515aa8cd89e3f0a570e8086d8aa868a154e6d6f87e7e",
    });
  });

  it("shows the injector: the keyboard's ids, but full speed, mass storage and another descriptor", async () => {
    const { observations } = await usbCollector(usbOptions.parse({ sysfsRoot })).collect(NOW);
    const injector = observations.find((o) => o.physical?.usb?.port === "1-2")!;
    expect(injector.claimed?.usb).toEqual({ vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial: "7A3B9C01" });
    expect(injector.physical?.usb).toEqual({
      port: "1-2", speed: "full", bcdUSB: "2.00", bcdDevice: "1.00", deviceClass: 0, maxPowerMa: 100,
      interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 0x50, endpoints: 2 }],
      hidReportDescriptorSha256: "d0adc4c8754c228f1ed84f6d294b17df6e10fc13b684b7807325189b0b3b510e",
    });
  });

  it("reads the hub and the CDC-ECM adapter (configuration 2) with their classes", async () => {
    const { observations } = await usbCollector(usbOptions.parse({ sysfsRoot })).collect(NOW);
    const hub = observations.find((o) => o.physical?.usb?.port === "1-1")!;
    expect(hub.claimed?.usb).toEqual({ vendorId: "05e3", productId: "0608", product: "USB2.0 Hub" });
    expect(hub.physical?.usb).toMatchObject({ speed: "high", deviceClass: 9, interfaces: [{ class: 9, subclass: 0, protocol: 0, endpoints: 1 }] });
    const ecm = observations.find((o) => o.physical?.usb?.port === "2-1")!;
    expect(ecm.physical?.usb).toEqual({
      port: "2-1", speed: "super", bcdUSB: "3.00", bcdDevice: "31.00", deviceClass: 0, maxPowerMa: 288,
      interfaces: [{ class: 2, subclass: 6, protocol: 0, endpoints: 1 }, { class: 10, subclass: 0, protocol: 0, endpoints: 0 }],
    });
    expect(ecm.physical?.usb).not.toHaveProperty("hidReportDescriptorSha256");
  });

  it("produces observations the protocol schema accepts", async () => {
    const { observations } = await usbCollector(usbOptions.parse({ sysfsRoot })).collect(NOW);
    for (const observation of observations) expect(observationSchema.safeParse(observation).error).toBeUndefined();
  });

  it("names a missing sysfs instead of throwing", async () => {
    const { observations, problems } = await usbCollector(usbOptions.parse({ sysfsRoot: "/nonexistent-sysfs" })).collect(NOW);
    expect(observations).toEqual([]);
    expect(problems).toEqual([{ where: "/nonexistent-sysfs/bus/usb/devices", message: "no USB bus here (no USB controller, or sysfsRoot is wrong)" }]);
  });
});

describe("a device that vanishes mid-read", () => {
  let copy = "";
  afterEach(async () => copy && rm(copy, { recursive: true, force: true }));

  it("is named in a problem, and every other device is still reported", async () => {
    copy = await mkdtemp(join(tmpdir(), "usb-sysfs-"));
    await cp(sysfsRoot, copy, { recursive: true, verbatimSymlinks: true });
    const scanner = join(copy, "devices/pci0000:00/0000:00:14.0/usb1/1-3");
    let listed = false;
    const deps: UsbDeps = {
      listDir: async (path) => {
        const names = await readdir(path);
        if (path.endsWith("bus/usb/devices")) listed = true;
        return names;
      },
      // The scanner is unplugged once its first attribute is about to be read: the kernel removes
      // its directory (and the links to it) while we hold the listing.
      readFile: async (path) => {
        if (listed && path.includes("/bus/usb/devices/1-3/")) await rm(scanner, { recursive: true, force: true });
        return readFile(path);
      },
      exists: (path) => stat(path).then(() => true, () => false),
    };
    const { observations, problems } = await usbCollector(usbOptions.parse({ sysfsRoot: copy }), deps).collect(NOW);
    expect(problems).toEqual([{ where: `${copy}/bus/usb/devices/1-3`, message: "the device disappeared while it was being read (unplugged?)" }]);
    expect(observations.map((o) => o.physical?.usb?.port)).toEqual(["1-1", "1-1.1", "1-1.2", "1-2", "2-1"]);
  });

  it("is also caught when it goes after its ids were read", async () => {
    copy = await mkdtemp(join(tmpdir(), "usb-sysfs-"));
    await cp(sysfsRoot, copy, { recursive: true, verbatimSymlinks: true });
    const scanner = join(copy, "devices/pci0000:00/0000:00:14.0/usb1/1-3");
    const deps: UsbDeps = {
      listDir: (path) => readdir(path),
      readFile: async (path) => {
        const data = await readFile(path);
        if (path.endsWith("/1-3/idProduct")) await rm(scanner, { recursive: true, force: true });
        return data;
      },
      exists: (path) => stat(path).then(() => true, () => false),
    };
    const { observations, problems } = await usbCollector(usbOptions.parse({ sysfsRoot: copy }), deps).collect(NOW);
    expect(problems.map((p) => p.where)).toEqual([`${copy}/bus/usb/devices/1-3`]);
    expect(observations).toHaveLength(5);
  });
});
