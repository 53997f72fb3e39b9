// The change plans' integration API (issue 17) through the real route handlers: an API key and its
// scope (a "changes:write" key opens plans and reads them back, a read key only reads, other keys
// neither), validation (400 naming each field, nothing written), creating a plan (201 { id,
// devices }, the key's creator counting as the requester for four eyes), and reading plans with
// each device's progress. Every answer is parsed with the schema the OpenAPI document is made of.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/commands/api-keys";
import { decidePlan } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";
import { listOf, oneOf } from "@/lib/web/integration/answer-schemas";
import { changeDetailSchema, changeSummarySchema, createdChangeSchema } from "@/lib/web/integration/change-schemas";
import { makeUser } from "./helpers";

const listRoute = await import("@/app/api/v1/changes/route");
const oneRoute = await import("@/app/api/v1/changes/[id]/route");

const db = () => getDb();
type Answer = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string; issues?: { path: string }[] } } };
let admin: { id: string; email: string };
const keys = { read: "", write: "", assets: "" };

async function call(method: "GET" | "POST", path: string, key: string | null, body?: unknown, contentType = "application/json"): Promise<Answer> {
  const url = new URL(path, "http://localhost:3000");
  const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { "content-type": contentType } : {}) };
  const request = new Request(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const id = url.pathname.match(/^\/api\/v1\/changes\/([^/]+)$/)?.[1];
  const response = id ? await oneRoute.GET(request, { params: Promise.resolve({ id }) }) : await (method === "POST" ? listRoute.POST : listRoute.GET)(request, { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const HOUR = 3_600_000;
const local = (hours: number) => new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR).toISOString().slice(0, 16);
const PLAN = {
  targetVersion: "12.3.1",
  window: { start: local(48), end: local(52), timeZone: "Europe/Paris" },
  reason: "Work order WO-7781: close ICSMA-26-001",
  contingency: "rollback",
  rollbackVersion: "12.1.3",
  downtimeMinutes: 45,
  releaseNoteUrl: "https://vendor.example/alaris/12.3.1",
  selection: { kind: "filter", vendor: "BD", model: "Alaris 8015", firmware: "12.1.3" },
  externalRef: "WO-7781",
};

beforeAll(async () => {
  const u = await makeUser("admin");
  admin = { id: u.id, email: u.email };
  keys.read = (await createApiKey(db(), { name: "SIEM" }, admin)).secret;
  keys.write = (await createApiKey(db(), { name: "CMMS work orders", scope: "changes:write" }, admin)).secret;
  keys.assets = (await createApiKey(db(), { name: "CMMS register", scope: "assets:write" }, admin)).secret;
  await db().device.createMany({
    data: [1, 2, 3].map((n) => ({ id: `alaris-${n}`, displayName: `Alaris ${n}`, vendor: "BD", model: "Alaris 8015", firmwareVersion: n < 3 ? "12.1.3" : "12.2.0", category: "infusion_pump", status: "authorized" })),
  });
});

describe("the change plans API", () => {
  it("needs an API key of the right scope", async () => {
    expect(await call("GET", "/api/v1/changes", null)).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect(await call("GET", "/api/v1/changes", keys.assets)).toMatchObject({ status: 403, body: { error: { code: "insufficient_scope" } } });
    expect(await call("POST", "/api/v1/changes", keys.read, PLAN)).toMatchObject({ status: 403, body: { error: { code: "insufficient_scope" } } });
    expect(await call("POST", "/api/v1/changes", keys.assets, PLAN)).toMatchObject({ status: 403 });
    expect((await call("GET", "/api/v1/changes", keys.read)).status).toBe(200);
    expect((await call("GET", "/api/v1/changes", keys.write)).status).toBe(200);
    expect(await db().changePlan.count()).toBe(0);
  });

  it("refuses a bad plan with 400 naming each field, and writes nothing", async () => {
    const bad = await call("POST", "/api/v1/changes", keys.write, { ...PLAN, rollbackVersion: undefined, downtimeMinutes: -1, selection: { kind: "filter", vendor: "BD" }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues!.map((i) => i.path).sort()).toEqual(["", "downtimeMinutes", "selection.model"]);
    const gap = await call("POST", "/api/v1/changes", keys.write, { ...PLAN, window: { start: "2027-03-28T02:15", end: "2027-03-28T04:00", timeZone: "Europe/Paris" } });
    expect(gap).toMatchObject({ status: 400, body: { error: { code: "invalid_window", issues: [{ path: "window.start" }] } } });
    expect(await call("POST", "/api/v1/changes", keys.write, "{not json")).toMatchObject({ status: 400 });
    expect(await call("POST", "/api/v1/changes", keys.write, "targetVersion=1", "application/x-www-form-urlencoded")).toMatchObject({ status: 415 });
    expect(await db().changePlan.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: "change.plan" } })).toBe(0);
  });

  it("creates a plan: 201 { id, devices }, the filter resolved now, the key named as requester, audited", async () => {
    const created = await call("POST", "/api/v1/changes", keys.write, PLAN);
    expect(created.status).toBe(201);
    const answer = createdChangeSchema.parse(created.body);
    expect(answer.devices).toBe(2);
    const plan = await db().changePlan.findUniqueOrThrow({ where: { id: answer.id } });
    expect(plan).toMatchObject({ state: "submitted", requestedBy: "api key CMMS work orders", requestedById: admin.id, externalRef: "WO-7781", contingency: "rollback", rollbackVersion: "12.1.3" });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.plan", targetId: answer.id } })).toMatchObject({ actorLabel: "API key CMMS work orders", actorId: null });
    // Four eyes: the administrator whose key asked for it may not approve it.
    await expect(decidePlan(db(), answer.id, { decision: "approve" }, { ...admin, role: "admin" })).rejects.toMatchObject({ status: 403, code: "own_plan" });
    // The same devices again: refused, naming the plan, nothing written.
    const again = await call("POST", "/api/v1/changes", keys.write, PLAN);
    expect(again).toMatchObject({ status: 409, body: { error: { code: "device_in_active_plan" } } });
    expect(again.body.error!.message).toContain(plan.title);
    expect(await db().changePlan.count()).toBe(1);
  });

  it("reads one plan with each device's progress, and lists plans newest first with a cursor", async () => {
    const second = createdChangeSchema.parse((await call("POST", "/api/v1/changes", keys.write, { ...PLAN, title: "Alaris 3", selection: { kind: "devices", deviceIds: ["alaris-3"] }, externalRef: undefined })).body);
    const analyst = await makeUser("analyst");
    await decidePlan(db(), second.id, { decision: "approve" }, { id: analyst.id, email: analyst.email, role: "analyst" });

    const one = await call("GET", `/api/v1/changes/${second.id}`, keys.read);
    expect(one.status).toBe(200);
    const detail = oneOf(changeDetailSchema).parse(one.body).data;
    expect(detail).toMatchObject({ id: second.id, title: "Alaris 3", state: "approved", decidedBy: analyst.email, progress: { devices: 1, planned: 1, verified: 0, failed: 0 }, window: { timeZone: "Europe/Paris" } });
    expect(detail.devices).toEqual([expect.objectContaining({ deviceId: "alaris-3", name: "Alaris 3", fromVersion: "12.2.0", state: "planned", failure: null, task: null })]);
    expect(await call("GET", "/api/v1/changes/nope", keys.read)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await call("GET", "/api/v1/changes/a%20b", keys.read)).status).toBe(404);

    const page1 = listOf(changeSummarySchema).parse((await call("GET", "/api/v1/changes?limit=1", keys.write)).body);
    expect(page1.data.map((p) => p.id)).toEqual([second.id]);
    const page2 = listOf(changeSummarySchema).parse((await call("GET", `/api/v1/changes?limit=1&cursor=${page1.nextCursor}`, keys.read)).body);
    expect(page2.data.map((p) => p.title)).toEqual([expect.stringContaining("BD Alaris 8015")]);
    expect(page2.data[0].progress).toEqual({ devices: 2, planned: 2, verified: 0, failed: 0 });
    expect(page2.nextCursor).toBeNull();
    const approved = listOf(changeSummarySchema).parse((await call("GET", "/api/v1/changes?state=approved", keys.read)).body);
    expect(approved.data.map((p) => p.id)).toEqual([second.id]);
    expect(await call("GET", "/api/v1/changes?state=done", keys.read)).toMatchObject({ status: 400, body: { error: { code: "invalid_query" } } });
    expect(await call("GET", "/api/v1/changes?cursor=xyz", keys.read)).toMatchObject({ status: 400, body: { error: { issues: [{ path: "cursor" }] } } });
  });
});
