import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { lookupUsbIds } from "../../reference/usb-ids";
import { NETWORK_MODELS, SEGMENT_TEMPLATES, USB_MODELS, USB_SLOTS, WARD_TEMPLATE, networkModel, usbModel } from "./catalog";

// The IEEE registry as shipped in oui-data: "00D075" → "ALARIS MEDICAL SYSTEMS, INC.\n<address>".
const registry = createRequire(import.meta.url)("oui-data") as Record<string, string>;
const organisation = (prefix: string) => registry[prefix]?.split("\n")[0];

/** usb.ids as text: is there a "vvvv  Vendor" line followed (in its block) by "\tpppp  Product"? */
const usbIdsText = readFileSync(new URL("../../reference/usb/usb.ids", import.meta.url), "utf8");
function usbIdsHas(vendorId: string, productId: string): boolean {
  const start = usbIdsText.search(new RegExp(`^${vendorId}  `, "m"));
  if (start < 0) return false;
  const block = usbIdsText.slice(start).split(/\n(?=[0-9a-f]{4}  )/)[0];
  return new RegExp(`^\\t${productId}  `, "m").test(block);
}

describe("device catalog", () => {
  it.each(NETWORK_MODELS.flatMap((m) => m.ouis.map((oui) => [m.key, oui.prefix, oui.org] as const)))("%s: OUI %s belongs to %s in oui-data", (_key, prefix, org) => {
    expect(prefix).toMatch(/^[0-9A-F]{6}$/);
    expect(organisation(prefix)?.toLowerCase().startsWith(org.toLowerCase()), `${prefix} is "${organisation(prefix)}"`).toBe(true);
  });

  it("names the vendors the brief asks for, with their own prefixes", () => {
    expect(organisation("0009FB")).toMatch(/^Philips/);
    expect(organisation("00D075")).toMatch(/^ALARIS/);
    expect(organisation("F8C678")).toMatch(/^Carefusion/);
    expect(organisation("9CC8AE")).toMatch(/^Becton, Dickinson/);
  });

  it.each(USB_MODELS.map((m) => [m.key, m.vendorId, m.productId] as const))("%s: %s:%s is in usb.ids with the names the catalog expects", (key, vendorId, productId) => {
    expect(vendorId).toMatch(/^[0-9a-f]{4}$/);
    expect(productId).toMatch(/^[0-9a-f]{4}$/);
    expect(usbIdsHas(vendorId, productId)).toBe(true);
    const m = usbModel(key);
    expect(lookupUsbIds(vendorId, productId)).toEqual({ vendorName: m.usbIds.vendor, productName: m.usbIds.product });
  });

  it("has the firmware the vulnerability matcher needs on both sides of a fix", () => {
    const versions = (key: string) => networkModel(key).firmware.map((f) => f.version);
    expect(versions("bd-alaris-8015")).toEqual(["12.1.3", "12.1.4"]);
    expect(versions("baxter-sigma-spectrum")).toEqual(["8.00.01"]);
    expect(versions("softneta-meddream")).toEqual(["7.2.8.810", "7.2.9"]);
  });

  it("gives imaging devices DICOM identities under their vendor's UID root", () => {
    for (const m of NETWORK_MODELS.filter((m) => m.category === "imaging")) {
      const root = m.vendor.startsWith("GE") ? "1.2.840.113619." : "1.3.12.2.1107.";
      expect(m.dicom?.implementationClassUid?.startsWith(root), m.key).toBe(true);
      expect(m.dicom!.implementationVersionName!.length).toBeLessThanOrEqual(16);
    }
  });

  it("gives every model a complete, plausible IP stack and link", () => {
    for (const m of NETWORK_MODELS) {
      expect(m.stack.dhcpFingerprint, m.key).toMatch(/^\d+(,\d+)*$/);
      expect([64, 128, 255]).toContain(m.stack.ttl);
      expect(m.stack.tcpSignature.startsWith(`4:${m.stack.ttl}+0:`), m.key).toBe(true);
      if (m.stack.ja4) expect(m.stack.ja4).toMatch(/^t1[23][di]\d{4}[a-z0-9]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/);
      expect(m.channel === "wifi" || m.link !== undefined, m.key).toBe(true);
    }
  });

  it("gives USB models descriptors that tell a keyboard from a scanner and people from machines", () => {
    const hashes = USB_MODELS.filter((m) => m.hidReportDescriptorSha256).map((m) => m.hidReportDescriptorSha256);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const m of USB_MODELS.filter((m) => m.kind === "keyboard")) expect(m.typingCps).toEqual([3, 8]);
    for (const m of USB_MODELS.filter((m) => m.kind === "scanner")) expect(m.typingCps![1]).toBeLessThan(200);
    expect(usbModel("logitech-k120")).toMatchObject({ vendorId: "046d", productId: "c31c", product: "USB Keyboard", speed: "low" });
    expect(usbModel("sandisk-cruzer-blade").interfaces).toEqual([{ class: 8, subclass: 6, protocol: 80, endpoints: 2 }]);
  });

  it("mixes only models it knows", () => {
    for (const t of [...SEGMENT_TEMPLATES, WARD_TEMPLATE]) for (const key of Object.keys(t.mix)) expect(() => networkModel(key)).not.toThrow();
    for (const key of [...USB_SLOTS.clinical, ...USB_SLOTS.office]) expect(() => usbModel(key)).not.toThrow();
  });
});
