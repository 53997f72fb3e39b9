import { describe, expect, it } from "vitest";
import { CISO_REPORT_FRAMING, CISO_REPORT_SECTIONS } from "../words/ciso-report-framing";
import { assetInventoryLines, change, daysOf, durations, formatHours, parseCisoReportPeriod, parseCisoReportParams, cisoReportCsvRows, responseTimes, shapeTrend, sumOver, type CisoReport } from "./ciso-report-figures";

const NOW = new Date("2026-11-29T10:30:00Z");
const at = (iso: string) => new Date(iso);

describe("parseCisoReportPeriod", () => {
  it.each([
    ["7d", "2026-11-23", 7],
    ["30d", "2026-10-31", 30],
    ["90d", "2026-09-01", 90],
  ] as const)("%s ends today and covers whole UTC days", (period, fromDay, days) => {
    const p = parseCisoReportPeriod({ period }, NOW);
    expect(p).toMatchObject({ kind: period, fromDay, toDay: "2026-11-29", days });
    expect(p.start.toISOString()).toBe(`${fromDay}T00:00:00.000Z`);
    expect(p.end.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(p.notice).toBeUndefined();
  });

  it("defaults to the last 30 days", () => {
    expect(parseCisoReportPeriod({}, NOW)).toMatchObject({ kind: "30d", days: 30 });
  });

  it("quarter is the calendar quarter to date", () => {
    expect(parseCisoReportPeriod({ period: "quarter" }, NOW)).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-11-29", days: 60, label: "This quarter (Q4 2026, to date)" });
    expect(parseCisoReportPeriod({ period: "quarter" }, at("2026-01-01T00:00:00Z"))).toMatchObject({ fromDay: "2026-01-01", days: 1 });
  });

  it("takes a custom range, both days included", () => {
    expect(parseCisoReportPeriod({ period: "custom", from: "2026-02-01", to: "2026-02-28" }, NOW)).toMatchObject({ kind: "custom", days: 28, label: "2026-02-01 to 2026-02-28" });
  });

  it.each([
    [{ from: "2026-02-30", to: "2026-03-01" }],
    [{ from: "yesterday", to: "2026-03-01" }],
    [{ from: "2026-03-02", to: "2026-03-01" }],
    [{ from: "2026-03-02" }],
    [{ from: "2027-01-01", to: "2027-02-01" }],
  ])("falls back to 30 days, and says so, for bad custom dates %o", (dates) => {
    const p = parseCisoReportPeriod({ period: "custom", ...dates }, NOW);
    expect(p).toMatchObject({ kind: "30d", days: 30 });
    expect(p.notice).toMatch(/last 30 days/);
  });

  it("clamps a future end to today and a long range to 366 days", () => {
    expect(parseCisoReportPeriod({ period: "custom", from: "2026-11-01", to: "2027-05-01" }, NOW)).toMatchObject({ toDay: "2026-11-29", notice: expect.stringMatching(/ends today/) });
    const long = parseCisoReportPeriod({ period: "custom", from: "2020-01-01", to: "2026-11-29" }, NOW);
    expect(long).toMatchObject({ days: 366, fromDay: "2025-11-29", toDay: "2026-11-29", notice: expect.stringMatching(/at most 366 days/) });
  });

  it("URL parameters: junk is ignored, not fatal", () => {
    expect(parseCisoReportParams({ period: "forever", from: "x".repeat(500), site: ["s1", "s2"], extra: "1" })).toEqual({ period: undefined, from: undefined, to: undefined, site: "s1" });
    expect(parseCisoReportParams({ period: "", site: "" })).toEqual({ period: undefined, from: undefined, to: undefined, site: undefined });
  });
});

describe("responseTimes (MTTA / MTTR)", () => {
  const first = at("2026-11-01T00:00:00Z");
  const h = (n: number) => new Date(first.getTime() + n * 3_600_000);

  it("mean and median in hours; unanswered alerts counted apart, not averaged", () => {
    const r = responseTimes([
      { firstAt: first, acknowledgedAt: h(1), resolvedAt: h(3) },
      { firstAt: first, acknowledgedAt: h(2), resolvedAt: null },
      { firstAt: first, acknowledgedAt: h(9), resolvedAt: h(21) },
      { firstAt: first, acknowledgedAt: null, resolvedAt: null },
    ]);
    expect(r).toEqual({
      alerts: 4,
      acknowledge: { count: 3, meanHours: 4, medianHours: 2 },
      stillOpen: 1,
      resolve: { count: 2, meanHours: 12, medianHours: 12 },
      unresolved: 2,
    });
  });

  it("an alert resolved without an acknowledgement was answered when it was resolved", () => {
    expect(responseTimes([{ firstAt: first, acknowledgedAt: null, resolvedAt: h(5) }]).acknowledge).toEqual({ count: 1, meanHours: 5, medianHours: 5 });
  });

  it("no alerts: nothing to average", () => {
    expect(responseTimes([])).toEqual({ alerts: 0, acknowledge: { count: 0, meanHours: null, medianHours: null }, stillOpen: 0, resolve: { count: 0, meanHours: null, medianHours: null }, unresolved: 0 });
  });

  it("clock skew never gives a negative time", () => {
    expect(durations([-1, 0, 3]).medianHours).toBe(0);
    expect(responseTimes([{ firstAt: h(2), acknowledgedAt: h(1), resolvedAt: null }]).acknowledge.meanHours).toBe(0);
  });

  it.each([[null, "—"], [0.5, "30 min"], [5.25, "5.3 h"], [72, "3 days"]] as const)("formats %s hours as %s", (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });
});

describe("trend", () => {
  const period = { fromDay: "2026-11-27", toDay: "2026-11-29" };

  it("has every day of the period, with nulls (not zeros) where nothing was counted", () => {
    expect(daysOf(period)).toEqual(["2026-11-27", "2026-11-28", "2026-11-29"]);
    const trend = shapeTrend(
      [
        { day: "2026-11-27", metric: "devices.tier.critical", value: 5 },
        { day: "2026-11-29", metric: "devices.tier.critical", value: 3 },
        { day: "2026-11-29", metric: "devices.new", value: 2 },
        { day: "2026-11-27", metric: "devices.new", value: 4 },
      ],
      period,
    );
    expect(trend.map((p) => p["devices.tier.critical"])).toEqual([5, null, 3]);
    expect(trend[1]["devices.total"]).toBeNull();
    expect(change(trend, "devices.tier.critical")).toEqual({ first: { day: "2026-11-27", value: 5 }, last: { day: "2026-11-29", value: 3 } });
    expect(change(trend, "devices.kev")).toEqual({ first: null, last: null });
    expect(sumOver(trend, "devices.new")).toBe(6);
  });

  it("crosses month and year ends", () => {
    expect(daysOf({ fromDay: "2026-12-30", toDay: "2027-01-02" })).toHaveLength(4);
  });
});

describe("framing and CSV rows", () => {
  it("every section names its HIPAA or NIST CSF reference", () => {
    for (const section of CISO_REPORT_SECTIONS) expect(CISO_REPORT_FRAMING[section].references.join(" ")).toMatch(/164\.3|NIST CSF/);
    expect(CISO_REPORT_FRAMING.summary.references).toContain("HIPAA 45 CFR 164.308(a)(1)(ii)(A)");
    expect(CISO_REPORT_FRAMING.coverage.references).toContain("NIST CSF ID.AM-01");
  });

  it("one fact per row, five columns, with the facts of each section", () => {
    const period = parseCisoReportPeriod({ period: "7d" }, NOW);
    const trend = shapeTrend([{ day: "2026-11-29", metric: "devices.tier.critical", value: 2 }], period);
    const data: CisoReport = {
      generatedAt: NOW, period, site: { id: "s1", name: "=Main campus" }, countsDay: "2026-11-29", countsRefreshedAt: NOW,
      counts: { ...trend.at(-1)!, "devices.total": 10 }, trend,
      top: [{ id: "d1", displayName: "PUMP-1", category: "infusion_pump", criticality: "therapy_delivery", riskScore: 91, riskTier: "critical", status: "authorized", spoofSuspected: false, where: "Main / ICU" }],
      kev: { devices: 1, top: [{ id: "d1", displayName: "PUMP-1", category: "infusion_pump", criticality: "therapy_delivery", riskScore: 91, riskTier: "critical", status: "authorized", spoofSuspected: false, where: "", cves: ["CVE-2023-30559"] }] },
      alertsOpen: 4,
      response: { ...responseTimes([]), sampled: null },
      accepted: { total: 1, rows: [{ id: "a1", deviceId: "d1", device: "PUMP-1", owner: "Biomed", reason: "Patch due", acceptedBy: "ciso@x", acceptedAt: NOW, expiresAt: NOW }] },
      coverage: { agents: [{ id: "g1", name: "sensor-1", lastSeenAt: null, revoked: false, devices: 7 }], segments: [{ id: "sg1", name: "ICU-VLAN-20", site: "Main", devices: 7 }] },
    };
    const rows = cisoReportCsvRows(data);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const find = (section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item);
    expect(find("Report", "Site")?.[2]).toBe("=Main campus"); // neutralised by the CSV writer, not here
    expect(find("Summary", "Devices (not retired)")?.[2]).toBe(10);
    expect(find("Summary", "Critical risk")?.[4]).toMatch(/164\.308/);
    expect(find("Risk trend", "2026-11-29 Critical risk")?.[2]).toBe(2);
    expect(find("Top devices", "1. PUMP-1")?.[2]).toBe(91);
    expect(find("KEV exposure", "PUMP-1")?.[3]).toBe("CVE-2023-30559");
    expect(find("Accepted risks", "PUMP-1")?.[2]).toBe("Biomed");
    expect(find("Coverage by agent", "sensor-1")?.[3]).toBe("last seen never");
    expect(find("Coverage by segment", "ICU-VLAN-20")?.[2]).toBe(7);
  });
});

describe("assetInventoryLines", () => {
  it("gives each figure of the asset inventory with what it counts; the share is of the devices a register accounts for", () => {
    const lines = assetInventoryLines({ entries: 120, reconciled: 90, mismatched: 5, missing: 25, shadow: 40, devices: 200 });
    expect(lines.map((l) => [l.item, l.value])).toEqual([
      ["Register entries", "120"], ["Devices accounted for", "80%"], ["Reconciled", "90"], ["Shadow devices", "40"], ["Missing", "25"], ["Mismatched", "5"],
    ]);
    for (const l of lines) expect(l.what).toMatch(/\.$/);
    expect(assetInventoryLines({ entries: 0, reconciled: 0, mismatched: 0, missing: 0, shadow: 0, devices: 0 })[1].value).toBe("—");
  });
});
