// The read-only integration API and its keys: a key is shown once and stored as a hash; it reads
// devices and alerts with the views' filters and cursors; a revoked, unknown or malformed key, or a
// browser session alone, is a 401; bad parameters a 400; too many requests a 429; lastUsedAt is
// written at most once a minute. Real route handlers and server actions against a real database.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { authenticateApiKey, hashApiKey, LAST_USED_RESOLUTION_MS } from "@/lib/auth/api-key-auth";
import { createApiKey } from "@/lib/commands/api-keys";
import { listApiKeys } from "@/lib/queries/api-key-list";
import { alertSummarySchema, deviceDetailSchema, deviceSummarySchema, listOf, oneOf } from "@/lib/web/integration/answer-schemas";
import { getDb } from "@/lib/db/client";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser, testSession as session } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const devicesRoute = await import("@/app/api/v1/devices/route");
const deviceRoute = await import("@/app/api/v1/devices/[id]/route");
const usersRoute = await import("@/app/api/users/route");
const reportsRoute = await import("@/app/api/v1/reports/route");
const actions = await import("@/app/(dashboard)/settings/api-keys/actions");

const ORIGIN = "http://localhost:3000";
const db = () => getDb();
type Json = Record<string, unknown> & { data?: unknown; nextCursor?: string | null; error?: { code: string; message: string; issues?: { path: string }[] } };
type Answer = { status: number; body: Json; headers: Headers };

let admin: { id: string; email: string };
let secret = "";
let agentToken = "";
const DEVICES = 7;

async function get(path: string, headers: Record<string, string> = { authorization: `Bearer ${secret}` }): Promise<Answer> {
  const url = new URL(path, ORIGIN);
  const request = new Request(url, { headers: { host: "localhost:3000", ...headers } });
  const detail = url.pathname.match(/^\/api\/v1\/devices\/([^/]+)$/);
  const response = detail
    ? await deviceRoute.GET(request, { params: Promise.resolve({ id: decodeURIComponent(detail[1]) }) })
    : url.pathname === "/api/v1/devices"
      ? await devicesRoute.GET(request, { params: Promise.resolve({}) })
      : await alertsGet(request);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}
const alertsRoute = await import("@/app/api/v1/alerts/route");
const alertsGet = (request: Request) => alertsRoute.GET(request, { params: Promise.resolve({}) });
const alertListSchema = listOf(alertSummarySchema);

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const signInAs = (user: { id: string; email: string }, role: string) => {
  session.current = { user: { id: user.id, email: user.email, role } };
};

beforeAll(async () => {
  const data = BUNDLED_FEEDS_DIR;
  await importFeeds(db(), [
    { name: "icsma-23-194-01.json", bytes: readFileSync(join(data, "csaf", "icsma-23-194-01.json")) },
    { name: "kev.json", bytes: readFileSync(join(data, "kev", "known_exploited_vulnerabilities.json")) },
  ], { actor: { system: "test" } });
  const agent = await enrol("sensor-api", "Main Campus");
  agentToken = agent.token;
  const pumps = Array.from({ length: DEVICES - 1 }, (_, i) => pump(i + 1));
  const bd = pump(99);
  pumps.push({ ...bd, claimed: { ...bd.claimed, mac: "00:d0:75:10:00:99", vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3", hostname: "ALARIS-API-99", serialNumber: "ALARIS-99" } });
  expect((await postReport(agent.token, report(pumps))).status).toBe(202);
  await refreshRisk(db(), { trigger: "ingest" });
  admin = await makeUser("admin");
  secret = (await createApiKey(db(), { name: "SIEM test" }, admin)).secret;
}, 120_000);

describe("keys", () => {
  it("are shown once, stored only as a sha-256 with a short prefix, listed without the hash, and audited", async () => {
    signInAs(admin, "admin");
    const result = await actions.createApiKeyAction(null, form({ name: "CMMS nightly sync" }));
    expect(result).toMatchObject({ ok: true, name: "CMMS nightly sync" });
    expect(result.secret).toMatch(/^iomtk_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiKey.findFirstOrThrow({ where: { name: "CMMS nightly sync" } });
    expect(row.keyHash).toBe(hashApiKey(result.secret!));
    expect(result.secret!.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(16);
    expect(JSON.stringify(row)).not.toContain(result.secret!.slice(row.prefix.length));
    const listed = await listApiKeys(db());
    expect(JSON.stringify(listed)).not.toMatch(/keyHash|iomtk_[A-Za-z0-9_-]{20,}/);
    expect(listed.find((k) => k.id === row.id)).toMatchObject({ name: "CMMS nightly sync", createdBy: { email: admin.email }, lastUsedAt: null, revokedAt: null });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "apikey.create", targetId: row.id } });
    expect(audit).toMatchObject({ actorId: admin.id, actorLabel: admin.email });
    expect(JSON.stringify(audit)).not.toContain(result.secret!.slice(row.prefix.length));
  });

  it("refuse a bad name with the field named, writing nothing", async () => {
    signInAs(admin, "admin");
    const before = await db().apiKey.count();
    expect(await actions.createApiKeyAction(null, form({ name: "  x " }))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await actions.createApiKeyAction(null, form({ name: "y".repeat(65) }))).toMatchObject({ ok: false });
    expect(await db().apiKey.count()).toBe(before);
  });

  it("a viewer may neither create nor revoke one", async () => {
    const viewer = await makeUser("viewer");
    signInAs(viewer, "viewer");
    const key = await db().apiKey.findFirstOrThrow();
    expect(await actions.createApiKeyAction(null, form({ name: "sneaky" }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    expect(await actions.revokeApiKeyAction(null, form({ id: key.id }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    expect(await db().apiKey.count({ where: { name: "sneaky" } })).toBe(0);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });

  it("a revoked key is refused (401) from the next request on, and revoking is audited once", async () => {
    signInAs(admin, "admin");
    const created = await actions.createApiKeyAction(null, form({ name: "SOAR playbook" }));
    const bearer = { authorization: `Bearer ${created.secret}` };
    expect((await get("/api/v1/devices", bearer)).status).toBe(200);
    const id = (await db().apiKey.findFirstOrThrow({ where: { name: "SOAR playbook" } })).id;
    expect(await actions.revokeApiKeyAction(null, form({ id }))).toEqual({ ok: true, message: "Revoked SOAR playbook." });
    expect(await actions.revokeApiKeyAction(null, form({ id }))).toMatchObject({ ok: true });
    expect(await db().auditLog.count({ where: { action: "apikey.revoke", targetId: id } })).toBe(1);
    for (const path of ["/api/v1/devices", "/api/v1/alerts", `/api/v1/devices/${(await db().device.findFirstOrThrow()).id}`]) {
      const answer = await get(path, bearer);
      expect(answer.status).toBe(401);
      expect(answer.body.error?.code).toBe("unauthorized");
    }
    expect(await actions.revokeApiKeyAction(null, form({ id: "no-such-key" }))).toMatchObject({ ok: false, message: "No such API key." });
  });

  it("missing, malformed and unknown keys are a 401 in the one error shape", async () => {
    const unknown = `iomtk_${"A".repeat(43)}`;
    for (const authorization of [undefined, "", "Bearer", `Basic ${secret}`, `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`, `Bearer ${unknown}`, `Bearer ${"x".repeat(100_000)}`, `Bearer ${secret} ${secret}`]) {
      const answer = await get("/api/v1/devices", authorization === undefined ? {} : { authorization });
      expect(answer.status, String(authorization).slice(0, 40)).toBe(401);
      expect(Object.keys(answer.body)).toEqual(["error"]);
      expect(answer.body.error).toMatchObject({ code: "unauthorized", message: expect.any(String) });
    }
  });

  it("a signed-in administrator's session and cookie alone do not authenticate the API", async () => {
    signInAs(admin, "admin");
    const answer = await get("/api/v1/devices", { cookie: "next-auth.session-token=a-session-cookie", origin: ORIGIN });
    expect(answer.status).toBe(401);
    expect((await get("/api/v1/alerts", { cookie: "next-auth.session-token=a-session-cookie" })).status).toBe(401);
  });

  it("an API key authenticates nothing else: not the dashboard's API, not the agent endpoint", async () => {
    session.current = null;
    const users = await usersRoute.GET(new Request(`${ORIGIN}/api/users`, { headers: { authorization: `Bearer ${secret}` } }), { params: Promise.resolve({}) } as never);
    expect(users.status).toBe(401);
    const reports = await reportsRoute.POST(new Request(`${ORIGIN}/api/v1/reports`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(report([pump(500)])) }));
    expect(reports.status).toBe(401);
    expect(await db().device.count({ where: { claimedHostname: "INFUSION-4N-500" } })).toBe(0);
  });

  it("rate-limits per key: past the limit a 429 with Retry-After, other keys unaffected", async () => {
    process.env.API_KEY_REQUESTS_PER_MINUTE = "3";
    try {
      const limited = (await createApiKey(db(), { name: "Chatty SIEM" }, admin)).secret;
      for (let i = 0; i < 3; i++) expect((await get("/api/v1/devices?limit=1", { authorization: `Bearer ${limited}` })).status).toBe(200);
      const refused = await get("/api/v1/devices?limit=1", { authorization: `Bearer ${limited}` });
      expect(refused.status).toBe(429);
      expect(refused.body.error?.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const other = (await createApiKey(db(), { name: "Quiet CMMS" }, admin)).secret;
      expect((await get("/api/v1/devices?limit=1", { authorization: `Bearer ${other}` })).status).toBe(200);
    } finally {
      delete process.env.API_KEY_REQUESTS_PER_MINUTE;
    }
  });

  it("writes lastUsedAt at most once a minute per key", async () => {
    const created = await createApiKey(db(), { name: "Throttled" }, admin);
    const request = () => new Request(`${ORIGIN}/api/v1/devices`, { headers: { authorization: `Bearer ${created.secret}` } });
    const lastUsed = async () => (await db().apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt?.getTime();
    const t0 = new Date(Date.now() - 10 * 60_000);
    await authenticateApiKey(db(), request(), t0);
    expect(await lastUsed()).toBe(t0.getTime());
    for (const offset of [1_000, 30_000, LAST_USED_RESOLUTION_MS - 1]) await authenticateApiKey(db(), request(), new Date(t0.getTime() + offset));
    expect(await lastUsed()).toBe(t0.getTime());
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await authenticateApiKey(db(), request(), later);
    expect(await lastUsed()).toBe(later.getTime());
  });
});

describe("GET /api/v1/devices", () => {
  it("answers { data, nextCursor } with documented fields only, ISO dates, no internal columns, not cached", async () => {
    const answer = await get("/api/v1/devices");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(answer.body).sort()).toEqual(["data", "nextCursor"]);
    const data = answer.body.data as Record<string, unknown>[];
    expect(data).toHaveLength(DEVICES);
    expect(answer.body.nextCursor).toBeNull();
    expect(Object.keys(data[0]).sort()).toEqual(["category", "criticality", "firstSeenAt", "id", "ip", "lastSeenAt", "mac", "model", "name", "notSeenAt", "risk", "segment", "site", "spoofSuspected", "status", "vendor"]);
    expect(data[0].lastSeenAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(JSON.stringify(answer.body)).not.toMatch(/searchText|factsHash|riskHash|keyHash|tokenHash/);
  });

  it("pages through every device with the cursor, in risk order, without repeats", async () => {
    const seen: string[] = [];
    let scores: number[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const answer = await get(`/api/v1/devices?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(answer.status).toBe(200);
      const page = answer.body.data as { id: string; risk: { score: number } }[];
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((d) => d.id));
      scores = [...scores, ...page.map((d) => d.risk.score)];
      cursor = answer.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(DEVICES);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("pages by name too, and filters as the inventory does", async () => {
    const first = await get("/api/v1/devices?sort=name&limit=2");
    const second = await get(`/api/v1/devices?sort=name&limit=2&cursor=${first.body.nextCursor}`);
    const names = [...(first.body.data as { name: string }[]), ...(second.body.data as { name: string }[])].map((d) => d.name);
    expect(names).toEqual([...names].sort());
    const bd = await get("/api/v1/devices?vendor=BD");
    expect((bd.body.data as { name: string }[]).map((d) => d.name)).toEqual(["ALARIS-API-99"]);
    const search = await get("/api/v1/devices?q=INFUSION-4N-003");
    expect((search.body.data as { name: string }[]).map((d) => d.name)).toEqual(["INFUSION-4N-003"]);
    const mac = await get(`/api/v1/devices?q=${encodeURIComponent("00-D0-75-10-00-99")}`);
    expect((mac.body.data as { mac: string }[]).map((d) => d.mac)).toEqual(["00:d0:75:10:00:99"]);
    const id = (await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-001" } })).id;
    await db().device.update({ where: { id }, data: { status: "authorized" } });
    const authorized = await get("/api/v1/devices?status=authorized&seen=24h&ignored=yes");
    expect((authorized.body.data as { id: string }[]).map((d) => d.id)).toEqual([id]);
    expect((await get("/api/v1/devices?status=retired")).body).toEqual({ data: [], nextCursor: null });
  });

  it("pages by name past a device whose name is a 255-character hostname (a long cursor is still a cursor)", async () => {
    const long = `AAA-${"ü".repeat(120)}${"Z".repeat(131)}`; // sorts first, so its cursor is used
    const base = pump(700);
    expect((await postReport(agentToken, report([{ ...base, claimed: { ...base.claimed, hostname: long } }]))).status).toBe(202);
    const names: string[] = [];
    let cursor: string | null | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const answer = await get(`/api/v1/devices?sort=name&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 200)).toBe(200);
      names.push(...(answer.body.data as { name: string }[]).map((d) => d.name));
      cursor = answer.body.nextCursor;
      if (!cursor) break;
    }
    expect(names).toHaveLength(DEVICES + 1);
    expect(names[0]).toBe(long);
    expect(new Set(names).size).toBe(DEVICES + 1);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=201", "limit"],
    ["?limit=ten", "limit"],
    ["?status=lost", "status"],
    ["?tier=severe", "tier"],
    ["?seen=1y", "seen"],
    ["?sort=random", "sort"],
    ["?cursor=garbage!", "cursor"],
    [`?cursor=${Buffer.from('{"v":"not-a-score","id":"x"}').toString("base64url")}`, "cursor"],
    [`?q=${"x".repeat(101)}`, "q"],
  ])("%s is a 400 naming %s, in the one error shape", async (query, param) => {
    const answer = await get(`/api/v1/devices${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "invalid_query", issues: expect.arrayContaining([expect.objectContaining({ path: param })]) });
  });

  it("ignores hostile unknown parameters", async () => {
    for (const query of ["?__proto__[isAdmin]=1&constructor[prototype][role]=admin", "?a=%00%01%1b&%00=%00", `?${"x=1&".repeat(5_000)}`]) {
      expect((await get(`/api/v1/devices${query}`)).status).toBe(200);
    }
  });
});

describe("GET /api/v1/devices/{id}", () => {
  it("answers one device: claimed and physical identity, location, status, risk factors, open alerts, vulnerabilities", async () => {
    const id = (await db().device.findFirstOrThrow({ where: { claimedHostname: "ALARIS-API-99" } })).id;
    const answer = await get(`/api/v1/devices/${id}`);
    expect(answer.status).toBe(200);
    const d = answer.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(d).toMatchObject({
      id,
      name: "ALARIS-API-99",
      claimed: { mac: "00:d0:75:10:00:99", vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3", serialNumber: "ALARIS-99" },
      physical: { channel: "ethernet", fingerprint: { hash: expect.any(String), attributes: expect.any(Object) } },
      location: { site: { name: "Main Campus" }, segment: { name: "ICU-VLAN-20" } },
      status: "pending",
      openAlerts: expect.any(Number),
      risk: { score: expect.any(Number), tier: expect.any(String), computedAt: expect.stringMatching(/Z$/), factors: { modelVersion: expect.any(String), criticality: expect.any(Object), floors: expect.any(Array), endOfLife: null, counts: { affected: expect.any(Number), possible: expect.any(Number) } } },
    });
    expect(d.risk.factors.counts.affected + d.risk.factors.counts.possible).toBe(d.vulnerabilities.total);
    expect(d.openAlerts).toBeGreaterThan(0);
    expect(d.vulnerabilities.total).toBeGreaterThan(0);
    expect(d.vulnerabilities.items[0]).toEqual({ id: expect.stringMatching(/^CVE-/), kev: expect.any(Boolean), kevRansomware: expect.any(Boolean), cvssBaseScore: expect.anything(), status: expect.any(String), source: expect.any(String), advisoryId: expect.anything() });
    expect(JSON.stringify(d)).not.toMatch(/searchText|factsHash|riskHash|currentFingerprintId|lastAgentId/);
  });

  it("an unknown or malformed id is a 404 in the one error shape", async () => {
    for (const id of ["no-such-device", "../users", "x".repeat(300), "%00"]) {
      const answer = await get(`/api/v1/devices/${encodeURIComponent(id)}`);
      expect(answer.status, id).toBe(404);
      expect(answer.body.error?.code).toBe("not_found");
    }
  });
});

describe("GET /api/v1/alerts", () => {
  it("answers the active alerts, newest first, in the documented shape, and pages with the cursor", async () => {
    const all = await get("/api/v1/alerts?limit=200");
    expect(all.status).toBe(200);
    const rows = alertListSchema.parse(all.body).data;
    expect(rows.length).toBeGreaterThanOrEqual(DEVICES);
    expect(rows.every((a) => a.status !== "resolved")).toBe(true);
    const lastAts = rows.map((a) => a.lastAt);
    expect(lastAts).toEqual([...lastAts].sort().reverse());
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page = await get(`/api/v1/alerts?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...alertListSchema.parse(page.body).data.map((a) => a.id));
      cursor = page.body.nextCursor ?? null;
      if (!cursor) break;
    }
    expect(seen).toEqual(rows.map((a) => a.id));
  });

  it("filters by kind, severity, status and device, and names who acknowledged", async () => {
    const device = await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-002" } });
    const alert = await db().alert.findFirstOrThrow({ where: { deviceId: device.id, kind: "new_device" } });
    await db().alert.update({ where: { id: alert.id }, data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: admin.id } });
    const mine = alertListSchema.parse((await get(`/api/v1/alerts?device=${device.id}&kind=new_device&severity=info`)).body).data;
    expect(mine.map((a) => a.id)).toEqual([alert.id]);
    expect(mine[0]).toMatchObject({ status: "acknowledged", device: { id: device.id, name: "INFUSION-4N-002" }, acknowledged: { by: admin.email }, resolved: null });
    const acknowledged = alertListSchema.parse((await get("/api/v1/alerts?status=acknowledged")).body).data;
    expect(acknowledged.map((a) => a.id)).toEqual([alert.id]);
    expect((await get("/api/v1/alerts?status=resolved&since=24h")).body).toEqual({ data: [], nextCursor: null });
    expect(alertListSchema.parse((await get("/api/v1/alerts?kind=spoof")).body).data.every((a) => a.kind === "spoof")).toBe(true);
  });

  it("filters by site: the alerts of the site's devices and agents, none of another site's", async () => {
    const campus = await db().site.findFirstOrThrow({ where: { name: "Main Campus" } });
    const other = await db().site.create({ data: { name: "Annex (alerts by site)" } });
    const moved = await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-003" } });
    await db().device.update({ where: { id: moved.id }, data: { siteId: other.id } });
    const atCampus = alertListSchema.parse((await get(`/api/v1/alerts?site=${campus.id}&limit=200`)).body).data;
    const expected = await db().alert.count({ where: { status: { not: "resolved" }, OR: [{ device: { siteId: campus.id } }, { agent: { siteId: campus.id } }] } });
    expect(atCampus).toHaveLength(expected);
    expect(atCampus.length).toBeGreaterThan(0);
    expect(atCampus.some((a) => a.device?.id === moved.id)).toBe(false);
    const atAnnex = alertListSchema.parse((await get(`/api/v1/alerts?site=${other.id}`)).body).data;
    expect(atAnnex.length).toBeGreaterThan(0);
    expect(atAnnex.every((a) => a.device?.id === moved.id)).toBe(true);
    expect((await get("/api/v1/alerts?site=no-such-site")).body).toEqual({ data: [], nextCursor: null });
    await db().device.update({ where: { id: moved.id }, data: { siteId: campus.id } });
  });

  it.each([
    ["?limit=0", "limit"],
    ["?status=closed", "status"],
    ["?kind=meteor", "kind"],
    ["?severity=catastrophic", "severity"],
    ["?since=1y", "since"],
    [`?device=${"x".repeat(65)}`, "device"],
    [`?site=${"x".repeat(65)}`, "site"],
    ["?cursor=%%%", "cursor"],
    [`?cursor=${Buffer.from('{"v":"yesterday","id":"x"}').toString("base64url")}`, "cursor"],
  ])("%s is a 400 naming %s", async (query, param) => {
    const answer = await get(`/api/v1/alerts${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "invalid_query", issues: expect.arrayContaining([expect.objectContaining({ path: param })]) });
  });
});

describe("answers match the schemas the OpenAPI document is generated from", () => {
  it("devices, a device and alerts parse with the strict schemas", async () => {
    const list = listOf(deviceSummarySchema).parse((await get("/api/v1/devices?limit=200")).body);
    for (const d of list.data) oneOf(deviceDetailSchema).parse((await get(`/api/v1/devices/${d.id}`)).body);
    alertListSchema.parse((await get("/api/v1/alerts?status=open")).body);
  });
});
