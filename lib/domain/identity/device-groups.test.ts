import { describe, expect, it } from "vitest";
import type { Evidence, IdentityKey } from "./evidence";
import { groupByDevice, keyString } from "./device-groups";

const ev = (...keys: IdentityKey[]) => ({ keys }) as unknown as Evidence;
const mac = (value: string): IdentityKey => ({ kind: "mac", value });
const serial = (value: string): IdentityKey => ({ kind: "serial", value });

function ids() {
  let n = 0;
  return () => `new-${++n}`;
}

describe("groupByDevice", () => {
  it("finds a known device by its strongest key", () => {
    const known = new Map([[keyString(mac("aa")), "d1"]]);
    const groups = groupByDevice([ev(mac("aa"), serial("x|1"))], known, ids());
    expect(groups).toEqual([{ deviceId: "d1", isNew: false, evidence: [expect.anything()], newKeys: [serial("x|1")] }]);
  });

  it("keeps two devices apart when they share a serial but not a MAC", () => {
    const groups = groupByDevice([ev(mac("aa"), serial("ge|SRK1")), ev(mac("bb"), serial("ge|SRK1"))], new Map(), ids());
    expect(groups.map((g) => g.deviceId)).toEqual(["new-1", "new-2"]);
    expect(groups[1].newKeys).toEqual([mac("bb")]);
  });

  it("joins observations of one new device within a report", () => {
    const groups = groupByDevice([ev(mac("aa")), ev(mac("aa"))], new Map(), ids());
    expect(groups).toHaveLength(1);
    expect(groups[0].evidence).toHaveLength(2);
    expect(groups[0].isNew).toBe(true);
  });

  it("finds a device by a weaker key when the observation carries nothing stronger", () => {
    const known = new Map([[keyString(serial("baxter|SS1")), "d9"]]);
    expect(groupByDevice([ev(serial("baxter|SS1"))], known, ids())[0].deviceId).toBe("d9");
  });
});
