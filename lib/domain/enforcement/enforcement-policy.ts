// The enforcement extension of agent protocol v1 (docs/agent-protocol-v1.md, "Enforcement"), as
// bounded zod schemas shared by the server (which builds and validates) and the reference agent
// (which reads the policy and reports what it did). One copy, so the two cannot drift.
import { z } from "zod";

export const POLICY_SCHEMA_ID = "iomt.enforcement-policy/v1";
export const ENFORCEMENT_REPORT_SCHEMA_ID = "iomt.enforcement-report/v1";
export const ENFORCEMENT_MODES = ["monitor", "block_listed", "allow_listed"] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];
export const MAX_POLICY_ENTRIES = 5000;
export const MAX_ENFORCEMENT_ACTIONS = 500;

const hex4 = z.string().regex(/^[0-9a-f]{4}$/, "must be 4 lower-case hexadecimal digits");
const rfc3339 = z.iso.datetime({ offset: true, message: "must be an RFC 3339 date-time, e.g. 2026-11-28T15:00:00Z" });
const interfaceClass = z.int().min(0).max(255);

/** What a USB device must be to match an entry: ids, and each optional field the entry names. */
export const usbMatchSchema = z.object({
  vendorId: hex4,
  productId: hex4,
  serial: z.string().max(128).optional(),
  /** Every interface, "cc.ss.pp.ee" (hex) sorted and joined by "," as lib/domain/identity/fingerprint.ts spells them. */
  interfaces: z.string().max(1024).optional(),
  hidReportDescriptorSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type UsbMatch = z.output<typeof usbMatchSchema>;

export const blockEntrySchema = z.object({
  ruleId: z.string().min(1).max(128),
  deviceId: z.string().max(64).optional(),
  policy: z.string().max(200),
  reason: z.string().max(500),
  scope: z.enum(["device", "interface"]),
  /** scope "interface": the interface classes to de-authorize. */
  interfaceClasses: z.array(interfaceClass).max(32).optional(),
  match: usbMatchSchema,
});
export type BlockEntry = z.output<typeof blockEntrySchema>;

export const allowEntrySchema = z.object({
  ruleId: z.string().min(1).max(128),
  policy: z.string().max(200),
  /** When present, only these interface classes are allowed; the device's other interfaces are de-authorized. */
  interfaceClasses: z.array(interfaceClass).max(32).optional(),
  match: usbMatchSchema,
});
export type AllowEntry = z.output<typeof allowEntrySchema>;

export const enforcementPolicySchema = z.object({
  schema: z.literal(POLICY_SCHEMA_ID),
  version: z.string().regex(/^[0-9a-f]{16}$/),
  mode: z.enum(ENFORCEMENT_MODES),
  block: z.array(blockEntrySchema).max(MAX_POLICY_ENTRIES),
  allow: z.array(allowEntrySchema).max(MAX_POLICY_ENTRIES),
  /** Present only when a list was over MAX_POLICY_ENTRIES: how many of its oldest decisions were left out (never silently). */
  truncated: z.object({ block: z.int().min(0), allow: z.int().min(0) }).optional(),
});
export type EnforcementPolicy = z.output<typeof enforcementPolicySchema>;

export const enforcementActionSchema = z.object({
  actionId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, "must be 8 to 128 characters of A-Z a-z 0-9 . _ : -"),
  at: rfc3339,
  action: z.enum(["blocked", "allowed", "failed"]),
  scope: z.enum(["device", "interface"]),
  target: z.string().min(1).max(64),
  method: z.enum(["sysfs", "usbguard"]),
  mode: z.enum(ENFORCEMENT_MODES),
  ruleId: z.string().max(128).optional(),
  deviceId: z.string().max(64).optional(),
  policy: z.string().max(200),
  usb: z.object({ vendorId: hex4, productId: hex4, serial: z.string().max(128).optional(), interfaceClass: interfaceClass.optional() }).optional(),
  error: z.string().max(512).optional(),
});
export type EnforcementAction = z.output<typeof enforcementActionSchema>;

export const enforcementReportSchema = z.object({
  schema: z.literal(ENFORCEMENT_REPORT_SCHEMA_ID),
  policyVersion: z.string().max(64),
  agent: z.object({ hostname: z.string().max(255).optional() }),
  actions: z.array(enforcementActionSchema).min(1).max(MAX_ENFORCEMENT_ACTIONS),
});
export type EnforcementReport = z.output<typeof enforcementReportSchema>;

/** A USB device as an agent measured it, for matching against entries. */
export type MeasuredUsb = {
  vendorId: string;
  productId: string;
  serial?: string | null;
  interfaces?: string | null;
  hidReportDescriptorSha256?: string | null;
};

/** Ids equal, and each optional field the entry names equal to what was measured. */
export function usbMatches(match: UsbMatch, device: MeasuredUsb): boolean {
  if (match.vendorId !== device.vendorId.toLowerCase() || match.productId !== device.productId.toLowerCase()) return false;
  if (match.serial !== undefined && match.serial !== (device.serial ?? undefined)) return false;
  if (match.interfaces !== undefined && match.interfaces !== (device.interfaces ?? undefined)) return false;
  return match.hidReportDescriptorSha256 === undefined || match.hidReportDescriptorSha256 === (device.hidReportDescriptorSha256 ?? undefined);
}
