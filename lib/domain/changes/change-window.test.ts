import { describe, expect, it } from "vitest";
import { calendarMonth, formatInZone, isTimeZone, localInput, windowInstants, windowLength } from "./change-window";

const now = new Date("2026-03-01T12:00:00Z");
const berlin = (start: string, end: string) => windowInstants({ start, end, timeZone: "Europe/Berlin" }, now);
const iso = (r: ReturnType<typeof windowInstants>) => (r.ok ? [r.start.toISOString(), r.end.toISOString()] : r);

describe("a window across a daylight-saving change", () => {
  it("spans the spring-forward night in Berlin in real hours", () => {
    const r = berlin("2026-03-29T01:30", "2026-03-29T04:00");
    expect(iso(r)).toEqual(["2026-03-29T00:30:00.000Z", "2026-03-29T02:00:00.000Z"]);
    // 2 h 30 on the wall clock, 1 h 30 of real time: the hour from 02:00 to 03:00 never happens.
    expect(r.ok && windowLength(r.start, r.end)).toBe("1 h 30 min");
  });

  it("spans the fall-back night in Berlin in real hours", () => {
    const r = windowInstants({ start: "2026-10-25T01:30", end: "2026-10-25T04:00", timeZone: "Europe/Berlin" }, new Date("2026-10-01T00:00:00Z"));
    expect(iso(r)).toEqual(["2026-10-24T23:30:00.000Z", "2026-10-25T03:00:00.000Z"]);
    expect(r.ok && windowLength(r.start, r.end)).toBe("3 h 30 min");
  });

  it("spans both changes in New York", () => {
    const spring = windowInstants({ start: "2026-03-08T01:00", end: "2026-03-08T05:00", timeZone: "America/New_York" }, now);
    expect(iso(spring)).toEqual(["2026-03-08T06:00:00.000Z", "2026-03-08T09:00:00.000Z"]);
    expect(spring.ok && windowLength(spring.start, spring.end)).toBe("3 h");
    const fall = windowInstants({ start: "2026-10-31T22:00", end: "2026-11-01T03:00", timeZone: "America/New_York" }, now);
    expect(iso(fall)).toEqual(["2026-11-01T02:00:00.000Z", "2026-11-01T08:00:00.000Z"]);
    expect(fall.ok && windowLength(fall.start, fall.end)).toBe("6 h");
  });

  it("refuses a local time the clocks skip, naming the gap", () => {
    const r = berlin("2026-03-29T02:30", "2026-03-29T05:00");
    expect(r).toMatchObject({ ok: false, field: "start" });
    expect(!r.ok && r.message).toBe("02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks go forward from 02:00 to 03:00 that night. Choose a time outside the gap.");
    const ny = windowInstants({ start: "2026-03-08T01:00", end: "2026-03-08T02:15", timeZone: "America/New_York" }, now);
    expect(ny).toMatchObject({ ok: false, field: "end" });
    expect(!ny.ok && ny.message).toMatch(/from 02:00 to 03:00/);
  });

  it("takes a repeated local time as its first occurrence", () => {
    const r = windowInstants({ start: "2026-10-25T02:30", end: "2026-10-25T05:00", timeZone: "Europe/Berlin" }, now);
    // 02:30 CEST (00:30 UTC), not 02:30 CET (01:30 UTC).
    expect(iso(r)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T04:00:00.000Z"]);
    const ny = windowInstants({ start: "2026-11-01T01:30", end: "2026-11-01T03:00", timeZone: "America/New_York" }, now);
    expect(iso(ny)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-01T08:00:00.000Z"]);
  });
});

describe("the window's rules", () => {
  it("refuses an unknown time zone", () => {
    expect(windowInstants({ start: "2026-04-01T01:00", end: "2026-04-01T02:00", timeZone: "Mars/Olympus" }, now)).toMatchObject({ ok: false, field: "timeZone" });
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("")).toBe(false);
  });

  it("refuses what is not a local date and time", () => {
    for (const start of ["2026-02-30T01:00", "2026-04-01 01:00", "2026-04-01T01:00Z", "2026-04-01T25:00", "tomorrow"]) {
      expect(berlin(start, "2026-04-02T01:00")).toMatchObject({ ok: false, field: "start" });
    }
  });

  it("refuses an end at or before the start", () => {
    expect(berlin("2026-04-01T02:00", "2026-04-01T02:00")).toMatchObject({ ok: false, field: "end", message: "The window must end after it starts." });
    expect(berlin("2026-04-01T02:00", "2026-04-01T01:59")).toMatchObject({ ok: false, field: "end" });
  });

  it("compares the instants, not the wall clocks: an end that reads later can come first", () => {
    // The second 02:10 of the fall-back night would be after 02:50 CEST, but the first occurrence is taken.
    expect(windowInstants({ start: "2026-10-25T02:50", end: "2026-10-25T02:10", timeZone: "Europe/Berlin" }, now)).toMatchObject({ ok: false, field: "end" });
  });

  it("allows at most 14 days of real time", () => {
    expect(berlin("2026-04-01T00:00", "2026-04-15T00:00").ok).toBe(true);
    const long = berlin("2026-04-01T00:00", "2026-04-15T00:01");
    expect(long).toMatchObject({ ok: false, field: "end" });
    expect(!long.ok && long.message).toMatch(/14 days 1 min long/);
  });

  it("allows a start at most 365 days ahead", () => {
    expect(windowInstants({ start: "2027-03-01T12:00", end: "2027-03-01T13:00", timeZone: "UTC" }, now).ok).toBe(true);
    expect(windowInstants({ start: "2027-03-01T12:01", end: "2027-03-01T13:00", timeZone: "UTC" }, now)).toMatchObject({ ok: false, field: "start" });
  });
});

describe("showing a window", () => {
  it("reads an instant back as the wall clock of the zone", () => {
    expect(localInput(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:30");
    expect(localInput(new Date("2026-10-25T00:30:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:30");
  });

  it("formats with the zone's own abbreviation on each side of the change", () => {
    expect(formatInZone(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe("Sun 29 Mar 2026, 03:30 CEST");
    expect(formatInZone(new Date("2026-03-29T00:30:00Z"), "Europe/Berlin")).toBe("Sun 29 Mar 2026, 01:30 CET");
    expect(formatInZone(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("Sun 1 Nov 2026, 01:30 EDT");
    expect(formatInZone(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("Sun 1 Nov 2026, 01:30 EST");
    expect(formatInZone(new Date("2026-07-01T06:30:00Z"), "Asia/Kolkata")).toBe("Wed 1 Jul 2026, 12:00 GMT+5:30");
  });

  it("says a length in days, hours and minutes", () => {
    const at = new Date("2026-04-01T00:00:00Z");
    const plus = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
    expect(windowLength(at, plus(270))).toBe("4 h 30 min");
    expect(windowLength(at, plus(45))).toBe("45 min");
    expect(windowLength(at, plus(24 * 60 + 60))).toBe("1 day 1 h");
    expect(windowLength(at, plus(14 * 24 * 60))).toBe("14 days");
    expect(windowLength(at, at)).toBe("0 min");
  });
});

describe("the calendar of a month in a zone", () => {
  it("lays March 2026 out in weeks from Monday to Sunday", () => {
    const weeks = calendarMonth("2026-03", [], "Europe/Berlin");
    expect(weeks).toHaveLength(6);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0]).toEqual({ day: "2026-02-23", inMonth: false, planIds: [] });
    expect(weeks[0][6]).toEqual({ day: "2026-03-01", inMonth: true, planIds: [] });
    expect(weeks[5][1]).toEqual({ day: "2026-03-31", inMonth: true, planIds: [] });
    expect(weeks[5][6].day).toBe("2026-04-05");
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
  });

  it("puts each window on the local days it overlaps, in the zone's midnight", () => {
    const windows = [
      // 22:30 to 01:30 Berlin time across the spring-forward night: Saturday 28 and Sunday 29.
      { id: "overnight", start: new Date("2026-03-28T21:30:00Z"), end: new Date("2026-03-28T23:30:00Z") },
      // 23:30 UTC on the 9th is already the 10th in Berlin.
      { id: "late", start: new Date("2026-03-09T23:30:00Z"), end: new Date("2026-03-10T01:00:00Z") },
      // Ends exactly at local midnight: not on the next day.
      { id: "to-midnight", start: new Date("2026-03-14T20:00:00Z"), end: new Date("2026-03-14T23:00:00Z") },
    ];
    const days = new Map(calendarMonth("2026-03", windows, "Europe/Berlin").flat().map((d) => [d.day, d.planIds]));
    expect(days.get("2026-03-28")).toEqual(["overnight"]);
    expect(days.get("2026-03-29")).toEqual(["overnight"]);
    expect(days.get("2026-03-09")).toEqual([]);
    expect(days.get("2026-03-10")).toEqual(["late"]);
    expect(days.get("2026-03-14")).toEqual(["to-midnight"]);
    expect(days.get("2026-03-15")).toEqual([]);
    // The same window on New York's calendar falls on the 9th.
    const ny = new Map(calendarMonth("2026-03", windows, "America/New_York").flat().map((d) => [d.day, d.planIds]));
    expect(ny.get("2026-03-09")).toEqual(["late"]);
  });

  it("refuses what is not a month", () => {
    expect(() => calendarMonth("2026-13", [], "UTC")).toThrow(/Not a month/);
  });
});
