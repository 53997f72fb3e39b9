// Hostile input against the agent endpoint, every JSON route handler of the dashboard and the
// asset register's push API: each is answered with a 4xx in the one error shape (never a 500,
// never a hang), writes nothing, and the route still answers a valid request afterwards. Only the session lookup is replaced.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/commands/policy-editing";
import { createApiKey } from "@/lib/commands/api-keys";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser, testSession as session } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));

type Context = { params: Promise<Record<string, string>> };
type Handler = (request: Request, context: Context) => Promise<Response>;
type Module = Record<string, unknown>;

const routes = {
  reports: await import("@/app/api/v1/reports/route"),
  users: await import("@/app/api/users/route"),
  user: await import("@/app/api/users/[id]/route"),
  policies: await import("@/app/api/policies/route"),
  policy: await import("@/app/api/policies/[id]/route"),
  decision: await import("@/app/api/devices/[id]/decision/route"),
  acceptance: await import("@/app/api/devices/[id]/acceptance/route"),
  clinical: await import("@/app/api/devices/[id]/clinical-context/route"),
  feeds: await import("@/app/api/feeds/route"),
  metrics: await import("@/app/api/metrics/route"),
  openapi: await import("@/app/api/v1/openapi.json/route"),
  assetEntry: await import("@/app/api/v1/assets/[assetTag]/route"),
  assetBulk: await import("@/app/api/v1/assets/bulk/route"),
} satisfies Record<string, Module>;
const handler = (module: Module, method: string) => module[method] as Handler;

const ORIGIN = "http://localhost:3000";
const SAME_SITE = { host: "localhost:3000", origin: ORIGIN };
const JSON_TYPE = { "content-type": "application/json" };
const MiB = 1024 * 1024;
const utf8 = new TextEncoder();

// ─── Requests and answers ──────────────────────────────────────────────────────────────────────

type Body = string | Uint8Array | ReadableStream<Uint8Array> | null;

function makeRequest(path: string, method: string, body: Body, headers: Record<string, string>): Request {
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (body !== null) init.body = body as BodyInit;
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(`${ORIGIN}${path}`, init);
}

type Answer = { status: number; body: unknown; text: string; ms: number };

/** Calls a handler; a handler that does not answer within `limitMs` fails the test, not the run. */
async function call(h: Handler, request: Request, params: Record<string, string> = {}, limitMs = 20_000): Promise<Answer> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the handler did not answer within ${limitMs} ms`)), limitMs);
  });
  try {
    const response = await Promise.race([h(request, { params: Promise.resolve(params) }), hang]);
    const text = await Promise.race([response.text(), hang]);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text, and the shape assertion below will say so.
    }
    return { status: response.status, body, text, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** The one error shape, small (nothing of a huge input echoed back). */
function expectOneErrorShape(answer: Answer) {
  expect(answer.body, answer.text.slice(0, 300)).toMatchObject({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
  const { error } = answer.body as { error: Record<string, unknown> };
  expect(Object.keys(answer.body as object)).toEqual(["error"]);
  expect(Object.keys(error).every((k) => ["code", "message", "issues"].includes(k))).toBe(true);
  if (error.issues) expect(error.issues).toEqual(expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]));
  expect(answer.text.length).toBeLessThan(32 * 1024);
}

/** Everything a request could write: row counts, and the fields the UI mutations change. */
async function snapshot() {
  const db = getDb();
  const counted = {
    report: db.report.count(),
    observation: db.observation.count(),
    device: db.device.count(),
    deviceIdentifier: db.deviceIdentifier.count(),
    fingerprint: db.fingerprint.count(),
    alert: db.alert.count(),
    auditLog: db.auditLog.count(),
    user: db.user.count(),
    policy: db.policy.count(),
    agent: db.agent.count(),
    site: db.site.count(),
    segment: db.segment.count(),
    riskAcceptance: db.riskAcceptance.count(),
    riskScore: db.riskScore.count(),
    feedImport: db.feedImport.count(),
    vulnerability: db.vulnerability.count(),
    advisory: db.advisory.count(),
    sbomComponent: db.sbomComponent.count(),
    vexStatement: db.vexStatement.count(),
    asset: db.asset.count(),
    assetSource: db.assetSource.count(),
  };
  const counts = Object.fromEntries(await Promise.all(Object.entries(counted).map(async ([k, v]) => [k, await v])));
  const devices = await db.device.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, criticality: true, phi: true, compensatingControls: true, riskAcceptedUntil: true } });
  const users = await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true, disabledAt: true } });
  const policies = await db.policy.findMany({ orderBy: { id: "asc" }, select: { id: true, enabled: true } });
  return { counts, devices, users, policies };
}

// ─── Hostile material ─────────────────────────────────────────────────────────────────────────

const nestedArrays = (levels: number) => "[".repeat(levels) + "1" + "]".repeat(levels);
const nestedObjects = (levels: number) => '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
const concat = (...parts: (string | Uint8Array)[]) => {
  const bytes = parts.map((p) => (typeof p === "string" ? utf8.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of bytes) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return out;
};
/** Sends a few bytes, then neither more nor the end. */
const stalled = (first = '{"a":') =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(utf8.encode(first));
    },
  });
// 64 MiB of zeros: about 64 KiB on the wire.
const bomb = gzipSync(Buffer.alloc(64 * MiB));

/**
 * A target is a JSON route with a valid body written as a template: "$NUM" marks where a number
 * (or another typed value) goes, "$STR" a string field, "$NEST" a place that takes any JSON value.
 */
type Target = {
  name: string;
  module: Module;
  /** How the route knows its caller: an agent's token, a signed-in session, or an integration's API key. */
  auth: "agent" | "session" | "apiKey";
  method: "POST" | "PATCH" | "PUT";
  path: () => string;
  params: () => Record<string, string>;
  headers: () => Record<string, string>;
  template: () => Record<string, unknown>;
  defaults: { NUM: string; STR: string };
  ok: number;
};
type Slot = "NUM" | "STR" | "NEST";

function fill(target: Target, slot?: Slot, raw?: string | Uint8Array): Uint8Array {
  const marker = "\u0001slot\u0001";
  const values: Record<Slot, string> = { ...target.defaults, NEST: "{}" };
  if (slot) values[slot] = marker;
  const text = JSON.stringify(target.template()).replace(/"\$(NUM|STR|NEST)"/g, (_, name: Slot) => values[name]);
  if (!slot) return utf8.encode(text);
  const [before, after] = text.split(marker);
  return concat(before, raw ?? "", after);
}

type Case = { name: string; body: (t: Target) => Body; headers?: Record<string, string>; status: number[]; env?: Record<string, string> };

const stringCases: [string, string | Uint8Array][] = [
  ["NUL, escaped", '"before\\u0000after"'],
  ["NUL, raw byte inside a string", concat('"before', new Uint8Array([0]), 'after"')],
  ["an escape sequence (ESC [31m)", '"\\u001b[31mred\\u001b[0m"'],
  ["BEL and backspace", '"ring\\u0007\\b"'],
  ["a lone high surrogate", '"\\ud800 alone"'],
  ["a lone low surrogate", '"alone \\udfff"'],
  ["a reversed surrogate pair", '"\\udc00\\ud800"'],
  ["invalid UTF-8 (0xff 0xfe)", concat('"', new Uint8Array([0xff, 0xfe]), '"')],
  ["an overlong UTF-8 encoding of '/'", concat('"', new Uint8Array([0xc0, 0xaf]), '"')],
  ["a UTF-8-encoded surrogate (CESU-8)", concat('"', new Uint8Array([0xed, 0xa0, 0x80]), '"')],
  ["a truncated UTF-8 sequence", concat('"', new Uint8Array([0xe2, 0x82]), '"')],
  ["a 10 MB string", `"${"a".repeat(10 * MiB)}"`],
];

const numberCases: [string, string][] = [
  ["1e309 (Infinity)", "1e309"],
  ["-1e309 (-Infinity)", "-1e309"],
  ["9007199254740993 (beyond 2^53)", "9007199254740993"],
  ["-9007199254740993", "-9007199254740993"],
  ['"NaN" as a string', '"NaN"'],
  ['"Infinity" as a string', '"Infinity"'],
  ["bare NaN (not JSON)", "NaN"],
  ["a huge array", `[${"0,".repeat(20_000)}0]`],
];

const nestCases: [string, string][] = [
  ["10 000 nested arrays", nestedArrays(10_000)],
  ["9 000 nested objects (all a 64 KiB body holds)", nestedObjects(9_000)],
  ["__proto__ one level down", '{"__proto__":{"isAdmin":true}}'],
  ["constructor.prototype three levels down", '{"a":{"b":{"constructor":{"prototype":{"polluted":true}}}}}'],
  ["prototype inside an array", '[{"ok":1},{"prototype":{"x":1}}]'],
  ["a key holding NUL", '{"a\\u0000b":1}'],
  ["a key holding a lone surrogate", '{"\\ud800":1}'],
];

const cases: Case[] = [
  ...stringCases.map(([name, raw]): Case => ({ name: `string: ${name}`, status: name.includes("10 MB") ? [413] : [400], body: (t) => fill(t, "STR", raw) })),
  ...numberCases.map(([name, raw]): Case => ({ name: `number: ${name}`, status: [400], body: (t) => fill(t, "NUM", raw) })),
  ...nestCases.map(([name, raw]): Case => ({ name: `nested: ${name}`, status: [400], body: (t) => fill(t, "NEST", raw) })),
  { name: "top level: __proto__ beside valid fields", status: [400], body: (t) => concat('{"__proto__":{"role":"admin"},', fill(t).slice(1)) },
  { name: "top level: constructor beside valid fields", status: [400], body: (t) => concat('{"constructor":{"prototype":{"role":"admin"}},', fill(t).slice(1)) },
  { name: "whole body: 10 000 nested arrays", status: [400], body: () => nestedArrays(10_000) },
  { name: "whole body: a 10 MB array", status: [413], body: () => `[${"0,".repeat(5 * MiB)}0]` },
  { name: "whole body: empty", status: [400], body: () => "" },
  { name: "whole body: null", status: [400], body: () => "null" },
  { name: "whole body: an array", status: [400], body: () => "[]" },
  { name: "whole body: a string", status: [400], body: () => '"hello"' },
  { name: "whole body: two byte-order marks, then JSON", status: [400], body: (t) => concat("\ufeff\ufeff", fill(t)) },
  { name: "whole body: truncated JSON", status: [400], body: (t) => fill(t).slice(0, 20) },
  { name: "gzip bomb", status: [400, 413], headers: { "content-encoding": "gzip" }, body: () => bomb },
  { name: "gzip inside gzip", status: [400, 413], headers: { "content-encoding": "gzip" }, body: (t) => gzipSync(gzipSync(fill(t))) },
  { name: "a body that stalls mid-stream", status: [408], env: { BODY_READ_TIMEOUT_MS: "300" }, body: () => stalled() },
  { name: "a whole valid body whose stream never ends", status: [408], env: { BODY_READ_TIMEOUT_MS: "300" }, body: (t) => stalled(new TextDecoder().decode(fill(t))) },
  { name: "Content-Type: text/plain", status: [415], headers: { "content-type": "text/plain" }, body: (t) => fill(t) },
  { name: "Content-Type: multipart/form-data", status: [415], headers: { "content-type": "multipart/form-data; boundary=x" }, body: (t) => concat("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n", fill(t), "\r\n--x--\r\n") },
  { name: "Content-Type: application/x-www-form-urlencoded", status: [415], headers: { "content-type": "application/x-www-form-urlencoded" }, body: () => "a=1" },
  { name: "Content-Type: text/json", status: [415], headers: { "content-type": "text/json" }, body: (t) => fill(t) },
  { name: "no Content-Type", status: [415], headers: { "content-type": "" }, body: (t) => fill(t) },
];

// ─── Fixtures ─────────────────────────────────────────────────────────────────────────────────

let agentToken = "";
let registerKey = "";
let readKey = "";
let admin: { id: string; email: string };
let targetUserId = "";
let policyId = "";
let deviceId = "";
let pumpNumber = 40_000;
const unique = () => Math.random().toString(36).slice(2, 10);
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
const signInAsAdmin = () => {
  session.current = { user: { id: admin.id, email: admin.email, role: "admin" } };
};

beforeAll(async () => {
  process.env.AGENT_REPORTS_PER_MINUTE = "1000000";
  const agent = await enrol();
  agentToken = agent.token;
  expect((await postReport(agent.token, report([pump(pumpNumber)]))).status).toBe(202);
  deviceId = (await getDb().device.findFirstOrThrow({ where: { claimedHostname: `INFUSION-4N-${pumpNumber}` } })).id;
  const a = await makeUser("admin");
  admin = { id: a.id, email: a.email };
  targetUserId = (await makeUser("viewer")).id;
  registerKey = (await createApiKey(getDb(), { name: "Hostile CMMS", scope: "assets:write" }, admin)).secret;
  readKey = (await createApiKey(getDb(), { name: "Hostile SIEM" }, admin)).secret;
  policyId = (await createPolicy(getDb(), { kind: "baseline", name: "Pumps only", rules: { categories: ["infusion_pump"] } }, { system: "test" })).id;
});

afterAll(() => {
  delete process.env.AGENT_REPORTS_PER_MINUTE;
});

beforeEach(() => {
  signInAsAdmin();
});

/** A dashboard route, named "METHOD /path" with `{id}` standing for `id()`: method, path and params follow. */
const ui = ({ id, ...t }: Pick<Target, "name" | "module" | "template" | "defaults"> & { id?: () => string; ok?: number }): Target => {
  const [method, path] = t.name.split(" ") as [Target["method"], string];
  return {
    auth: "session",
    method,
    path: () => (id ? path.replace("{id}", id()) : path),
    params: (): Record<string, string> => (id ? { id: id() } : {}),
    ok: 200,
    headers: () => ({ ...SAME_SITE, ...JSON_TYPE }),
    ...t,
  };
};

const targets: Target[] = [
  {
    name: "POST /api/v1/reports",
    module: routes.reports,
    auth: "agent",
    method: "POST",
    path: () => "/api/v1/reports",
    params: () => ({}),
    headers: () => ({ ...JSON_TYPE, authorization: `Bearer ${agentToken}` }),
    template: () => {
      const observation = pump((pumpNumber += 1));
      const ethernet = (observation.physical as { ethernet: Record<string, unknown> }).ethernet;
      return report([{ ...observation, claimed: { ...observation.claimed, hostname: "$STR" }, physical: { ethernet: { ...ethernet, vlan: "$NUM", extra: "$NEST" } } }]);
    },
    defaults: { NUM: "20", STR: '"INFUSION-ok"' },
    ok: 202,
  },
  ui({
    name: "POST /api/users",
    module: routes.users,
    template: () => ({ email: `h-${unique()}@test.local`, name: "$STR", role: "viewer", password: "$NUM", extra: "$NEST" }),
    defaults: { NUM: '"a-long-enough-password"', STR: '"Hostile Test"' },
    ok: 201,
  }),
  ui({
    name: "PATCH /api/users/{id}",
    module: routes.user,
    id: () => targetUserId,
    template: () => ({ role: "$STR", disabled: "$NUM", extra: "$NEST" }),
    defaults: { NUM: "false", STR: '"analyst"' },
  }),
  ui({
    name: "POST /api/policies",
    module: routes.policies,
    template: () => ({ kind: "baseline", name: "$STR", enabled: "$NUM", rules: { categories: ["infusion_pump"] }, extra: "$NEST" }),
    defaults: { NUM: "true", STR: '"Hostile baseline"' },
    ok: 201,
  }),
  ui({
    name: "PATCH /api/policies/{id}",
    module: routes.policy,
    id: () => policyId,
    template: () => ({ enabled: "$NUM", note: "$STR", extra: "$NEST" }),
    defaults: { NUM: "false", STR: '"ordinary"' },
  }),
  ui({
    name: "POST /api/devices/{id}/decision",
    module: routes.decision,
    id: () => deviceId,
    template: () => ({ decision: "$NUM", reason: "$STR", extra: "$NEST" }),
    defaults: { NUM: '"approve"', STR: '"checked by biomed"' },
  }),
  ui({
    name: "POST /api/devices/{id}/clinical-context",
    module: routes.clinical,
    id: () => deviceId,
    template: () => ({ criticality: "therapy_delivery", phi: "stores", compensatingControls: "$NUM", note: "$STR", extra: "$NEST" }),
    defaults: { NUM: "0.2", STR: '"segmented VLAN"' },
  }),
  ui({
    name: "POST /api/devices/{id}/acceptance",
    module: routes.acceptance,
    id: () => deviceId,
    template: () => ({ reason: "$STR", owner: "Head of biomed", expiresAt: "$NUM", extra: "$NEST" }),
    defaults: { NUM: JSON.stringify(inAMonth()), STR: '"Vendor patch due next quarter"' },
    ok: 201,
  }),
  // The asset register's push API (a CMMS with an "assets:write" key): one valid request is ever
  // sent, at the end, so the entry is created then (201).
  {
    name: "PUT /api/v1/assets/{assetTag}",
    module: routes.assetEntry,
    auth: "apiKey",
    method: "PUT",
    path: () => "/api/v1/assets/HOSTILE-PUT-1?source=hostile",
    params: () => ({ assetTag: "HOSTILE-PUT-1" }),
    headers: () => ({ ...JSON_TYPE, authorization: `Bearer ${registerKey}` }),
    template: () => ({ serial: "$STR", model: "Sigma Spectrum", retired: "$NUM", extra: "$NEST" }),
    defaults: { NUM: "false", STR: '"SN-HOSTILE-1"' },
    ok: 201,
  },
  {
    name: "POST /api/v1/assets/bulk",
    module: routes.assetBulk,
    auth: "apiKey",
    method: "POST",
    path: () => "/api/v1/assets/bulk?source=hostile",
    params: () => ({}),
    headers: () => ({ ...JSON_TYPE, authorization: `Bearer ${registerKey}` }),
    template: () => ({ entries: [{ assetTag: "HOSTILE-BULK-1", serial: "$STR", retired: "$NUM", extra: "$NEST" }] }),
    defaults: { NUM: "false", STR: '"SN-HOSTILE-2"' },
    ok: 200,
  },
];

// ─── The table ────────────────────────────────────────────────────────────────────────────────

describe.each(targets)("$name", (target) => {
  const send = (body: Body, headers: Record<string, string> = {}) => {
    const merged = { ...target.headers(), ...headers };
    for (const [k, v] of Object.entries(merged)) if (v === "") delete merged[k];
    return call(handler(target.module, target.method), makeRequest(target.path(), target.method, body, merged), target.params());
  };

  it.each(cases)("$name → 4xx, nothing written", async (c) => {
    const before = await snapshot();
    Object.assign(process.env, c.env);
    try {
      const answer = await send(c.body(target), c.headers);
      // The agent protocol has no 408: a body that never completes is a malformed one there (400).
      const expected = target.path() === "/api/v1/reports" ? c.status.map((s) => (s === 408 ? 400 : s)) : c.status;
      expect(expected, answer.text.slice(0, 300)).toContain(answer.status);
      expectOneErrorShape(answer);
      if (c.env?.BODY_READ_TIMEOUT_MS) expect(answer.ms).toBeLessThan(5_000);
    } finally {
      for (const k of Object.keys(c.env ?? {})) delete process.env[k];
    }
    expect(await snapshot()).toEqual(before);
  });

  if (target.auth === "apiKey") {
    it("refuses without a key (401), with a session or an agent's token (401), and with a reading key (403)", async () => {
      const before = await snapshot();
      for (const authorization of ["", `Bearer ${agentToken}`, "Bearer not-a-key"]) {
        const answer = await send(fill(target), { authorization, cookie: "next-auth.session-token=abc" });
        expect(answer.status, answer.text.slice(0, 300)).toBe(401);
        expectOneErrorShape(answer);
      }
      const readOnly = await send(fill(target), { authorization: `Bearer ${readKey}` });
      expect(readOnly.status).toBe(403);
      expectOneErrorShape(readOnly);
      expect(await snapshot()).toEqual(before);
    });
  } else if (target.auth === "session") {
    it("refuses without a session (401), and an agent's token is no session", async () => {
      const before = await snapshot();
      session.current = null;
      for (const headers of [{}, { authorization: `Bearer ${agentToken}` }] as Record<string, string>[]) {
        const answer = await send(fill(target), headers);
        expect(answer.status).toBe(401);
        expectOneErrorShape(answer);
      }
      expect(await snapshot()).toEqual(before);
    });

    it.each([["evil.example", "https://evil.example"], ['the string "null"', "null"], ["an unparseable origin", "http://["], ["another port", "http://localhost:3001"]])(
      "refuses Origin: %s (403)",
      async (_, origin) => {
        const before = await snapshot();
        const answer = await send(fill(target), { origin });
        expect(answer.status).toBe(403);
        expectOneErrorShape(answer);
        expect(await snapshot()).toEqual(before);
      },
    );
  } else {
    it("a signed-in user's session is no agent token (401)", async () => {
      const before = await snapshot();
      const answer = await send(fill(target), { authorization: "", cookie: "next-auth.session-token=abc" });
      expect(answer.status).toBe(401);
      expectOneErrorShape(answer);
      expect((await snapshot()).counts.report).toBe(before.counts.report);
    });
  }

  it("still answers a valid request afterwards", async () => {
    const answer = await send(fill(target));
    expect(answer.status, answer.text.slice(0, 300)).toBe(target.ok);
  });
});

describe("numbers that are zero in disguise are stored as plain 0", () => {
  it("-0 and 1e-400 as compensating controls", async () => {
    for (const raw of ["-0", "1e-400"]) {
      const t = targets.find((x) => x.name.endsWith("clinical-context"))!;
      const answer = await call(handler(t.module, "POST"), makeRequest(t.path(), "POST", fill(t, "NUM", raw), t.headers()), t.params());
      expect(answer.status).toBe(200);
      const stored = (await getDb().device.findUniqueOrThrow({ where: { id: deviceId } })).compensatingControls;
      expect(stored === 0 && !Object.is(stored, -0)).toBe(true);
    }
  });
});

describe("POST /api/v1/reports: what only the agent endpoint reads", () => {
  const t = targets[0];
  const send = (body: Body, headers: Record<string, string> = {}) => call(handler(t.module, "POST"), makeRequest(t.path(), "POST", body, { ...t.headers(), ...headers }));

  it.each<[string, () => Body, Record<string, string>, number]>([
    ["1.7 million empty observations (5 MiB): 400", () => `{"schema":"iomt.agent-report/v1","reportId":"hostile-${unique()}","sentAt":"2026-01-01T00:00:00Z","agent":{"version":"1","hostname":"h"},"observations":[${"{},".repeat(1_700_000)}{}]}`, {}, 400],
    ["a million nested arrays: 400", () => nestedArrays(1_000_000), {}, 400],
    ["Content-Encoding: deflate: 415", () => fill(t), { "content-encoding": "deflate" }, 415],
    ["Content-Encoding: br: 415", () => fill(t), { "content-encoding": "br" }, 415],
    ["Content-Encoding: gzip, gzip: 415", () => gzipSync(gzipSync(fill(t))), { "content-encoding": "gzip, gzip" }, 415],
    ["Content-Encoding: gzip on a plain body: 400", () => fill(t), { "content-encoding": "gzip" }, 400],
    ["a 1 MB Authorization header: 401", () => fill(t), { authorization: `Bearer ${"a".repeat(MiB)}` }, 401],
  ])("%s → the one error shape, nothing written", async (_, body, headers, status) => {
    const before = await snapshot();
    const answer = await send(body(), headers);
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    expectOneErrorShape(answer);
    expect(answer.ms).toBeLessThan(15_000);
    expect(await snapshot()).toEqual(before);
  });

  it("exports POST only: every other method is Next's 405, whatever token comes with it", () => {
    expect(exportedMethods(routes.reports)).toEqual(["POST"]);
  });
});

// ─── Methods, query strings and the GET routes ───────────────────────────────────────────────

const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];
const exportedMethods = (module: Module) => HTTP_METHODS.filter((m) => typeof module[m] === "function");

describe("methods: a route answers only what it exports (Next answers 405 for the rest)", () => {
  it.each<[string, Module, string[]]>([
    ["/api/v1/reports", routes.reports, ["POST"]],
    ["/api/users", routes.users, ["GET", "POST"]],
    ["/api/users/{id}", routes.user, ["PATCH"]],
    ["/api/policies", routes.policies, ["GET", "POST"]],
    ["/api/policies/{id}", routes.policy, ["PATCH"]],
    ["/api/devices/{id}/decision", routes.decision, ["POST"]],
    ["/api/devices/{id}/acceptance", routes.acceptance, ["POST", "DELETE"]],
    ["/api/devices/{id}/clinical-context", routes.clinical, ["POST"]],
    ["/api/feeds", routes.feeds, ["GET", "POST"]],
    ["/api/metrics", routes.metrics, ["GET"]],
    ["/api/v1/openapi.json", routes.openapi, ["GET"]],
    ["/api/v1/assets/{assetTag}", routes.assetEntry, ["GET", "PUT"]],
    ["/api/v1/assets/bulk", routes.assetBulk, ["POST"]],
  ])("%s exports %j", (_, module, methods) => {
    expect(exportedMethods(module)).toEqual(methods);
  });

  it("an agent token on a dashboard method is no session: 401, nothing written", async () => {
    session.current = null;
    const before = await snapshot();
    const bearer = { authorization: `Bearer ${agentToken}` };
    for (const [module, method, path, params] of [
      [routes.acceptance, "DELETE", `/api/devices/${deviceId}/acceptance`, { id: deviceId }],
      [routes.users, "GET", "/api/users", {}],
      [routes.policies, "GET", "/api/policies", {}],
      [routes.feeds, "GET", "/api/feeds", {}],
    ] as const) {
      const answer = await call(handler(module, method), makeRequest(path, method, null, { ...SAME_SITE, ...bearer }), params);
      expect(answer.status).toBe(401);
      expectOneErrorShape(answer);
    }
    process.env.METRICS_TOKEN = "metrics-token-for-the-hostile-test";
    try {
      const answer = await call(handler(routes.metrics, "GET"), makeRequest("/api/metrics", "GET", null, bearer));
      expect(answer.status).toBe(401);
      expectOneErrorShape(answer);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
    expect(await snapshot()).toEqual(before);
  });
});

const hostileQueries = [
  "?__proto__[isAdmin]=1&constructor[prototype][role]=admin&prototype=1",
  "?a=%00%01%1b%ff%fe%ed%a0%80&%00=%00",
  "?cursor=1e309&limit=9007199254740993&take=-0&page=NaN&offset=-1e309",
  "?%&%zz=%&a=%E0%A4%A",
  `?${"q=x&".repeat(20_000)}`,
  `?big=${"a".repeat(MiB)}`,
];

describe.each<[string, Module, string, Record<string, string>]>([
  ["GET /api/users", routes.users, "/api/users", {}],
  ["GET /api/policies", routes.policies, "/api/policies", {}],
  ["GET /api/feeds", routes.feeds, "/api/feeds", {}],
  ["GET /api/v1/openapi.json", routes.openapi, "/api/v1/openapi.json", {}],
  ["GET /api/metrics", routes.metrics, "/api/metrics", { authorization: "Bearer metrics-token-for-the-hostile-test" }],
])("%s", (_, module, path, headers) => {
  beforeAll(() => {
    process.env.METRICS_TOKEN = "metrics-token-for-the-hostile-test";
  });
  afterAll(() => {
    delete process.env.METRICS_TOKEN;
  });

  it.each(hostileQueries.map((q) => [q.length > 120 ? `${q.slice(0, 60)}… (${q.length} chars)` : q, q]))("query %s is ignored: the same 200, nothing written", async (_, query) => {
    const before = await snapshot();
    const answer = await call(handler(module, "GET"), makeRequest(path + query, "GET", null, headers));
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  if (module !== routes.openapi && module !== routes.metrics) {
    it("401 without a session, with or without a hostile query", async () => {
      session.current = null;
      for (const query of ["", hostileQueries[0]]) {
        const answer = await call(handler(module, "GET"), makeRequest(path + query, "GET", null, {}));
        expect(answer.status).toBe(401);
        expectOneErrorShape(answer);
      }
    });
  }
});

// ─── POST /api/feeds: multipart, so its own table ───────────────────────────────────────────

type Part = { name: string; filename?: string; content: string | Uint8Array };
const BOUNDARY = "----hostile-boundary";
const MULTIPART = { "content-type": `multipart/form-data; boundary=${BOUNDARY}` };

function multipart(parts: Part[]): Uint8Array {
  return concat(
    ...parts.flatMap((p) => [
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n${p.filename === undefined ? "" : "Content-Type: application/json\r\n"}\r\n`,
      p.content,
      "\r\n",
    ]),
    `--${BOUNDARY}--\r\n`,
  );
}

let kevDay = 0;
/** A one-entry CISA KEV catalog as JSON text; "$STR" is its title, "$NUM" its count, "$NEST" an extra field. */
function kev(slot?: Slot, raw?: string | Uint8Array): Uint8Array {
  kevDay += 1;
  const catalog = {
    title: "$STR",
    catalogVersion: `2026.01.${kevDay}`,
    dateReleased: new Date(Date.UTC(2026, 0, 1) + kevDay * 86_400_000).toISOString(),
    count: "$NUM",
    extra: "$NEST",
    vulnerabilities: [{ cveID: "CVE-2024-12345", vendorProject: "Baxter", product: "Sigma Spectrum", vulnerabilityName: "Hostile test", dateAdded: "2024-01-01", shortDescription: "A test entry.", dueDate: "2024-02-01", knownRansomwareCampaignUse: "Unknown" }],
  };
  const t = { template: () => catalog, defaults: { NUM: "1", STR: '"CISA Catalog of Known Exploited Vulnerabilities"' } } as unknown as Target;
  return fill(t, slot, raw);
}
const kevFile = (content: Uint8Array | string, filename = "kev.json"): Part => ({ name: "files", filename, content });
// Manufacturer VEX: a valid CycloneDX VEX (product named by its metadata) and hostile variants.
const cdxVex = (over: Record<string, unknown> = {}, analysis: Record<string, unknown> = { state: "not_affected", justification: "code_not_present" }) =>
  JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.5", metadata: { component: { type: "device", name: "Vue PACS", version: "12.1.5", supplier: { name: "Philips" } } }, vulnerabilities: [{ id: "CVE-2020-1938", affects: [{ ref: "urn:cdx:x/1#p" }], analysis }], ...over });
const csafVexFile = (label: string) => JSON.stringify({
  document: { category: "csaf_vex", csaf_version: "2.0", tracking: { id: "HOSTILE-VEX", version: "1", current_release_date: "2023-01-01T00:00:00Z" } },
  product_tree: { branches: [{ category: "vendor", name: "Philips", branches: [{ category: "product_name", name: "Vue PACS", product: { product_id: "P1", name: "Vue PACS" } }] }] },
  vulnerabilities: [{ cve: "CVE-2020-1938", product_status: { known_not_affected: ["P1"] }, flags: [{ label, product_ids: ["P1"] }] }],
});

describe("POST /api/feeds", () => {
  const send = (body: Body, headers: Record<string, string> = MULTIPART) => {
    const merged: Record<string, string> = { ...SAME_SITE, ...headers };
    for (const [k, v] of Object.entries(merged)) if (v === "") delete merged[k];
    return call(handler(routes.feeds, "POST"), makeRequest("/api/feeds", "POST", body, merged));
  };

  const feedCases: [string, () => Body, Record<string, string> | undefined, number[]][] = [
    ["Content-Type: application/json", () => JSON.stringify({ files: [] }), { ...JSON_TYPE }, [415]],
    ["Content-Type: text/plain", () => "files=kev.json", { "content-type": "text/plain" }, [415]],
    ["no Content-Type", () => multipart([kevFile(kev())]), { "content-type": "" }, [415]],
    ["multipart without a boundary", () => multipart([kevFile(kev())]), { "content-type": "multipart/form-data" }, [400]],
    ["an empty body", () => "", undefined, [400]],
    ["garbage instead of parts", () => "\u0000\u0001 not multipart at all", undefined, [400]],
    ["no files", () => multipart([{ name: "device", content: "" }]), undefined, [400]],
    ["files given as a text field", () => multipart([{ name: "files", content: new TextDecoder().decode(kev()) }]), undefined, [400]],
    ["an empty file", () => multipart([kevFile("")]), undefined, [400]],
    ["501 files", () => multipart(Array.from({ length: 501 }, (_, i) => kevFile("{}", `f${i}.json`))), undefined, [400]],
    ["a file nesting 10 000 arrays", () => multipart([kevFile(nestedArrays(10_000))]), undefined, [400]],
    ...nestCases.map(([name, raw]): [string, () => Body, undefined, number[]] => [`a catalog with ${name}`, () => multipart([kevFile(kev("NEST", raw))]), undefined, [400]]),
    ...stringCases.filter(([name]) => !name.includes("10 MB")).map(([name, raw]): [string, () => Body, undefined, number[]] => [`a catalog title with ${name}`, () => multipart([kevFile(kev("STR", raw))]), undefined, [400]]),
    ...numberCases.map(([name, raw]): [string, () => Body, undefined, number[]] => [`a catalog count of ${name}`, () => multipart([kevFile(kev("NUM", raw))]), undefined, [400]]),
    ["a gzip-bomb file", () => multipart([kevFile(bomb, "kev.json.gz")]), undefined, [400]],
    ["a device field of 10 MB", () => multipart([{ name: "device", content: "d".repeat(10 * MiB) }, kevFile(kev())]), undefined, [400]],
    ["a CycloneDX VEX naming no product and no device", () => multipart([kevFile(cdxVex({ metadata: {} }), "vex.cdx.json")]), undefined, [400]],
    ["a CycloneDX VEX with an unknown analysis state", () => multipart([kevFile(cdxVex({}, { state: "probably_fine" }), "vex.cdx.json")]), undefined, [400]],
    ["a CSAF VEX justification of 10 000 characters", () => multipart([kevFile(csafVexFile("j".repeat(10_000)), "vex.json")]), undefined, [400]],
    ["a valid VEX beside a broken file", () => multipart([kevFile(cdxVex(), "vex.cdx.json"), kevFile("{", "broken.json")]), undefined, [400]],
    ["a body that stalls mid-stream", () => stalled(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="kev.json"\r\n\r\n{"title":`), undefined, [408]],
  ];

  it.each(feedCases)("%s → 4xx, nothing written", async (name, body, headers, status) => {
    const before = await snapshot();
    if (name.includes("stalls")) process.env.BODY_READ_TIMEOUT_MS = "300";
    try {
      const answer = await send(body(), headers);
      expect(status, answer.text.slice(0, 300)).toContain(answer.status);
      expectOneErrorShape(answer);
    } finally {
      delete process.env.BODY_READ_TIMEOUT_MS;
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses without a session or from another origin, whatever the body", async () => {
    const before = await snapshot();
    expect((await send(multipart([kevFile(kev())]), { ...MULTIPART, origin: "null" })).status).toBe(403);
    session.current = null;
    expect((await send(multipart([kevFile(kev())]), { ...MULTIPART, authorization: `Bearer ${agentToken}` })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("a device field holding NUL → 4xx, nothing written", async () => {
    const before = await snapshot();
    const answer = await send(multipart([{ name: "device", content: "dev\u0000ice" }, kevFile(kev())]));
    expect([400, 404], answer.text.slice(0, 300)).toContain(answer.status);
    expectOneErrorShape(answer);
    expect(await snapshot()).toEqual(before);
  });

  it("a file name holding NUL and an escape sequence is never a 500", async () => {
    const answer = await send(multipart([kevFile(kev(), "kev\u0000\u001b[31m.json")]));
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  });

  it("refuses a KEV catalog or an EPSS file dated in the future (it would hold back every later release): 400, nothing written", async () => {
    const inAYear = new Date(Date.now() + 365 * 86_400_000);
    const day = inAYear.toISOString().slice(0, 10);
    const future = JSON.parse(new TextDecoder().decode(kev()));
    const futureVersion = { ...future, catalogVersion: day.replaceAll("-", ".") };
    const futureRelease = { ...future, dateReleased: inAYear.toISOString() };
    const epss = `#model_version:v2025.03.14,score_date:${day}T00:00:00+0000\ncve,epss,percentile\nCVE-2024-12345,0.5,0.9\n`;
    const before = await snapshot();
    for (const [name, content] of [["kev.json", JSON.stringify(futureVersion)], ["kev.json", JSON.stringify(futureRelease)], ["epss.csv", epss]]) {
      const answer = await send(multipart([kevFile(content, name)]));
      expect(answer.status, answer.text.slice(0, 300)).toBe(400);
      expectOneErrorShape(answer);
      expect(answer.text).toContain("in the future");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("still imports a valid catalog afterwards", async () => {
    const answer = await send(multipart([kevFile(kev())]));
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect((answer.body as { outcomes: { status: string }[] }).outcomes[0].status).toBe("imported");
  });
});
