import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enforcementReportSchema, type EnforcementAction, type EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import { collectorHealthSchema } from "../../lib/domain/protocol/agent-health";
import { runCycle } from "../cycle";
import { DeltaTracker } from "../delta";
import { silentLogger } from "../log";
import { Enforcement } from "./enforcement";
import { copySysfsFixture, type SysfsCopy } from "../../tests/support/usb-fixture-copy";
import { EnforcementOutbox } from "./outbox";
import { PolicySource } from "./policy-source";
import { UsbguardWriter } from "./usbguard-writer";

const V1 = "1111111111111111";
const V2 = "2222222222222222";
const policy = (over: Partial<EnforcementPolicy> = {}): EnforcementPolicy => ({ schema: "iomt.enforcement-policy/v1", version: V1, mode: "block_listed", block: [], allow: [], ...over });
const injector = {
  ruleId: "device:inj",
  deviceId: "inj",
  policy: "blocked by alice@hospital.org",
  reason: "keystroke injector",
  scope: "device" as const,
  match: { vendorId: "046d", productId: "c31c", serial: "7A3B9C01" },
};
const action = (n: number, version = V1): EnforcementAction => ({
  actionId: `1-${n}:blocked:${version}`,
  at: "2026-12-05T10:00:00.000Z",
  action: "blocked",
  scope: "device",
  target: `1-${n}`,
  method: "sysfs",
  mode: "block_listed",
  policy: "blocked by alice@hospital.org",
});

/** A fake server: the policy it serves (with its ETag) and the enforcement reports it took. */
function fakeServer() {
  const server = {
    policy: policy() as unknown,
    etag: `"${V1}"`,
    down: false,
    postStatus: 202,
    gets: [] as { ifNoneMatch: string | null; auth: string | null }[],
    posts: [] as unknown[],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      if (server.down) throw new Error("connect ECONNREFUSED 127.0.0.1:3000");
      const url = String(input);
      expect(url).toBe("https://iomt.test/api/v1/enforcement");
      const headers = new Headers(init?.headers);
      if ((init?.method ?? "GET") === "GET") {
        server.gets.push({ ifNoneMatch: headers.get("if-none-match"), auth: headers.get("authorization") });
        if (headers.get("if-none-match") === server.etag) return new Response(null, { status: 304 });
        return new Response(JSON.stringify(server.policy), { status: 200, headers: { etag: server.etag, "content-type": "application/json" } });
      }
      server.posts.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ accepted: 1, duplicates: 0 }), { status: server.postStatus });
    }) as typeof fetch,
  };
  return server;
}

let copy: SysfsCopy;
beforeEach(async () => {
  copy = await copySysfsFixture();
});
afterEach(() => copy.remove());

describe("the policy source", () => {
  const open = (server: ReturnType<typeof fakeServer>) =>
    PolicySource.open({ url: "https://iomt.test/", token: "tok", cacheFile: join(copy.dir, "policy.json"), timeoutMs: 1000, log: silentLogger, fetch: server.fetch });

  it("sends the ETag it holds, keeps its policy on a 304, and reads it back after a restart during an outage", async () => {
    const server = fakeServer();
    const source = await open(server);
    expect(await source.refresh()).toEqual({ changed: true });
    expect(await source.refresh()).toEqual({ changed: false });
    expect(server.gets.map((g) => g.ifNoneMatch)).toEqual([null, `"${V1}"`]);
    expect(server.gets[0].auth).toBe("Bearer tok");
    server.down = true;
    const restarted = await open(server);
    expect(restarted.policy?.version).toBe(V1);
    expect((await restarted.refresh()).problem).toMatch(/keeping the last one.*ECONNREFUSED/);
    expect(restarted.policy?.version).toBe(V1);
  });

  it("refuses a policy that breaks the schema and keeps the last good one", async () => {
    const server = fakeServer();
    const source = await open(server);
    await source.refresh();
    server.policy = { ...policy({ version: V2 }), mode: "lockdown" };
    server.etag = `"${V2}"`;
    const result = await source.refresh();
    expect(result.problem).toMatch(/^policy refused \(keeping the last one\): mode/);
    expect(source.policy?.version).toBe(V1);
    expect(JSON.parse(await readFile(join(copy.dir, "policy.json"), "utf8")).policy.version).toBe(V1);
  });
});

describe("the enforcement outbox", () => {
  it("keeps actions across a restart until the server takes them, grouped by policy version", async () => {
    const file = join(copy.dir, "outbox.json");
    const server = fakeServer();
    server.down = true;
    const outbox = await EnforcementOutbox.open(file);
    await outbox.add(V1, action(1));
    await outbox.add(V2, action(2, V2));
    await outbox.add(V1, action(1)); // the same actionId again: one action
    const send = { url: "https://iomt.test", token: "tok", hostname: "kiosk-7", timeoutMs: 1000, log: silentLogger, fetch: server.fetch };
    expect(await outbox.flush(send)).toMatchObject({ sent: 0, waiting: 2, problem: expect.stringMatching(/ECONNREFUSED/) });
    const restarted = await EnforcementOutbox.open(file);
    expect(restarted.size).toBe(2);
    server.down = false;
    expect(await restarted.flush(send)).toEqual({ sent: 2, waiting: 0 });
    expect(server.posts.map((p) => enforcementReportSchema.parse(p))).toEqual([
      expect.objectContaining({ policyVersion: V2, agent: { hostname: "kiosk-7" }, actions: [expect.objectContaining({ actionId: `1-2:blocked:${V2}` })] }),
      expect.objectContaining({ policyVersion: V1, actions: [expect.objectContaining({ actionId: `1-1:blocked:${V1}` })] }),
    ]);
    expect((await EnforcementOutbox.open(file)).size).toBe(0);
  });
});

describe("the USBGuard method", () => {
  it("writes the rules file once per policy version and runs the reload command, reporting its failure once", async () => {
    const rulesFile = join(copy.dir, "70-iomt.conf");
    const runs: string[][] = [];
    let reloadFails = false;
    const recorded: EnforcementAction[] = [];
    const writer = await UsbguardWriter.open({
      rulesFile,
      reloadCommand: ["systemctl", "restart", "usbguard"],
      stateFile: join(copy.dir, "usbguard.json"),
      now: () => new Date("2026-12-05T10:00:00Z"),
      run: async (argv) => {
        runs.push(argv);
        if (reloadFails) throw new Error("exit code 1: Job for usbguard.service failed");
      },
      record: async (a) => void recorded.push(a),
    });
    const first = await writer.enforce(policy({ block: [injector] }));
    expect(await readFile(rulesFile, "utf8")).toContain('block id 046d:c31c serial "7A3B9C01"');
    expect(first.actions).toEqual([expect.objectContaining({ action: "blocked", method: "usbguard", target: rulesFile.slice(-64), actionId: expect.stringMatching(new RegExp(`:blocked:${V1}$`)) })]);
    expect(runs).toEqual([["systemctl", "restart", "usbguard"]]);
    expect((await writer.enforce(policy({ block: [injector] }))).actions).toEqual([]);
    expect(runs).toHaveLength(1);
    reloadFails = true;
    const failed = await writer.enforce(policy({ version: V2, mode: "monitor" }));
    expect(failed.actions).toEqual([expect.objectContaining({ action: "failed", error: expect.stringMatching(/reload command failed \(systemctl\): exit code 1/) })]);
    expect(await readFile(rulesFile, "utf8")).toContain("mode monitor");
    expect((await writer.enforce(policy({ version: V2, mode: "monitor" }))).actions).toEqual([]);
    expect(recorded.map((a) => a.action)).toEqual(["blocked", "failed"]);
  });
});

describe("enforcement on the agent", () => {
  const open = (server: ReturnType<typeof fakeServer>) =>
    Enforcement.open({
      config: { enabled: true, method: "sysfs", pollSeconds: 30 },
      sysfsRoot: copy.root,
      url: "https://iomt.test",
      token: "tok",
      hostname: "kiosk-7",
      stateDir: copy.dir,
      timeoutMs: 1000,
      log: silentLogger,
      fetch: server.fetch,
    });

  it("fetches, cuts, reports; says so in its health; and names a bad policy as a problem", async () => {
    const server = fakeServer();
    server.policy = policy({ block: [injector] });
    const enforcement = await open(server);
    expect(enforcement.health()).toMatchObject({ name: "enforce", ok: false, problems: [{ message: expect.stringMatching(/no enforcement policy yet/) }] });
    await enforcement.poll();
    expect(await copy.authorized("1-2")).toBe("0");
    expect(server.posts).toEqual([expect.objectContaining({ schema: "iomt.enforcement-report/v1", policyVersion: V1, actions: [expect.objectContaining({ target: "1-2", action: "blocked" })] })]);
    expect(enforcement.health()).toEqual({ name: "enforce", ok: true, observations: 1, problems: [] });

    server.policy = { nonsense: true };
    server.etag = `"${V2}"`;
    await enforcement.poll();
    expect(enforcement.health().problems).toEqual([expect.objectContaining({ where: "policy", message: expect.stringMatching(/policy refused/) })]);
    expect(await copy.authorized("1-2")).toBe("0");
  });

  it("keeps the report when the server is away and sends it on a later pass", async () => {
    const server = fakeServer();
    server.policy = policy({ block: [injector] });
    const enforcement = await open(server);
    await enforcement.poll();
    server.posts.length = 0;
    server.postStatus = 503;
    server.policy = policy({ version: V2 });
    server.etag = `"${V2}"`;
    await enforcement.poll();
    expect(await copy.authorized("1-2")).toBe("1");
    expect(enforcement.health().problems).toEqual([expect.objectContaining({ where: "outbox", message: expect.stringMatching(/HTTP 503.*1 actions waiting/) })]);
    server.postStatus = 202;
    await enforcement.afterCollection();
    expect(server.posts.at(-1)).toMatchObject({ policyVersion: V2, actions: [{ action: "allowed", actionId: `1-2:allowed:${V2}` }] });
    expect(enforcement.outbox.size).toBe(0);
  });

  it("rides in every report's health as the \"enforce\" entry", async () => {
    const server = fakeServer();
    server.policy = policy({ block: [injector] });
    const enforcement = await open(server);
    await enforcement.poll();
    const tracker = await DeltaTracker.open(null, 15);
    const { reports } = await runCycle({ collectors: [], tracker, hostname: "kiosk-7", collectTimeoutMs: 200, extraHealth: () => [enforcement.health()] });
    const entry = reports[0].agent.collectors.find((c) => c.name === "enforce");
    expect(entry).toEqual({ name: "enforce", ok: true, observations: 1, problems: [] });
    expect(collectorHealthSchema.safeParse(entry).success).toBe(true);
  });
});
