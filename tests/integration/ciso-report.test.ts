// The CISO report against a real database: counts and trend from DailyMetric rows written here,
// top devices, KEV exposure, MTTA / MTTR, accepted risks and coverage from seeded rows, the site
// filter, fallbacks for bad parameters, and the CSV route (auth and content).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { dayOf } from "@/lib/domain/risk/ciso-report-figures";
import { RESPONSE_SAMPLE, loadCisoReport, parseCisoReportParams } from "@/lib/queries/ciso-report";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));

const { GET } = await import("@/app/api/exports/ciso-report/route");

const db = () => getDb();
const NOW = new Date();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const today = dayOf(NOW);
const daysAgo = (n: number) => dayOf(ago(n * DAY));

const ids = { north: "", south: "", icu: "", lab: "", sensorN: "", sensorS: "", pumpN: "", monitorN: "", labS: "", retired: "", hostile: "" };
let admin: { id: string; email: string };

async function metric(day: string, name: string, value: number, dimension = "") {
  await db().dailyMetric.create({ data: { day, metric: name, dimension, value } });
}

async function device(name: string, data: { siteId?: string; segmentId?: string; riskScore: number; riskTier: string; status?: string; spoofSuspected?: boolean }) {
  return (await db().device.create({ data: { displayName: name, category: "infusion_pump", criticality: "therapy_delivery", status: "authorized", ...data } })).id;
}

async function alert(kind: string, deviceId: string, firstAt: Date, ackAfterH: number | null, resolveAfterH: number | null) {
  await db().alert.create({
    data: {
      kind, severity: "high", title: `${kind} on ${deviceId}`, deviceId, firstAt, lastAt: firstAt,
      status: resolveAfterH !== null ? "resolved" : ackAfterH !== null ? "acknowledged" : "open",
      acknowledgedAt: ackAfterH === null ? null : new Date(firstAt.getTime() + ackAfterH * HOUR),
      resolvedAt: resolveAfterH === null ? null : new Date(firstAt.getTime() + resolveAfterH * HOUR),
    },
  });
}

beforeAll(async () => {
  admin = await makeUser("admin");
  const north = await db().site.create({ data: { name: "North campus" } });
  const south = await db().site.create({ data: { name: "South clinic" } });
  ids.north = north.id;
  ids.south = south.id;
  ids.icu = (await db().segment.create({ data: { siteId: north.id, reportedSiteId: north.id, name: "ICU-VLAN-20" } })).id;
  ids.lab = (await db().segment.create({ data: { siteId: south.id, reportedSiteId: south.id, name: "LAB-VLAN-30" } })).id;
  ids.sensorN = (await db().agent.create({ data: { name: "sensor-north", siteId: north.id, tokenHash: "h1", tokenPrefix: "p1", lastSeenAt: ago(HOUR) } })).id;
  ids.sensorS = (await db().agent.create({ data: { name: "@sensor-south", siteId: south.id, tokenHash: "h2", tokenPrefix: "p2" } })).id;

  ids.pumpN = await device("PUMP-NORTH-1", { siteId: north.id, segmentId: ids.icu, riskScore: 95, riskTier: "critical" });
  ids.monitorN = await device("MONITOR-NORTH-2", { siteId: north.id, segmentId: ids.icu, riskScore: 70, riskTier: "high", spoofSuspected: true });
  ids.labS = await device("LAB-SOUTH-1", { siteId: south.id, segmentId: ids.lab, riskScore: 80, riskTier: "high" });
  ids.retired = await device("RETIRED-PUMP", { siteId: north.id, riskScore: 99, riskTier: "critical", status: "retired" });
  ids.hostile = await device("=HYPERLINK(\"http://evil\")", { siteId: south.id, riskScore: 10, riskTier: "low", status: "unauthorized" });
  for (let i = 0; i < 12; i++) await device(`FILLER-${i}`, { riskScore: 1, riskTier: "low" });
  await device("NO-RISK-NORTH", { siteId: north.id, riskScore: 0, riskTier: "low" });

  await db().vulnerability.createMany({ data: [{ id: "CVE-2023-30559", kev: true }, { id: "CVE-2021-0001", kev: false }, { id: "CVE-2024-9999", kev: true }] });
  await db().deviceVulnerability.createMany({
    data: [
      { deviceId: ids.pumpN, vulnerabilityId: "CVE-2023-30559", source: "csaf", status: "affected", reason: {} },
      { deviceId: ids.pumpN, vulnerabilityId: "CVE-2021-0001", source: "csaf", status: "affected", reason: {} },
      { deviceId: ids.labS, vulnerabilityId: "CVE-2024-9999", source: "cpe", status: "needs_review", reason: {} },
      { deviceId: ids.retired, vulnerabilityId: "CVE-2023-30559", source: "csaf", status: "affected", reason: {} },
    ],
  });

  // North: acked after 1 h / resolved after 3 h; acked after 3 h; never answered. South: acked after 10 h, resolved after 20 h.
  await alert("spoof", ids.monitorN, ago(2 * DAY), 1, 3);
  await alert("new_device", ids.pumpN, ago(3 * DAY), 3, null);
  await alert("risk_jump", ids.pumpN, ago(4 * DAY), null, null);
  await alert("unauthorized", ids.labS, ago(5 * DAY), 10, 20);
  await alert("new_device", ids.labS, ago(40 * DAY), 1, 1); // before a 7- or 30-day period

  const acceptance = (deviceId: string, owner: string, expiresAt: Date, revokedAt: Date | null = null) =>
    db().riskAcceptance.create({ data: { deviceId, owner, reason: "Vendor patch next quarter", acceptedById: admin.id, expiresAt, revokedAt } });
  await acceptance(ids.pumpN, "Biomed North", new Date(NOW.getTime() + 30 * DAY));
  await acceptance(ids.labS, "Lab manager", new Date(NOW.getTime() + 10 * DAY));
  await acceptance(ids.labS, "Expired owner", ago(DAY));
  await acceptance(ids.monitorN, "Revoked owner", new Date(NOW.getTime() + 5 * DAY), ago(HOUR));

  // The tally: today, 3 days ago and 40 days ago, estate-wide and per site.
  for (const [day, total, critical, unauth] of [[today, 17, 1, 1], [daysAgo(3), 15, 2, 3], [daysAgo(40), 5, 4, 0]] as const) {
    await metric(day, "devices.total", total);
    await metric(day, "devices.tier.critical", critical);
    await metric(day, "devices.tier.high", 2);
    await metric(day, "devices.unauthorized", unauth);
    await metric(day, "devices.spoofed", 1);
    await metric(day, "devices.kev", 1);
    await metric(day, "devices.new", 2);
    await metric(day, "devices.total", 2, `site:${ids.north}`);
    await metric(day, "devices.tier.critical", 1, `site:${ids.north}`);
    await metric(day, "devices.kev", day === today ? 1 : 0, `site:${ids.north}`);
  }
  await metric(today, "devices.unauthorized", 0, `site:${ids.north}`);
  await metric(today, "alerts.open", 2);
  await metric(today, "tally.refreshedAt", NOW.getTime());
  await metric(today, "devices.coverage", 2, `agent:${ids.sensorN}`);
  await metric(today, "devices.coverage", 2, `segment:${ids.icu}`);
  await metric(today, "devices.coverage", 1, `segment:${ids.lab}`);
});

describe("the CISO report", () => {
  it("counts and trend come from the tally, one point per day of the period", async () => {
    const r = await loadCisoReport({ period: "7d" });
    expect(r.period).toMatchObject({ kind: "7d", days: 7, toDay: today });
    expect(r.countsDay).toBe(today);
    expect(r.countsRefreshedAt?.getTime()).toBe(NOW.getTime());
    expect(r.counts).toMatchObject({ "devices.total": 17, "devices.tier.critical": 1, "devices.unauthorized": 1, "devices.spoofed": 1, "devices.kev": 1, "devices.tier.medium": null });
    expect(r.trend).toHaveLength(7);
    expect(r.trend.map((p) => p["devices.tier.critical"])).toEqual([null, null, null, 2, null, null, 1]);
    expect(r.alertsOpen).toBe(2); // counted live: one acknowledged, one open
    // 40 days ago is outside a 7-day period, inside a 90-day one.
    const long = await loadCisoReport({ period: "90d" });
    expect(long.trend.filter((p) => p["devices.total"] !== null).map((p) => p["devices.total"])).toEqual([5, 15, 17]);
  });

  it("top devices by risk score, retired ones left out; KEV exposure names the CVEs", async () => {
    const r = await loadCisoReport({});
    expect(r.top).toHaveLength(10);
    expect(r.top.slice(0, 3).map((d) => d.displayName)).toEqual(["PUMP-NORTH-1", "LAB-SOUTH-1", "MONITOR-NORTH-2"]);
    expect(r.top.some((d) => d.displayName === "RETIRED-PUMP")).toBe(false);
    expect(r.top[0].where).toBe("North campus / ICU-VLAN-20");
    expect(r.kev.devices).toBe(1);
    expect(r.kev.top.map((d) => [d.displayName, d.cves])).toEqual([["PUMP-NORTH-1", ["CVE-2023-30559"]]]); // not a non-KEV CVE, not "needs review"
  });

  it("MTTA and MTTR over alerts raised in the period; unanswered ones counted apart", async () => {
    const r = await loadCisoReport({ period: "30d" });
    expect(r.response).toEqual({
      alerts: 4,
      acknowledge: { count: 3, meanHours: 4.7, medianHours: 3 },
      stillOpen: 1,
      resolve: { count: 2, meanHours: 11.5, medianHours: 11.5 },
      unresolved: 2,
      sampled: null,
    });
  });

  it("a busy period is measured on a bounded sample of its most recent alerts, and says of how many", async () => {
    const first = new Date("2001-01-10T00:00:00Z");
    const many = Array.from({ length: RESPONSE_SAMPLE + 5 }, (_, i) => ({
      kind: "new_device", severity: "info", title: `old ${i}`, deviceId: ids.labS, firstAt: new Date(first.getTime() + i * 60_000), lastAt: first,
      status: "resolved", acknowledgedAt: new Date(first.getTime() + i * 60_000 + 2 * HOUR), resolvedAt: new Date(first.getTime() + i * 60_000 + 4 * HOUR),
    }));
    await db().alert.createMany({ data: many });
    const r = await loadCisoReport({ period: "custom", from: "2001-01-01", to: "2001-01-31" });
    // Counts cover every alert of the period; only the times are measured on the sample, and it says so.
    expect(r.response).toMatchObject({ alerts: RESPONSE_SAMPLE + 5, stillOpen: 0, unresolved: 0, sampled: { measured: RESPONSE_SAMPLE, of: RESPONSE_SAMPLE + 5 }, acknowledge: { count: RESPONSE_SAMPLE, meanHours: 2, medianHours: 2 }, resolve: { meanHours: 4 } });
    expect(r.alertsOpen).toBe(2); // open now, whenever raised: the period's alerts are all resolved
  });

  it("accepted risks: running ones only, soonest expiry first, with owner and who accepted", async () => {
    const r = await loadCisoReport({});
    expect(r.accepted.total).toBe(2);
    expect(r.accepted.rows.map((x) => [x.device, x.owner, x.acceptedBy])).toEqual([["LAB-SOUTH-1", "Lab manager", admin.email], ["PUMP-NORTH-1", "Biomed North", admin.email]]);
  });

  it("coverage: devices per agent and per segment, with each agent's last report", async () => {
    const { coverage } = await loadCisoReport({});
    expect(coverage.agents).toHaveLength(2);
    expect(coverage.agents).toEqual(expect.arrayContaining([
      { id: ids.sensorN, name: "sensor-north", lastSeenAt: expect.any(Date), revoked: false, devices: 2 },
      { id: ids.sensorS, name: "@sensor-south", lastSeenAt: null, revoked: false, devices: null },
    ]));
    expect(coverage.segments.map((s) => [s.name, s.site, s.devices])).toEqual([["ICU-VLAN-20", "North campus", 2], ["LAB-VLAN-30", "South clinic", 1]]);
  });

  it("a site narrows every section to that site", async () => {
    const r = await loadCisoReport({ period: "30d", site: ids.north });
    expect(r.site).toEqual({ id: ids.north, name: "North campus" });
    expect(r.counts).toMatchObject({ "devices.total": 2, "devices.tier.critical": 1, "devices.unauthorized": 0, "devices.kev": 1 });
    expect(r.alertsOpen).toBe(2); // the north's alerts not resolved
    expect(r.top.map((d) => d.displayName)).toEqual(["PUMP-NORTH-1", "MONITOR-NORTH-2"]);
    expect(r.kev.top.map((d) => d.displayName)).toEqual(["PUMP-NORTH-1"]);
    expect(r.response).toMatchObject({ alerts: 3, acknowledge: { count: 2, meanHours: 2 }, stillOpen: 1, resolve: { count: 1, meanHours: 3 } });
    expect(r.accepted.rows.map((x) => x.owner)).toEqual(["Biomed North"]);
    expect(r.coverage.agents.map((a) => a.name)).toEqual(["sensor-north"]);
    expect(r.coverage.segments.map((s) => s.name)).toEqual(["ICU-VLAN-20"]);
    // NO-RISK-NORTH scores 0: it pads nothing, the list is shorter.
    const south = await loadCisoReport({ period: "30d", site: ids.south });
    expect(south.kev.top).toEqual([]); // its one KEV match is "needs review", not "affected"
    expect(south.top.map((d) => d.displayName)).toEqual(["LAB-SOUTH-1", "=HYPERLINK(\"http://evil\")"]);
  });

  it("bad parameters fall back: unknown period → 30 days, bad custom dates → 30 days with a notice, unknown site → all sites", async () => {
    const junk = await loadCisoReport(parseCisoReportParams({ period: "forever", site: "no-such-site" }));
    expect(junk.period).toMatchObject({ kind: "30d", days: 30 });
    expect(junk.site).toBeNull();
    expect(junk.counts["devices.total"]).toBe(17);
    const bad = await loadCisoReport(parseCisoReportParams({ period: "custom", from: "2026-13-01", to: "nope" }));
    expect(bad.period.kind).toBe("30d");
    expect(bad.period.notice).toMatch(/not valid/);
  });

  it("a period that ends before today reads the newest tally day within it", async () => {
    const r = await loadCisoReport({ period: "custom", from: daysAgo(10), to: daysAgo(1) });
    expect(r.countsDay).toBe(daysAgo(3));
    expect(r.counts["devices.tier.critical"]).toBe(2);
    const none = await loadCisoReport({ period: "custom", from: "2001-01-01", to: "2001-01-31" });
    expect(none.countsDay).toBeNull();
    expect(none.counts["devices.total"]).toBeNull();
    expect(none.coverage.agents.every((a) => a.devices === null)).toBe(true);
  });
});

describe("GET /api/exports/ciso-report", () => {
  const get = (query = "") => GET(new Request(`http://localhost:3000/api/exports/ciso-report${query}`), undefined as never);
  beforeEach(() => {
    session.current = null;
  });

  it("401 without a session", async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("a viewer downloads the report as CSV, named by period and site, formulas neutralised", async () => {
    const viewer = await makeUser("viewer");
    session.current = { user: { id: viewer.id, email: viewer.email, role: "viewer" } };
    const res = await get(`?period=7d&site=${ids.south}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="iomt-ciso-report-${daysAgo(6)}_${today}-south-clinic.csv"`);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Section,Item,Value,Detail,Reference");
    expect(text).toContain("Report,Site,South clinic");
    expect(text).toContain(`"2. =HYPERLINK(""http://evil"")"`); // not formula-leading: left as it is
    expect(text).toContain("Coverage by agent,'@sensor-south,,last seen never");
    expect(text).not.toMatch(/(^|,)"?[=@+-][A-Za-z]/m);
    expect(text).toMatch(/Accepted risks,LAB-SOUTH-1,Lab manager/);
    expect(text).toMatch(/Alert response,Mean time to acknowledge \(hours\),10,/);
    expect(text).toContain("HIPAA 45 CFR 164.308(a)(1)(ii)(A)");
  });
});
