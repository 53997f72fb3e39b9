// The outbound event (events.ts) as a zod schema, for the OpenAPI document's `webhooks` section:
// what each receiver gets, with the headers it can check. A unit test holds it to the type, so the
// description cannot drift from what is sent.
import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES } from "../words/alert-kinds";
import { EVENT_SCHEMA, QUARANTINE_KINDS } from "./events";

const json = z.unknown().describe("any JSON value");
const text = z.string();
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable();

const device = z.object({
  id: text, name: text, category: text, vendor: maybe(text), model: maybe(text), status: text, statusReason: maybe(text),
  mac: maybe(text), ip: maybe(text), hostname: maybe(text),
  usb: maybe(z.object({ vendorId: text, productId: text, serial: maybe(text) })),
  site: maybe(text), segment: maybe(text), switchPort: maybe(text), vlan: maybe(z.int().min(0).max(4095)), riskScore: z.int(), riskTier: text,
}).describe("the device the event is about, with what a NAC or a SIEM needs to find it on the network");

const base = {
  schema: z.literal(EVENT_SCHEMA),
  id: text.describe('"alert:<id>", "audit:<id>" or "test:<uuid>": the same on every try and redelivery; deduplicate by it'),
  kind: text.describe("the alert kind, the audit action, the quarantine kind, or test"),
  severity: z.enum(ALERT_SEVERITIES),
  occurredAt: z.iso.datetime(),
  summary: text.describe("one line in words"),
  link: maybe(text).describe("the device's dashboard page, when NEXTAUTH_URL is set"),
};

const audit = z.object({ id: text, at: z.iso.datetime(), actor: text, action: text, targetType: text, targetId: maybe(text), before: json, after: json, ip: maybe(text) });

export const alertEventSchema = z.object({
  ...base, type: z.literal("alert"), kind: z.enum(ALERT_KINDS),
  alert: z.object({ id: text, kind: z.enum(ALERT_KINDS), kindWords: text, severity: z.enum(ALERT_SEVERITIES), title: text, status: text, count: z.int().min(1), firstAt: z.iso.datetime(), lastAt: z.iso.datetime(), detail: json }),
  device: maybe(device),
  agent: maybe(z.object({ id: text, name: text, hostname: maybe(text), site: maybe(text) })).describe("for an alert about an agent (agent offline)"),
});

export const auditEventSchema = z.object({ ...base, type: z.literal("audit"), audit, device: maybe(device).describe("when the entry is about a device") });

export const quarantineEventSchema = z.object({
  ...base, type: z.enum(QUARANTINE_KINDS), kind: z.enum(QUARANTINE_KINDS), audit, device: maybe(device),
  quarantine: z.object({
    action: z.enum(["block", "allow"]), mac: maybe(text), ip: maybe(text), switchPort: maybe(text), vlan: maybe(z.int().min(0).max(4095)),
    reason: text, decidedBy: text.describe("the person (e-mail) who decided"),
  }).describe("what a NAC (PacketFence, Cisco ISE, Aruba ClearPass, FortiNAC) acts on"),
});

export const testEventSchema = z.object({ ...base, type: z.literal("test"), kind: z.literal("test") });

const HEADERS = {
  "x-iomt-event": "the event kind (the alert kind, the audit action, device.blocked, device.allowed or test)",
  "x-iomt-event-id": "the event id: the same on every try and redelivery; deduplicate by it",
  "x-iomt-delivery": "this message (one event to one webhook); the same on its retries",
  "x-iomt-timestamp": "unix seconds when this try was signed",
  "x-iomt-signature": 'sha256=<hex HMAC-SHA256 of "<x-iomt-timestamp>.<raw body>" under the webhook secret>; refuse a timestamp more than 5 minutes away',
};

/** The OpenAPI 3.1 `webhooks` section: one operation per event type the dashboard posts. */
export function webhookOperations() {
  const entry = (type: string, summary: string, schema: z.ZodType) => ({
    post: {
      operationId: `webhook${type.replace(/(^|\.)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`,
      summary,
      description: "Sent by the dashboard to each webhook that chose this kind. 2xx = delivered; 5xx, 408, 429 and timeouts (10 s) are retried with exponential backoff (30 s, 1, 2, 4 … min, 8 tries); any other status ends it (dead letter, redeliverable). Redirects are not followed.",
      parameters: Object.entries(HEADERS).map(([name, description]) => ({ name, in: "header", required: true, description, schema: { type: "string" } })),
      requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) } } },
      responses: { "2XX": { description: "Received. Answer within 10 s; do the work afterwards." } },
    },
  });
  return {
    alert: entry("alert", "An alert was opened", alertEventSchema),
    audit: entry("audit", "An audit entry was written", auditEventSchema),
    "device.blocked": entry("device.blocked", "Network quarantine: a person blocked a device", quarantineEventSchema),
    "device.allowed": entry("device.allowed", "Network quarantine: a person allowed (approved) a device", quarantineEventSchema),
    test: entry("test", "A test event (the Test send button): nothing happened", testEventSchema),
  };
}
