import { describe, expect, it } from "vitest";
import { lookupUsbIds, usbIds } from "../reference/usb-ids";
import { lookupUsb, normalizeUsbId, parseUsbIds, usbInterfaceKinds } from "./usb";

describe("normalizeUsbId", () => {
  it.each([["046d", "046d"], ["046D", "046d"], ["0x046d", "046d"], [" c31c ", "c31c"]])("%s → %s", (a, b) => expect(normalizeUsbId(a)).toBe(b));
  it.each(["", "46d", "046dd", "zzzz", "0x"])("refuses %j", (a) => expect(normalizeUsbId(a)).toBeNull());
});

describe("usb.ids", () => {
  const sample = "# comment\n046d  Logitech, Inc.\n\tc31c  Keyboard K120\n\t\t0001  an interface line\n0781  SanDisk Corp.\n\t5567  Cruzer Blade\nC 03  Human Interface Device\n\t01  Boot Interface Subclass\nC 08  Mass Storage\nHID 00  Undefined\n";

  it("parses vendors, products and classes, and stops the vendor list at the next section", () => {
    const db = parseUsbIds(sample);
    expect(lookupUsb(db, "046D", "C31C")).toEqual({ vendorName: "Logitech, Inc.", productName: "Keyboard K120" });
    expect(lookupUsb(db, "0781", "5567").productName).toBe("Cruzer Blade");
    expect(lookupUsb(db, "ffff", "0001")).toEqual({ vendorName: null, productName: null });
    expect(db.classes.get(8)).toBe("Mass Storage");
    expect(db.vendors.size).toBe(2);
  });

  it("reads the real, committed database", () => {
    expect(usbIds().vendors.size).toBeGreaterThan(3000);
    expect(lookupUsbIds("046d", "c31c")).toEqual({ vendorName: "Logitech, Inc.", productName: "Keyboard K120" });
    expect(lookupUsbIds("0781", "5567").vendorName).toMatch(/SanDisk/);
    expect(usbIds().classes.get(3)).toBe("Human Interface Device");
  });
});

describe("usbInterfaceKinds", () => {
  it("tells a plain keyboard from one that also carries storage and a network", () => {
    expect(usbInterfaceKinds([{ class: 3, subclass: 1, protocol: 1 }])).toMatchObject({ keyboard: true, storage: false, network: false, cdc: false });
    expect(usbInterfaceKinds([{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }, { class: 0xe0, subclass: 1, protocol: 3 }])).toMatchObject({ keyboard: true, storage: true, network: true });
    expect(usbInterfaceKinds([{ class: 3, subclass: 1, protocol: 2 }])).toMatchObject({ mouse: true, keyboard: false });
    expect(usbInterfaceKinds([{ class: 2, subclass: 2 }, { class: 10 }])).toMatchObject({ cdc: true, network: false });
  });
});
