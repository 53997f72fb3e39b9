import { describe, expect, it } from "vitest";
import { fleetAdvisories, mergeFleetRows, orderFleets, type FleetSummaryRow } from "./fleet-merge";

const row = (over: Partial<FleetSummaryRow>): FleetSummaryRow => ({ vendor: "BD", model: "Alaris 8015", firmwareVersion: "12.1.3", siteId: null, devices: 1, worstScore: 0, advisoryIds: "[]", ...over });

describe("mergeFleetRows", () => {
  it("sums devices, keeps the worst score and unites sites and advisory lists across a fleet's rows", () => {
    const [fleet, ...rest] = mergeFleetRows([
      row({ siteId: "north", devices: 3, worstScore: 40, advisoryIds: '["ICSMA-1"]' }),
      row({ siteId: "south", devices: 2, worstScore: 85, advisoryIds: '["ICSMA-1","ICSMA-2"]' }),
      // Another category at the same site: the site is named once.
      row({ siteId: "north", devices: 1, worstScore: 10 }),
    ]);
    expect(rest).toEqual([]);
    expect(fleet).toMatchObject({ vendor: "BD", count: 6, worstScore: 85, siteIds: ["north", "south"] });
    expect(fleetAdvisories(fleet.advisoryLists)).toEqual(["ICSMA-1", "ICSMA-2"]);
  });

  it("keeps fleets apart by vendor, model and firmware, an unknown one included", () => {
    const fleets = mergeFleetRows([row({}), row({ firmwareVersion: "12.3.0" }), row({ vendor: null, model: null, firmwareVersion: null }), row({ vendor: null, model: null, firmwareVersion: null })]);
    expect(fleets.map((f) => [f.firmwareVersion, f.count])).toEqual([["12.1.3", 1], ["12.3.0", 1], [null, 2]]);
    expect(fleets[2].siteIds).toEqual([]);
  });
});

describe("orderFleets", () => {
  const fleets = () => mergeFleetRows([row({ model: "B", devices: 5, worstScore: 10 }), row({ model: "A", devices: 5, worstScore: 90 }), row({ model: "C", devices: 1, worstScore: 50 })]);

  it("orders by count or worst score in either direction, ties by vendor, model, firmware", () => {
    expect(orderFleets(fleets(), "count", "desc").map((f) => f.model)).toEqual(["A", "B", "C"]);
    expect(orderFleets(fleets(), "count", "asc").map((f) => f.model)).toEqual(["C", "A", "B"]);
    expect(orderFleets(fleets(), "risk", "desc").map((f) => f.model)).toEqual(["A", "C", "B"]);
  });
});

describe("fleetAdvisories", () => {
  it("ignores a list that is not JSON or not a list of ids", () => {
    expect(fleetAdvisories(["not json", '{"a":1}', '["X", 3, "Y"]', '["X"]'])).toEqual(["X", "Y"]);
  });
});
