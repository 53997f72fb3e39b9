// The audit log against a real database: its filters (who, action, object, time), the search by
// name as well as id, keyset pages with a result count, names beside ids read in one batch, the
// reasons people gave, and the CSV export (admins and analysts only, audited itself). Only the
// session lookup is replaced.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { decideDevices } from "@/lib/commands/device-decisions";
import { getDb } from "@/lib/db/client";
import { listAuditEntries, parseAuditParams, type AuditParams } from "@/lib/queries/audit";
import { auditNames, auditReason } from "@/lib/queries/audit-names";
import { csvRecords } from "../csv-parse";
import { makeUser, testSession } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original()));

const exportRoute = await import("@/app/api/exports/audit/route");

const ORIGIN = "http://localhost:3000";
const SPREAD = 120;
let alice = { id: "", email: "" };
let deviceId = "";
let agentId = "";
let policyId = "";

const params = (search: Record<string, string>): AuditParams => parseAuditParams(search);

async function exportCsv(path: string) {
  return exportRoute.GET(new Request(`${ORIGIN}${path}`), undefined as never);
}

async function signInAs(role: "admin" | "analyst" | "engineer" | "viewer") {
  const user = await makeUser(role);
  testSession.current = { user: { id: user.id, email: user.email, role } };
  return user;
}

beforeAll(async () => {
  const db = getDb();
  const made = await makeUser("analyst", "alice@test.local");
  alice = { id: made.id, email: made.email };
  deviceId = (await db.device.create({ data: { displayName: "ICU Infusion Pump 7", category: "infusion_pump", searchText: "icu infusion pump 7", status: "pending" } })).id;
  agentId = (await db.agent.create({ data: { name: "ICU-Collector-2", tokenHash: "x".repeat(64), tokenPrefix: "xxxx" } })).id;
  policyId = (await db.policy.create({ data: { name: "ICU baseline", kind: "baseline", rules: { categories: ["infusion_pump"] } } })).id;
  // A spread of entries over March 2026, one an hour, alternating people and systems.
  await db.auditLog.createMany({
    data: Array.from({ length: SPREAD }, (_, i) => ({
      at: new Date(Date.UTC(2026, 2, 1, i)),
      actorId: i % 2 ? alice.id : null,
      actorLabel: i % 2 ? alice.email : "tally",
      action: i % 3 === 0 ? "agent.revoke" : i % 3 === 1 ? "policy.update" : "site.rename",
      targetType: i % 3 === 0 ? "agent" : i % 3 === 1 ? "policy" : "site",
      targetId: i % 3 === 0 ? agentId : i % 3 === 1 ? policyId : "site-gone",
      after: i % 3 === 1 ? { name: "ICU baseline" } : undefined,
    })),
  });
  await decideDevices(db, [deviceId], { decision: "block", reason: "Unknown pump on the ICU VLAN" }, { id: alice.id, email: alice.email });
});

beforeEach(() => {
  testSession.current = null;
});

describe("the audit log's filters and search", () => {
  it("filters by who, action (exact or a family), object and UTC days, with the count of all matches", async () => {
    const march = { from: "2026-03-01", to: "2026-03-31" };
    const all = await listAuditEntries(params(march));
    expect(all.total).toEqual({ count: SPREAD, more: false });
    expect((await listAuditEntries(params({ ...march, actor: alice.id }))).total.count).toBe(SPREAD / 2);
    expect((await listAuditEntries(params({ ...march, actor: "system" }))).total.count).toBe(SPREAD / 2);
    expect((await listAuditEntries(params({ ...march, action: "policy.update" }))).total.count).toBe(SPREAD / 3);
    expect((await listAuditEntries(params({ action: "device." }))).entries.map((e) => e.action)).toEqual(["device.block"]);
    expect((await listAuditEntries(params({ ...march, object: "agent" }))).entries.every((e) => e.targetType === "agent")).toBe(true);
    // "To" takes in the whole day: the 24 entries of 1 March.
    expect((await listAuditEntries(params({ from: "2026-03-01", to: "2026-03-01" }))).total.count).toBe(24);
  });

  it("finds entries by the name of what they are about, and by the person's e-mail", async () => {
    const byAgent = await listAuditEntries(params({ q: "ICU-Collector" }));
    expect(byAgent.total.count).toBe(SPREAD / 3);
    expect(byAgent.entries.every((e) => e.targetId === agentId)).toBe(true);
    const byDevice = await listAuditEntries(params({ q: "infusion pump 7" }));
    expect(byDevice.entries.map((e) => e.targetId)).toEqual([deviceId]);
    expect((await listAuditEntries(params({ q: "alice@", action: "device.block" }))).total.count).toBe(1);
    expect((await listAuditEntries(params({ q: "no such thing anywhere" }))).total.count).toBe(0);
  });

  it("ignores filter values it cannot read instead of failing", async () => {
    const p = params({ object: "spaceship", from: "last tuesday", q: "x".repeat(500), cursor: "forged" });
    expect(p).toMatchObject({ object: undefined, from: undefined, q: undefined });
    const page = await listAuditEntries(p);
    expect(page.cursorIgnored).toBe(true);
    expect(page.entries.length).toBeGreaterThan(0);
  });
});

describe("paging", () => {
  it("walks every matching entry once, newest first, forwards and back", async () => {
    const base = { from: "2026-03-01", to: "2026-03-31" };
    const seen: string[] = [];
    let cursor: string | undefined;
    const pages: { cursor?: string; previous?: string }[] = [];
    do {
      const page = await listAuditEntries(params({ ...base, ...(cursor ? { cursor } : {}) }), 25);
      pages.push({ cursor, previous: page.previous });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(SPREAD);
    expect(new Set(seen).size).toBe(SPREAD);
    const expected = await getDb().auditLog.findMany({ where: { at: { gte: new Date("2026-03-01"), lt: new Date("2026-04-01") } }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(expected.map((e) => e.id));
    // The previous page of the third page is the second.
    const back = await listAuditEntries(params({ ...base, cursor: pages[2].previous! }), 25);
    expect(back.entries.map((e) => e.id)).toEqual(seen.slice(25, 50));
  });
});

describe("names beside ids, and reasons", () => {
  it("names people, devices, agents and policies in one read per kind; a deleted object keeps its id", async () => {
    const { entries } = await listAuditEntries(params({}), 200);
    const names = await auditNames(entries);
    expect(names.target("agent", agentId)).toBe("ICU-Collector-2");
    expect(names.target("policy", policyId)).toBe("ICU baseline");
    expect(names.target("device", deviceId)).toBe("ICU Infusion Pump 7");
    expect(names.target("site", "site-gone")).toBeUndefined();
    expect(names.actor(alice.id)).toBe(alice.email);
  });

  it("keeps the reason a person gave to block a device", async () => {
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { targetType: "device", targetId: deviceId, action: "device.block" } });
    expect(auditReason(entry.after)).toBe("Unknown pump on the ICU VLAN");
    expect(auditReason({ note: "checked with biomed" })).toBe("checked with biomed");
    expect(auditReason(null)).toBeUndefined();
  });
});

describe("GET /api/exports/audit", () => {
  it("is for those who may read the log", async () => {
    expect((await exportCsv("/api/exports/audit")).status).toBe(401);
    await signInAs("engineer");
    expect((await exportCsv("/api/exports/audit")).status).toBe(403);
  });

  it("sends the filtered entries with names, ids and reasons, and is audited itself", async () => {
    const analyst = await signInAs("analyst");
    const res = await exportCsv(`/api/exports/audit?q=${encodeURIComponent("ICU Infusion")}&cursor=ignored`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="iomt-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, records } = csvRecords(new TextDecoder().decode(await res.arrayBuffer()));
    expect(header).toContain("object name");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: "device.block", "object name": "ICU Infusion Pump 7", "object id": deviceId, reason: "Unknown pump on the ICU VLAN", who: alice.email });

    const all = csvRecords(new TextDecoder().decode(await (await exportCsv("/api/exports/audit?from=2026-03-01&to=2026-03-31&object=agent")).arrayBuffer()));
    expect(all.records).toHaveLength(SPREAD / 3);
    expect(all.records.every((r) => r["object name"] === "ICU-Collector-2")).toBe(true);
    const exported = await getDb().auditLog.findMany({ where: { action: "export.audit", actorId: analyst.id }, orderBy: { at: "asc" } });
    expect(exported.map((e) => (e.after as { rows: number }).rows)).toEqual([1, SPREAD / 3]);
  });
});

describe("a broad search", () => {
  // On SQLite the ORM binds at most 999 values a statement, and an id list inside an OR is bound
  // value by value: 300 names of each kind matching one word must not fail the page (P2029).
  it("answers when hundreds of sites, segments, policies and users match the words", async () => {
    const db = getDb();
    const n = Array.from({ length: 300 }, (_, i) => i);
    await db.site.createMany({ data: n.map((i) => ({ id: `broad-site-${i}`, name: `Broadward ${i}` })) });
    await db.segment.createMany({ data: n.map((i) => ({ siteId: "broad-site-0", reportedSiteId: "broad-site-0", name: `BROADWARD-${i}` })) });
    await db.policy.createMany({ data: n.map((i) => ({ name: `broadward policy ${i}`, kind: "baseline", rules: {} })) });
    await db.user.createMany({ data: n.map((i) => ({ email: `broadward${i}@test.local`, role: "viewer" })) });
    const page = await listAuditEntries(params({ q: "broadward" }));
    expect(page.entries).toEqual([]);
  });
});
