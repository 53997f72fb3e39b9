import { describe, expect, it } from "vitest";
import { dueNow, latestDueDay, nextDueDay, periodBefore, reportPdfName } from "./report-cadence";

const at = (iso: string) => new Date(iso);

describe("the scheduled report's cadence", () => {
  it("weekly is due on Mondays, monthly on the 1st, from 06:00 UTC", () => {
    // 2026-12-05 is a Saturday; its week began on Monday 2026-11-30.
    expect(latestDueDay("weekly", at("2026-12-05T10:00:00Z"))).toBe("2026-11-30");
    expect(latestDueDay("weekly", at("2026-11-30T00:00:00Z"))).toBe("2026-11-30");
    expect(latestDueDay("monthly", at("2026-12-05T10:00:00Z"))).toBe("2026-12-01");
    expect(latestDueDay("off", at("2026-12-05T10:00:00Z"))).toBeNull();
    expect(nextDueDay("weekly", at("2026-12-05T10:00:00Z"))).toBe("2026-12-07");
    expect(nextDueDay("monthly", at("2026-12-31T10:00:00Z"))).toBe("2027-01-01");
    expect(nextDueDay("weekly", at("2026-11-30T05:00:00Z"))).toBe("2026-11-30");
  });

  it("is due once per due day, after the send hour", () => {
    expect(dueNow("weekly", at("2026-11-30T05:59:00Z"), null)).toBeNull();
    expect(dueNow("weekly", at("2026-11-30T06:00:00Z"), null)).toBe("2026-11-30");
    expect(dueNow("weekly", at("2026-12-02T06:00:00Z"), "2026-11-30")).toBeNull();
    expect(dueNow("monthly", at("2026-12-01T07:00:00Z"), "2026-11-01")).toBe("2026-12-01");
    expect(dueNow("off", at("2026-12-01T07:00:00Z"), null)).toBeNull();
  });

  it("covers the week or the month before the due day", () => {
    expect(periodBefore("weekly", "2026-11-30")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(periodBefore("monthly", "2026-12-01")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(periodBefore("monthly", "2027-03-01")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });

  it("names the file by site and day", () => {
    expect(reportPdfName(null, "2026-12-07")).toBe("ciso-report-all-2026-12-07.pdf");
    expect(reportPdfName("North Campus / ICU", "2026-12-07")).toBe("ciso-report-north-campus-icu-2026-12-07.pdf");
  });
});
