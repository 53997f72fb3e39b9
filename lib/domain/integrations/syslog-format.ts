// An outbound event as one RFC 5424 syslog message:
//   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [iomt@32473 eventId="…" type="…"] BOM MSG
// with a CEF or a JSON body. 32473 is the private enterprise number RFC 5612 reserves for
// documentation; a deployment that owns a PEN can change SD_ID in one place.
import type { Severity } from "../words/alert-kinds";
import { formatCef, type FormattedBody } from "./syslog-cef";
import { cutToBytes, utf8Bytes } from "./syslog-cut";
import type { OutboundEvent } from "./events";

export const SYSLOG_APP_NAME = "iomt-risk";
export const SD_ID = "iomt@32473";
/** RFC 5424 §6.4: a UTF-8 MSG starts with the byte order mark, so receivers know its encoding. */
export const UTF8_BOM = "\uFEFF";

// local0 (16): the facilities for security (4, 10) and log audit (13) belong to the operating
// system's own subsystems, and a receiver's stock rules file them with the host's auth logs; a
// local facility is the one an operator routes to the SIEM without catching anything else.
export const SYSLOG_FACILITY = 16;

export const SYSLOG_SEVERITY: Record<Severity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };

/** A datagram must fit one UDP packet with room to spare: 8 KiB, rsyslog's default maximum too. */
export const UDP_MAX_BYTES = 8192;
/** A stream has no packet limit, but a receiver's buffer does: 64 KiB keeps one event bounded. */
export const STREAM_MAX_BYTES = 65536;

export type SyslogFormat = "cef" | "json";

export type SyslogMessageOptions = {
  format: SyslogFormat;
  /** The dashboard's host name, as the SIEM should list the sender. */
  hostname: string;
  procId?: string | number | null;
  productVersion: string;
  maxBytes: number;
};

export type SyslogMessage = { text: string; bytes: number; truncated: boolean };

/** PRI = facility × 8 + severity (an unknown severity is sent as notice, 5). */
export function syslogPri(severity: string): number {
  return SYSLOG_FACILITY * 8 + (SYSLOG_SEVERITY[severity as Severity] ?? 5);
}

/** Header fields are printable US-ASCII without spaces (33–126), each with a maximum, or "-". */
export function headerField(value: string | number | null | undefined, max: number): string {
  const text = String(value ?? "").replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return text === "" ? "-" : text;
}

/** RFC 3339 in UTC with milliseconds; the event's own time, so a retry says when it happened. */
export function syslogTimestamp(iso: string, now: Date = new Date()): string {
  const ms = Date.parse(iso);
  return (Number.isNaN(ms) ? now : new Date(ms)).toISOString();
}

/** RFC 5424 §6.3.3: inside a PARAM-VALUE, `"`, `\` and `]` are escaped with a backslash. */
export function escapeSdValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

function structuredData(event: OutboundEvent, truncatedFrom: number | null): string {
  const params: [string, string][] = [
    ["eventId", event.id],
    ["type", event.type],
    ["severity", event.severity],
  ];
  if (truncatedFrom !== null) params.push(["truncatedFrom", String(truncatedFrom)]);
  return `[${SD_ID} ${params.map(([k, v]) => `${k}="${escapeSdValue(v)}"`).join(" ")}]`;
}

function header(event: OutboundEvent, options: SyslogMessageOptions): string {
  return [
    `<${syslogPri(event.severity)}>1`,
    syslogTimestamp(event.occurredAt),
    headerField(options.hostname, 255),
    SYSLOG_APP_NAME,
    headerField(options.procId, 128),
    headerField(event.kind, 32),
  ].join(" ");
}

/** The event as one JSON line (JSON.stringify writes no raw line breaks); cut safely if too long. */
function formatJson(event: OutboundEvent, maxBytes: number): FormattedBody {
  const full = JSON.stringify(event);
  const fullBytes = utf8Bytes(full);
  if (fullBytes <= maxBytes) return { text: full, truncated: false, fullBytes };
  return { text: cutToBytes(full, maxBytes), truncated: true, fullBytes };
}

/**
 * The whole message within `options.maxBytes` (header, structured data, BOM and body). A body cut
 * to fit says so in the structured data: `truncatedFrom="<the body's full size in bytes>"`.
 */
export function formatSyslogMessage(event: OutboundEvent, options: SyslogMessageOptions): SyslogMessage {
  const head = header(event, options);
  // Room for the structured data with a truncation note, so the note never pushes it over.
  const noteRoom = utf8Bytes(` truncatedFrom="999999999999"`);
  const fixed = utf8Bytes(`${head} ${structuredData(event, null)} ${UTF8_BOM}`) + noteRoom;
  const budget = Math.max(0, options.maxBytes - fixed);
  const body =
    options.format === "cef"
      ? formatCef(event, { productVersion: options.productVersion, reporterHost: options.hostname, maxBytes: budget })
      : formatJson(event, budget);
  const sd = structuredData(event, body.truncated ? body.fullBytes : null);
  const text = `${head} ${sd} ${UTF8_BOM}${body.text}`;
  return { text, bytes: utf8Bytes(text), truncated: body.truncated };
}
