import { describe, expect, it } from "vitest";
import type { OutboundEvent } from "./events";
import { escapeCefHeader, escapeCefValue, formatCef } from "./syslog-cef";
import { readCef } from "../../../tests/support/syslog-cef-read";
import { cutToBytes, utf8Bytes } from "./syslog-cut";
import { escapeSdValue, formatSyslogMessage, headerField, syslogPri, syslogTimestamp, UTF8_BOM } from "./syslog-format";

const EVIL = "evil|name=x\\y\nsecond line";

function alertEvent(over: Partial<OutboundEvent> = {}): OutboundEvent {
  return {
    schema: "iomt.event/v1",
    id: "alert:a1",
    type: "alert",
    kind: "spoof.suspected",
    severity: "critical",
    occurredAt: "2026-03-01T10:20:30.456Z",
    summary: `Spoof suspected on ${EVIL}`,
    link: "https://dash.example/devices/d1",
    alert: { id: "a1", kind: "spoof.suspected", kindWords: "Spoof suspected", severity: "critical", title: "t", status: "open", count: 3, firstAt: "2026-03-01T10:00:00.000Z", lastAt: "2026-03-01T10:20:30.456Z", detail: null },
    device: {
      id: "d1", name: EVIL, category: "infusion_pump", vendor: "Acme", model: "P1", status: "unauthorized", statusReason: null,
      mac: "AA-BB-CC-00-11-22", ip: "10.0.0.5", hostname: "pump-1", usb: null, site: "North", segment: "ICU", switchPort: "Gi1/0/3", vlan: 20, riskScore: 87.4, riskTier: "critical",
    },
    ...over,
  };
}

function splitCef(line: string) {
  const record = readCef(line);
  if (!record) throw new Error(`not CEF: ${line}`);
  return record;
}

const options = { format: "cef" as const, hostname: "dash-1", procId: 42, productVersion: "1", maxBytes: 8192 };

describe("RFC 5424 framing", () => {
  it("computes PRI from facility local0 and the severity", () => {
    expect(syslogPri("critical")).toBe(130);
    expect(syslogPri("high")).toBe(131);
    expect(syslogPri("medium")).toBe(132);
    expect(syslogPri("low")).toBe(133);
    expect(syslogPri("info")).toBe(134);
  });

  it("writes the header, structured data and a BOM before the body", () => {
    const text = formatSyslogMessage(alertEvent(), options).text;
    expect(text.startsWith(`<130>1 2026-03-01T10:20:30.456Z dash-1 iomt-risk 42 spoof.suspected [iomt@32473 eventId="alert:a1" type="alert" severity="critical"] ${UTF8_BOM}CEF:0|`)).toBe(true);
    expect(text).not.toMatch(/[\r\n]/);
  });

  it("uses the event's time in RFC 3339 UTC, or now when it is unreadable", () => {
    expect(syslogTimestamp("2026-03-01T11:20:30.456+01:00")).toBe("2026-03-01T10:20:30.456Z");
    expect(syslogTimestamp("garbage", new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T00:00:00.000Z");
  });

  it("keeps header fields printable ASCII, bounded, and '-' when empty", () => {
    expect(headerField("a b\tc\u00e9d", 32)).toBe("abcd");
    expect(headerField("x".repeat(40), 32)).toHaveLength(32);
    expect(headerField("", 32)).toBe("-");
    expect(headerField(null, 32)).toBe("-");
  });

  it("escapes quote, backslash and closing bracket in structured data values", () => {
    expect(escapeSdValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const text = formatSyslogMessage(alertEvent({ id: 'alert:x"]\\' }), options).text;
    expect(text).toContain('eventId="alert:x\\"\\]\\\\"');
  });
});

describe("CEF body", () => {
  it("escapes backslash and pipe in header fields and turns line breaks into spaces", () => {
    expect(escapeCefHeader("a|b\\c\r\nd\ne")).toBe("a\\|b\\\\c d e");
  });

  it("escapes backslash, equals, newline and carriage return in extension values, not pipes", () => {
    expect(escapeCefValue("a|b=c\\d\ne\rf")).toBe("a|b\\=c\\\\d\\ne\\rf");
  });

  it("gives back the exact device name and header fields when parsed", () => {
    const body = formatCef(alertEvent(), { productVersion: "1", reporterHost: "dash-1", maxBytes: 8192 });
    const { header, extension: fields } = splitCef(body.text);
    expect(header).toEqual(["CEF:0", "iomt-risk", "IoMT Asset Risk Dashboard", "1", "spoof.suspected", "Spoof suspected on evil|name=x\\y second line", "10"]);
    expect(fields.cs2).toBe(EVIL);
    expect(fields.cs2Label).toBe("deviceName");
    expect(fields.msg).toBe(`Spoof suspected on ${EVIL}`);
    expect(fields).toMatchObject({ externalId: "alert:a1", cat: "alert", act: "open", cs1: "d1", src: "10.0.0.5", smac: "aa:bb:cc:00:11:22", shost: "pump-1", cs5: "Gi1/0/3", cn2: "20", cn1: "87", cnt: "3", dvchost: "dash-1" });
    expect(fields.rt).toBe(String(Date.parse("2026-03-01T10:20:30.456Z")));
  });

  it("leaves out a device address that is not an address", () => {
    const event = alertEvent();
    const body = formatCef({ ...event, device: { ...event.device!, ip: "not an ip", mac: "zz" } }, { productVersion: "1", reporterHost: null, maxBytes: 8192 });
    expect(body.text).not.toMatch(/ src=| smac=/);
  });
});

describe("truncation", () => {
  it("never cuts inside a UTF-8 character or an escape", () => {
    expect(cutToBytes("ab\u00e9", 3)).toBe("ab");
    expect(cutToBytes("a\u{1F600}b", 4)).toBe("a");
    expect(cutToBytes("ab\\=cd", 3)).toBe("ab");
    expect(cutToBytes("ab\\\\cd", 4)).toBe("ab\\\\");
    expect(cutToBytes('{"a":"\\u00e9x"}', 10)).toBe('{"a":"');
  });

  it("drops whole CEF fields from the end and says so in the structured data", () => {
    const event = alertEvent({ summary: "é".repeat(3000) });
    const message = formatSyslogMessage(event, { ...options, maxBytes: 2048 });
    expect(message.truncated).toBe(true);
    expect(message.bytes).toBeLessThanOrEqual(2048);
    expect(message.text).toMatch(/truncatedFrom="\d+"/);
    const { extension: fields } = splitCef(message.text.slice(message.text.indexOf("CEF:0")));
    expect(fields.cs2).toBe(EVIL);
    expect(fields.msg).toBeUndefined();
    expect(Buffer.from(message.text, "utf8").toString("utf8")).toBe(message.text);
  });

  it("cuts a long JSON body within the cap and marks it", () => {
    const event = alertEvent({ summary: "\u00e9\"\\".repeat(5000) });
    const message = formatSyslogMessage(event, { ...options, format: "json", maxBytes: 8192 });
    expect(message.truncated).toBe(true);
    expect(message.bytes).toBeLessThanOrEqual(8192);
    expect(utf8Bytes(message.text)).toBe(message.bytes);
    const body = message.text.slice(message.text.indexOf(UTF8_BOM) + 1);
    expect(body.startsWith('{"schema":"iomt.event/v1"')).toBe(true);
    expect(/(?<!\\)(?:\\\\)*\\$/.test(body)).toBe(false);
  });

  it("sends a small event whole, and JSON parses back to the event", () => {
    const event = alertEvent();
    const message = formatSyslogMessage(event, { ...options, format: "json" });
    expect(message.truncated).toBe(false);
    expect(message.text).not.toContain("truncatedFrom");
    expect(JSON.parse(message.text.slice(message.text.indexOf(UTF8_BOM) + 1))).toEqual(event);
  });
});
