// The kernel's USB sysfs attribute formats (drivers/usb/core/sysfs.c, endpoint and interface
// attributes in Documentation/ABI/testing/sysfs-bus-usb) turned into the protocol's values.
// Pure functions: the collector reads the files, these read the text.

export type UsbSpeed = "low" | "full" | "high" | "super" | "super-plus";

/**
 * `speed` is the signalling rate in Mbit/s: "1.5", "12", "480", "5000", "10000", "20000"
 * (newer kernels may print more). Wireless USB's "53.3-480" and "unknown" name no wired speed.
 */
export function usbSpeed(text: string): UsbSpeed | undefined {
  const mbps = Number(text.trim());
  if (!Number.isFinite(mbps) || mbps <= 0) return undefined;
  if (mbps <= 1.5) return "low";
  if (mbps <= 12) return "full";
  if (mbps <= 480) return "high";
  if (mbps <= 5000) return "super";
  return "super-plus";
}

/** `version` is bcdUSB printed "%2x.%02x": " 2.00" → "2.00", " 3.20" → "3.20". */
export function bcdUsb(text: string): string | undefined {
  const value = text.trim();
  return /^[0-9a-f]{1,2}\.[0-9a-f]{2}$/i.test(value) ? value : undefined;
}

/** `bcdDevice` is the raw release number "%04x": "0110" → "1.10", "6400" → "64.00". */
export function bcdDevice(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  if (!/^[0-9a-f]{4}$/.test(value)) return undefined;
  return `${value.slice(0, 2).replace(/^0/, "")}.${value.slice(2)}`;
}

/** Class, subclass, protocol and endpoint counts are printed "%02x" (hex): "0a" → 10. */
export function hexByte(text: string): number | undefined {
  const value = text.trim();
  if (!/^[0-9a-f]{1,2}$/i.test(value)) return undefined;
  return parseInt(value, 16);
}

/** `bMaxPower` is already in milliamperes, printed "%dmA" (the kernel applies the 2 or 8 mA unit). */
export function maxPowerMa(text: string): number | undefined {
  const match = /^\s*(\d+)\s*mA\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** `idVendor` / `idProduct`: "%04x". */
export function usbId(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  return /^[0-9a-f]{4}$/.test(value) ? value : undefined;
}

/** A device string descriptor, trimmed of the newline and bounded to what the protocol keeps. */
export function descriptorString(text: string): string | undefined {
  const value = text.replace(/\n$/, "").trim();
  return value === "" ? undefined : value.slice(0, 128);
}

const DEVICE = /^\d+-\d+(\.\d+)*$/;
const INTERFACE = /^(\d+-\d+(?:\.\d+)*):(\d+)\.(\d+)$/;
/** A HID device's sysfs name: bus:vendor:product.sequence, "%04X:%04X:%04X.%04X". */
export const HID_DEVICE = /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{4}\.[0-9A-F]{4}$/i;

/**
 * /sys/bus/usb/devices lists devices ("1-1.2": bus-port.port…), their interfaces
 * ("1-1.2:1.0": device:configuration.interface) and root hubs ("usb1"). Root hubs are the host
 * controller's own virtual hub, not something plugged in, so they are left out.
 */
export function groupDeviceEntries(names: string[]): Map<string, string[]> {
  const devices = new Map<string, string[]>();
  for (const name of names) if (DEVICE.test(name)) devices.set(name, []);
  for (const name of names) {
    const match = INTERFACE.exec(name);
    if (match) devices.get(match[1])?.push(name);
  }
  for (const interfaces of devices.values()) interfaces.sort((a, b) => interfaceNumber(a) - interfaceNumber(b));
  return new Map([...devices].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })));
}

const interfaceNumber = (name: string) => Number(INTERFACE.exec(name)?.[3] ?? 0);
