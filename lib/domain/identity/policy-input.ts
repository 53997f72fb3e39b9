// What a person may send as a policy (Settings → Policies, POST /api/policies): bounded, checked
// before anything is stored. Pure: the commands validate with it, the form reader reports its
// problems against the form's own fields.
import { z } from "zod";
import type { UsbAllowEntry } from "./policy";

const hex4 = z.string().regex(/^[0-9a-fA-F]{4}$/, "4 hexadecimal digits").transform((v) => v.toLowerCase());
const list = (max: number) => z.array(z.string().trim().min(1).max(128)).max(max).optional();

/** A fingerprint as a person may name it: the full hash, or the 16-character id the device page shows (resolved on save). */
export const FINGERPRINT_REF = /^(?:[0-9a-f]{16}|[0-9a-f]{64})$/;
const fingerprintRef = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .refine((v) => FINGERPRINT_REF.test(v), "a fingerprint id: 16 or 64 hexadecimal characters, as a device's fingerprint history shows it");
const sha256 = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .refine((v) => /^[0-9a-f]{64}$/.test(v), "a SHA-256 hash: 64 hexadecimal characters");
/** "03.01.01.01,08.06.50.02": class.subclass.protocol.endpoints per interface, hexadecimal, sorted (at most 64, as a report). */
const INTERFACE = /^(?:[0-9a-f]{2}|--)(?:\.(?:[0-9a-f]{2}|--)){3}$/;
const interfaces = z
  .string()
  .max(1000)
  .transform((v) => v.toLowerCase().split(",").map((p) => p.trim()).filter(Boolean).sort())
  .refine((parts) => parts.length > 0 && parts.length <= 64 && parts.every((p) => INTERFACE.test(p)), "interfaces as class.subclass.protocol.endpoints in hexadecimal, comma-separated, e.g. 03.01.01.01,08.06.50.02")
  .transform((parts) => parts.join(","));

/** "07" or "03,07" (hexadecimal, as lsusb writes classes), or the numbers themselves. */
const interfaceClasses = z
  .union([z.array(z.int().min(0).max(255)), z.string().max(200).transform((v) => v.split(",").map((p) => p.trim()).filter(Boolean).map((p) => (/^[0-9a-fA-F]{1,2}$/.test(p) ? parseInt(p, 16) : -1)))])
  .refine((classes) => classes.length > 0 && classes.length <= 32 && classes.every((c) => Number.isInteger(c) && c >= 0 && c <= 255), "interface classes in hexadecimal, comma-separated, e.g. 07 or 03,07")
  .transform((classes) => [...new Set(classes)].sort((a, b) => a - b));

export const usbEntrySchema = z.object({
  vendorId: hex4,
  productId: hex4,
  serial: z.string().trim().max(128).optional(),
  interfaces: interfaces.optional(),
  hidReportDescriptorSha256: sha256.optional(),
  fingerprint: fingerprintRef.optional(),
  interfaceClasses: interfaceClasses.optional(),
});

/** What "allow exactly this device" adds to a policy of each kind; an allow-list's rules are exactly this. */
export const addedRulesSchema = {
  usb_allow: z.object({ entries: z.array(usbEntrySchema).min(1).max(10_000) }),
  baseline: z.object({ fingerprints: z.array(fingerprintRef).min(1).max(10_000) }),
};

// What every policy has besides its kind and rules.
const common = {
  name: z.string().trim().min(1).max(120),
  siteId: z.string().max(64).optional(),
  segmentId: z.string().max(64).optional(),
  enabled: z.boolean().default(true),
};

export const policySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("baseline"),
    ...common,
    rules: z
      .object({ categories: list(50), vendors: list(200), fingerprints: z.array(fingerprintRef).max(10_000).optional(), registeredOnly: z.literal(true).optional() })
      .refine((r) => r.categories?.length || r.vendors?.length || r.fingerprints?.length || r.registeredOnly, "a baseline lists at least one category, vendor or fingerprint"),
  }),
  z.object({
    kind: z.literal("usb_allow"),
    ...common,
    rules: addedRulesSchema.usb_allow,
  }),
]);
export type PolicyInput = z.infer<typeof policySchema>;

// ─── One allow-list entry a line ──────────────────────────────────────────────────────────────

/** The words of a line's bound fields, in the order they are written. */
const LINE_KEYS = { serial: "serial", interfaces: "interfaces", hid: "hidReportDescriptorSha256", fingerprint: "fingerprint", only: "interfaceClasses" } as const;
const IDS = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$/;
const FIRST_KEY = /\s+(?=(?:serial|interfaces|hid|fingerprint|only)=)/;

const unknownToken = (token: string) => `"${token.slice(0, 40)}" is not one of serial=, interfaces=, hid=, fingerprint= or only= with a value`;

/**
 * "046d:c31c", "046d:c31c:SERIAL", then any of "serial=…", "interfaces=…", "hid=…",
 * "fingerprint=…", "only=…" (interface classes) separated by spaces → an entry (not yet validated), or why the line is not one.
 * A serial with spaces is written the older way, after a second colon.
 */
export function parseUsbLine(line: string): { entry: Record<string, string> } | { problem: string } {
  const [head, ...rest] = line.trim().split(FIRST_KEY);
  const ids = IDS.exec(head.trim());
  const stray = /^[0-9a-f]{4}:[0-9a-f]{4}\s+(\S+)/i.exec(head.trim());
  if (!ids) return { problem: stray ? unknownToken(stray[1]) : "write vendor:product in 4 hexadecimal digits each, e.g. 046d:c31c, or 046d:c31c:SERIAL for one device" };
  const entry: Record<string, string> = { vendorId: ids[1], productId: ids[2], ...(ids[3]?.trim() ? { serial: ids[3].trim() } : {}) };
  for (const token of rest.join(" ").split(/\s+/).filter(Boolean)) {
    const [key, ...value] = token.split("=");
    const field = LINE_KEYS[key as keyof typeof LINE_KEYS];
    if (!field || !value.join("=")) return { problem: unknownToken(token) };
    if (entry[field]) return { problem: `${key}= is written twice` };
    entry[field] = value.join("=");
  }
  return { entry };
}

/** The line parseUsbLine reads back: the form's text for an entry (the serial after a second colon, as before bound fields existed). */
export function usbEntryLine(e: UsbAllowEntry): string {
  const only = e.interfaceClasses?.length ? `only=${e.interfaceClasses.map((c) => c.toString(16).padStart(2, "0")).join(",")}` : "";
  const bound = [e.interfaces && `interfaces=${e.interfaces}`, e.hidReportDescriptorSha256 && `hid=${e.hidReportDescriptorSha256}`, e.fingerprint && `fingerprint=${e.fingerprint}`, only];
  return [`${e.vendorId}:${e.productId}${e.serial ? `:${e.serial}` : ""}`, ...bound].filter(Boolean).join(" ");
}

// ─── "Allow exactly this device" ─────────────────────────────────────────────────────────────

/** A device as its page knows it: the claimed USB ids and its current physical fingerprint. */
export type ExactDevice = {
  usb: { vendorId: string; productId: string; serial: string | null } | null;
  fingerprint: { hash: string; attributes: Record<string, unknown> } | null;
};

/**
 * The rule that allows this device and no other: a USB device an allow-list entry bound to
 * everything measured of it (ids, serial, interfaces, descriptor, fingerprint); another device a
 * baseline fingerprint. Null when nothing was measured that could bind it.
 */
export function exactRuleFor(device: ExactDevice): { kind: "usb_allow"; entry: UsbAllowEntry } | { kind: "baseline"; fingerprint: string } | null {
  const attributes = device.fingerprint?.attributes ?? {};
  const text = (key: string) => (typeof attributes[key] === "string" ? (attributes[key] as string) : undefined);
  if (device.usb) {
    const { vendorId, productId, serial } = device.usb;
    const entry: UsbAllowEntry = { vendorId, productId, ...(serial ? { serial } : {}) };
    if (text("usb.interfaces")) entry.interfaces = text("usb.interfaces");
    if (text("usb.hidReportDescriptorSha256")) entry.hidReportDescriptorSha256 = text("usb.hidReportDescriptorSha256");
    if (device.fingerprint) entry.fingerprint = device.fingerprint.hash;
    return { kind: "usb_allow", entry };
  }
  return device.fingerprint ? { kind: "baseline", fingerprint: device.fingerprint.hash } : null;
}

/**
 * A policy's rules with more allowed: entries or fingerprints appended, each at most once.
 * Categories and vendors stay as they are (an added fingerprint does not widen them).
 */
export function withAdded(rules: unknown, added: { entries?: UsbAllowEntry[]; fingerprints?: string[] }): Record<string, unknown> {
  const current = (rules && typeof rules === "object" ? rules : {}) as { entries?: UsbAllowEntry[]; fingerprints?: string[] };
  const key = (e: UsbAllowEntry) => usbEntryLine(e);
  const entries = [...(current.entries ?? [])];
  for (const e of added.entries ?? []) if (!entries.some((x) => key(x) === key(e))) entries.push(e);
  const fingerprints = [...new Set([...(current.fingerprints ?? []), ...(added.fingerprints ?? [])])];
  return { ...current, ...(added.entries ? { entries } : {}), ...(added.fingerprints ? { fingerprints } : {}) };
}
