import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { postReport, retryDelayMs } from "./post";
import type { AgentReport } from "./protocol";
import { modeOf, runSimulation } from "./run";

type Call = { url: string; headers: Record<string, string>; report: AgentReport; raw: Uint8Array | string };

/** A fake server: answers from `script` in turn (then 202), records every request. */
function fakeServer(script: (Response | Error)[] = []) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const raw = init.body as Uint8Array | string;
    const text = headers["content-encoding"] === "gzip" ? gunzipSync(raw as Uint8Array).toString() : (raw as string);
    const report = JSON.parse(text) as AgentReport;
    calls.push({ url, headers, report, raw });
    const next = script.shift();
    if (next instanceof Error) throw next;
    return next ?? Response.json({ reportId: report.reportId, accepted: report.observations.length, devices: { new: report.observations.length, updated: 0 }, alerts: 1 }, { status: 202 });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);
const error = (status: number, code: string, headers: Record<string, string> = {}) => Response.json({ error: { code, message: code } }, { status, headers });
const base = { url: "http://sim.test/", devices: 300, agents: 3, seed: 1, runTag: "test", sleep, now: () => new Date("2026-11-28T15:00:00Z") };

describe("posting reports", () => {
  it("retries a 429 after Retry-After and a network error, with the same reportId and bytes", async () => {
    waits.length = 0;
    const server = fakeServer([error(429, "rate_limited", { "Retry-After": "7" }), new TypeError("fetch failed")]);
    const report = { schema: "iomt.agent-report/v1", reportId: "r-00000001", sentAt: "2026-11-28T15:00:00Z", agent: { version: "1", hostname: "h" }, mode: "delta", observations: [] } as AgentReport;
    const outcome = await postReport(report, { url: "http://sim.test", token: "tok", gzip: true, fetch: server.fetch, sleep });
    expect(outcome).toMatchObject({ kind: "stored", status: 202, retries: ["429", "network"] });
    expect(waits).toEqual([7000, 2000]);
    expect(server.calls.map((c) => c.report.reportId)).toEqual(["r-00000001", "r-00000001", "r-00000001"]);
    expect(new Set(server.calls.map((c) => Buffer.from(c.raw).toString("hex"))).size).toBe(1);
    expect(server.calls[0]).toMatchObject({ url: "http://sim.test/api/v1/reports", headers: { authorization: "Bearer tok", "content-type": "application/json", "content-encoding": "gzip" } });
  });

  it("does not retry a refusal, and gives up after the last attempt", async () => {
    const refused = await postReport({ reportId: "x" } as AgentReport, { url: "u", token: "t", fetch: fakeServer([error(400, "invalid_report")]).fetch, sleep });
    expect(refused).toMatchObject({ kind: "refused", status: 400, message: expect.stringContaining("invalid_report") });
    const down = fakeServer([error(503, "down"), error(503, "down"), error(503, "down")]);
    expect(await postReport({ reportId: "x" } as AgentReport, { url: "u", token: "t", fetch: down.fetch, sleep, maxAttempts: 3 })).toMatchObject({ kind: "undelivered", reason: "503" });
    expect(down.calls).toHaveLength(3);
  });

  it("reads Retry-After as seconds or a date, and backs off without one", () => {
    expect(retryDelayMs("3", 1)).toBe(3000);
    expect(retryDelayMs(new Date(10_000).toUTCString(), 1, 4_000)).toBe(6000);
    expect([1, 2, 3, 9].map((a) => retryDelayMs(null, a))).toEqual([1000, 2000, 4000, 30_000]);
  });
});

describe("runSimulation", () => {
  it("posts a snapshot then deltas per agent, tokens round robin, and adds up the answers", async () => {
    const server = fakeServer();
    const lines: string[] = [];
    const totals = await runSimulation({ ...base, tokens: ["a", "b"], rounds: 3, fetch: server.fetch, log: (l) => lines.push(l) });
    expect(totals).toMatchObject({ rounds: 3, reports: 9, rejected: 0, undelivered: 0, errors: {} });
    expect(totals.accepted).toBe(server.calls.reduce((n, c) => n + c.report.observations.length, 0));
    expect(totals.alerts).toBe(9);
    const byAgent = (i: number) => server.calls.filter((c) => c.report.agent.hostname === `sensor-0${i + 1}`);
    expect(byAgent(0).map((c) => c.report.mode)).toEqual(["snapshot", "delta", "delta"]);
    expect(byAgent(0).every((c) => c.headers.authorization === "Bearer a")).toBe(true);
    expect(byAgent(1).every((c) => c.headers.authorization === "Bearer b")).toBe(true);
    expect(byAgent(2).every((c) => c.headers.authorization === "Bearer a")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^round 1 \(snapshot\): 3 reports stored, \d+ observations accepted, devices \d+ new \/ 0 updated, 3 alerts, errors none, retries none$/);
  });

  it("stops at a refused report and counts it by status", async () => {
    const server = fakeServer([error(401, "unauthorized")]);
    const lines: string[] = [];
    const totals = await runSimulation({ ...base, tokens: ["bad"], rounds: 5, fetch: server.fetch, log: (l) => lines.push(l) });
    expect(totals).toMatchObject({ rounds: 1, rejected: 1, errors: { "401": 1 } });
    expect(lines.some((l) => l.includes("refused: 401 unauthorized"))).toBe(true);
  });

  it("stops between rounds when the signal aborts", async () => {
    const abort = new AbortController();
    const server = fakeServer();
    const totals = await runSimulation({ ...base, tokens: ["t"], fetch: server.fetch, signal: abort.signal, sleep: async () => abort.abort() });
    expect(totals.rounds).toBe(1);
  });

  it("makes every tenth round a snapshot by default", () => {
    expect([0, 1, 9, 10, 20].map((r) => modeOf(r))).toEqual(["snapshot", "delta", "delta", "snapshot", "snapshot"]);
  });
});
