// The enforcement extension of agent protocol v1, through the real route handlers on a real
// database: the policy an agent fetches (ETag, 304, modes per site and agent, what is blocked and
// allowed, bound to the physical fingerprint), what it reports it did (idempotent, linked to
// devices), the mode commands' audit, the USBGuard download and its CLI.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getPolicyRoute, POST as postEnforcementRoute } from "@/app/api/v1/enforcement/route";
import { GET as getUsbguard } from "@/app/api/policies/usbguard/route";
import { revokeAgent } from "@/lib/commands/agent-enrolment";
import { decideDevices } from "@/lib/commands/device-decisions";
import { setAgentEnforcementMode, setSiteEnforcementMode } from "@/lib/commands/enforcement-modes";
import { createPolicy } from "@/lib/commands/policy-editing";
import { getDb } from "@/lib/db/client";
import { enforcementPolicySchema, usbMatches, type EnforcementPolicy } from "@/lib/domain/enforcement/enforcement-policy";
import { enforcementLine } from "@/lib/domain/enforcement/enforcement-words";
import { listDeviceEnforcements } from "@/lib/queries/enforcement-views";
import { enrol, postReport, report } from "./agent-api";
import { makeUser, testSession } from "./helpers";
import { runCli } from "../support/run-cli";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original()));

const HID = "9f2c0d5b".repeat(8);
const BASE = "http://localhost/api/v1/enforcement";

function usb(serial: string | null, port: string, interfaces: { class: number; subclass: number; protocol: number; endpoints?: number }[], ids = { vendorId: "046d", productId: "c31c" }, extra: Record<string, unknown> = {}) {
  return {
    observedAt: new Date().toISOString(),
    channel: "usb",
    claimed: { usb: { ...ids, ...(serial ? { serial } : {}), manufacturer: "Logitech", product: "USB Keyboard" } },
    physical: { usb: { port, speed: "full", interfaces, ...extra } },
  };
}
const KEYBOARD = [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }];
const INJECTOR = [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }];

async function fetchPolicy(token: string | null, etag?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (etag) headers["if-none-match"] = etag;
  const response = await getPolicyRoute(new Request(BASE, { headers }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, policy: (response.status === 200 ? JSON.parse(text) : null) as EnforcementPolicy, body: text && response.status !== 200 ? JSON.parse(text) : null };
}

async function postEnforcement(token: string | null, body: unknown, contentType = "application/json") {
  const headers: Record<string, string> = { "content-type": contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await postEnforcementRoute(new Request(BASE, { method: "POST", headers, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

let sequence = 0;
const action = (over: Record<string, unknown> = {}) => ({
  actionId: `1-4:blocked:${Date.now()}-${++sequence}`, at: "2026-12-05T10:00:00Z", action: "blocked", scope: "device", target: "1-4", method: "sysfs", mode: "block_listed",
  policy: "blocked by someone", ...over,
});
const enforcementReport = (actions: unknown[], policyVersion = "9f2c41d0a7b3e815") => ({ schema: "iomt.enforcement-report/v1", policyVersion, agent: { hostname: "ward-7-kiosk" }, actions });

const ctx = {} as { token: string; agentId: string; otherToken: string; siteId: string; analyst: { id: string; email: string }; ducky: string; injector: string; genuine: string; portOnly: string };

beforeAll(async () => {
  process.env.AGENT_REPORTS_PER_MINUTE = "1000000";
  const kiosk = await enrol("ward-7-kiosk", "Kiosk Campus");
  const other = await enrol("ward-7-sensor", "Kiosk Campus");
  Object.assign(ctx, { token: kiosk.token, agentId: kiosk.id, otherToken: other.token });
  ctx.siteId = (await getDb().site.findUniqueOrThrow({ where: { name: "Kiosk Campus" } })).id;
  const analyst = await makeUser("analyst");
  ctx.analyst = { id: analyst.id, email: analyst.email };
  await createPolicy(getDb(), { kind: "usb_allow", name: "Kiosk keyboards", siteId: ctx.siteId, rules: { entries: [{ vendorId: "046D", productId: "C31C" }] } }, { system: "test" });
  const answer = await postReport(ctx.token, report([
    usb("K-1", "1-2", KEYBOARD),
    { ...usb("K-2", "1-3", INJECTOR, undefined, { keystrokeRateCps: 950 }) },
    usb("DUCKY-1", "1-4", KEYBOARD, { vendorId: "05ac", productId: "0227" }, { hidReportDescriptorSha256: HID }),
    usb(null, "1-5", KEYBOARD, { vendorId: "1234", productId: "5678" }),
  ]));
  expect(answer.status).toBe(202);
  const bySerial = async (serial: string) => (await getDb().device.findFirstOrThrow({ where: { usbSerial: serial } })).id;
  Object.assign(ctx, { genuine: await bySerial("K-1"), injector: await bySerial("K-2"), ducky: await bySerial("DUCKY-1") });
  ctx.portOnly = (await getDb().device.findFirstOrThrow({ where: { usbVendorId: "1234" } })).id;
  return () => {
    delete process.env.AGENT_REPORTS_PER_MINUTE;
  };
});

describe("GET /api/v1/enforcement", () => {
  it("answers monitor with nothing to enforce until a mode is chosen, with its version as ETag, and records the fetch", async () => {
    const first = await fetchPolicy(ctx.token);
    expect(first.status).toBe(200);
    expect(enforcementPolicySchema.parse(first.policy)).toEqual(first.policy);
    expect(first.policy).toMatchObject({ mode: "monitor", block: [], allow: [] });
    expect(first.headers.get("etag")).toBe(`"${first.policy.version}"`);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const agent = await getDb().agent.findUniqueOrThrow({ where: { id: ctx.agentId } });
    expect(agent.policyVersion).toBe(first.policy.version);
    expect(agent.policyFetchedAt).not.toBeNull();
  });

  it("answers 304 with no body when If-None-Match names the current version, and records a fetch at most once a minute", async () => {
    const { policy } = await fetchPolicy(ctx.token);
    const fetchedAt = (await getDb().agent.findUniqueOrThrow({ where: { id: ctx.agentId } })).policyFetchedAt;
    for (const tag of [`"${policy.version}"`, `W/"${policy.version}"`, `"0000000000000000", "${policy.version}"`]) {
      const again = await fetchPolicy(ctx.token, tag);
      expect(again.status, tag).toBe(304);
      expect(again.text).toBe("");
      expect(again.headers.get("etag")).toBe(`"${policy.version}"`);
    }
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: ctx.agentId } })).policyFetchedAt).toEqual(fetchedAt);
    expect((await fetchPolicy(ctx.token, '"0000000000000000"')).status).toBe(200);
    // A minute later the same version is recorded again, so the agents view shows it is still fetching.
    await getDb().agent.update({ where: { id: ctx.agentId }, data: { policyFetchedAt: new Date(Date.now() - 61_000) } });
    await fetchPolicy(ctx.token, `"${policy.version}"`);
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: ctx.agentId } })).policyFetchedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("block_listed for the site: the version changes when a person blocks a device, whose entry binds its physical fingerprint", async () => {
    const changed = await setSiteEnforcementMode(getDb(), ctx.siteId, { mode: "block_listed" }, ctx.analyst);
    expect(changed.changed).toBe(true);
    const before = await fetchPolicy(ctx.token);
    expect(before.policy).toMatchObject({ mode: "block_listed", block: [], allow: [] });
    await decideDevices(getDb(), [ctx.ducky], { decision: "block", reason: "a keystroke injector" }, ctx.analyst);
    const after = await fetchPolicy(ctx.token, `"${before.policy.version}"`);
    expect(after.status).toBe(200);
    expect(after.policy.version).not.toBe(before.policy.version);
    expect(after.policy.block).toEqual([
      {
        ruleId: `device:${ctx.ducky}`, deviceId: ctx.ducky, policy: `blocked by ${ctx.analyst.email}`, reason: "a keystroke injector", scope: "device",
        match: { vendorId: "05ac", productId: "0227", serial: "DUCKY-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: HID },
      },
    ]);
    // Estate-wide: an agent of another site gets the same block entry.
    const elsewhere = await enrol("icu-sensor", "Other Campus");
    await setSiteEnforcementMode(getDb(), (await getDb().site.findUniqueOrThrow({ where: { name: "Other Campus" } })).id, { mode: "block_listed" }, ctx.analyst);
    expect((await fetchPolicy(elsewhere.token)).policy.block.map((b) => b.deviceId)).toEqual([ctx.ducky]);
    // The same content gives the same version on a fetch by another agent of the site.
    expect((await fetchPolicy(ctx.otherToken)).policy.version).toBe(after.policy.version);
  });

  it("allow_listed for one agent: the spoofed allow-listed keyboard is blocked although its ids are allowed; the genuine one is not", async () => {
    expect(await getDb().device.findUniqueOrThrow({ where: { id: ctx.injector } })).toMatchObject({ status: "unauthorized", spoofSuspected: true });
    await setAgentEnforcementMode(getDb(), ctx.agentId, { mode: "allow_listed" }, ctx.analyst);
    const { policy } = await fetchPolicy(ctx.token);
    expect(policy.mode).toBe("allow_listed");
    const injector = policy.block.find((b) => b.deviceId === ctx.injector)!;
    expect(injector).toMatchObject({ scope: "device", match: { vendorId: "046d", productId: "c31c", serial: "K-2", interfaces: "03.01.01.01,08.06.50.02" } });
    expect(injector.policy).toMatch(/^unauthorized on Kiosk Campus: spoof/);
    expect(policy.block.map((b) => b.deviceId)).not.toContain(ctx.genuine);
    expect(policy.allow).toEqual([{ ruleId: expect.stringMatching(/^policy:.+:0$/), policy: "Kiosk keyboards", match: { vendorId: "046d", productId: "c31c" } }]);
    // The genuine keyboard, as the agent measures it, matches the allow entry and no block entry.
    const genuine = { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01" };
    expect(policy.block.some((b) => usbMatches(b.match, genuine))).toBe(false);
    expect(policy.allow.some((a) => usbMatches(a.match, genuine))).toBe(true);
    // The other agent of the site follows the site's mode.
    expect((await fetchPolicy(ctx.otherToken)).policy.mode).toBe("block_listed");
    // Cleared, the agent follows its site again.
    await setAgentEnforcementMode(getDb(), ctx.agentId, { mode: "" }, ctx.analyst);
    expect((await fetchPolicy(ctx.token)).policy.mode).toBe("block_listed");
  });

  it("refuses a missing token (401) and a revoked agent (403)", async () => {
    expect((await fetchPolicy(null)).status).toBe(401);
    const gone = await enrol("revoked-kiosk", "Kiosk Campus");
    await revokeAgent(getDb(), gone.id, { system: "test" });
    const answer = await fetchPolicy(gone.token);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("agent_revoked");
    expect((await postEnforcement(gone.token, enforcementReport([action()]))).status).toBe(403);
  });
});

describe("POST /api/v1/enforcement", () => {
  it("stores each action once, linked to its device by id, by rule, by USB serial or by port", async () => {
    const actions = [
      action({ ruleId: `device:${ctx.ducky}`, policy: `blocked by ${ctx.analyst.email}` }),
      action({ deviceId: ctx.injector, scope: "interface", target: "1-3:1.1", usb: { vendorId: "046d", productId: "c31c", serial: "K-2", interfaceClass: 8 } }),
      action({ deviceId: "no-such-device", usb: { vendorId: "046d", productId: "c31c", serial: "K-1" }, action: "allowed", policy: "Kiosk keyboards" }),
      action({ target: "1-5:1.0", scope: "interface", usb: { vendorId: "1234", productId: "5678" } }),
      action({ action: "failed", error: "EACCES: permission denied", deviceId: "no-such-device" }),
    ];
    const first = await postEnforcement(ctx.token, enforcementReport(actions));
    expect(first).toEqual({ status: 202, body: { accepted: 5, duplicates: 0 } });
    const rows = await getDb().enforcement.findMany({ where: { agentId: ctx.agentId }, orderBy: { actionId: "asc" } });
    const device = (actionId: string) => rows.find((r) => r.actionId === actionId)?.deviceId;
    expect(actions.map((a) => device(a.actionId))).toEqual([ctx.ducky, ctx.injector, ctx.genuine, ctx.portOnly, null]);
    expect(rows.find((r) => r.action === "failed")).toMatchObject({ error: "EACCES: permission denied", hostname: "ward-7-kiosk", policyVersion: "9f2c41d0a7b3e815" });
    // A failed action raises no alert.
    expect(await getDb().alert.count({ where: { title: { contains: "EACCES" } } })).toBe(0);

    // The retry is all duplicates; an action repeated within a report is counted once.
    expect(await postEnforcement(ctx.token, enforcementReport(actions))).toEqual({ status: 202, body: { accepted: 0, duplicates: 5 } });
    const again = action();
    expect(await postEnforcement(ctx.token, enforcementReport([again, again, actions[0]]))).toEqual({ status: 202, body: { accepted: 1, duplicates: 2 } });
    expect(await getDb().enforcement.count({ where: { agentId: ctx.agentId } })).toBe(6);
  });

  it("the device page's card reads where, when and by whom", async () => {
    const rows = await listDeviceEnforcements(ctx.ducky);
    expect(rows.length).toBeGreaterThan(0);
    expect(enforcementLine({ ...rows[0], host: rows[0].hostname ?? rows[0].agent.name })).toBe(`Blocked on host ward-7-kiosk at 2026-12-05 10:00 UTC by ${ctx.analyst.email} (policy 9f2c41d0, sysfs, whole device)`);
    expect(await listDeviceEnforcements(ctx.genuine)).toHaveLength(1);
  });

  it("refuses a body that breaks the contract (400 invalid_enforcement_report with issues), not JSON (415), no token (401); nothing stored", async () => {
    const before = await getDb().enforcement.count();
    const broken = await postEnforcement(ctx.token, enforcementReport([action({ action: "smashed" })]));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_enforcement_report");
    expect(broken.body.error.issues.map((i: { path: string }) => i.path)).toContain("actions.0.action");
    expect((await postEnforcement(ctx.token, enforcementReport([]))).status).toBe(400);
    expect((await postEnforcement(ctx.token, { ...enforcementReport([action()]), schema: "iomt.agent-report/v1" })).status).toBe(400);
    expect((await postEnforcement(ctx.token, enforcementReport([action()]), "text/plain")).status).toBe(415);
    expect((await postEnforcement(null, enforcementReport([action()]))).status).toBe(401);
    expect(await getDb().enforcement.count()).toBe(before);
  });
});

describe("enforcement modes (commands)", () => {
  it("audit each change with before and after, and only a change", async () => {
    const site = await getDb().site.create({ data: { name: "Audit Campus" } });
    await setSiteEnforcementMode(getDb(), site.id, { mode: "allow_listed" }, ctx.analyst);
    expect(await setSiteEnforcementMode(getDb(), site.id, { mode: "allow_listed" }, ctx.analyst)).toMatchObject({ changed: false });
    const rows = await getDb().auditLog.findMany({ where: { action: "site.enforcement_mode", targetId: site.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorLabel: ctx.analyst.email, before: { enforcementMode: "monitor" }, after: { enforcementMode: "allow_listed" } });

    const agent = await enrol("audit-kiosk", "Audit Campus");
    await setAgentEnforcementMode(getDb(), agent.id, { mode: "block_listed" }, ctx.analyst);
    await setAgentEnforcementMode(getDb(), agent.id, { mode: "" }, ctx.analyst);
    const agentRows = await getDb().auditLog.findMany({ where: { action: "agent.enforcement_mode", targetId: agent.id }, orderBy: { at: "asc" } });
    expect(agentRows.map((r) => [r.before, r.after])).toEqual([
      [{ enforcementMode: null }, { enforcementMode: "block_listed" }],
      [{ enforcementMode: "block_listed" }, { enforcementMode: null }],
    ]);
  });

  it("refuses an unknown mode, an unknown site or agent, and a revoked agent, writing nothing", async () => {
    const before = await getDb().auditLog.count();
    await expect(setSiteEnforcementMode(getDb(), ctx.siteId, { mode: "lockdown" }, ctx.analyst)).rejects.toMatchObject({ status: 400, code: "invalid_enforcement_mode" });
    await expect(setSiteEnforcementMode(getDb(), "no-such-site", { mode: "monitor" }, ctx.analyst)).rejects.toMatchObject({ status: 404 });
    await expect(setAgentEnforcementMode(getDb(), "no-such-agent", { mode: "monitor" }, ctx.analyst)).rejects.toMatchObject({ status: 404 });
    const gone = await enrol("revoked-audit", "Kiosk Campus");
    await revokeAgent(getDb(), gone.id, { system: "test" });
    const afterRevoke = await getDb().auditLog.count();
    await expect(setAgentEnforcementMode(getDb(), gone.id, { mode: "monitor" }, ctx.analyst)).rejects.toMatchObject({ status: 400, code: "agent_revoked" });
    expect(await getDb().auditLog.count()).toBe(afterRevoke);
    expect(afterRevoke - before).toBe(2); // the enrolment and the revocation
  });
});

describe("GET /api/policies/usbguard", () => {
  const download = (query: string) => getUsbguard(new Request(`http://localhost/api/policies/usbguard${query}`, { headers: { host: "localhost" } }), { params: Promise.resolve({}) });
  const signIn = (user: { id: string; email: string }, role: string) => (testSession.current = { user: { ...user, role } });

  afterAll(() => {
    testSession.current = null;
  });

  it("gives an analyst the site's policy as a USBGuard rules file to download", async () => {
    signIn(ctx.analyst, "analyst");
    const response = await download(`?site=${ctx.siteId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="iomt-usbguard-kiosk-campus.rules"');
    const rules = await response.text();
    expect(rules).toMatch(/^block id 05ac:0227 serial "DUCKY-1"/m);
    expect(rules).not.toMatch(/^allow id 046d:c31c/m); // block_listed: no allow-list
    const asAllowListed = await (await download(`?site=${ctx.siteId}&mode=allow_listed`)).text();
    expect(asAllowListed).toMatch(/^allow id 046d:c31c/m);
    expect(asAllowListed).toMatch(/^block id 046d:c31c serial "K-2"/m);
    const forAgent = await download(`?agent=${ctx.agentId}`);
    expect(forAgent.headers.get("content-disposition")).toBe('attachment; filename="iomt-usbguard-kiosk-campus-ward-7-kiosk.rules"');
  });

  it("refuses a viewer (403), nobody (401), a wrong query (400) and an unknown site (404)", async () => {
    signIn(await makeUser("viewer"), "viewer");
    expect((await download(`?site=${ctx.siteId}`)).status).toBe(403);
    testSession.current = null;
    expect((await download(`?site=${ctx.siteId}`)).status).toBe(401);
    signIn(ctx.analyst, "analyst");
    expect((await download(`?site=${ctx.siteId}&agent=${ctx.agentId}`)).status).toBe(400);
    expect((await download("")).status).toBe(400);
    expect((await download(`?site=${ctx.siteId}&mode=lockdown`)).status).toBe(400);
    expect((await download("?site=no-such-site")).status).toBe(404);
  });
});

describe("npm run enforcement:usbguard", () => {
  const cli = (args: string[]) => runCli("usbguard-rules.ts", args);

  it("prints a site's rules, or writes an agent's to --out", async () => {
    const printed = await cli(["--site", "Kiosk Campus"]);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^block id 05ac:0227 serial "DUCKY-1"/m);
    const dir = mkdtempSync(path.join(tmpdir(), "usbguard-"));
    try {
      const file = path.join(dir, "rules.conf");
      const written = await cli(["--agent", "ward-7-kiosk", "--mode", "allow_listed", "--out", file]);
      expect(written.status, written.stderr).toBe(0);
      expect(written.stderr).toMatch(/allow_listed/);
      expect(readFileSync(file, "utf8")).toMatch(/^block id 046d:c31c serial "K-2"/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with a clear message on bad input", async () => {
    for (const [args, message] of [
      [[], /exactly one of --site or --agent/],
      [["--site", "Kiosk Campus", "--agent", "ward-7-kiosk"], /exactly one/],
      [["--site", "No Such Campus"], /no site named "No Such Campus"/],
      [["--site", "Kiosk Campus", "--mode", "lockdown"], /--mode must be one of/],
    ] as const) {
      const run = await cli([...args]);
      expect(run.status, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
    }
  }, 180_000);
});
