// The shapes of the simulator's device catalog. A model fixes everything that is the same for
// every unit of it (its IP stack, its USB descriptors, its open ports); a device adds only what
// differs per unit (MAC suffix, serial, IP, port) — which is what makes a physical fingerprint
// stable per model and per device, and a spoof stand out.
import { createHash } from "node:crypto";
import type { EthernetEvidence, SoftwareFacts, UsbInterface, UsbSpeed } from "./protocol";

export type Category =
  | "infusion_pump"
  | "patient_monitor"
  | "ventilator"
  | "imaging"
  | "pacs"
  | "lab_analyzer"
  | "workstation"
  | "printer"
  | "network_gear"
  | "usb_peripheral"
  | "unknown";

/** What an IP stack shows on the wire: the same for every unit running that firmware. */
export type IpStack = Required<Pick<EthernetEvidence, "dhcpFingerprint" | "ttl" | "tcpSignature">> &
  Pick<EthernetEvidence, "dhcpVendorClass" | "ja4">;

/** Link-layer facts of the model's network interface (absent for Wi-Fi models). */
export type Link = Required<Pick<EthernetEvidence, "linkSpeedMbps" | "duplex" | "autoNegotiation">> & Pick<EthernetEvidence, "poeClass">;

/** An IEEE MA-L prefix and the start of the organisation name the registry gives for it. */
export type Oui = { prefix: string; org: string };

export type FirmwareShare = { version: string; weight: number };

export type NetworkModel = {
  key: string;
  category: Exclude<Category, "usb_peripheral">;
  vendor: string;
  model: string;
  ouis: Oui[];
  firmware: FirmwareShare[];
  /** '#' digit, '@' letter, '%' hex digit (see fillTemplate). */
  serial: string;
  /** Hostname stem: INFUSION → INFUSION-4N-017. */
  hostname: string;
  channel: "ethernet" | "wifi";
  stack: IpStack;
  link?: Link;
  openPorts: number[];
  protocols: string[];
  software?: SoftwareFacts;
  /** DICOM identity; aeTitle is a stem, each unit appends its number (CT_ROOM → CT_ROOM2). */
  dicom?: { implementationClassUid?: string; implementationVersionName?: string; aeTitle: string };
  powerMw: number;
  signalRiseTimeNs: number;
  /** A later firmware that part of the fleet moves to during a run (a delta the server sees). */
  upgradeTo?: string;
};

export type UsbModel = {
  key: string;
  vendorId: string;
  productId: string;
  /** What usb.ids calls the vendor and product (checked by a test against lib/reference). */
  usbIds: { vendor: string; product: string };
  manufacturer: string;
  product: string;
  /** Serial template; absent for devices that report no iSerial (then the port identifies it). */
  serial?: string;
  speed: UsbSpeed;
  bcdUSB: string;
  bcdDevice: string;
  deviceClass: number;
  maxPowerMa: number;
  interfaces: UsbInterface[];
  hidReportDescriptorSha256?: string;
  /** Typing rate range in characters per second, for devices that type. */
  typingCps?: [number, number];
  powerMw: number;
  kind: "keyboard" | "mouse" | "scanner" | "storage" | "smartcard";
};

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** SHA-256 of a HID report descriptor given as hex bytes ("05 01 09 06 …"). */
export const descriptorHash = (hexBytes: string): string => sha256(Buffer.from(hexBytes.replace(/\s+/g, ""), "hex"));

/**
 * A JA4 TLS client fingerprint (FoxIO format: proto+version+sni+counts+alpn _ cipher hash _
 * extension hash). The two hashes are derived from the stack name: stable per stack, and
 * different stacks never share one.
 */
export function ja4(version: "12" | "13", sni: "d" | "i", ciphers: number, extensions: number, alpn: string, stackName: string): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `t${version}${sni}${pad(ciphers)}${pad(extensions)}${alpn}_${sha256(`${stackName}/ciphers`).slice(0, 12)}_${sha256(`${stackName}/extensions`).slice(0, 12)}`;
}
