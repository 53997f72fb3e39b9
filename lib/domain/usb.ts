// USB identity: normalised vendor / product ids, the usb.ids database, interface classes.

/** "046D", "0x046d" → "046d"; anything but 4 hex digits → null. */
export function normalizeUsbId(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/^0x/, "");
  return /^[0-9a-f]{4}$/.test(s) ? s : null;
}

export type UsbIdsDatabase = {
  vendors: Map<string, { name: string; products: Map<string, string> }>;
  classes: Map<number, string>;
};

// Sections that follow the vendor list in usb.ids, each introduced by its tag.
const OTHER_SECTIONS = /^(C|AT|HID|R|BIAS|PHY|HUT|L|HCC|VT) /;

/** Parses the Linux usb.ids file: vendors with their products, and the device class names. */
export function parseUsbIds(text: string): UsbIdsDatabase {
  const db: UsbIdsDatabase = { vendors: new Map(), classes: new Map() };
  let vendor: { name: string; products: Map<string, string> } | undefined;
  let inVendors = true;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (OTHER_SECTIONS.test(line)) {
      inVendors = false;
      const cls = /^C ([0-9a-f]{2})\s+(.+)$/i.exec(line);
      if (cls) db.classes.set(parseInt(cls[1], 16), cls[2].trim());
      continue;
    }
    if (!inVendors) continue;
    const top = /^([0-9a-f]{4})\s+(.+)$/i.exec(line);
    if (top) {
      vendor = { name: top[2].trim(), products: new Map() };
      db.vendors.set(top[1].toLowerCase(), vendor);
      continue;
    }
    const product = /^\t([0-9a-f]{4})\s+(.+)$/i.exec(line);
    if (product && vendor) vendor.products.set(product[1].toLowerCase(), product[2].trim());
  }
  return db;
}

export function lookupUsb(db: UsbIdsDatabase, vendorId: string, productId: string): { vendorName: string | null; productName: string | null } {
  const vendor = db.vendors.get(vendorId.toLowerCase());
  return { vendorName: vendor?.name ?? null, productName: vendor?.products.get(productId.toLowerCase()) ?? null };
}

export const USB_CLASS = {
  AUDIO: 0x01,
  CDC: 0x02,
  HID: 0x03,
  PRINTER: 0x07,
  MASS_STORAGE: 0x08,
  HUB: 0x09,
  CDC_DATA: 0x0a,
  VIDEO: 0x0e,
  WIRELESS: 0xe0,
  MISC: 0xef,
  VENDOR_SPECIFIC: 0xff,
} as const;

export type UsbInterface = { class: number; subclass?: number; protocol?: number; endpoints?: number };

export type UsbInterfaceKinds = { hid: boolean; keyboard: boolean; mouse: boolean; storage: boolean; network: boolean; cdc: boolean; printer: boolean; audioVideo: boolean };

/** What a device's interfaces make it able to do, whatever it claims to be. */
export function usbInterfaceKinds(interfaces: UsbInterface[] = []): UsbInterfaceKinds {
  const has = (cls: number) => interfaces.some((i) => i.class === cls);
  const hidBoot = (protocol: number) => interfaces.some((i) => i.class === USB_CLASS.HID && i.subclass === 1 && i.protocol === protocol);
  return {
    hid: has(USB_CLASS.HID),
    keyboard: hidBoot(1),
    mouse: hidBoot(2),
    storage: has(USB_CLASS.MASS_STORAGE),
    // RNDIS shows as wireless-controller class 0xe0; CDC-ECM/NCM as CDC with CDC data.
    network: has(USB_CLASS.WIRELESS) || (has(USB_CLASS.CDC) && interfaces.some((i) => i.class === USB_CLASS.CDC && (i.subclass === 6 || i.subclass === 13))),
    cdc: has(USB_CLASS.CDC) || has(USB_CLASS.CDC_DATA),
    printer: has(USB_CLASS.PRINTER),
    audioVideo: has(USB_CLASS.AUDIO) || has(USB_CLASS.VIDEO),
  };
}
