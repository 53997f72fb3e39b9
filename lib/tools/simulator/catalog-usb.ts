// USB peripherals on clinical and office workstations. VID:PID pairs are real (a test checks
// each in lib/reference/usb/usb.ids); descriptors are what `lsusb -v` shows for these devices.
import { descriptorHash, type UsbModel } from "./catalog-types";

/** HID 1.11 appendix E.6 boot keyboard report descriptor, as a K120 sends it. */
export const BOOT_KEYBOARD_DESCRIPTOR =
  "05 01 09 06 A1 01 05 07 19 E0 29 E7 15 00 25 01 75 01 95 08 81 02 95 01 75 08 81 01 95 05 75 01 05 08 19 01 29 05 91 02 95 01 75 03 91 01 95 06 75 08 15 00 25 65 05 07 19 00 29 65 81 00 C0";
/** Same layout with the full 0..255 key range, as many OEM keyboards declare it. */
const WIDE_KEYBOARD_DESCRIPTOR = BOOT_KEYBOARD_DESCRIPTOR.replace("25 65 05 07 19 00 29 65", "25 FF 05 07 19 00 29 FF");
/** HID 1.11 appendix E.10 boot mouse, and the same with a wheel axis. */
const BOOT_MOUSE_DESCRIPTOR =
  "05 01 09 02 A1 01 09 01 A1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7F 75 08 95 02 81 06 C0 C0";
const WHEEL_MOUSE_DESCRIPTOR = BOOT_MOUSE_DESCRIPTOR.replace("09 30 09 31 15 81 25 7F 75 08 95 02", "09 30 09 31 09 38 15 81 25 7F 75 08 95 03");
/** Keyboard-wedge scanners declare a keyboard with their own key range (simulated values). */
const HONEYWELL_WEDGE_DESCRIPTOR = BOOT_KEYBOARD_DESCRIPTOR.replace("25 65 05 07 19 00 29 65", "25 91 05 07 19 00 29 91");
const SYMBOL_WEDGE_DESCRIPTOR = BOOT_KEYBOARD_DESCRIPTOR.replace("05 01 09 06 A1 01", "05 01 09 06 A1 01 85 01");

const HID_KEYBOARD = { class: 3, subclass: 1, protocol: 1, endpoints: 1 };
const HID_CONSUMER = { class: 3, subclass: 0, protocol: 0, endpoints: 1 };
const HID_MOUSE = { class: 3, subclass: 1, protocol: 2, endpoints: 1 };

export const USB_MODELS: UsbModel[] = [
  {
    key: "logitech-k120",
    kind: "keyboard",
    vendorId: "046d",
    productId: "c31c",
    usbIds: { vendor: "Logitech, Inc.", product: "Keyboard K120" },
    manufacturer: "Logitech",
    product: "USB Keyboard",
    speed: "low",
    bcdUSB: "1.10",
    bcdDevice: "64.00",
    deviceClass: 0,
    maxPowerMa: 90,
    interfaces: [HID_KEYBOARD, HID_CONSUMER],
    hidReportDescriptorSha256: descriptorHash(BOOT_KEYBOARD_DESCRIPTOR),
    typingCps: [3, 8],
    powerMw: 110,
  },
  {
    key: "dell-kb216",
    kind: "keyboard",
    vendorId: "413c",
    productId: "2113",
    usbIds: { vendor: "Dell Computer Corp.", product: "KB216 Wired Keyboard" },
    manufacturer: "Dell",
    product: "Dell KB216 Wired Keyboard",
    speed: "low",
    bcdUSB: "1.10",
    bcdDevice: "1.08",
    deviceClass: 0,
    maxPowerMa: 100,
    interfaces: [HID_KEYBOARD, HID_CONSUMER],
    hidReportDescriptorSha256: descriptorHash(WIDE_KEYBOARD_DESCRIPTOR),
    typingCps: [3, 8],
    powerMw: 120,
  },
  {
    key: "dell-ms116",
    kind: "mouse",
    vendorId: "413c",
    productId: "301a",
    usbIds: { vendor: "Dell Computer Corp.", product: "Dell MS116 Optical Mouse" },
    manufacturer: "PixArt",
    product: "Dell MS116 USB Optical Mouse",
    speed: "low",
    bcdUSB: "2.00",
    bcdDevice: "1.00",
    deviceClass: 0,
    maxPowerMa: 100,
    interfaces: [HID_MOUSE],
    hidReportDescriptorSha256: descriptorHash(WHEEL_MOUSE_DESCRIPTOR),
    powerMw: 90,
  },
  {
    key: "logitech-m100",
    kind: "mouse",
    vendorId: "046d",
    productId: "c077",
    usbIds: { vendor: "Logitech, Inc.", product: "Mouse" },
    manufacturer: "Logitech",
    product: "USB Optical Mouse",
    speed: "low",
    bcdUSB: "2.00",
    bcdDevice: "72.00",
    deviceClass: 0,
    maxPowerMa: 100,
    interfaces: [HID_MOUSE],
    hidReportDescriptorSha256: descriptorHash(BOOT_MOUSE_DESCRIPTOR),
    powerMw: 85,
  },
  {
    key: "honeywell-voyager-1400g",
    kind: "scanner",
    vendorId: "0c2e",
    productId: "0b81",
    usbIds: { vendor: "Metrologic Instruments", product: "Barcode scanner Voyager 1400g Series" },
    manufacturer: "Honeywell Imaging & Mobility",
    product: "1400g",
    serial: "#####@####",
    speed: "full",
    bcdUSB: "2.00",
    bcdDevice: "59.10",
    deviceClass: 0,
    maxPowerMa: 500,
    interfaces: [HID_KEYBOARD],
    hidReportDescriptorSha256: descriptorHash(HONEYWELL_WEDGE_DESCRIPTOR),
    // A keyboard-wedge scanner types a whole barcode in a burst: far above a person,
    // far below a keystroke injector.
    typingCps: [60, 90],
    powerMw: 1_250,
  },
  {
    key: "zebra-symbol-ls2208",
    kind: "scanner",
    vendorId: "05e0",
    productId: "1200",
    usbIds: { vendor: "Symbol Technologies", product: "Bar Code Scanner" },
    manufacturer: "Symbol Technologies, Inc, 2008",
    product: "Symbol Bar Code Scanner",
    serial: "S/N:%%%%%%%%%%%%%%%%",
    speed: "full",
    bcdUSB: "2.00",
    bcdDevice: "1.00",
    deviceClass: 0,
    maxPowerMa: 200,
    interfaces: [HID_KEYBOARD],
    hidReportDescriptorSha256: descriptorHash(SYMBOL_WEDGE_DESCRIPTOR),
    typingCps: [70, 110],
    powerMw: 750,
  },
  {
    key: "sandisk-cruzer-blade",
    kind: "storage",
    vendorId: "0781",
    productId: "5567",
    usbIds: { vendor: "SanDisk Corp.", product: "Cruzer Blade" },
    manufacturer: "SanDisk",
    product: "Cruzer Blade",
    serial: "4C530001%%%%%%%%%%%%",
    speed: "high",
    bcdUSB: "2.00",
    bcdDevice: "1.00",
    deviceClass: 0,
    maxPowerMa: 200,
    interfaces: [{ class: 8, subclass: 6, protocol: 80, endpoints: 2 }],
    powerMw: 350,
  },
  {
    key: "omnikey-3021",
    kind: "smartcard",
    vendorId: "076b",
    productId: "3021",
    usbIds: { vendor: "OmniKey AG", product: "CardMan 3021 / 3121" },
    manufacturer: "OMNIKEY",
    product: "Smart Card Reader USB",
    speed: "full",
    bcdUSB: "2.00",
    bcdDevice: "6.01",
    deviceClass: 0,
    maxPowerMa: 100,
    interfaces: [{ class: 11, subclass: 0, protocol: 0, endpoints: 3 }],
    powerMw: 150,
  },
];

/** Arduino-style HID keyboard descriptor (report ID 2, keys 0..0x73) as a cheap injector sends it. */
export const INJECTOR_KEYBOARD_DESCRIPTOR =
  "05 01 09 06 A1 01 85 02 05 07 19 E0 29 E7 15 00 25 01 75 01 95 08 81 02 95 01 75 08 81 03 95 06 75 08 15 00 25 73 05 07 19 00 29 73 81 00 C0";
