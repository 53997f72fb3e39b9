import { describe, expect, it } from "vitest";
import { segmentSource } from "./device-score";

describe("a segment's exposure, as the risk breakdown names its source", () => {
  it("says whether the class was guessed from the name or set by a person, and when", () => {
    expect(segmentSource({ name: "PUMP-ISOLATED", exposure: "isolated", exposureSource: "guessed" })).toBe("segment PUMP-ISOLATED, class guessed from its name");
    expect(segmentSource({ name: "PUMP-ISOLATED", label: "4 North pumps", exposure: "isolated", exposureSource: "set", exposureSetBy: "ce@example.org", exposureSetAt: new Date("2026-12-04T10:00:00Z") })).toBe(
      "segment 4 North pumps, class set by ce@example.org on 2026-12-04",
    );
    expect(segmentSource({ name: "ICU-VLAN-20", exposure: "clinical_segmented" })).toBe("segment ICU-VLAN-20");
  });
});
