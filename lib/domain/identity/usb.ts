// USB identity: normalised vendor / product ids, the usb.ids database, interface classes.

/** "046D", "0x046d" → "046d"; anything but 4 hex digits → null. */
export function normalizeUsbId(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/^0x/, "");
  return /^[0-9a-f]{4}$/.test(s) ? s : null;
}

export type UsbIdsVendor = { name: string; products: Map<string, string> };

/**
 * usb.ids, parsed. Class codes are numbers; subclass keys are "cc.ss" and protocol keys
 * "cc.ss.pp", in two-digit lower-case hex, as in the file.
 */
export type UsbIdsDatabase = {
  vendors: Map<string, UsbIdsVendor>;
  classes: Map<number, string>;
  subclasses: Map<string, string>;
  protocols: Map<string, string>;
};

// Sections that follow the vendor list in usb.ids, each introduced by its tag and a space.
const OTHER_SECTION = /^(C|AT|HID|R|BIAS|PHY|HUT|L|HCC|VT) /;
const ENTRY = /^(\t*)([0-9a-f]{2,4})\s+(.*)$/i;

/**
 * Parses the Linux usb.ids file: vendors with their products, and the `C` section (class,
 * subclass, protocol names). One tab indents a product under its vendor (or a subclass under
 * its class), two tabs an interface (or a protocol). Everything after the vendor list that is
 * not `C` is skipped.
 */
export function parseUsbIds(text: string): UsbIdsDatabase {
  const db: UsbIdsDatabase = { vendors: new Map(), classes: new Map(), subclasses: new Map(), protocols: new Map() };
  let section: "vendors" | "classes" | "other" = "vendors";
  let vendor: UsbIdsVendor | undefined;
  let cls = "";
  let subclass = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.startsWith("#") || line.trim() === "") continue;
    const tag = OTHER_SECTION.exec(line);
    if (tag) {
      section = tag[1] === "C" ? "classes" : "other";
      if (section === "classes") {
        const c = /^C ([0-9a-f]{2})\s+(.*)$/i.exec(line);
        cls = c ? c[1].toLowerCase() : "";
        if (c) db.classes.set(parseInt(cls, 16), c[2].trim());
      }
      continue;
    }
    const entry = ENTRY.exec(line);
    if (!entry || section === "other") continue;
    const [, tabs, id, name] = entry;
    const key = id.toLowerCase();
    if (section === "vendors") {
      if (tabs === "" && key.length === 4) db.vendors.set(key, (vendor = { name: name.trim(), products: new Map() }));
      else if (tabs === "\t" && key.length === 4 && vendor) vendor.products.set(key, name.trim());
    } else if (cls && key.length === 2) {
      if (tabs === "\t") db.subclasses.set(`${cls}.${(subclass = key)}`, name.trim());
      else if (tabs === "\t\t" && subclass) db.protocols.set(`${cls}.${subclass}.${key}`, name.trim());
    }
  }
  return db;
}

export type UsbNames = { vendorName: string | null; productName: string | null };

/** Registry names for a VID:PID, in any spelling normalizeUsbId accepts. */
export function lookupUsb(db: UsbIdsDatabase, vendorId: string, productId: string): UsbNames {
  const vid = normalizeUsbId(vendorId);
  const pid = normalizeUsbId(productId);
  const vendor = vid ? db.vendors.get(vid) : undefined;
  return { vendorName: vendor?.name ?? null, productName: (pid && vendor?.products.get(pid)) || null };
}

/** Interface class codes (USB-IF "Defined Class Codes"), the ones the rules reason about. */
export const USB_CLASS = {
  AUDIO: 0x01,
  CDC: 0x02,
  HID: 0x03,
  PHYSICAL: 0x05,
  IMAGE: 0x06,
  PRINTER: 0x07,
  MASS_STORAGE: 0x08,
  HUB: 0x09,
  CDC_DATA: 0x0a,
  SMART_CARD: 0x0b,
  CONTENT_SECURITY: 0x0d,
  VIDEO: 0x0e,
  PERSONAL_HEALTHCARE: 0x0f,
  AUDIO_VIDEO: 0x10,
  DIAGNOSTIC: 0xdc,
  WIRELESS: 0xe0,
  MISC: 0xef,
  APPLICATION: 0xfe,
  VENDOR_SPECIFIC: 0xff,
} as const;

export type UsbInterface = { class: number; subclass?: number; protocol?: number; endpoints?: number };

export type UsbInterfaceKinds = {
  hid: boolean;
  keyboard: boolean;
  mouse: boolean;
  storage: boolean;
  network: boolean;
  cdc: boolean;
  printer: boolean;
  audioVideo: boolean;
  vendorSpecific: boolean;
};

// CDC subclasses that carry a network: ECM 0x06, ATM 0x07, EEM 0x0c, NCM 0x0d, MBIM 0x0e.
const CDC_NETWORK_SUBCLASSES = new Set([0x06, 0x07, 0x0c, 0x0d, 0x0e]);

/**
 * A network interface, however it is spelled: CDC networking subclasses; RNDIS, which Windows
 * gadgets announce as wireless 0xe0/01/03, Linux gadgets (and implants built on them) as CDC
 * ACM with protocol 0xff, and newer ones as misc 0xef/04; and any other wireless-controller
 * interface (a Bluetooth radio is a way off the machine too).
 */
function isNetworkInterface(i: UsbInterface): boolean {
  if (i.class === USB_CLASS.WIRELESS) return true;
  if (i.class === USB_CLASS.MISC && i.subclass === 0x04) return true;
  if (i.class !== USB_CLASS.CDC) return false;
  return CDC_NETWORK_SUBCLASSES.has(i.subclass ?? -1) || (i.subclass === 0x02 && i.protocol === 0xff);
}

/** What a device's interfaces make it able to do, whatever it claims to be. */
export function usbInterfaceKinds(interfaces: UsbInterface[] = []): UsbInterfaceKinds {
  const has = (...classes: number[]) => interfaces.some((i) => classes.includes(i.class));
  // Boot protocol 1 = keyboard, 2 = mouse, on the boot subclass (1); BIOSes only talk to those.
  const hidBoot = (protocol: number) => interfaces.some((i) => i.class === USB_CLASS.HID && i.subclass === 1 && i.protocol === protocol);
  return {
    hid: has(USB_CLASS.HID),
    keyboard: hidBoot(1),
    mouse: hidBoot(2),
    storage: has(USB_CLASS.MASS_STORAGE),
    network: interfaces.some(isNetworkInterface),
    cdc: has(USB_CLASS.CDC, USB_CLASS.CDC_DATA),
    printer: has(USB_CLASS.PRINTER),
    audioVideo: has(USB_CLASS.AUDIO, USB_CLASS.VIDEO, USB_CLASS.AUDIO_VIDEO),
    vendorSpecific: has(USB_CLASS.VENDOR_SPECIFIC),
  };
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

/** "Human Interface Device / Boot Interface Subclass / Keyboard", as far as usb.ids knows. */
export function describeUsbInterface(db: UsbIdsDatabase, i: UsbInterface): string {
  const cls = hex2(i.class);
  const names = [db.classes.get(i.class) ?? `class 0x${cls}`];
  if (i.subclass !== undefined) {
    const sub = db.subclasses.get(`${cls}.${hex2(i.subclass)}`);
    if (sub) names.push(sub);
    const protocol = i.protocol !== undefined ? db.protocols.get(`${cls}.${hex2(i.subclass)}.${hex2(i.protocol)}`) : undefined;
    if (protocol) names.push(protocol);
  }
  return names.join(" / ");
}
