// usb.ids (the Linux USB ID database, committed with its licence in lib/reference/usb), parsed
// once on first use.
import { readFileSync } from "node:fs";
import path from "node:path";
import { lookupUsb, parseUsbIds, type UsbIdsDatabase } from "../domain/usb";

let db: UsbIdsDatabase | undefined;

export function usbIds(): UsbIdsDatabase {
  db ??= parseUsbIds(readFileSync(path.join(process.cwd(), "lib", "reference", "usb", "usb.ids"), "latin1"));
  return db;
}

export function lookupUsbIds(vendorId: string, productId: string) {
  return lookupUsb(usbIds(), vendorId, productId);
}
