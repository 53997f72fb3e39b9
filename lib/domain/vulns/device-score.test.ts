import { describe, expect, it } from "vitest";
import { riskInputOf, scoreDevice, scoringContext, segmentSource, type ScoringFacts } from "./device-score";

describe("a segment's exposure, as the risk breakdown names its source", () => {
  it("says whether the class was guessed from the name or set by a person, and when", () => {
    expect(segmentSource({ name: "PUMP-ISOLATED", exposure: "isolated", exposureSource: "guessed" })).toBe("segment PUMP-ISOLATED, class guessed from its name");
    expect(segmentSource({ name: "PUMP-ISOLATED", label: "4 North pumps", exposure: "isolated", exposureSource: "set", exposureSetBy: "ce@example.org", exposureSetAt: new Date("2026-12-04T10:00:00Z") })).toBe(
      "segment 4 North pumps, class set by ce@example.org on 2026-12-04",
    );
    expect(segmentSource({ name: "ICU-VLAN-20", exposure: "clinical_segmented" })).toBe("segment ICU-VLAN-20");
  });
});

describe("the operating system an agent reports, against an end-of-life table", () => {
  const table = { entries: [{ id: "wes7", name: "Windows Embedded Standard 7", family: "windows-embedded", endOfSupport: "2020-10-13", precision: "day" as const, confidence: "vendor" as const, source: "https://learn.microsoft.com/lifecycle/products/windows-embedded-standard-7", patterns: ["\\bwindows 7 embedded\\b"] }] };
  const device: ScoringFacts = { category: "pacs", status: "approved", spoofSuspected: false, criticality: "clinical_workflow", criticalitySource: "category-default", phi: "stores", compensatingControls: 0, internetExposed: false, channel: "ethernet", segmentId: null, os: "Windows 7 Embedded" };

  it("is a risk factor once its support has ended on the refresh's day", () => {
    const ctx = scoringContext({}, new Map(), { table, asOf: new Date("2026-12-04T12:00:00Z") });
    const scored = scoreDevice(device, [], ctx);
    expect(riskInputOf(device, [], ctx).endOfLife).toMatchObject({ id: "wes7", reported: "Windows 7 Embedded", endOfSupport: "2020-10-13" });
    expect(scored.result.score).toBe(28);
    expect(scored.result.breakdown.driver).toBe("end-of-life operating system");
  });

  it("is no factor before the end date, without a table, or without an OS", () => {
    expect(riskInputOf(device, [], scoringContext({}, new Map(), { table, asOf: new Date("2020-10-12T12:00:00Z") })).endOfLife).toBeNull();
    expect(riskInputOf(device, [], scoringContext({}, new Map())).endOfLife).toBeNull();
    expect(riskInputOf({ ...device, os: null }, [], scoringContext({}, new Map(), { table, asOf: new Date() })).endOfLife).toBeNull();
  });
});
