// Every status code of agent protocol v1, against the real route handler and database.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { revokeAgent } from "@/lib/commands/agent-enrolment";
import { getDb } from "@/lib/db/client";
import { counts, enrol, postReport, pump, report } from "./agent-api";

const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

afterEach(() => {
  delete process.env.REPORT_MAX_BYTES;
  delete process.env.AGENT_REPORTS_PER_MINUTE;
});

describe("POST /api/v1/reports", () => {
  it("202: stores the report, its observations and new devices, and answers after commit", async () => {
    const agent = await enrol();
    const body = report([pump(1), pump(2), pump(3)]);
    const res = await postReport(agent.token, body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ reportId: body.reportId, accepted: 3, devices: { new: 3, updated: 0 }, alerts: 3 });
    const stored = await getDb().report.findFirstOrThrow({ where: { reportId: body.reportId } });
    expect(stored.observationCount).toBe(3);
    expect(await getDb().observation.count({ where: { reportId: stored.id } })).toBe(3);
    const a = await getDb().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(a).toMatchObject({ version: "1.4.2", hostname: "sensor-test", reportCount: 1, observationCount: 3 });
    expect(a.lastSeenAt).not.toBeNull();
    const device = await getDb().device.findFirstOrThrow({ where: { claimedMac: "58:42:e4:00:00:01" } });
    expect(device).toMatchObject({ status: "pending", claimedHostname: "INFUSION-4N-001", claimedSerial: "SS1000001" });
  });

  it("202 again for the same devices: updated, not new", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(11), pump(12)]));
    const res = await postReport(agent.token, report([pump(11), pump(12)]));
    expect(res.body.devices).toEqual({ new: 0, updated: 2 });
  });

  it("200: a repeated reportId returns the first answer with duplicate: true and stores nothing", async () => {
    const agent = await enrol();
    const body = report([pump(21)]);
    const first = await postReport(agent.token, body);
    const before = await counts();
    const again = await postReport(agent.token, { ...body, observations: [pump(21), pump(22)] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(await counts()).toEqual(before);
  });

  it("the same reportId from another agent is another report", async () => {
    const [a, b] = [await enrol(), await enrol()];
    const body = report([pump(31)]);
    expect((await postReport(a.token, body)).status).toBe(202);
    expect((await postReport(b.token, body)).status).toBe(202);
  });

  it("401: missing, malformed or unknown token", async () => {
    const body = report([pump(41)]);
    expect(await postReport(null, body)).toMatchObject({ status: 401, body: errorShape("unauthorized") });
    expect(await postReport("short", body)).toMatchObject({ status: 401, body: errorShape("unauthorized") });
    expect(await postReport("iomt_" + "x".repeat(43), body)).toMatchObject({ status: 401, body: errorShape("unauthorized") });
  });

  it("403: a revoked agent's token is refused and nothing is stored", async () => {
    const agent = await enrol();
    await revokeAgent(getDb(), agent.name, { system: "test" });
    const before = await counts();
    const res = await postReport(agent.token, report([pump(42)]));
    expect(res).toMatchObject({ status: 403, body: errorShape("agent_revoked") });
    expect(JSON.stringify(res.body)).not.toContain(agent.token);
    expect(await counts()).toEqual(before);
  });

  it("415: not JSON", async () => {
    const agent = await enrol();
    expect(await postReport(agent.token, report([]), { contentType: "text/plain" })).toMatchObject({ status: 415, body: errorShape("unsupported_media_type") });
    expect(await postReport(agent.token, report([]), { contentType: "application/x-www-form-urlencoded" })).toMatchObject({ status: 415 });
  });

  it("400: malformed JSON, invalid UTF-8, a broken gzip stream", async () => {
    const agent = await enrol();
    expect(await postReport(agent.token, null, { raw: '{"schema": ' })).toMatchObject({ status: 400, body: errorShape("invalid_report") });
    expect(await postReport(agent.token, null, { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })).toMatchObject({ status: 400, body: errorShape("invalid_report") });
    const res = await postReport(agent.token, null, { raw: new Uint8Array([0x1f, 0x8b, 1, 2, 3]), headers: { "content-encoding": "gzip" } });
    expect(res).toMatchObject({ status: 400, body: errorShape("invalid_report") });
  });

  it("400: contract violations name each path", async () => {
    const agent = await enrol();
    const bad = report([pump(51), pump(52, { claimed: { mac: "not-a-mac" } }), { observedAt: "yesterday", channel: "carrier-pigeon" }], { reportId: "short" });
    const res = await postReport(agent.token, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_report");
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["reportId", "observations.1.claimed.mac", "observations.2.observedAt", "observations.2.channel"]));
  });

  it("400 and nothing stored when one observation of many is bad (atomicity)", async () => {
    const agent = await enrol();
    const before = await counts();
    const observations = Array.from({ length: 50 }, (_, i) => pump(100 + i));
    observations[37] = pump(137, { claimed: { usb: { vendorId: "xyz", productId: "1" } } });
    const res = await postReport(agent.token, report(observations));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toMatch(/^observations\.37\.claimed\.usb/);
    expect(await counts()).toEqual(before);
  });

  it("400: an observation without any identifying key", async () => {
    const agent = await enrol();
    const res = await postReport(agent.token, report([{ observedAt: new Date().toISOString(), channel: "wifi", claimed: { hostname: "ghost" } }]));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ path: "observations.0", message: expect.stringContaining("identifying key") });
    // An all-zero MAC is not an identity either.
    const zero = await postReport(agent.token, report([{ observedAt: new Date().toISOString(), channel: "ethernet", claimed: { mac: "00:00:00:00:00:00" } }]));
    expect(zero.status).toBe(400);
  });

  it("accepts gzip (Content-Encoding: gzip)", async () => {
    const agent = await enrol();
    const res = await postReport(agent.token, report([pump(61), pump(62)]), { gzip: true });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(2);
  });

  it("413: a body over the limit, counted after decompression; a gzip bomb never fits", async () => {
    const agent = await enrol();
    process.env.REPORT_MAX_BYTES = String(64 * 1024);
    const big = report(Array.from({ length: 400 }, (_, i) => pump(200 + i)));
    expect(await postReport(agent.token, big)).toMatchObject({ status: 413, body: errorShape("payload_too_large") });
    delete process.env.REPORT_MAX_BYTES;
    // 64 MiB of spaces gzip to ~64 KiB; the reader stops at 5 MiB decompressed.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const before = await counts();
    const res = await postReport(agent.token, null, { raw: bomb, headers: { "content-encoding": "gzip" } });
    expect(res).toMatchObject({ status: 413, body: errorShape("payload_too_large") });
    expect(await counts()).toEqual(before);
  });

  it("429 with Retry-After past the agent's rate limit", async () => {
    const agent = await enrol();
    process.env.AGENT_REPORTS_PER_MINUTE = "2";
    expect((await postReport(agent.token, report([pump(71)]))).status).toBe(202);
    expect((await postReport(agent.token, report([pump(72)]))).status).toBe(202);
    const limited = await postReport(agent.token, report([pump(73)]));
    expect(limited).toMatchObject({ status: 429, body: errorShape("rate_limited") });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await getDb().device.count({ where: { claimedMac: "58:42:e4:00:00:49" } })).toBe(0);
  });

  it("keeps unknown extra physical fields, refuses prototype keys", async () => {
    const agent = await enrol();
    const extra = pump(81, { physical: { ethernet: { switchPort: "sw-1/Gi1/0/1", cableLengthM: 12 } } });
    expect((await postReport(agent.token, report([extra]))).status).toBe(202);
    const obs = await getDb().observation.findFirstOrThrow({ where: { device: { claimedMac: "58:42:e4:00:00:51" } } });
    expect((obs.physical as { ethernet: { cableLengthM: number } }).ethernet.cableLengthM).toBe(12);
    const hostile = `{"schema":"iomt.agent-report/v1","reportId":"proto-test-1","sentAt":"2026-11-28T15:00:00Z","agent":{"version":"1","hostname":"h"},"observations":[{"observedAt":"2026-11-28T15:00:00Z","channel":"ethernet","claimed":{"mac":"00:09:fb:aa:bb:cc"},"physical":{"ethernet":{"__proto__":{"polluted":true}}}}]}`;
    const res = await postReport(agent.token, null, { raw: hostile });
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
