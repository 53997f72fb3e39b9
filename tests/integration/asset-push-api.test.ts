// The asset register push API: keys of the "assets:write" scope (chosen when an administrator
// creates a key, shown in the list), 403 insufficient_scope both ways, PUT one entry (created 201,
// then 200 and nothing written when sent again), validation 400s naming each field, the bulk
// endpoint all or nothing (each problem with its index), retiring with {"retired": true}, and the
// register read back with a cursor. Real route handlers against a real database.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/commands/api-keys";
import { listApiKeys } from "@/lib/queries/api-key-list";
import { getDb } from "@/lib/db/client";
import { listOf, oneOf } from "@/lib/web/integration/answer-schemas";
import { registerEntrySchema } from "@/lib/web/integration/asset-schemas";
import { makeUser, testSession as session } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const entryRoute = await import("@/app/api/v1/assets/[assetTag]/route");
const listRoute = await import("@/app/api/v1/assets/route");
const bulkRoute = await import("@/app/api/v1/assets/bulk/route");
const devicesRoute = await import("@/app/api/v1/devices/route");
const actions = await import("@/app/(dashboard)/settings/api-keys/actions");

const db = () => getDb();
type Answer = { status: number; body: { data?: unknown; nextCursor?: string | null; error?: { code: string; issues?: { path: string; message: string }[] } } };
let writeKey = "";
let readKey = "";

async function call(method: string, path: string, key: string, body?: unknown): Promise<Answer> {
  const url = new URL(path, "http://localhost:3000");
  const request = new Request(url, {
    method,
    headers: { host: "localhost:3000", authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const tag = url.pathname.match(/^\/api\/v1\/assets\/([^/]+)$/)?.[1];
  const response =
    url.pathname === "/api/v1/assets/bulk" ? await bulkRoute.POST(request, { params: Promise.resolve({}) })
    : tag ? await (method === "PUT" ? entryRoute.PUT : entryRoute.GET)(request, { params: Promise.resolve({ assetTag: decodeURIComponent(tag) }) })
    : url.pathname === "/api/v1/assets" ? await listRoute.GET(request, { params: Promise.resolve({}) })
    : await devicesRoute.GET(request, { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

const PUMP = { serial: "SN-77001", mac: "00-09-FB-77-00-01", manufacturer: "Baxter", model: "Sigma Spectrum", department: "ICU", purchasedOn: "2021-03-04", extra: { "Cost center": "CC-1" } };

beforeAll(async () => {
  const admin = await makeUser("admin");
  session.current = { user: { id: admin.id, email: admin.email, role: "admin" } };
  const form = new FormData();
  form.set("name", "Nuvolo push");
  form.set("scope", "assets:write");
  const created = await actions.createApiKeyAction(null, form);
  expect(created).toMatchObject({ ok: true });
  writeKey = created.secret!;
  readKey = (await createApiKey(db(), { name: "SIEM" }, admin)).secret;
});

describe("API key scopes", () => {
  it("are chosen at creation, listed, audited; an unknown scope is refused", async () => {
    const keys = await listApiKeys(db());
    expect(keys.find((k) => k.name === "Nuvolo push")?.scope).toBe("assets:write");
    expect(keys.find((k) => k.name === "SIEM")?.scope).toBe("read");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "apikey.create", after: { not: undefined } }, orderBy: { at: "asc" } });
    expect(audit.after).toMatchObject({ scope: "assets:write" });
    const bad = new FormData();
    bad.set("name", "Too much");
    bad.set("scope", "admin");
    expect(await actions.createApiKeyAction(null, bad)).toMatchObject({ ok: false, fieldErrors: { scope: expect.any(String) } });
  });

  it("a read key may not push (403 insufficient_scope), a push key may not read devices", async () => {
    const refused = await call("PUT", "/api/v1/assets/AT-1", readKey, PUMP);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "insufficient_scope" } } });
    expect(await call("POST", "/api/v1/assets/bulk", readKey, { entries: [{ assetTag: "AT-1" }] })).toMatchObject({ status: 403 });
    expect(await call("GET", "/api/v1/devices", writeKey)).toMatchObject({ status: 403, body: { error: { code: "insufficient_scope" } } });
    expect((await call("GET", "/api/v1/devices", readKey)).status).toBe(200);
    expect(await call("PUT", "/api/v1/assets/AT-1", `iomtk_${"A".repeat(43)}`, PUMP)).toMatchObject({ status: 401 });
    expect(await db().asset.count()).toBe(0);
  });
});

describe("PUT /api/v1/assets/{assetTag}", () => {
  it("creates an entry (201), then the same body again changes nothing and answers 200 with the same entry", async () => {
    const first = await call("PUT", "/api/v1/assets/AT-77001", writeKey, PUMP);
    expect(first.status).toBe(201);
    const entry = oneOf(registerEntrySchema).parse(first.body).data;
    expect(entry).toMatchObject({ assetTag: "AT-77001", source: "api", mac: "00:09:fb:77:00:01", purchasedOn: "2021-03-04", extra: { "Cost center": "CC-1" }, retired: false });
    const source = await db().assetSource.findUniqueOrThrow({ where: { name: "api" } });
    expect(source.kind).toBe("api");
    const audits = await db().auditLog.count({ where: { action: "asset_register.push" } });
    const again = await call("PUT", "/api/v1/assets/AT-77001", writeKey, PUMP);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await db().auditLog.count({ where: { action: "asset_register.push" } })).toBe(audits);
  });

  it("replaces the entry (a field left out is emptied), in the source named by ?source=", async () => {
    const changed = await call("PUT", "/api/v1/assets/AT-77001", writeKey, { ...PUMP, department: "PICU", extra: undefined });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ department: "PICU", extra: null });
    const other = await call("PUT", "/api/v1/assets/AT-77001?source=ServiceNow%20CMDB", writeKey, { model: "Other" });
    expect(other.status).toBe(201);
    expect(await db().asset.count({ where: { assetTag: "AT-77001" } })).toBe(2);
    expect((await call("GET", "/api/v1/assets/AT-77001?source=ServiceNow%20CMDB", readKey)).body.data).toMatchObject({ model: "Other", source: "ServiceNow CMDB" });
  });

  it("refuses bad fields with each one named (400), writing nothing", async () => {
    const before = await db().asset.findMany({ orderBy: { id: "asc" } });
    const bad = await call("PUT", "/api/v1/assets/AT-77001", writeKey, { mac: "zz", ip: "300.1.1.1", purchasedOn: "31/12/2021" });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues!.map((i) => i.path)).toEqual(["mac", "ip", "purchasedOn"]);
    expect((await call("PUT", "/api/v1/assets/AT-77001", writeKey, { colour: "red" })).status).toBe(400);
    expect((await call("PUT", "/api/v1/assets/AT-77001", writeKey, { model: "x".repeat(300) })).status).toBe(400);
    expect((await call("PUT", "/api/v1/assets/AT-77001", writeKey, "{not json")).status).toBe(400);
    expect((await call("PUT", `/api/v1/assets/${"T".repeat(150)}`, writeKey, PUMP)).status).toBe(400);
    expect((await call("PUT", "/api/v1/assets/AT-1?source=", writeKey, PUMP)).status).toBe(201);
    expect(await db().asset.count()).toBe(before.length + 1);
  });

  it("retires with {retired: true} (never deleted), and listing it again brings it back", async () => {
    const retired = await call("PUT", "/api/v1/assets/AT-77001", writeKey, { ...PUMP, retired: true });
    expect(retired.body.data).toMatchObject({ retired: true, state: "retired" });
    const back = await call("PUT", "/api/v1/assets/AT-77001", writeKey, PUMP);
    expect(back.body.data).toMatchObject({ retired: false });
    expect((back.body.data as { state: string }).state).not.toBe("retired");
  });
});

describe("POST /api/v1/assets/bulk", () => {
  const entries = Array.from({ length: 120 }, (_, i) => ({ assetTag: `BULK-${i}`, serial: `BS-${i}`, model: "Alaris 8015" }));

  it("writes all entries, then nothing when sent again", async () => {
    const first = await call("POST", "/api/v1/assets/bulk?source=Nuvolo", writeKey, { entries });
    expect(first).toMatchObject({ status: 200, body: { data: { source: "Nuvolo", entries: 120, created: 120, updated: 0, unchanged: 0, retired: 0 } } });
    const again = await call("POST", "/api/v1/assets/bulk?source=Nuvolo", writeKey, { entries });
    expect(again.body.data).toMatchObject({ created: 0, updated: 0, unchanged: 120 });
  });

  it("is all or nothing: every problem with its index and field, nothing written", async () => {
    const before = await db().asset.count();
    const bad = [...entries, { assetTag: "BULK-NEW", mac: "nope" }, { assetTag: "BULK-0" }, { assetTag: " " }];
    bad[3] = { ...bad[3], model: "changed" };
    const answer = await call("POST", "/api/v1/assets/bulk?source=Nuvolo", writeKey, { entries: bad });
    expect(answer.status).toBe(400);
    expect(answer.body.error!.issues!.map((i) => i.path)).toEqual(["entries.122.assetTag"]);
    const answer2 = await call("POST", "/api/v1/assets/bulk?source=Nuvolo", writeKey, { entries: bad.slice(0, 122) });
    expect(answer2.body.error!.issues!.map((i) => i.path)).toEqual(["entries.120.mac", "entries.121.assetTag"]);
    expect(await db().asset.count()).toBe(before);
    expect((await db().asset.findFirstOrThrow({ where: { assetTag: "BULK-3" } })).model).toBe("Alaris 8015");
    const tooMany = await call("POST", "/api/v1/assets/bulk", writeKey, { entries: Array.from({ length: 5_001 }, (_, i) => ({ assetTag: `X-${i}` })) });
    expect(tooMany.status).toBe(400);
  });

  it("reads the register back a page at a time, by source and state", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call("GET", `/api/v1/assets?source=Nuvolo&limit=50${cursor ? `&cursor=${cursor}` : ""}`, writeKey);
      expect(page.status).toBe(200);
      const parsed = listOf(registerEntrySchema).parse(page.body);
      seen.push(...parsed.data.map((e) => e.assetTag));
      cursor = parsed.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    const retired = await call("GET", "/api/v1/assets?state=retired", readKey);
    expect(retired.body.data).toEqual([]);
    expect((await call("GET", "/api/v1/assets?state=lost", readKey)).status).toBe(400);
    expect((await call("GET", "/api/v1/assets?cursor=!!", readKey)).status).toBe(400);
  });
});
