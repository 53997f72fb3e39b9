import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lookupUsbIds, usbIds } from "../../reference/usb-ids";
import { describeUsbInterface, lookupUsb, normalizeUsbId, parseUsbIds, usbInterfaceKinds, type UsbInterface } from "./usb";

describe("normalizeUsbId", () => {
  it.each([["046d", "046d"], ["046D", "046d"], ["0x046d", "046d"], ["0X046D", "046d"], [" c31c ", "c31c"]])("%j → %s", (a, b) => expect(normalizeUsbId(a)).toBe(b));
  it.each(["", "46d", "046dd", "zzzz", "0x", "0x46d", "04 6d", "-46d"])("refuses %j", (a) => expect(normalizeUsbId(a)).toBeNull());
});

describe("parseUsbIds", () => {
  const sample = [
    "# comment",
    "046d  Logitech, Inc.",
    "\tc31c  Keyboard K120",
    "\t\t0001  an interface line",
    "0781  SanDisk Corp.",
    "\t5567  Cruzer Blade",
    "",
    "# List of known device classes",
    "C 03  Human Interface Device",
    "\t01  Boot Interface Subclass",
    "\t\t01  Keyboard",
    "C 08  Mass Storage",
    "\t06  SCSI",
    "AT 0100  USB Undefined",
    "HID 00  Undefined",
    "R 00  Not Country Specific",
    "HUT 01  Generic Desktop Controls",
    "\t000  Undefined",
    "\t001  Pointer",
    "L 0409  English",
    "\t01  US",
    "VT 0000  Undefined",
  ].join("\n");
  const db = parseUsbIds(sample);

  it("reads vendors and their products, not the interface lines under a product", () => {
    expect(lookupUsb(db, "046D", "C31C")).toEqual({ vendorName: "Logitech, Inc.", productName: "Keyboard K120" });
    expect(lookupUsb(db, "0x0781", "5567").productName).toBe("Cruzer Blade");
    expect(db.vendors.get("046d")?.products.size).toBe(1);
  });

  it("stops the vendor list at the next section: no HUT, language or VT line becomes a product", () => {
    expect(db.vendors.size).toBe(2);
    expect(db.vendors.get("0781")?.products.size).toBe(1);
    expect(lookupUsb(db, "0409", "0001").vendorName).toBeNull();
  });

  it("reads class, subclass and protocol names", () => {
    expect(db.classes.get(3)).toBe("Human Interface Device");
    expect(db.classes.get(8)).toBe("Mass Storage");
    expect(db.subclasses.get("03.01")).toBe("Boot Interface Subclass");
    expect(db.protocols.get("03.01.01")).toBe("Keyboard");
    expect(describeUsbInterface(db, { class: 3, subclass: 1, protocol: 1 })).toBe("Human Interface Device / Boot Interface Subclass / Keyboard");
    expect(describeUsbInterface(db, { class: 0x42 })).toBe("class 0x42");
  });

  it("answers null for unknown or malformed ids", () => {
    expect(lookupUsb(db, "ffff", "0001")).toEqual({ vendorName: null, productName: null });
    expect(lookupUsb(db, "046d", "ffff")).toEqual({ vendorName: "Logitech, Inc.", productName: null });
    expect(lookupUsb(db, "46d", "c31c")).toEqual({ vendorName: null, productName: null });
  });

  it("tolerates Windows line endings", () => {
    expect(lookupUsb(parseUsbIds(sample.replace(/\n/g, "\r\n")), "046d", "c31c").productName).toBe("Keyboard K120");
  });
});

describe("the real, committed usb.ids", () => {
  const text = readFileSync(path.join(process.cwd(), "lib/reference/usb/usb.ids"), "utf8");
  const vendorList = text.slice(0, text.indexOf("\nC 00 "));

  it("has every vendor and product of the vendor list, and nothing from later sections", () => {
    const vendors = vendorList.match(/^[0-9a-f]{4} {2}/gm)!.length;
    const products = vendorList.match(/^\t[0-9a-f]{4} {2}/gm)!.length;
    const db = usbIds();
    expect(db.vendors.size).toBe(vendors);
    expect([...db.vendors.values()].reduce((n, v) => n + v.products.size, 0)).toBe(products);
    expect(vendors).toBeGreaterThan(3000);
  });

  it.each([
    ["046d", "c31c", "Logitech, Inc.", "Keyboard K120"],
    ["0781", "5567", "SanDisk Corp.", "Cruzer Blade"],
    ["05ac", "024f", "Apple, Inc.", "Aluminium Keyboard (ANSI)"],
    ["045e", "000e", "Microsoft Corp.", "SideWinder® Freestyle Pro"],
  ])("%s:%s is %s %s", (vid, pid, vendorName, productName) => {
    expect(lookupUsbIds(vid, pid)).toEqual({ vendorName, productName });
  });

  it("has the interface classes", () => {
    const db = usbIds();
    expect(db.classes.get(3)).toBe("Human Interface Device");
    expect(db.classes.get(0x0a)).toBe("CDC Data");
    expect(db.classes.get(0xe0)).toBe("Wireless");
    expect(db.classes.get(0xff)).toBe("Vendor Specific Class");
    expect(db.protocols.get("e0.01.03")).toBe("RNDIS");
    expect(db.protocols.get("03.01.02")).toBe("Mouse");
  });
});

describe("usbInterfaceKinds", () => {
  const keyboard = { class: 3, subclass: 1, protocol: 1 };
  it.each<[string, UsbInterface[], Partial<ReturnType<typeof usbInterfaceKinds>>]>([
    ["plain boot keyboard", [keyboard], { hid: true, keyboard: true, mouse: false, storage: false, network: false, cdc: false }],
    ["boot mouse", [{ class: 3, subclass: 1, protocol: 2 }], { mouse: true, keyboard: false }],
    ["non-boot HID", [{ class: 3, subclass: 0, protocol: 0 }], { hid: true, keyboard: false, mouse: false }],
    ["keyboard with storage", [keyboard, { class: 8, subclass: 6, protocol: 0x50 }], { keyboard: true, storage: true }],
    ["RNDIS, Windows style (e0/01/03)", [{ class: 0xe0, subclass: 1, protocol: 3 }], { network: true }],
    ["RNDIS, Linux gadget style (02/02/ff)", [{ class: 2, subclass: 2, protocol: 0xff }, { class: 0x0a }], { network: true, cdc: true }],
    ["RNDIS, misc class (ef/04/01)", [{ class: 0xef, subclass: 4, protocol: 1 }], { network: true }],
    ["CDC ECM", [{ class: 2, subclass: 6 }, { class: 0x0a }], { network: true, cdc: true }],
    ["CDC NCM", [{ class: 2, subclass: 0x0d }], { network: true }],
    ["CDC ACM serial only", [{ class: 2, subclass: 2, protocol: 1 }, { class: 0x0a }], { network: false, cdc: true }],
    ["Bluetooth radio", [{ class: 0xe0, subclass: 1, protocol: 1 }], { network: true }],
    ["vendor specific", [{ class: 0xff }], { vendorSpecific: true, network: false }],
    ["printer", [{ class: 7, subclass: 1, protocol: 2 }], { printer: true }],
    ["nothing", [], { hid: false, storage: false, network: false, cdc: false }],
  ])("%s", (_name, interfaces, expected) => {
    expect(usbInterfaceKinds(interfaces)).toMatchObject(expected);
  });
});
