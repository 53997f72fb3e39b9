// GET /api/metrics: Prometheus text, behind a token; ingestion counted by outcome and reason.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { log, redact } from "@/lib/ops/log";
import { enrol, postReport, pump, report } from "./agent-api";

const scrape = (token?: string) => GET(new Request("http://localhost/api/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  vi.restoreAllMocks();
});

describe("GET /api/metrics", () => {
  it("is off without METRICS_TOKEN and refuses a wrong token", async () => {
    expect((await scrape("x")).status).toBe(404);
    process.env.METRICS_TOKEN = "scrape-secret-123";
    expect((await scrape()).status).toBe(401);
    expect((await scrape("scrape-secret-12")).status).toBe(401);
  });

  it("counts reports and observations by outcome, rejections by reason, and reads alerts and agents from the database", async () => {
    process.env.METRICS_TOKEN = "scrape-secret-123";
    const agent = await enrol();
    const body = report([pump(1), pump(2), pump(3)]);
    expect((await postReport(agent.token, body)).status).toBe(202);
    expect((await postReport(agent.token, body)).status).toBe(200);
    expect((await postReport(agent.token, { nonsense: true })).status).toBe(400);
    expect((await postReport("iomt_not-a-real-token-at-all", body)).status).toBe(401);
    const res = await scrape("scrape-secret-123");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (line: RegExp) => Number(text.split("\n").find((l) => line.test(l))?.split(" ").pop());
    expect(value(/^iomt_reports_total\{outcome="accepted",reason=""\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^iomt_reports_total\{outcome="duplicate",reason=""\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^iomt_reports_total\{outcome="rejected",reason="invalid_report"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^iomt_reports_total\{outcome="rejected",reason="unauthorized"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^iomt_observations_total\{outcome="accepted"\}/)).toBeGreaterThanOrEqual(3);
    expect(value(/^iomt_ingest_duration_seconds_count\{outcome="accepted"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^iomt_agents_online /)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^iomt_open_alerts\{severity="\w+"\} \d+/m);
    expect(text).toMatch(/^iomt_process_resident_memory_bytes \d+/m);
  });
});

describe("structured logs", () => {
  it("write one JSON line with level, time and message, secrets redacted", () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    log.warn("report refused for iomt_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", { agentId: "a1", token: "iomt_secret", nested: { password: "hunter2", note: "ok" } });
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ level: "warn", msg: "report refused for [redacted]", agentId: "a1", token: "[redacted]", nested: { password: "[redacted]", note: "ok" } });
    expect(new Date(line.time).getTime()).not.toBeNaN();
    expect(redact({ authorization: "Bearer x", list: ["iomt_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"] })).toEqual({ authorization: "[redacted]", list: ["[redacted]"] });
  });
});
