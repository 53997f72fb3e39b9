// The agent report, exactly as agent-protocol-v1 defines it, as one bounded zod schema. Every
// string has a length cap, every number a range, every array a size cap; the 5 MiB body limit
// bounds the rest. The OpenAPI document is generated from these same schemas.
import { z } from "zod";
import { isPlaceholderMac, normalizeMac } from "../identity/mac";
import { agentHealthFields } from "./agent-health";

export const REPORT_SCHEMA_ID = "iomt.agent-report/v1";
export const MAX_OBSERVATIONS = 5000;

const rfc3339 = z.iso.datetime({ offset: true, message: "must be an RFC 3339 date-time, e.g. 2026-11-28T15:00:00Z" });
const text = (max: number) => z.string().max(max);
const hex4 = z.string().regex(/^(0x)?[0-9a-fA-F]{4}$/, "must be 4 hexadecimal digits");
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Extra fields an agent may add to physical.* are kept, within limits, never as prototype keys. */
function boundedExtras(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) ctx.addIssue({ code: "custom", path: [key], message: "this key is not allowed" });
    else if (key.length > 64) ctx.addIssue({ code: "custom", path: [key.slice(0, 64)], message: "keys are at most 64 characters" });
  }
  if (JSON.stringify(value).length > 16_384) ctx.addIssue({ code: "custom", message: "at most 16 KiB per measurement group" });
}

const usbInterface = z.object({
  class: z.int().min(0).max(255),
  subclass: z.int().min(0).max(255).optional(),
  protocol: z.int().min(0).max(255).optional(),
  endpoints: z.int().min(0).max(32).optional(),
});

export const claimedSchema = z.object({
  mac: text(64).refine((v) => normalizeMac(v) !== null, "must be a MAC address, e.g. 00:09:fb:12:34:56").optional(),
  ip: z.union([z.ipv4(), z.ipv6()], { message: "must be an IPv4 or IPv6 address" }).optional(),
  hostname: text(255).optional(),
  vendor: text(128).optional(),
  model: text(128).optional(),
  serialNumber: text(128).optional(),
  firmwareVersion: text(64).optional(),
  usb: z
    .object({ vendorId: hex4, productId: hex4, manufacturer: text(128).optional(), product: text(128).optional(), serial: text(128).optional() })
    .optional(),
});

export const physicalSchema = z.object({
  ethernet: z
    .looseObject({
      switchPort: text(128).optional(),
      vlan: z.int().min(0).max(4095).optional(),
      linkSpeedMbps: z.number().min(0).max(1_000_000).optional(),
      duplex: z.enum(["full", "half"]).optional(),
      autoNegotiation: z.boolean().optional(),
      poeClass: z.int().min(0).max(8).optional(),
      lldpChassisId: text(128).optional(),
      dhcpFingerprint: text(512).optional(),
      dhcpVendorClass: text(256).optional(),
      ttl: z.int().min(0).max(255).optional(),
      tcpSignature: text(512).optional(),
      ja4: text(128).optional(),
    })
    .superRefine(boundedExtras)
    .optional(),
  usb: z
    .looseObject({
      port: text(64).optional(),
      speed: z.enum(["low", "full", "high", "super", "super-plus"]).optional(),
      bcdUSB: text(16).optional(),
      bcdDevice: text(16).optional(),
      deviceClass: z.int().min(0).max(255).optional(),
      maxPowerMa: z.number().min(0).max(10_000).optional(),
      interfaces: z.array(usbInterface).max(64).optional(),
      hidReportDescriptorSha256: text(128).optional(),
      keystrokeRateCps: z.number().min(0).max(1_000_000).optional(),
    })
    .superRefine(boundedExtras)
    .optional(),
  electrical: z
    .looseObject({ powerDrawMw: z.number().min(0).max(100_000_000).optional(), signalRiseTimeNs: z.number().min(0).max(1_000_000).optional() })
    .superRefine(boundedExtras)
    .optional(),
});

export const networkSchema = z.object({
  segment: text(128).optional(),
  openPorts: z.array(z.int().min(0).max(65535)).max(1024).optional(),
  protocols: z.array(text(32)).max(64).optional(),
  internetExposed: z.boolean().optional(),
  dicom: z
    .object({ implementationClassUid: text(64).optional(), implementationVersionName: text(64).optional(), aeTitle: text(64).optional() })
    .optional(),
});

export const softwareSchema = z.object({
  os: text(128).optional(),
  components: z
    .array(z.object({ name: text(256), version: text(128).optional(), cpe: text(512).optional(), purl: text(1024).optional() }))
    .max(2000)
    .optional(),
});

/** An all-zero or broadcast MAC is what a confused sensor sends; it identifies nothing. */
const identifyingMac = (mac: string | undefined) => {
  const normalized = mac ? normalizeMac(mac) : null;
  return !!normalized && !isPlaceholderMac(normalized);
};

export const observationSchema = z
  .object({
    observedAt: rfc3339,
    channel: z.enum(["ethernet", "wifi", "usb", "bluetooth", "serial"]),
    action: z.enum(["seen", "removed"]).default("seen"),
    claimed: claimedSchema.optional(),
    physical: physicalSchema.optional(),
    network: networkSchema.optional(),
    software: softwareSchema.optional(),
  })
  .refine((o) => !!(identifyingMac(o.claimed?.mac) || o.claimed?.usb || o.claimed?.serialNumber || o.physical?.ethernet?.switchPort), {
    message: "an observation needs at least one identifying key: claimed.mac, claimed.usb, claimed.serialNumber or physical.ethernet.switchPort",
  });

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID, { message: `must be "${REPORT_SCHEMA_ID}"` }),
  reportId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, "must be 8 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"),
  sentAt: rfc3339,
  agent: z.object({ version: text(64), hostname: text(255), ...agentHealthFields }),
  mode: z.enum(["snapshot", "delta"]).default("delta"),
  observations: z.array(observationSchema).max(MAX_OBSERVATIONS, `at most ${MAX_OBSERVATIONS} observations per report`),
});

export type AgentReport = z.output<typeof reportSchema>;
export type Observation = z.output<typeof observationSchema>;
export type PhysicalEvidence = NonNullable<Observation["physical"]>;

/** A plain JSON value: what a report carries, and what the product keeps as JSON (alert details, facts). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The 202 answer, stored with the report so a retry gets the same answer back. */
export type ReportAnswer = {
  reportId: string;
  accepted: number;
  devices: { new: number; updated: number };
  alerts: number;
  /** Only when observations outside the agent's lane were refused (the first few named by path); old agents ignore it. */
  refused?: { count: number; issues: { path: string; message: string }[] };
};
