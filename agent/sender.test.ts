import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "./log";
import { childId, parseRetryAfter, Sender } from "./sender";
import { Spool } from "./spool";

type Received = { reportId: string; observations: number; headers: IncomingMessage["headers"] };
type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

let dir: string;
let server: Server;
let url: string;
let received: Received[];
let replies: ((r: Received) => Reply)[];
let logLines: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sender-test-"));
  received = [];
  replies = [];
  logLines = [];
  server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function answer(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString("utf8"));
  const r: Received = { reportId: body.reportId, observations: body.observations.length, headers: req.headers };
  received.push(r);
  const reply: Reply = (replies.shift() ?? ((): Reply => ({ status: 202, body: { reportId: body.reportId } })))(r);
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  res.end(JSON.stringify(reply.body ?? {}));
}

const report = (id: string, observations = 1) => ({
  schema: "iomt.agent-report/v1",
  reportId: id,
  sentAt: "2026-12-01T10:00:00Z",
  agent: { version: "1.0.0", hostname: "h" },
  mode: "snapshot",
  observations: Array.from({ length: observations }, (_, n) => ({ observedAt: "2026-12-01T10:00:00Z", channel: "ethernet", claimed: { mac: `00:09:fb:00:00:${n.toString(16).padStart(2, "0")}` } })),
});

async function setup(overrides: Partial<ConstructorParameters<typeof Sender>[0]> = {}) {
  const spool = await Spool.open(dir, 10 * 1024 * 1024);
  const sleeps: number[] = [];
  const sender = new Sender({
    spool,
    url,
    token: "secret-token-123",
    log: createLogger({ write: (l) => logLines.push(l), secrets: ["secret-token-123"] }),
    timeoutMs: 5000,
    maxBackoffMs: 8000,
    authRetryMs: 300_000,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => Date.parse("2026-12-01T10:00:00Z"),
    ...overrides,
  });
  return { spool, sender, sleeps };
}

describe("Sender", () => {
  it("sends in spool order with gzip, bearer token and user agent, and empties the spool on 202 and 200", async () => {
    const { spool, sender } = await setup();
    for (const id of ["report-a-1", "report-b-2", "report-c-3"]) await spool.add(report(id));
    replies.push(() => ({ status: 202 }), () => ({ status: 200, body: { duplicate: true } }));
    expect(await sender.drainOnce()).toEqual({ state: "empty" });
    expect(received.map((r) => r.reportId)).toEqual(["report-a-1", "report-b-2", "report-c-3"]);
    expect(received[0].headers).toMatchObject({ "content-encoding": "gzip", authorization: "Bearer secret-token-123", "content-type": "application/json" });
    expect(received[0].headers["user-agent"]).toMatch(/^iomt-agent\/1\.0\.0/);
    expect(await spool.list()).toEqual([]);
    expect(logLines.join("")).not.toContain("secret-token-123");
  });

  it("retries the same reportId after 5xx with exponential backoff and full jitter, capped", async () => {
    const { spool, sender, sleeps } = await setup();
    await spool.add(report("report-retry"));
    for (let i = 0; i < 5; i += 1) replies.push(() => ({ status: 503 }));
    expect(await sender.drainUntil(Date.parse("2026-12-02T00:00:00Z"))).toBe(true);
    expect(received.map((r) => r.reportId)).toEqual(Array(6).fill("report-retry"));
    // random() = 0.5 of min(8000, 1000·2^n)
    expect(sleeps).toEqual([500, 1000, 2000, 4000, 4000]);
  });

  it("honours Retry-After on 429, in seconds and as an HTTP date", async () => {
    const { spool, sender } = await setup();
    await spool.add(report("report-limited"));
    replies.push(() => ({ status: 429, headers: { "retry-after": "7" } }));
    expect(await sender.drainOnce()).toEqual({ state: "retry", waitMs: 7000 });
    replies.push(() => ({ status: 429, headers: { "retry-after": "Tue, 01 Dec 2026 10:00:30 GMT" } }));
    expect(await sender.drainOnce()).toEqual({ state: "retry", waitMs: 30_000 });
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });

  it("retries after a network error (nobody listening)", async () => {
    const { spool, sender } = await setup({ url: "http://127.0.0.1:9" });
    await spool.add(report("report-offline"));
    expect(await sender.drainOnce()).toEqual({ state: "retry", waitMs: 500 });
    expect(await spool.list()).toHaveLength(1);
  });

  it("moves a 400 to refused/ with the server's message logged, and goes on with the next", async () => {
    const { spool, sender } = await setup();
    await spool.add(report("report-bad-1"));
    await spool.add(report("report-good-2"));
    replies.push(() => ({ status: 400, body: { error: { code: "invalid_report", message: "observations.0.claimed.mac: must be a MAC address" } } }));
    expect(await sender.drainOnce()).toEqual({ state: "empty" });
    expect(received.map((r) => r.reportId)).toEqual(["report-bad-1", "report-good-2"]);
    const refused = await readdir(join(dir, "refused"));
    expect(refused).toHaveLength(1);
    expect(logLines.some((l) => l.includes("observations.0.claimed.mac: must be a MAC address"))).toBe(true);
  });

  it("stops sending on 401, keeps the report, and waits authRetry before trying again", async () => {
    const { spool, sender } = await setup();
    await spool.add(report("report-auth-1"));
    await spool.add(report("report-auth-2"));
    replies.push(() => ({ status: 401, body: { error: { code: "unauthorized", message: "unknown token" } } }));
    expect(await sender.drainOnce()).toEqual({ state: "paused", waitMs: 300_000 });
    expect(received).toHaveLength(1);
    expect(await spool.list()).toHaveLength(2);
    expect(await sender.drainOnce()).toEqual({ state: "empty" });
  });

  it("splits a 413 into halves with derived ids, sent as deltas, down to one observation, which is refused", async () => {
    const { spool, sender } = await setup();
    await spool.add(report("report-large", 3));
    replies.push(
      () => ({ status: 413 }), // 3 → 2 + 1
      () => ({ status: 413 }), // .1 (2) → .1.1 + .1.2
      () => ({ status: 202 }), // .1.1
      () => ({ status: 413 }), // .1.2 is one observation: refused
      () => ({ status: 202 }), // .2
    );
    expect(await sender.drainOnce()).toEqual({ state: "empty" });
    expect(received.map((r) => [r.reportId, r.observations])).toEqual([
      ["report-large", 3],
      ["report-large.1", 2],
      ["report-large.1.1", 1],
      ["report-large.1.2", 1],
      ["report-large.2", 1],
    ]);
    expect(await readdir(join(dir, "refused"))).toHaveLength(1);
  });

  it("derives ids that stay within 128 characters and the allowed alphabet, deterministically", () => {
    const long = "a".repeat(127);
    expect(childId(long, 2)).toMatch(/^[0-9a-f]{40}\.2$/);
    expect(childId(long, 2)).toBe(childId(long, 2));
    expect(childId("6f1c2a0e-0000", 1)).toBe("6f1c2a0e-0000.1");
  });
});
