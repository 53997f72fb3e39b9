// What one observation tells us about a device: identity keys, claimed identity, what the
// registries say about it, its category and its physical fingerprint. Computed before the
// database is touched, so the transaction only writes. The registries are passed in (lib/ingest
// passes the IEEE OUI registry and usb.ids), so this stays pure.
import { inferCategory } from "./category";
import { fingerprintAttributes, fingerprintHash } from "./fingerprint";
import { isLocallyAdministered, isPlaceholderMac, normalizeMac } from "./mac";
import type { OuiMatch } from "./oui";
import { normalizeUsbId, type UsbNames } from "./usb";
import type { Observation } from "../protocol/agent-report";

/** The reference tables evidence is read against. */
export type Registries = {
  /** The maker of a (globally administered) MAC, from the IEEE OUI registry. */
  ouiVendor(mac: string): OuiMatch | null;
  /** The names usb.ids gives a vendor and product id. */
  usbNames(vendorId: string, productId: string): UsbNames;
};

export type IdentityKey = { kind: "mac" | "usb" | "serial" | "switchport"; value: string };

export type Evidence = {
  observation: Observation;
  keys: IdentityKey[];
  mac: string | null;
  usb: { vendorId: string; productId: string; serial: string | null } | null;
  ouiVendor: string | null;
  usbIdsVendor: string | null;
  usbIdsProduct: string | null;
  vendor: string | null;
  model: string | null;
  category: string;
  categoryRule: string;
  displayName: string;
  fingerprint: { hash: string; attributes: Record<string, string | number | boolean> } | null;
  segment: string | null;
  switchPort: string | null;
  searchText: string;
};

/** Identity keys, strongest first. A USB device without a serial is only unique on its port. */
export function identityKeys(o: Observation, agentId: string, mac: string | null, usb: Evidence["usb"]): IdentityKey[] {
  const keys: IdentityKey[] = [];
  if (mac) keys.push({ kind: "mac", value: mac });
  if (usb) {
    const port = o.physical?.usb?.port;
    if (usb.serial) keys.push({ kind: "usb", value: `${usb.vendorId}:${usb.productId}:${usb.serial}` });
    else if (port) keys.push({ kind: "usb", value: `${usb.vendorId}:${usb.productId}@${agentId}/${port}` });
  }
  const serial = o.claimed?.serialNumber?.trim();
  if (serial) keys.push({ kind: "serial", value: `${(o.claimed?.vendor ?? "").trim().toLowerCase()}|${serial.toUpperCase()}` });
  const switchPort = o.physical?.ethernet?.switchPort?.trim();
  if (keys.length === 0 && switchPort) keys.push({ kind: "switchport", value: switchPort.toLowerCase() });
  return keys;
}

function macSpellings(mac: string): string[] {
  const hex = mac.replace(/:/g, "");
  return [mac, hex, mac.replace(/:/g, "-"), `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`];
}

export function searchTextFor(parts: (string | null | undefined)[], mac: string | null): string {
  const all = [...parts, ...(mac ? macSpellings(mac) : [])].filter((p): p is string => !!p && p.trim().length > 0);
  return all.join(" ").toLowerCase().slice(0, 2000);
}

function nameFor(o: Observation, vendor: string | null, model: string | null, mac: string | null): string {
  const c = o.claimed;
  return (c?.hostname || c?.usb?.product || [vendor, model].filter(Boolean).join(" ") || mac || c?.serialNumber || o.physical?.ethernet?.switchPort || "Unnamed device").slice(0, 255);
}

export function evidenceFrom(o: Observation, agentId: string, registries: Registries): Evidence {
  const c = o.claimed;
  // 00:00:00:00:00:00 and the broadcast address identify nothing: never an identity key.
  const normalized = c?.mac ? normalizeMac(c.mac) : null;
  const mac = normalized && !isPlaceholderMac(normalized) ? normalized : null;
  const usb = c?.usb ? { vendorId: normalizeUsbId(c.usb.vendorId)!, productId: normalizeUsbId(c.usb.productId)!, serial: c.usb.serial?.trim() || null } : null;
  const oui = mac && !isLocallyAdministered(mac) ? registries.ouiVendor(mac) : null;
  const usbIds = usb ? registries.usbNames(usb.vendorId, usb.productId) : null;
  const vendor = c?.vendor || c?.usb?.manufacturer || usbIds?.vendorName || oui?.vendor || null;
  const model = c?.model || c?.usb?.product || usbIds?.productName || null;
  const inferred = inferCategory({
    usbInterfaces: o.physical?.usb?.interfaces,
    usbDeviceClass: o.physical?.usb?.deviceClass,
    usbProduct: c?.usb?.product ?? usbIds?.productName ?? undefined,
    dicom: o.network?.dicom,
    protocols: o.network?.protocols,
    openPorts: o.network?.openPorts,
    vendor: vendor ?? undefined,
    model: model ?? undefined,
    hostname: c?.hostname,
    os: o.software?.os,
    channel: o.channel,
  });
  const attributes = o.physical ? fingerprintAttributes(o.physical) : {};
  const fingerprint = Object.keys(attributes).length ? { hash: fingerprintHash(attributes), attributes } : null;
  const displayName = nameFor(o, vendor, model, mac);
  return {
    observation: o,
    keys: identityKeys(o, agentId, mac, usb),
    mac,
    usb,
    ouiVendor: oui?.vendor ?? null,
    usbIdsVendor: usbIds?.vendorName ?? null,
    usbIdsProduct: usbIds?.productName ?? null,
    vendor,
    model,
    category: inferred.category,
    categoryRule: inferred.rule,
    displayName,
    fingerprint,
    segment: o.network?.segment?.trim() || null,
    switchPort: o.physical?.ethernet?.switchPort?.trim() || null,
    searchText: searchTextFor([displayName, c?.hostname, c?.ip, c?.serialNumber, c?.usb?.serial, vendor, model, oui?.vendor], mac),
  };
}
