// usb.ids (the Linux USB ID database, committed with its licence in lib/reference/usb), parsed
// once on first use. The path is taken from the working directory, which is the app root under
// `next start`, tsx scripts and Vitest alike; a bundler would not follow a computed path anyway.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describeUsbInterface, lookupUsb, parseUsbIds, type UsbIdsDatabase, type UsbInterface, type UsbNames } from "../domain/identity/usb";

let db: UsbIdsDatabase | undefined;

export function usbIds(): UsbIdsDatabase {
  // The file has been UTF-8 for years ("SideWinder®"); reading it as latin1 garbles those names.
  db ??= parseUsbIds(readFileSync(path.join(process.cwd(), "lib", "reference", "usb", "usb.ids"), "utf8"));
  return db;
}

export function lookupUsbIds(vendorId: string, productId: string): UsbNames {
  return lookupUsb(usbIds(), vendorId, productId);
}

export function describeUsbInterfaceFromIds(i: UsbInterface): string {
  return describeUsbInterface(usbIds(), i);
}
