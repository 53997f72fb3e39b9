// Guards the spelling test set's floor (npm run bench:matching prints the numbers).
import { describe, expect, it } from "vitest";
import { scoreSpellings, SPELLINGS } from "./matching-set";

describe("the spelling test set", () => {
  const score = scoreSpellings();

  it("is big enough to mean something: 60+ spellings over 20+ advisories, with negatives", () => {
    expect(score.cases).toBeGreaterThanOrEqual(60);
    expect(score.advisories).toBeGreaterThanOrEqual(20);
    expect(SPELLINGS.filter((c) => !c.expect.length).length).toBeGreaterThanOrEqual(20);
    expect(new Set(SPELLINGS.map((c) => c.source))).toEqual(new Set(["dhcp", "dicom", "snmp", "hl7"]));
  });

  it("finds at least 95 % of the expected CVEs, at most 15 % of them only as possible matches", () => {
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.possibleShare).toBeLessThanOrEqual(0.15);
  });

  it("never reports a false affected, and few false possible matches", () => {
    expect(score.results.filter((r) => r.falseAffected.length).map((r) => `${r.id}: ${r.falseAffected.join(" ")}`)).toEqual([]);
    expect(score.falsePossible).toBeLessThanOrEqual(3);
  });
});
