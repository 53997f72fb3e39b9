// Syslog to a SIEM, received by Debian's rsyslogd (not by a listener of our own): one rsyslogd in
// the foreground with its own config, pid file and work directory in a temp dir, listening on
// 127.0.0.1 for UDP (imudp), TCP (imptcp) and TLS (imtcp with the GnuTLS driver, a CA and a
// server certificate made here with openssl), writing each message raw to one file per transport.
// An alert about a device named `evil|name=x\y` + newline + `second line` must come back exactly.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createSyslogTarget } from "@/lib/commands/syslog-targets";
import type { OutboundEvent } from "@/lib/domain/integrations/events";
import { readCef } from "../support/syslog-cef-read";
import { UTF8_BOM } from "@/lib/domain/integrations/syslog-format";
import { deliverDue } from "@/lib/outbound/delivery-job";
import type { SyslogDestination } from "@/lib/outbound/delivery-types";
import { fanOut } from "@/lib/outbound/fan-out";
import { closeSyslogConnections, sendSyslog } from "@/lib/outbound/syslog-send";
import { enqueueTestEvent } from "@/lib/outbound/test-send";

const RSYSLOGD = "/usr/sbin/rsyslogd";
const EVIL = "evil|name=x\\y\nsecond line";
const TRANSPORTS = ["udp", "tcp", "tls"] as const;
const FORMATS = ["cef", "json"] as const;
type Transport = (typeof TRANSPORTS)[number];

const run = (command: string, args: string[], cwd?: string) => execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 30_000 });

function whyNot(): string | null {
  if (!existsSync(RSYSLOGD)) return `${RSYSLOGD} is not installed (apt-get install rsyslog rsyslog-gnutls)`;
  try {
    run("sh", ["-c", "command -v openssl"]);
  } catch {
    return "openssl is not installed";
  }
  if (!run("sh", ["-c", "ls /usr/lib/*/rsyslog/lmnsd_gtls.so /usr/lib/rsyslog/lmnsd_gtls.so 2>/dev/null || true"]).trim()) {
    return "rsyslog's GnuTLS driver (rsyslog-gnutls) is not installed";
  }
  return null;
}

const skipReason = whyNot();
if (skipReason) console.warn(`syslog-rsyslog: skipped: ${skipReason}`);

let dir: string;
let rsyslogd: ChildProcess | undefined;
let rsyslogLog = "";
const ports = {} as Record<Transport, number>;
let caPem = "";
let wrongCaPem = "";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A CA, a server certificate it signs (for 127.0.0.1 and localhost), and an unrelated CA. */
function makeCertificates() {
  const days = ["-days", "2"];
  const caExt = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
  run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=syslog test CA", ...days, ...caExt], dir);
  run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "wrong.key", "-out", "wrong.pem", "-subj", "/CN=some other CA", ...days, ...caExt], dir);
  run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
  run("openssl", ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", ...days, "-extfile", "server.ext"], dir);
  caPem = readFileSync(join(dir, "ca.pem"), "utf8");
  wrongCaPem = readFileSync(join(dir, "wrong.pem"), "utf8");
}

/** Nothing of the system's rsyslog: no imuxsock or imklog, its own work directory, one file per input. */
function rsyslogConfig(): string {
  const file = (t: Transport) => join(dir, `${t}.log`);
  return `
global(workDirectory="${dir}" maxMessageSize="64k"
  defaultNetstreamDriverCAFile="${join(dir, "ca.pem")}"
  defaultNetstreamDriverCertFile="${join(dir, "server.pem")}"
  defaultNetstreamDriverKeyFile="${join(dir, "server.key")}")
template(name="raw" type="string" string="%rawmsg%\\n")
module(load="imudp")
module(load="imptcp")
module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
${TRANSPORTS.map((t) => `ruleset(name="${t}") { action(type="omfile" file="${file(t)}" template="raw") }`).join("\n")}
input(type="imudp" address="127.0.0.1" port="${ports.udp}" ruleset="udp")
input(type="imptcp" address="127.0.0.1" port="${ports.tcp}" ruleset="tcp")
input(type="imtcp" address="127.0.0.1" port="${ports.tls}" ruleset="tls")
`;
}

async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; rsyslogd said: ${rsyslogLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function received(transport: Transport): string[] {
  const path = join(dir, `${transport}.log`);
  return existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean) : [];
}

/** The line rsyslog wrote for `eventId` on `transport` (in `format` when given), once it is there. */
function lineFor(transport: Transport, eventId: string, format?: "cef" | "json"): Promise<string> {
  const body = format === "cef" ? `${UTF8_BOM}CEF:0|` : format === "json" ? `${UTF8_BOM}{` : "";
  return waitFor(`${eventId} on ${transport}`, () => received(transport).find((line) => line.includes(`eventId="${eventId}"`) && line.includes(body)));
}

function destination(transport: Transport, format: "cef" | "json", ca: string | null = caPem): SyslogDestination {
  return { id: `direct-${transport}-${format}`, host: "127.0.0.1", port: ports[transport], transport, format, caPem: transport === "tls" ? ca : null };
}

beforeAll(async () => {
  if (skipReason) return;
  dir = mkdtempSync(join(tmpdir(), "syslog-rsyslog-"));
  makeCertificates();
  for (const t of TRANSPORTS) ports[t] = await freePort();
  writeFileSync(join(dir, "rsyslog.conf"), rsyslogConfig());
  rsyslogd = spawn(RSYSLOGD, ["-n", "-f", join(dir, "rsyslog.conf"), "-i", join(dir, "rsyslogd.pid")], { stdio: ["ignore", "pipe", "pipe"] });
  rsyslogd.stdout?.on("data", (d) => (rsyslogLog += d));
  rsyslogd.stderr?.on("data", (d) => (rsyslogLog += d));
  for (const t of ["tcp", "tls"] as const) await waitForListener(ports[t]);
}, 60_000);

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => (socket.destroy(), resolve(false)));
  });
}

/** rsyslogd starts its inputs together: once the stream ports accept, UDP is bound too. */
async function waitForListener(port: number) {
  const until = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (rsyslogd?.exitCode !== null) throw new Error(`rsyslogd exited: ${rsyslogLog}`);
    if (Date.now() > until) throw new Error(`rsyslogd did not listen on ${port}: ${rsyslogLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  closeSyslogConnections();
  if (rsyslogd && rsyslogd.exitCode === null) rsyslogd.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function alertAbout(name: string, id: string): OutboundEvent {
  return {
    schema: "iomt.event/v1", id, type: "alert", kind: "spoof", severity: "critical", occurredAt: new Date().toISOString(),
    summary: `Spoof suspected: ${name}`, link: null,
    alert: { id, kind: "spoof", kindWords: "Spoof suspected", severity: "critical", title: `Spoof: ${name}`, status: "open", count: 1, firstAt: new Date().toISOString(), lastAt: new Date().toISOString(), detail: { note: "a\nb" } },
    device: { id: "dev-1", name, category: "infusion_pump", vendor: "Acme", model: "P", status: "unauthorized", statusReason: null, mac: "aa:bb:cc:dd:ee:01", ip: "10.1.2.3", hostname: null, usb: null, site: "North", segment: "ICU", switchPort: "Gi1/0/7", vlan: 30, riskScore: 91, riskTier: "critical" },
  };
}

/** The body after the BOM, checked to be the RFC 5424 message we mean. */
function bodyOf(line: string, eventId: string): string {
  expect(line).toMatch(/^<130>1 \S+ \S+ iomt-risk \S+ spoof \[iomt@32473 /);
  expect(line).toContain(`eventId="${eventId}"`);
  const bom = line.indexOf(UTF8_BOM);
  expect(bom).toBeGreaterThan(0);
  return line.slice(bom + 1);
}

function expectExactName(body: string, format: "cef" | "json", event: OutboundEvent) {
  if (format === "json") {
    expect(JSON.parse(body)).toEqual(event);
    return;
  }
  const cef = readCef(body);
  expect(cef?.header.slice(0, 5)).toEqual(["CEF:0", "iomt-risk", "IoMT Asset Risk Dashboard", "1", "spoof"]);
  expect(cef?.extension.cs2Label).toBe("deviceName");
  expect(cef?.extension.cs2).toBe(EVIL);
  expect(cef?.extension.externalId).toBe(event.id);
  expect(cef?.extension.smac).toBe("aa:bb:cc:dd:ee:01");
}

describe.skipIf(skipReason)("syslog through rsyslogd", () => {
  for (const transport of TRANSPORTS) {
    for (const format of FORMATS) {
      it(`sendSyslog over ${transport} in ${format} arrives intact`, async () => {
        const event = alertAbout(EVIL, `alert:direct-${transport}-${format}`);
        const result = await sendSyslog(destination(transport, format), event, { timeoutMs: 5_000 });
        expect(result.error).toBeUndefined();
        expect(result.ok).toBe(true);
        expectExactName(bodyOf(await lineFor(transport, event.id), event.id), format, event);
      });
    }
  }

  it("reuses one TCP connection for several messages, framed by octet counts, and dials again once closed", async () => {
    const dials = vi.spyOn(net, "connect");
    const target = { ...destination("tcp", "json"), id: "reuse" };
    const ids = ["alert:frame-1", "alert:frame-2", "alert:frame-3"];
    for (const id of ids) expect((await sendSyslog(target, alertAbout(`${EVIL} ${id}`, id))).ok).toBe(true);
    for (const id of ids) expect(JSON.parse(bodyOf(await lineFor("tcp", id), id)).device.name).toBe(`${EVIL} ${id}`);
    expect(dials).toHaveBeenCalledTimes(1);
    closeSyslogConnections();
    expect((await sendSyslog(target, alertAbout(EVIL, "alert:frame-4"))).ok).toBe(true);
    await lineFor("tcp", "alert:frame-4");
    expect(dials).toHaveBeenCalledTimes(2);
    dials.mockRestore();
  });

  it("cuts an event too big for one datagram at a field boundary, and says so", async () => {
    const event = { ...alertAbout(EVIL, "alert:too-big"), summary: "é".repeat(10_000) };
    const result = await sendSyslog(destination("udp", "cef"), event);
    expect(result).toMatchObject({ ok: true, answer: expect.stringMatching(/body cut to fit/) });
    const line = await lineFor("udp", "alert:too-big");
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(8192);
    expect(line).toMatch(/truncatedFrom="\d+"/);
    expect(readCef(bodyOf(line, "alert:too-big"))?.extension.cs2).toBe(EVIL);
  });

  it("refuses a TLS receiver whose certificate another CA signed, saying so", async () => {
    const result = await sendSyslog({ ...destination("tls", "cef", wrongCaPem), id: "wrong-ca" }, alertAbout(EVIL, "alert:wrong-ca"), { timeoutMs: 5_000 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/TLS: the receiver's certificate is not signed by a trusted CA/);
  });

  it("says the receiver refused when nothing listens", async () => {
    const port = await freePort();
    const result = await sendSyslog({ ...destination("tcp", "cef"), id: "nobody", port }, alertAbout(EVIL, "alert:nobody"), { timeoutMs: 2_000 });
    expect(result).toMatchObject({ ok: false });
    expect(result.error).toMatch(/connection refused by 127\.0\.0\.1/);
  });

  it("delivers through the queue: targets made by the command, the fan-out and the delivery job", async () => {
    const db = getDb();
    const actor = { system: "test" };
    const targets = [];
    for (const transport of TRANSPORTS) {
      for (const format of FORMATS) {
        targets.push(
          await createSyslogTarget(db, { name: `siem ${transport} ${format}`, host: "127.0.0.1", port: ports[transport], transport, format, events: { alerts: true, audit: false }, minSeverity: "high", caPem: transport === "tls" ? caPem : null }, actor),
        );
      }
    }
    await fanOut(db); // the first pass only sets the cursor
    const site = await db.site.create({ data: { name: "North" } });
    const device = await db.device.create({ data: { displayName: EVIL, category: "infusion_pump", claimedMac: "aa:bb:cc:dd:ee:02", siteId: site.id, status: "unauthorized" } });
    const alert = await db.alert.create({ data: { kind: "spoof", severity: "critical", title: `Spoof suspected: ${EVIL}`, deviceId: device.id, firstAt: new Date(Date.now() + 1000), lastAt: new Date(Date.now() + 1000) } });
    const tests = await Promise.all(targets.map((t) => enqueueTestEvent(db, { syslogTargetId: t.id }, actor)));
    const fanned = await fanOut(db, { now: new Date(Date.now() + 5000) });
    expect(fanned.enqueued).toBe(6);
    // The fan-out queued its messages as due at its own `now`, a few seconds ahead.
    const summary = await deliverDue(db, { timeoutMs: 5_000, now: () => new Date(Date.now() + 6000) });
    expect(summary).toMatchObject({ delivered: 12, dead: 0, retried: 0 });

    for (const target of targets) {
      const transport = target.transport as Transport;
      const body = bodyOf(await lineFor(transport, `alert:${alert.id}`, target.format as "cef" | "json"), `alert:${alert.id}`);
      if (target.format === "json") expect(JSON.parse(body).device.name).toBe(EVIL);
      else expect(readCef(body)?.extension.cs2).toBe(EVIL);
      const testMessage = await db.outboundMessage.findUniqueOrThrow({ where: { id: tests[targets.indexOf(target)].messageId }, include: { tries: true } });
      expect(testMessage.status).toBe("delivered");
      expect(testMessage.tries[0]).toMatchObject({ ok: true });
      expect(testMessage.tries[0].answer).toMatch(/syslog has no acknowledgement/);
      await waitFor(`test event ${testMessage.eventKey}`, () => received(transport).some((l) => l.includes(`eventId="${testMessage.eventKey}"`)));
    }
  }, 60_000);
});
