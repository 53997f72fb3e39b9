// Settings → Integrations → Syslog through its real server actions: add (bounded, a CA only for
// TLS and only a real certificate), edit, disable and enable, delete only without history, test
// send; each change audited, each refusal against its field with nothing written; and what the
// section's query shows of a target (counts, newest tries).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("server-only", () => ({}));

const { saveSyslogTargetAction, setSyslogTargetEnabledAction, deleteSyslogTargetAction, testSendSyslogAction } = await import("@/app/(dashboard)/settings/integrations/syslog-actions");
const { listSyslogTargets } = await import("@/lib/queries/syslog-views");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const written = async () => ({ targets: await getDb().syslogTarget.count(), audit: await getDb().auditLog.count() });
const byName = (name: string) => getDb().syslogTarget.findUniqueOrThrow({ where: { name } });
const base = { host: "siem.example.org", port: "6514", transport: "tls", format: "cef", alerts: "on", minSeverity: "high" };

let caPem = "";
let keyPem = "";

beforeAll(async () => {
  const admin = await makeUser("admin");
  session.current = { user: { id: admin.id, email: admin.email, role: admin.role } };
  const dir = mkdtempSync(join(tmpdir(), "syslog-ca-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=ui test CA", "-days", "2"], { cwd: dir, stdio: "ignore" });
    caPem = readFileSync(join(dir, "ca.pem"), "utf8");
    keyPem = readFileSync(join(dir, "ca.key"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("syslog targets", () => {
  it("adds a TLS target with its CA, audited with the CA's fingerprint", async () => {
    const result = await saveSyslogTargetAction(null, form({ ...base, name: "SOC", audit: "on", caPem }));
    expect(result).toMatchObject({ ok: true });
    const target = await byName("SOC");
    expect(target).toMatchObject({ host: "siem.example.org", port: 6514, transport: "tls", format: "cef", minSeverity: "high", enabled: true, events: { alerts: true, audit: true } });
    expect(target.caPem).toContain("BEGIN CERTIFICATE");
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "syslog_target.create", targetId: target.id } });
    expect(entry.after).toMatchObject({ name: "SOC", caFingerprint: expect.stringMatching(/^[0-9A-F:]{95}$/) });
  });

  it.each([
    ["a host name too long", { host: `${"a".repeat(60)}.`.repeat(5) + "org" }, "host"],
    ["a host with a space", { host: "siem example" }, "host"],
    ["port 0", { port: "0" }, "port"],
    ["port 65536", { port: "65536" }, "port"],
    ["an unknown transport", { transport: "pigeon" }, "transport"],
    ["an unknown format", { format: "leef" }, "format"],
    ["no events chosen", { alerts: "" }, "events"],
    ["a CA on a UDP target", { transport: "udp", caPem: "x" }, "caPem"],
    ["a private key as the CA", { caPem: "KEY" }, "caPem"],
    ["a CA that is not a certificate", { caPem: "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----" }, "caPem"],
    ["a CA over 16 KiB", { caPem: "CA".repeat(9000) }, "caPem"],
  ] as [string, Record<string, string>, string][])("refuses %s against its field, writing nothing", async (_, over, field) => {
    const fields: Record<string, string> = { ...base, name: `bad-${field}`, ...over };
    if (fields.caPem === "KEY") fields.caPem = keyPem;
    if (fields.transport === "udp" && over.caPem) {
      // The form sends a CA only with TLS; a hand-made request may still carry one.
      const { createSyslogTarget } = await import("@/lib/commands/syslog-targets");
      await expect(createSyslogTarget(getDb(), { ...fields, port: 514, events: { alerts: true, audit: false } }, { system: "test" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: field })] });
      return;
    }
    const before = await written();
    const result = await saveSyslogTargetAction(null, form(fields));
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    expect(await written()).toEqual(before);
  });

  it("refuses a second target of the same name", async () => {
    const result = await saveSyslogTargetAction(null, form({ ...base, name: "SOC" }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/exists already/) });
  });

  it("edits a target, audited before and after", async () => {
    const target = await byName("SOC");
    const result = await saveSyslogTargetAction(null, form({ ...base, id: target.id, name: "SOC", host: "10.0.0.9", port: "514", transport: "tcp", format: "json", audit: "on", alerts: "" }));
    expect(result).toMatchObject({ ok: true });
    expect(await byName("SOC")).toMatchObject({ host: "10.0.0.9", port: 514, transport: "tcp", format: "json", caPem: null, events: { alerts: false, audit: true } });
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "syslog_target.edit", targetId: target.id } });
    expect(entry.before).toMatchObject({ host: "siem.example.org", transport: "tls" });
    expect(entry.after).toMatchObject({ host: "10.0.0.9", transport: "tcp", caFingerprint: null });
  });

  it("disables and enables, each audited", async () => {
    const { id } = await byName("SOC");
    expect(await setSyslogTargetEnabledAction(null, form({ id, enabled: "false" }))).toMatchObject({ ok: true });
    expect((await byName("SOC")).enabled).toBe(false);
    expect(await setSyslogTargetEnabledAction(null, form({ id, enabled: "true" }))).toMatchObject({ ok: true });
    expect((await byName("SOC")).enabled).toBe(true);
    const actions = (await getDb().auditLog.findMany({ where: { targetId: id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["syslog_target.disable", "syslog_target.enable"]));
  });

  it("deletes a target without history, never one with history", async () => {
    expect(await saveSyslogTargetAction(null, form({ ...base, name: "Spare", transport: "udp", port: "514" }))).toMatchObject({ ok: true });
    const spare = await byName("Spare");
    expect(await deleteSyslogTargetAction(null, form({ id: spare.id }))).toMatchObject({ ok: true });
    expect(await getDb().syslogTarget.findUnique({ where: { id: spare.id } })).toBeNull();
    expect(await getDb().auditLog.count({ where: { action: "syslog_target.delete", targetId: spare.id } })).toBe(1);

    const soc = await byName("SOC");
    expect(await testSendSyslogAction(null, form({ id: soc.id }))).toMatchObject({ ok: true });
    const refused = await deleteSyslogTargetAction(null, form({ id: soc.id }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/delivery history: disable it instead/) });
    expect(await getDb().syslogTarget.findUnique({ where: { id: soc.id } })).not.toBeNull();
  });

  it("shows each target's counts and newest tries", async () => {
    const soc = await byName("SOC");
    const message = await getDb().outboundMessage.findFirstOrThrow({ where: { syslogTargetId: soc.id } });
    await getDb().outboundAttempt.create({ data: { messageId: message.id, durationMs: 3, ok: false, error: "connection refused by 10.0.0.9:514" } });
    await getDb().outboundMessage.update({ where: { id: message.id }, data: { status: "dead" } });
    const view = (await listSyslogTargets()).find((t) => t.id === soc.id);
    expect(view?.counts).toEqual({ delivered: 0, pending: 0, dead: 1 });
    expect(view?.tries).toHaveLength(1);
    expect(view?.tries[0]).toMatchObject({ ok: false, error: "connection refused by 10.0.0.9:514", message: { eventKind: "test" } });
  });

  it("refuses a person who may not manage integrations", async () => {
    const analyst = await makeUser("analyst");
    session.current = { user: { id: analyst.id, email: analyst.email, role: analyst.role } };
    expect(await saveSyslogTargetAction(null, form({ ...base, name: "Nope" }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    expect(await getDb().syslogTarget.findUnique({ where: { name: "Nope" } })).toBeNull();
  });
});
