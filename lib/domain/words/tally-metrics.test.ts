import { describe, expect, it } from "vitest";
import { tallyDayRange, tallyRows, type EstateCounts } from "./tally-metrics";

const NOW = new Date("2026-11-28T15:04:05Z");
const group = (over: Partial<EstateCounts["devices"][number]>) => ({
  siteId: "s1", status: "authorized", riskTier: "low", spoofSuspected: false, category: "infusion_pump", lastAgentId: "a1", segmentId: "g1", n: 1, ...over,
});
const valueOf = (rows: ReturnType<typeof tallyRows>, metric: string, dimension = "") => rows.find((r) => r.metric === metric && r.dimension === dimension)?.value;

describe("tallyRows", () => {
  const counts: EstateCounts = {
    devices: [
      group({ riskTier: "critical", n: 2 }),
      group({ siteId: "s2", status: "unauthorized", spoofSuspected: true, n: 3 }),
      group({ status: "retired", riskTier: "critical", n: 5 }),
    ],
    kev: [{ siteId: "s1", n: 1 }],
    fresh: [{ siteId: "s2", n: 3 }],
    openAlerts: [{ kind: "spoof", n: 4 }],
    opened: 2,
    possibleMatches: 6,
  };
  const rows = tallyRows(counts, "2026-11-28", NOW);

  it("counts live devices for the estate and per site; a retired device only as unauthorized, if it was", () => {
    expect(valueOf(rows, "devices.total")).toBe(5);
    expect(valueOf(rows, "devices.total", "site:s1")).toBe(2);
    expect(valueOf(rows, "devices.tier.critical")).toBe(2);
    expect(valueOf(rows, "devices.unauthorized", "site:s2")).toBe(3);
    expect(valueOf(rows, "devices.spoofed")).toBe(3);
    expect(valueOf(rows, "devices.category", "category:infusion_pump")).toBe(5);
    expect(valueOf(rows, "devices.coverage", "agent:a1")).toBe(5);
  });

  it("gives every site every site metric, zeros included, and records when it counted", () => {
    expect(valueOf(rows, "devices.kev", "site:s2")).toBe(0);
    expect(valueOf(rows, "devices.new", "site:s1")).toBe(0);
    expect(valueOf(rows, "alerts.open", "kind:spoof")).toBe(4);
    expect(valueOf(rows, "alerts.opened")).toBe(2);
    expect(valueOf(rows, "matches.possible")).toBe(6);
    expect(valueOf(rows, "tally.refreshedAt")).toBe(NOW.getTime());
  });

  it("has the estate's metrics on an empty estate", () => {
    const empty = tallyRows({ devices: [], kev: [], fresh: [], openAlerts: [], opened: 0, possibleMatches: 0 }, "2026-11-28", NOW);
    expect(valueOf(empty, "devices.total")).toBe(0);
    expect(valueOf(empty, "alerts.open")).toBe(0);
    expect(valueOf(empty, "matches.possible")).toBe(0);
  });
});

describe("tallyRows: the asset register", () => {
  it("counts entries by state (retired left out) and the shadow devices that are not retired", () => {
    const rows = tallyRows({
      devices: [group({ shadow: true, n: 4 }), group({ shadow: true, status: "retired", n: 9 }), group({ shadow: false, n: 3 })],
      kev: [], fresh: [], openAlerts: [], opened: 0, possibleMatches: 0,
      assets: [{ state: "reconciled", n: 3 }, { state: "mismatched", n: 1 }, { state: "missing", n: 2 }, { state: "not_network", n: 1 }, { state: "retired", n: 5 }],
    }, "2026-11-28", NOW);
    expect(valueOf(rows, "assets.shadow")).toBe(4);
    expect(valueOf(rows, "assets.entries")).toBe(7);
    expect(valueOf(rows, "assets.reconciled")).toBe(3);
    expect(valueOf(rows, "assets.mismatched")).toBe(1);
    expect(valueOf(rows, "assets.missing")).toBe(2);
  });

  it("has zeros before any register is imported", () => {
    const rows = tallyRows({ devices: [], kev: [], fresh: [], openAlerts: [], opened: 0, possibleMatches: 0 }, "2026-11-28", NOW);
    expect(valueOf(rows, "assets.entries")).toBe(0);
    expect(valueOf(rows, "assets.shadow")).toBe(0);
  });
});

describe("tallyDayRange", () => {
  it("is the UTC day of the moment", () => {
    expect(tallyDayRange(NOW)).toEqual({ day: "2026-11-28", start: new Date("2026-11-28T00:00:00Z"), end: new Date("2026-11-29T00:00:00Z") });
  });
});
