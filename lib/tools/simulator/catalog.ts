// The simulator's catalog: every device model, and how a real hospital mixes them per network
// segment (lots of pumps and monitors on the wards, few scanners, one PACS).
import type { NetworkModel, UsbModel } from "./catalog-types";
import { INFUSION_PUMPS, PATIENT_MONITORS, VENTILATORS } from "./catalog-clinical";
import { IMAGING, LAB_ANALYZERS, PACS } from "./catalog-diagnostic";
import { ACCESS_POINTS, PRINTERS, SWITCH, WORKSTATIONS } from "./catalog-it";
import { USB_MODELS } from "./catalog-usb";

export type { Category, NetworkModel, UsbModel, Oui, IpStack, Link } from "./catalog-types";
export { USB_MODELS, BOOT_KEYBOARD_DESCRIPTOR, INJECTOR_KEYBOARD_DESCRIPTOR } from "./catalog-usb";
export { SWITCH } from "./catalog-it";
export { STACKS, LINKS } from "./stacks";

export const NETWORK_MODELS: NetworkModel[] = [
  ...INFUSION_PUMPS,
  ...PATIENT_MONITORS,
  ...VENTILATORS,
  ...IMAGING,
  ...PACS,
  ...LAB_ANALYZERS,
  ...WORKSTATIONS,
  ...PRINTERS,
  ...ACCESS_POINTS,
  SWITCH,
];

const byKey = new Map<string, NetworkModel>(NETWORK_MODELS.map((m) => [m.key, m]));
const usbByKey = new Map<string, UsbModel>(USB_MODELS.map((m) => [m.key, m]));

export function networkModel(key: string): NetworkModel {
  const model = byKey.get(key);
  if (!model) throw new Error(`unknown network model ${key}`);
  return model;
}

export function usbModel(key: string): UsbModel {
  const model = usbByKey.get(key);
  if (!model) throw new Error(`unknown USB model ${key}`);
  return model;
}

/**
 * A kind of network segment: its name stem, VLAN, share of the hospital's network devices, and
 * the relative number of each model on it. Switches are added per segment, not listed here;
 * access points live on the IT VLAN, their management network.
 */
export type SegmentTemplate = { code: string; vlan: number; share: number; mix: Record<string, number> };

const WARD_MIX: Record<string, number> = {
  "bd-alaris-8015": 30,
  "baxter-sigma-spectrum": 18,
  "bbraun-spacestation": 2,
  "philips-intellivue-mx450": 10,
  "ge-carescape-b450": 6,
  "hamilton-c6": 1,
  "dell-optiplex-7090": 10,
  "hp-elitedesk-800-g5": 4,
  "dell-optiplex-7010-win7e": 3,
  "hp-laserjet-m507": 4,
  "zebra-zd621": 3,
};

export const SEGMENT_TEMPLATES: SegmentTemplate[] = [
  {
    code: "IT",
    vlan: 10,
    share: 12,
    mix: { "dell-optiplex-7090": 40, "hp-elitedesk-800-g5": 30, "hp-laserjet-m507": 12, "zebra-zd621": 2, "cisco-catalyst-9120axi": 3 },
  },
  {
    code: "ICU",
    vlan: 20,
    share: 12,
    mix: {
      "philips-intellivue-mx450": 16,
      "ge-carescape-b450": 10,
      "bd-alaris-8015": 22,
      "baxter-sigma-spectrum": 12,
      "bbraun-spacestation": 4,
      "hamilton-c6": 5,
      "medtronic-pb980": 3,
      "draeger-evita-v500": 3,
      "dell-optiplex-7010-win7e": 4,
      "dell-optiplex-7090": 5,
      "hp-laserjet-m507": 1,
    },
  },
  {
    code: "RAD",
    vlan: 30,
    share: 4,
    mix: {
      "ge-revolution-ct": 0.5,
      "ge-signa-pioneer": 0.5,
      "siemens-somatom-go-top": 0.5,
      "siemens-magnetom-vida": 0.5,
      "dell-optiplex-7090": 20,
      "hp-elitedesk-800-g5": 10,
      "dell-optiplex-7010-win7e": 6,
      "hp-laserjet-m507": 3,
    },
  },
  {
    code: "LAB",
    vlan: 40,
    share: 4,
    mix: {
      "roche-cobas-pro": 8,
      "roche-cobas-8000": 5,
      "abbott-alinity-ci": 7,
      "dell-optiplex-7090": 14,
      "dell-optiplex-7010-win7e": 4,
      "zebra-zd621": 8,
      "hp-laserjet-m507": 2,
    },
  },
  { code: "PACS", vlan: 50, share: 0.5, mix: { "softneta-meddream": 2, "dell-optiplex-7090": 8, "hp-elitedesk-800-g5": 2 } },
  {
    code: "ED",
    vlan: 60,
    share: 8,
    mix: {
      "philips-intellivue-mx450": 12,
      "ge-carescape-b450": 8,
      "bd-alaris-8015": 18,
      "baxter-sigma-spectrum": 10,
      "medtronic-pb980": 1,
      "hamilton-c6": 1,
      "dell-optiplex-7090": 14,
      "dell-optiplex-7010-win7e": 3,
      "hp-laserjet-m507": 3,
      "zebra-zd621": 3,
    },
  },
  {
    code: "OR",
    vlan: 70,
    share: 6,
    mix: {
      "ge-carescape-b450": 10,
      "philips-intellivue-mx450": 6,
      "bd-alaris-8015": 12,
      "bbraun-spacestation": 8,
      "draeger-evita-v500": 6,
      "dell-optiplex-7090": 8,
      "dell-optiplex-7010-win7e": 4,
      "hp-laserjet-m507": 1,
    },
  },
];

/** All wards together hold this share; the ward count grows with the hospital. */
export const WARD_TEMPLATE: SegmentTemplate = { code: "WARD", vlan: 24, share: 53, mix: WARD_MIX };

/** Share of all devices that are USB peripherals reported by host agents on workstations. */
export const USB_SHARE = 0.18;

/**
 * How many USB devices a workstation has, by weight: almost all a keyboard and a mouse, many a
 * barcode scanner or badge reader, a few a USB stick on top.
 */
export const USB_PER_WORKSTATION: { value: number; weight: number }[] = [
  { value: 1, weight: 5 },
  { value: 2, weight: 40 },
  { value: 3, weight: 35 },
  { value: 4, weight: 12 },
  { value: 5, weight: 8 },
];

/** What a workstation has plugged in, in order: the n-th USB device on a host is SLOTS[n]. */
export const USB_SLOTS: { clinical: string[]; office: string[] } = {
  clinical: ["logitech-k120", "dell-ms116", "honeywell-voyager-1400g", "omnikey-3021", "sandisk-cruzer-blade"],
  office: ["dell-kb216", "logitech-m100", "omnikey-3021", "zebra-symbol-ls2208", "sandisk-cruzer-blade"],
};
