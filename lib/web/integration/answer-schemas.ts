// The integration API's answers as zod schemas: the OpenAPI document is generated from them, and
// the integration tests parse every answer with them (strict objects: an extra field fails), so
// the document cannot drift from what the server sends.
import { z } from "zod";
import { CRITICALITIES, DEVICE_STATUSES, PHI_HANDLING, RISK_TIERS } from "../../domain/words/vocabulary";

const isoDate = z.iso.datetime().describe("ISO 8601, UTC");
const nullableDate = isoDate.nullable();
const text = z.string().nullable();

export const deviceSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string().describe("display name, from what agents report: untrusted text, escape it when displaying"),
  category: z.string().describe("e.g. infusion_pump, ventilator, patient_monitor, imaging, workstation, printer, unknown"),
  vendor: text,
  model: text,
  mac: text.describe("claimed MAC, lower case, colon separated"),
  ip: text.describe("claimed IP address"),
  site: text.describe("site name"),
  segment: text.describe("network segment name"),
  status: z.enum(DEVICE_STATUSES),
  spoofSuspected: z.boolean(),
  criticality: z.enum(CRITICALITIES),
  risk: z.strictObject({ score: z.int().min(0).max(100), tier: z.enum(RISK_TIERS) }),
  firstSeenAt: isoDate,
  lastSeenAt: isoDate,
  notSeenAt: nullableDate.describe("set when the reporting agent's last snapshot no longer listed the device"),
});

const place = z.strictObject({ id: z.string(), name: z.string() }).nullable();

export const deviceDetailSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  status: z.enum(DEVICE_STATUSES),
  statusReason: text,
  spoofSuspected: z.boolean(),
  claimed: z
    .strictObject({
      mac: text, ip: text, hostname: text, vendor: text, model: text, serialNumber: text, firmwareVersion: text,
      usb: z.strictObject({ vendorId: text, productId: text, serial: text, manufacturer: text, product: text }).nullable(),
    })
    .describe("what the device says it is (agents report it; it can lie)"),
  physical: z
    .strictObject({
      channel: text, switchPort: text, macLocallyAdministered: z.boolean(), ouiVendor: text, usbIdsVendor: text, usbIdsProduct: text,
      fingerprint: z
        .strictObject({
          hash: z.string(), channel: z.string(), verdict: z.string().describe("initial | same | changed | different"), similarity: z.number().nullable(),
          attributes: z.record(z.string(), z.unknown()), firstSeenAt: isoDate, lastSeenAt: isoDate, seenCount: z.int(),
        })
        .nullable(),
    })
    .describe("what was measured: the current physical fingerprint and the registries' view of the claimed identifiers"),
  identified: z.strictObject({ vendor: text, model: text, firmwareVersion: text, os: text }),
  location: z.strictObject({
    site: place,
    segment: z.strictObject({ id: z.string(), name: z.string(), exposure: z.string() }).nullable(),
    department: text, location: text, owner: text,
  }),
  criticality: z.enum(CRITICALITIES),
  phi: z.enum(PHI_HANDLING),
  firstSeenAt: isoDate,
  lastSeenAt: isoDate,
  notSeenAt: nullableDate,
  risk: z.strictObject({
    score: z.int().min(0).max(100),
    tier: z.enum(RISK_TIERS),
    ssvc: z.string().nullable().describe("Track | Track* | Attend | Act"),
    computedAt: nullableDate,
    acceptedUntil: nullableDate.describe("set while an accepted risk is in force"),
    factors: z
      .strictObject({
        modelVersion: z.unknown(), exposure: z.unknown(), controls: z.unknown(), criticality: z.unknown(), phi: z.unknown(), impact: z.unknown(),
        unauthorized: z.unknown(), spoofDetected: z.unknown(), driver: z.unknown(), rawScore: z.unknown(), floors: z.unknown(), feeds: z.unknown(),
        endOfLife: z.unknown().describe("model 2: the ended operating system (name, end date, source), or null"),
        counts: z.unknown().describe("model 2: matched vulnerabilities counted apart, { affected, possible }"),
      })
      .nullable()
      .describe("the current breakdown's factors, each with its value, source and date (see the risk model page)"),
  }),
  openAlerts: z.int().min(0),
  vulnerabilities: z.strictObject({
    total: z.int().min(0),
    items: z
      .array(z.strictObject({ id: z.string().describe("CVE id"), kev: z.boolean(), kevRansomware: z.boolean(), cvssBaseScore: z.number().nullable(), status: z.string().describe("affected | needs_review"), source: z.string().describe("csaf | cpe | sbom"), advisoryId: text }))
      .describe("at most 200, known-exploited and most severe first"),
  }),
});

const by = z.strictObject({ at: isoDate, by: z.string().nullable().describe("the user's e-mail") }).nullable();

export const alertSummarySchema = z.strictObject({
  id: z.string(),
  kind: z.string().describe("new_device | unauthorized | spoof | fingerprint_changed | risk_jump | device_silent | agent_offline | moved_or_duplicated | blocked_returned | unplanned_firmware | firmware_change_failed"),
  severity: z.string().describe("critical | high | medium | low | info"),
  title: z.string(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  count: z.int().min(1).describe("how many times it was raised (duplicates are counted, not repeated)"),
  firstAt: isoDate,
  lastAt: isoDate,
  device: z.strictObject({ id: z.string(), name: z.string().nullable() }).nullable(),
  agent: z.strictObject({ id: z.string(), name: z.string().nullable() }).nullable().describe("for agent alerts (agent_offline)"),
  acknowledged: by,
  resolved: z
    .strictObject({ at: isoDate, by: z.string().nullable().describe("the user's e-mail; null when the alert closed itself"), reason: z.string().nullable().describe("why it closed itself (its condition cleared), or null when a person resolved it") })
    .nullable(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), nextCursor: z.string().nullable().describe("pass as ?cursor= for the next page, with the same filters and sort; null on the last page") });
export const oneOf = <T extends z.ZodType>(item: T) => z.strictObject({ data: item });
