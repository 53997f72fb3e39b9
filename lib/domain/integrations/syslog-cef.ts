// An outbound event as ArcSight Common Event Format (Splunk, QRadar, ArcSight and most SIEMs read
// it): `CEF:0|vendor|product|version|signature id|name|severity|extension`. Keys come from the
// CEF key dictionary where one fits (rt, cat, act, msg, externalId, suser, src, smac, shost, cnt,
// reason, request, dvchost); the rest ride in the labelled custom fields cs1…cs6 and cn1…cn2.
import type { Severity } from "../words/alert-kinds";
import { clip, cutToBytes, utf8Bytes } from "./syslog-cut";
import type { OutboundEvent } from "./events";

export const CEF_VENDOR = "iomt-risk";
export const CEF_PRODUCT = "IoMT Asset Risk Dashboard";

/** CEF severity 0–10 (0–3 low, 4–6 medium, 7–8 high, 9–10 very high). */
export const CEF_SEVERITY: Record<Severity, number> = { critical: 10, high: 8, medium: 5, low: 3, info: 1 };

// ArcSight's field lengths: the header name 512, custom strings 4000. Longer is cut, not refused.
const NAME_MAX = 512;
const HEADER_FIELD_MAX = 1023;
const VALUE_MAX = 4000;

/** A header field: `\` and `|` escaped; a line break (not allowed in the header) becomes a space. */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n]/g, " ");
}

/** An extension value: `\`, `=` escaped, CR and LF written as `\r` and `\n` (a pipe needs nothing). */
export function escapeCefValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) => (c === "\r" ? "\\r" : c === "\n" ? "\\n" : `\\${c}`));
}

/** A key, its value, and for the custom fields (cs1…, cn1…) the label that says what it holds. */
export type CefField = [key: string, value: string | number | null | undefined, label?: string];

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-fA-F:]+(?:%[\w.]+)?$/;
const MAC = /^(?:[0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;

function ipOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  return IPV4.test(value) || (value.includes(":") && IPV6.test(value)) ? value : null;
}

function macOrNull(value: string | null | undefined): string | null {
  return value && MAC.test(value) ? value.replace(/-/g, ":").toLowerCase() : null;
}

function epochMs(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Who did it: the audit actor or the person who decided a quarantine. */
function actorOf(event: OutboundEvent): string | null {
  return event.audit?.actor ?? event.quarantine?.decidedBy ?? null;
}

/** What was done: the quarantine action, the audit action, or the alert's state. */
function actionOf(event: OutboundEvent): string | null {
  return event.quarantine?.action ?? event.audit?.action ?? event.alert?.status ?? null;
}

/** Event fields first, then the device: when a datagram must be cut, the tail goes first. */
export function cefFields(event: OutboundEvent, reporterHost: string | null): CefField[] {
  const d = event.device ?? null;
  const q = event.quarantine;
  return [
    ["externalId", event.id],
    ["rt", epochMs(event.occurredAt)],
    ["cat", event.type],
    ["act", actionOf(event)],
    ["suser", actorOf(event)],
    ["cnt", event.alert?.count],
    ["dvchost", reporterHost],
    ["cs1", d?.id, "deviceId"],
    ["cs2", d?.name, "deviceName"],
    ["src", ipOrNull(q?.ip ?? d?.ip)],
    ["smac", macOrNull(q?.mac ?? d?.mac)],
    ["shost", d?.hostname],
    ["cs3", d?.site, "site"],
    ["cs4", d?.segment, "segment"],
    ["cs5", q?.switchPort ?? d?.switchPort, "switchPort"],
    ["cs6", d?.riskTier, "riskTier"],
    ["cn1", d ? Math.round(d.riskScore) : null, "riskScore"],
    ["cn2", q?.vlan ?? d?.vlan, "vlan"],
    ["reason", q?.reason],
    ["request", event.link],
    ["msg", event.summary],
  ];
}

function cefHeader(event: OutboundEvent, productVersion: string): string {
  const fields = [
    "CEF:0",
    CEF_VENDOR,
    CEF_PRODUCT,
    productVersion,
    clip(event.kind, HEADER_FIELD_MAX),
    clip(event.summary, NAME_MAX),
    String(CEF_SEVERITY[event.severity] ?? 0),
  ];
  return fields.map((f, i) => (i === 0 || i === 6 ? f : escapeCefHeader(f))).join("|") + "|";
}

/** One field as `key=value`, a custom field with its label first: the two are kept or dropped together. */
function cefPair([key, value, label]: CefField): string | null {
  if (value === null || value === undefined || value === "") return null;
  const pair = `${key}=${escapeCefValue(clip(String(value), VALUE_MAX))}`;
  return label ? `${key}Label=${label} ${pair}` : pair;
}

export type FormattedBody = { text: string; truncated: boolean; fullBytes: number };

/**
 * The CEF line, within `maxBytes` of UTF-8. When it does not fit, whole fields are dropped from the
 * end (a field is never cut in the middle, so no value is wrong, only absent); only when the first
 * field alone does not fit is its value cut, at a safe place.
 */
export function formatCef(event: OutboundEvent, options: { productVersion: string; reporterHost: string | null; maxBytes: number }): FormattedBody {
  const header = cefHeader(event, options.productVersion);
  const pairs = cefFields(event, options.reporterHost).map(cefPair).filter((p): p is string => p !== null);
  const full = header + pairs.join(" ");
  const fullBytes = utf8Bytes(full);
  if (fullBytes <= options.maxBytes) return { text: full, truncated: false, fullBytes };
  let text = header;
  for (const pair of pairs) {
    const next = text === header ? text + pair : `${text} ${pair}`;
    if (utf8Bytes(next) > options.maxBytes) break;
    text = next;
  }
  if (text === header) text = cutToBytes(header + (pairs[0] ?? ""), options.maxBytes);
  return { text, truncated: true, fullBytes };
}
