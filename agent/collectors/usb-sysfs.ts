// USB devices on this host, read from sysfs (/sys/bus/usb/devices): what each device claims
// (ids and strings) and what the host measured while enumerating it (speed, descriptors, power,
// interfaces, the HID report descriptor's hash). Read-only; nothing is sent to the devices.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { z } from "zod";
import type { AgentObservation, Collector, CollectorProblem, CollectorResult } from "./types";
import { bcdDevice, bcdUsb, descriptorString, groupDeviceEntries, HID_DEVICE, hexByte, maxPowerMa, usbId, usbSpeed } from "./usb-sysfs-format";

export const usbOptions = z.object({
  enabled: z.boolean().default(true),
  sysfsRoot: z.string().max(4096).default("/sys"),
});
export type UsbOptions = z.output<typeof usbOptions>;

/** The file system as the collector uses it, injectable so a test can unplug a device mid-read. */
export type UsbDeps = {
  readFile: (path: string) => Promise<Buffer>;
  listDir: (path: string) => Promise<string[]>;
  exists: (path: string) => Promise<boolean>;
};

const defaultDeps: UsbDeps = {
  readFile: (path) => readFile(path),
  listDir: (path) => readdir(path),
  exists: (path) => stat(path).then(() => true, () => false),
};

type UsbInterface = { class: number; subclass?: number; protocol?: number; endpoints?: number };
type Physical = NonNullable<NonNullable<AgentObservation["physical"]>["usb"]>;

/** An attribute a device may simply not have (no serial string, say): absent, not a problem. */
class MissingAttribute extends Error {}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 300);

/** One USB device as read: its sysfs name, its interfaces' sysfs names (interface order) and the observation made of it. */
export type UsbDeviceRead = { port: string; interfaceEntries: string[]; observation: AgentObservation };

/**
 * Reads every USB device under {sysfsRoot}/bus/usb/devices. The collector reports what it reads;
 * the enforcer (agent/enforce) decides from the very same measurement, so the two cannot differ.
 */
export function usbDeviceReader(options: Pick<UsbOptions, "sysfsRoot">, deps: UsbDeps = defaultDeps) {
  const base = `${options.sysfsRoot}/bus/usb/devices`;

  /** Text of one attribute; undefined when the file does not exist. Other errors propagate. */
  async function attribute(entry: string, name: string): Promise<string | undefined> {
    try {
      return (await deps.readFile(`${base}/${entry}/${name}`)).toString("utf8");
    } catch (error) {
      if (codeOf(error) === "ENOENT") return undefined;
      throw error;
    }
  }

  async function required(entry: string, name: string): Promise<string> {
    const text = await attribute(entry, name);
    if (text === undefined) throw new MissingAttribute(`${name} is missing`);
    return text;
  }

  async function readInterface(entry: string): Promise<UsbInterface> {
    const [cls, subclass, protocol, endpoints] = await Promise.all(
      ["bInterfaceClass", "bInterfaceSubClass", "bInterfaceProtocol", "bNumEndpoints"].map((name) => attribute(entry, name)),
    );
    const klass = hexByte(cls ?? "");
    if (klass === undefined) throw new MissingAttribute(`${entry}/bInterfaceClass is missing`);
    const optional = (key: string, text: string | undefined) => {
      const value = hexByte(text ?? "");
      return value === undefined ? {} : { [key]: value };
    };
    return { class: klass, ...optional("subclass", subclass), ...optional("protocol", protocol), ...optional("endpoints", endpoints) };
  }

  /**
   * The report descriptor the HID driver parsed, one per HID interface, in its child
   * "<bus>:<VID>:<PID>.<n>/report_descriptor". An interface no driver has bound has none.
   */
  async function reportDescriptor(entry: string): Promise<Buffer | undefined> {
    const children = await deps.listDir(`${base}/${entry}`).catch(() => [] as string[]);
    const hid = children.filter((name) => HID_DEVICE.test(name)).sort()[0];
    if (!hid) return undefined;
    return deps.readFile(`${base}/${entry}/${hid}/report_descriptor`);
  }

  /**
   * One hash per device. Several HID interfaces (a keyboard with media keys, an injector posing
   * as two keyboards) are hashed as their descriptors concatenated in interface order, and each
   * interface's own hash is kept beside it, so either can be compared.
   */
  async function hidHashes(hidInterfaces: string[]): Promise<Partial<Physical>> {
    const descriptors: [string, Buffer][] = [];
    for (const entry of hidInterfaces) {
      const descriptor = await reportDescriptor(entry);
      if (descriptor) descriptors.push([entry, descriptor]);
    }
    if (descriptors.length === 0) return {};
    const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    const combined = sha256(Buffer.concat(descriptors.map(([, d]) => d)));
    if (descriptors.length === 1) return { hidReportDescriptorSha256: combined };
    return {
      hidReportDescriptorSha256: combined,
      hidReportDescriptorSha256ByInterface: Object.fromEntries(descriptors.map(([entry, d]) => [entry, sha256(d)])),
    };
  }

  async function readDevice(port: string, interfaceEntries: string[], observedAt: string): Promise<AgentObservation> {
    const vendorId = usbId(await required(port, "idVendor"));
    const productId = usbId(await required(port, "idProduct"));
    if (!vendorId || !productId) throw new MissingAttribute("idVendor or idProduct is not 4 hex digits");
    const text = async (name: string) => descriptorString((await attribute(port, name)) ?? "");
    const [manufacturer, product, serial] = [await text("manufacturer"), await text("product"), await text("serial")];
    const raw = async (name: string) => (await attribute(port, name)) ?? "";
    const interfaces: UsbInterface[] = [];
    for (const entry of interfaceEntries.slice(0, 64)) interfaces.push(await readInterface(entry));
    const hidEntries = interfaceEntries.filter((_, i) => interfaces[i]?.class === 3);
    const physical: Physical = {
      port,
      speed: usbSpeed(await raw("speed")),
      bcdUSB: bcdUsb(await raw("version")),
      bcdDevice: bcdDevice(await raw("bcdDevice")),
      deviceClass: hexByte(await raw("bDeviceClass")),
      maxPowerMa: maxPowerMa(await raw("bMaxPower")),
      interfaces,
      ...(await hidHashes(hidEntries)),
    };
    return {
      observedAt,
      channel: "usb",
      claimed: { usb: { vendorId, productId, ...defined({ manufacturer, product, serial }) } },
      physical: { usb: defined(physical) as Physical },
    };
  }

  return {
    base,
    async read(now: Date): Promise<{ devices: UsbDeviceRead[]; problems: CollectorProblem[] }> {
      const observedAt = now.toISOString();
      const problems: CollectorProblem[] = [];
      let entries: string[];
      try {
        entries = await deps.listDir(base);
      } catch (error) {
        const message = codeOf(error) === "ENOENT" ? "no USB bus here (no USB controller, or sysfsRoot is wrong)" : errorText(error);
        return { devices: [], problems: [{ where: base, message }] };
      }
      const devices: UsbDeviceRead[] = [];
      for (const [port, interfaceEntries] of groupDeviceEntries(entries)) {
        // A device unplugged while we read it leaves a half-read record (missing files read as
        // absent): checking that it is still there afterwards tells the two apart.
        const outcome = await readDevice(port, interfaceEntries, observedAt).catch((error: unknown) => error);
        if (!(await deps.exists(`${base}/${port}`))) {
          problems.push({ where: `${base}/${port}`, message: "the device disappeared while it was being read (unplugged?)" });
        } else if (outcome instanceof Error) {
          problems.push({ where: `${base}/${port}`, message: problemText(outcome) });
        } else {
          devices.push({ port, interfaceEntries: interfaceEntries.slice(0, 64), observation: outcome as AgentObservation });
        }
      }
      return { devices, problems };
    },
  };
}

export function usbCollector(options: UsbOptions, deps: UsbDeps = defaultDeps): Collector {
  const reader = usbDeviceReader(options, deps);
  return {
    name: "usb",
    async collect(now: Date): Promise<CollectorResult> {
      const { devices, problems } = await reader.read(now);
      return { observations: devices.map((d) => d.observation), problems };
    },
  };
}

function problemText(error: unknown): string {
  if (codeOf(error) === "EACCES") return `permission denied: ${errorText(error)}`;
  if (error instanceof MissingAttribute) return `not a complete USB device entry: ${error.message}`;
  return errorText(error);
}

/** Drops undefined fields: the protocol wants a field measured, or absent. */
function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
