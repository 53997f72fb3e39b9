// The scheduled CISO report against a real database, a real SMTP server on 127.0.0.1 (smtp-server)
// and a real headless Chromium printing the PDF: settings saved and audited (never the password),
// bad input refused and nothing changed, a test-send by e-mail and into a folder, the SMTP error
// in words, and a due report sent once although two instances race for it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { saveReportSchedule, testSendReport } from "@/lib/commands/report-schedules";
import { sendDueReport } from "@/lib/jobs/report-schedule";
import { loadCisoReport } from "@/lib/queries/ciso-report";
import { REPORT_CLAIMED_KEY, readReportSchedule, readSendResult } from "@/lib/outbound/report-settings";
import { makeUser } from "./helpers";

process.env.NEXTAUTH_SECRET ||= "report-schedule-session-secret-0123456789";

const db = () => getDb();
const PASSWORD = "smtp-pass-Secret-42";
type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let port = 0;
let folder = "";
let admin: { id: string; email: string };

beforeAll(async () => {
  admin = await makeUser("admin");
  folder = mkdtempSync(join(tmpdir(), "report-folder-"));
  server = new SMTPServer({
    authOptional: false, disabledCommands: ["STARTTLS"], allowInsecureAuth: true, logger: false,
    onAuth: (auth, _session, done) => (auth.username === "reports" && auth.password === PASSWORD ? done(null, { user: "reports" }) : done(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }))),
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("latin1") });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as { port: number }).port;
  await db().site.create({ data: { name: "North Campus" } });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

const actor = () => ({ id: admin.id, email: admin.email });
const mailSettings = (extra: Record<string, unknown> = {}) => ({
  cadence: "weekly", delivery: "email", recipients: "ciso@hospital.test, board@hospital.test", smtpHost: "127.0.0.1", smtpPort: String(port),
  smtpSecurity: "none", smtpUser: "reports", smtpPassword: PASSWORD, smtpFrom: "iomt@hospital.test", ...extra,
});

describe("the scheduled report's settings", () => {
  it("refuses bad input and changes nothing", async () => {
    await expect(saveReportSchedule(db(), { ...mailSettings(), recipients: "not-an-address" }, actor())).rejects.toMatchObject({ status: 400, issues: [expect.objectContaining({ path: "recipients" })] });
    await expect(saveReportSchedule(db(), { cadence: "weekly", delivery: "folder", folder: "relative/path" }, actor())).rejects.toMatchObject({ issues: [{ path: "folder", message: expect.stringMatching(/absolute/) }] });
    await expect(saveReportSchedule(db(), { cadence: "weekly", delivery: "folder", folder: join(folder, "missing") }, actor())).rejects.toMatchObject({ issues: [{ path: "folder", message: expect.stringMatching(/does not exist/) }] });
    await expect(saveReportSchedule(db(), { ...mailSettings(), cadence: "daily" }, actor())).rejects.toMatchObject({ status: 400 });
    expect((await readReportSchedule(db())).cadence).toBe("off");
    expect(await db().auditLog.count({ where: { action: "report_schedule.save" } })).toBe(0);
  });

  it("saves e-mail settings with the password sealed and audited without it; a blank password keeps it", async () => {
    const view = await saveReportSchedule(db(), mailSettings(), actor());
    expect(view).toMatchObject({ cadence: "weekly", recipients: ["ciso@hospital.test", "board@hospital.test"], smtp: { host: "127.0.0.1", passwordSet: true } });
    const stored = await db().setting.findUniqueOrThrow({ where: { key: "report.schedule" } });
    expect(stored.value).not.toContain(PASSWORD);
    await saveReportSchedule(db(), mailSettings({ smtpPassword: "" }), actor());
    expect((await readReportSchedule(db())).smtp?.passwordSealed).toBeTruthy();
    const entries = await db().auditLog.findMany({ where: { action: "report_schedule.save" } });
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    // A new schedule starts at its next due day: this one is already claimed.
    expect((await db().setting.findUnique({ where: { key: REPORT_CLAIMED_KEY } }))?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("sending the report", () => {
  it("a test-send e-mails the PDF to every recipient and says so", async () => {
    const result = await testSendReport(db(), loadCisoReport, actor());
    expect(result).toMatchObject({ ok: true, trigger: "test", message: expect.stringMatching(/^Sent to ciso@hospital.test, board@hospital.test/) });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["ciso@hospital.test", "board@hospital.test"]);
    expect(received[0].raw).toMatch(/Subject: \[Test\] CISO report/);
    expect(received[0].raw).toMatch(/filename=ciso-report-all-\d{4}-\d{2}-\d{2}\.pdf/);
    expect(received[0].raw).toContain("JVBERi0"); // "%PDF-" in base64
    expect(await readSendResult(db())).toMatchObject({ ok: true });
    expect(await db().auditLog.count({ where: { action: "report_schedule.test_send" } })).toBe(1);
  }, 60_000);

  it("a refused sign-in comes back in words, without the password", async () => {
    await saveReportSchedule(db(), mailSettings({ smtpPassword: "wrong-password" }), actor());
    const result = await testSendReport(db(), loadCisoReport, actor());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/The SMTP server refused the sign-in/);
    expect(result.message).not.toContain("wrong-password");
    const closed = await saveReportSchedule(db(), mailSettings({ smtpPort: "1" }), actor());
    expect(closed.smtp?.port).toBe(1);
    expect((await testSendReport(db(), loadCisoReport, actor())).message).toMatch(/Could not connect to the SMTP server/);
  }, 60_000);

  it("folder delivery writes ciso-report-<site>-<date>.pdf atomically, nothing else", async () => {
    const site = await db().site.findFirstOrThrow({ where: { name: "North Campus" } });
    await saveReportSchedule(db(), { cadence: "monthly", delivery: "folder", folder, siteId: site.id }, actor());
    const result = await testSendReport(db(), loadCisoReport, actor());
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining(folder) });
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ciso-report-north-campus-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync(join(folder, files[0])).subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);

  it("a due report is sent once, for the week before its due day, although two instances race", async () => {
    await saveReportSchedule(db(), { ...mailSettings(), cadence: "weekly" }, actor());
    await db().setting.update({ where: { key: REPORT_CLAIMED_KEY }, data: { value: "2026-11-23" } });
    const before = received.length;
    const monday = new Date("2026-11-30T06:30:00Z");
    const [a, b] = await Promise.all([sendDueReport(db(), loadCisoReport, monday), sendDueReport(db(), loadCisoReport, monday)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)!.raw).toMatch(/Subject: CISO report: 2026-11-23 to 2026-11-29, all sites/);
    expect(await sendDueReport(db(), loadCisoReport, new Date("2026-12-02T10:00:00Z"))).toBeNull(); // the same week: already sent
    const sent = await db().auditLog.findFirstOrThrow({ where: { action: "report_schedule.send" } });
    expect(sent).toMatchObject({ actorLabel: "report schedule", targetId: "2026-11-30" });
  }, 60_000);
});
