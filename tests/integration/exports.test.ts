// The CSV exports' real route handlers against a real database holding a few thousand devices
// (inserted directly, several batches' worth, with scores tied across batch boundaries): the
// filters are honoured, every row leaves exactly once, hostile names are quoted and neutralised,
// and each export is audited with its row count. Only the session lookup is replaced.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { computeRisk, type RiskInput } from "@/lib/domain/risk/risk-model";
import { csvRecords } from "../csv-parse";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));

const inventoryRoute = await import("@/app/api/exports/inventory/route");
const riskRoute = await import("@/app/api/exports/risk/route");

const ORIGIN = "http://localhost:3000";
const DEVICES = 2_600;
const HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1-555-0100", "@SUM(A1:A9)", "-2+3", 'say "hi", then\nnewline', "<script>alert(1)</script>", "輸液ポンプ 🩺"];
const CATEGORIES = ["infusion_pump", "patient_monitor", "printer", "workstation"] as const;
const TIERS = (score: number) => (score >= 80 ? "critical" : score >= 55 ? "high" : score >= 30 ? "medium" : "low");

let siteA = "";
let siteB = "";

async function get(handler: typeof inventoryRoute.GET, path: string, init: RequestInit = {}) {
  return handler(new Request(`${ORIGIN}${path}`, init), undefined as never);
}

async function csvOf(res: Response) {
  expect(res.status).toBe(200);
  // Keep the byte-order mark visible (Response.text() would drop it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  return csvRecords(text);
}

async function signInAs(role: "admin" | "analyst" | "engineer" | "viewer") {
  const user = await makeUser(role);
  session.current = { user: { id: user.id, email: user.email, role } };
  return user;
}

const riskInput = (i: number): RiskInput => ({
  criticality: i % 7 === 0 ? "life_sustaining" : "therapy_delivery",
  phi: "transmits",
  exposure: i % 2 ? "general_it" : "internet",
  compensatingControls: 0,
  unauthorized: false,
  spoofDetected: false,
  vulnerabilities: [{ id: i % 5 === 0 ? "CVE-2023-30559" : "CVE-2020-0001", kev: i % 5 === 0, epss: 0.3 }],
});

beforeAll(async () => {
  const db = getDb();
  siteA = (await db.site.create({ data: { name: "Main Campus" } })).id;
  siteB = (await db.site.create({ data: { name: "North Clinic" } })).id;
  await db.vulnerability.createMany({ data: [{ id: "CVE-2023-30559", kev: true }, { id: "CVE-2020-0001", kev: false }] });
  const scoredAt = new Date("2026-11-01T10:00:00Z");
  const seenBase = Date.now() - 2 * 86_400_000;
  const devices = Array.from({ length: DEVICES }, (_, i) => {
    // Twelve distinct scores only: long runs of equal scores cross every batch boundary.
    const score = i % 13 === 0 ? 0 : (i % 12) * 8 + 4;
    return {
      id: `dev-${String(i).padStart(5, "0")}`,
      displayName: i < HOSTILE.length ? HOSTILE[i] : `PUMP-${i}`,
      category: CATEGORIES[i % CATEGORIES.length],
      siteId: i % 3 === 0 ? siteB : siteA,
      claimedMac: `00:09:fb:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}:01`,
      claimedSerial: `SN${i}`,
      criticality: i % 7 === 0 ? "life_sustaining" : "therapy_delivery",
      status: i % 50 === 0 ? "retired" : i % 4 === 0 ? "unauthorized" : "authorized",
      riskScore: score,
      riskTier: TIERS(score),
      ssvc: score >= 60 ? "Act" : score > 0 ? "Track" : null,
      riskComputedAt: score > 0 ? scoredAt : null,
      riskStale: false,
      searchText: `pump-${i}`,
      firstSeenAt: new Date(Date.UTC(2026, 0, 1) + (i % 17) * 3_600_000),
      // Relative to the run: the "seen within 30 days" filter must keep finding them.
      lastSeenAt: new Date(seenBase + (i % 11) * 3_600_000),
    };
  });
  await db.device.createMany({ data: devices });
  const scored = devices.filter((d) => d.riskScore > 0);
  await db.deviceVulnerability.createMany({
    data: scored.map((d, n) => ({ deviceId: d.id, vulnerabilityId: Number(d.id.slice(4)) % 5 === 0 ? "CVE-2023-30559" : "CVE-2020-0001", source: "csaf", status: "affected", reason: { n } })),
  });
  await db.riskScore.createMany({
    data: scored.map((d) => {
      const r = computeRisk(riskInput(Number(d.id.slice(4))));
      return { deviceId: d.id, score: d.riskScore, tier: d.riskTier, ssvc: d.ssvc, modelVersion: r.modelVersion, breakdown: r.breakdown, trigger: "full", computedAt: scoredAt };
    }),
  });
  // An older score row for every device: only the newest may give the factors.
  const old = computeRisk({ ...riskInput(1), vulnerabilities: [] });
  await db.riskScore.createMany({ data: scored.map((d) => ({ deviceId: d.id, score: 1, tier: "low", modelVersion: old.modelVersion, breakdown: old.breakdown, trigger: "ingest", computedAt: new Date("2026-10-01T00:00:00Z") })) });
}, 120_000);

beforeEach(() => {
  session.current = null;
});

describe("GET /api/exports/inventory", () => {
  it("401 without a session, and nothing is audited", async () => {
    const res = await get(inventoryRoute.GET, "/api/exports/inventory");
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
    expect(await getDb().auditLog.count({ where: { action: "export.inventory" } })).toBe(0);
  });

  it("streams every device once, in the inventory's order, as a dated attachment; audited with the count", async () => {
    const viewer = await signInAs("viewer");
    const res = await get(inventoryRoute.GET, "/api/exports/inventory?cursor=ignored");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="iomt-inventory-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, records } = await csvOf(res);
    expect(header.slice(0, 6)).toEqual(["device", "category", "vendor", "model", "MAC", "IP"]);
    expect(records).toHaveLength(DEVICES);
    const ids = records.map((r) => r["device id"]);
    expect(new Set(ids).size).toBe(DEVICES);
    const expected = await getDb().device.findMany({ orderBy: [{ riskScore: "desc" }, { id: "asc" }], select: { id: true } });
    expect(ids).toEqual(expected.map((d) => d.id));
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "export.inventory", actorId: viewer.id } });
    expect(entry.after).toEqual({ filters: {}, rows: DEVICES, complete: true });
  });

  it("honours the filters and the sort, exactly as the inventory does", async () => {
    await signInAs("engineer");
    const where = { category: "infusion_pump", siteId: siteA, status: "unauthorized" };
    const count = await getDb().device.count({ where });
    expect(count).toBeGreaterThan(100);
    const { records } = await csvOf(await get(inventoryRoute.GET, `/api/exports/inventory?category=infusion_pump&site=${siteA}&status=unauthorized&sort=name&junk=1`));
    expect(records).toHaveLength(count);
    expect(records.every((r) => r.category === "Infusion pump" && r.site === "Main Campus" && r.status === "unauthorized")).toBe(true);
    const names = await getDb().device.findMany({ where, orderBy: [{ displayName: "asc" }, { id: "asc" }], select: { displayName: true } });
    expect(records.map((r) => r.device.replace(/^'/, ""))).toEqual(names.map((d) => d.displayName));

    const lastSeen = await csvOf(await get(inventoryRoute.GET, "/api/exports/inventory?sort=lastSeen&tier=critical"));
    expect(lastSeen.records).toHaveLength(await getDb().device.count({ where: { riskTier: "critical" } }));
    const times = lastSeen.records.map((r) => r["last seen (UTC)"]);
    expect(times.every((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(t))).toBe(true);
    const byLastSeen = await getDb().device.findMany({ where: { riskTier: "critical" }, orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(lastSeen.records.map((r) => r["device id"])).toEqual(byLastSeen.map((d) => d.id));

    // The search box, as the inventory reads it (through its search index when it has one).
    const searched = await csvOf(await get(inventoryRoute.GET, "/api/exports/inventory?q=PUMP-12"));
    expect(searched.records.map((r) => r["device id"]).sort()).toEqual((await getDb().device.findMany({ where: { searchText: { contains: "pump-12" } }, select: { id: true } })).map((d) => d.id).sort());
    expect(searched.records.length).toBeGreaterThan(10);
  });

  it("gives exactly the rows the inventory page lists, in its order: direction, vendor, model and firmware included", async () => {
    const { listDevices, parseInventoryParams } = await import("@/lib/queries/devices");
    const db = getDb();
    await db.device.updateMany({ where: { id: { lt: "dev-00600" } }, data: { vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3" } });
    await db.device.updateMany({ where: { id: { lt: "dev-00200" } }, data: { firmwareVersion: "12.1.2" } });
    await signInAs("viewer");
    const searches: Record<string, string>[] = [
      { sort: "name", dir: "desc", model: "Alaris PCU Model 8015", firmware: "12.1.3" },
      { sort: "risk", dir: "asc", vendor: "BD", model: "Alaris PCU Model 8015" },
      { sort: "lastSeen", dir: "asc", firmware: "12.1.2" },
      { sort: "firstSeen", dir: "asc", site: siteB },
    ];
    for (const search of searches) {
      const listed: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDevices(parseInventoryParams({ ...search, ...(cursor ? { cursor } : {}) }), 200);
        listed.push(...page.devices.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      const { records } = await csvOf(await get(inventoryRoute.GET, `/api/exports/inventory?${new URLSearchParams(search)}`));
      expect(listed.length, JSON.stringify(search)).toBeGreaterThan(100);
      expect(records.map((r) => r["device id"]), JSON.stringify(search)).toEqual(listed);
    }
    await db.device.updateMany({ where: { id: { lt: "dev-00600" } }, data: { vendor: null, model: null, firmwareVersion: null } });
  });

  it("quotes hostile names and neutralises formula cells", async () => {
    await signInAs("analyst");
    const { records } = await csvOf(await get(inventoryRoute.GET, "/api/exports/inventory?sort=name"));
    const byId = new Map(records.map((r) => [r["device id"], r.device]));
    expect(byId.get("dev-00000")).toBe(`'${HOSTILE[0]}`);
    expect(byId.get("dev-00001")).toBe(`'${HOSTILE[1]}`);
    expect(byId.get("dev-00002")).toBe(`'${HOSTILE[2]}`);
    expect(byId.get("dev-00003")).toBe(`'${HOSTILE[3]}`);
    expect(byId.get("dev-00004")).toBe(HOSTILE[4]);
    expect(byId.get("dev-00005")).toBe(HOSTILE[5]);
    expect(byId.get("dev-00006")).toBe(HOSTILE[6]);
    expect(records.flatMap((r) => Object.values(r)).filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("stops reading when the client goes away, and audits what left as incomplete", async () => {
    const user = await signInAs("viewer");
    const res = await get(inventoryRoute.GET, "/api/exports/inventory?seen=30d");
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => getDb().auditLog.findFirst({ where: { action: "export.inventory", actorId: user.id } }).then((e) => e?.after)).toMatchObject({ complete: false, filters: { seen: "30d" } });
    const rows = ((await getDb().auditLog.findFirstOrThrow({ where: { action: "export.inventory", actorId: user.id } })).after as { rows: number }).rows;
    expect(rows).toBeLessThan(DEVICES);
  });
});

describe("GET /api/exports/risk", () => {
  it("401 without a session", async () => {
    expect((await get(riskRoute.GET, "/api/exports/risk")).status).toBe(401);
  });

  it("ranks every scored, unretired device once, with SSVC and the newest score's top factors; audited", async () => {
    const viewer = await signInAs("viewer");
    const res = await get(riskRoute.GET, "/api/exports/risk?after=zzz");
    expect(res.headers.get("content-disposition")).toMatch(/filename="iomt-risk-\d{4}-\d{2}-\d{2}\.csv"/);
    const { header, records } = await csvOf(res);
    expect(header).toContain("top factors");
    const expected = await getDb().device.findMany({ where: { riskScore: { gt: 0 }, status: { not: "retired" } }, orderBy: [{ riskScore: "desc" }, { id: "asc" }], select: { id: true } });
    expect(records.map((r) => r["device id"])).toEqual(expected.map((d) => d.id));
    expect(records.map((r) => Number(r.rank))).toEqual(expected.map((_, i) => i + 1));
    const kevPump = records.find((r) => r["device id"] === "dev-00010")!;
    expect(kevPump["top factors"]).toBe("Known exploited (CISA KEV): CVE-2023-30559; Reachable from the internet; Therapy delivery device, impact 4 of 5");
    expect(kevPump.SSVC).toBe("Act");
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "export.risk", actorId: viewer.id } });
    expect(entry.after).toEqual({ filters: {}, rows: expected.length, complete: true });
  });

  it("honours site, category, criticality, tier, SSVC and KEV-only", async () => {
    await signInAs("analyst");
    const { records } = await csvOf(await get(riskRoute.GET, `/api/exports/risk?site=${siteB}&category=infusion_pump&kev=1`));
    const expected = await getDb().device.findMany({
      where: { riskScore: { gt: 0 }, status: { not: "retired" }, siteId: siteB, category: "infusion_pump", vulnerabilities: { some: { vulnerabilityId: "CVE-2023-30559" } } },
      orderBy: [{ riskScore: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(records.map((r) => r["device id"])).toEqual(expected.map((d) => d.id));
    expect(records.every((r) => r["top factors"].startsWith("Known exploited (CISA KEV)") || r["top factors"].startsWith("Known-exploited flaw"))).toBe(true);

    const narrowed = await csvOf(await get(riskRoute.GET, "/api/exports/risk?tier=high&ssvc=Act&criticality=life_sustaining"));
    const count = await getDb().device.count({ where: { riskScore: { gt: 0 }, status: { not: "retired" }, riskTier: "high", ssvc: "Act", criticality: "life_sustaining" } });
    expect(count).toBeGreaterThan(0);
    expect(narrowed.records).toHaveLength(count);
    expect(narrowed.records.every((r) => r["risk tier"] === "high" && r.SSVC === "Act" && r.criticality === "Life-sustaining")).toBe(true);
  });

  it("the page's keyset pagination walks the same filtered ranking, each device once", async () => {
    const { listRiskPriority, parseRiskParams } = await import("@/lib/queries/risk-priority");
    const search = { tier: "high", category: "patient_monitor" };
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listRiskPriority(parseRiskParams({ ...search, after }), new Date(), 37);
      seen.push(...page.devices.map((d) => d.id));
      after = page.nextCursor;
    } while (after);
    await signInAs("viewer");
    const { records } = await csvOf(await get(riskRoute.GET, "/api/exports/risk?tier=high&category=patient_monitor"));
    expect(seen.length).toBeGreaterThan(37);
    expect(seen).toEqual(records.map((r) => r["device id"]));
  });

  it("flags accepted risks with owner and expiry instead of leaving them out", async () => {
    const analyst = await signInAs("analyst");
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    await getDb().riskAcceptance.create({ data: { deviceId: "dev-00011", acceptedById: analyst.id, owner: "=Biomed lead", reason: "patch window", expiresAt } });
    await getDb().device.update({ where: { id: "dev-00011" }, data: { riskAcceptedUntil: expiresAt } });
    // An expired acceptance is not a running one.
    await getDb().riskAcceptance.create({ data: { deviceId: "dev-00023", acceptedById: analyst.id, owner: "Old owner", reason: "old", expiresAt: new Date("2026-01-01T00:00:00Z") } });
    const { records } = await csvOf(await get(riskRoute.GET, "/api/exports/risk"));
    const accepted = records.find((r) => r["device id"] === "dev-00011")!;
    expect(accepted["risk accepted"]).toBe("yes");
    expect(accepted["accepted until (UTC)"]).toBe(expiresAt.toISOString());
    expect(accepted["acceptance owner"]).toBe("'=Biomed lead");
    const expired = records.find((r) => r["device id"] === "dev-00023")!;
    expect([expired["risk accepted"], expired["acceptance owner"]]).toEqual(["no", ""]);
  });
});
