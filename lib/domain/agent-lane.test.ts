import { describe, expect, it } from "vitest";
import { classifyClaim, holdsStill, laneSegments, outsideLane, parseSegmentList, splitByLane, type DeviceHolder } from "./agent-lane";

const at = new Date("2026-12-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(at.getTime() - m * 60_000);
const online: DeviceHolder = { id: "a", revokedAt: null, lastSeenAt: minutesAgo(1), expectedInterval: 300 };
const device = (over: Partial<{ segmentId: string | null; lastAgentId: string | null; notSeenAt: Date | null }> = {}) => ({ segmentId: "icu", lastAgentId: "a", notSeenAt: null, ...over });

describe("the lane", () => {
  it("reads the stored segments defensively: anything but names means every segment", () => {
    expect(laneSegments(["ICU-VLAN-20"])).toEqual(["ICU-VLAN-20"]);
    expect(laneSegments(null)).toBeNull();
    expect(laneSegments([])).toBeNull();
    expect(laneSegments({ a: 1 })).toBeNull();
    expect(laneSegments(["", 3, "WARD-7"])).toEqual(["WARD-7"]);
  });

  it("parses typed segment lists", () => {
    expect(parseSegmentList(" ICU-VLAN-20, ICU-VLAN-21\nICU-VLAN-20 ,, ")).toEqual(["ICU-VLAN-20", "ICU-VLAN-21"]);
    expect(parseSegmentList("")).toEqual([]);
  });

  it("an agent for every segment refuses nothing; one for some refuses the others and unnamed ones", () => {
    expect(outsideLane(null, "anything")).toBeNull();
    expect(outsideLane(null, undefined)).toBeNull();
    expect(outsideLane(["ICU-VLAN-20"], "ICU-VLAN-20")).toBeNull();
    expect(outsideLane(["ICU-VLAN-20"], "WARD-7")).toMatch(/"WARD-7" is outside this agent's lane \(ICU-VLAN-20\)/);
    expect(outsideLane(["ICU-VLAN-20"], undefined)).toMatch(/names no segment/);
  });

  it("splits a report into the observations kept and the refusals, by index and path", () => {
    const { kept, refused } = splitByLane(["ICU"], ["ICU", "WARD", undefined, "ICU"]);
    expect(kept).toEqual([0, 3]);
    expect(refused.map((r) => r.path)).toEqual(["observations.1.network.segment", "observations.2.network.segment"]);
  });
});

describe("a device another agent holds", () => {
  const claim = (over: Partial<Parameters<typeof classifyClaim>[0]> = {}) => classifyClaim({ reporterId: "b", reportedSegmentId: "ward", device: device(), holder: online, at, ...over });

  it("its own device, or one nobody holds, is an update", () => {
    expect(claim({ reporterId: "a" })).toBe("update");
    expect(claim({ device: device({ lastAgentId: null }) })).toBe("update");
  });

  it("the same segment seen by a second sensor is an update", () => {
    expect(claim({ reportedSegmentId: "icu" })).toBe("update");
  });

  it("another segment while the holder is online is a duplicate; no segment named is not the same segment", () => {
    expect(claim()).toBe("duplicated");
    expect(claim({ reportedSegmentId: null })).toBe("duplicated");
    expect(claim({ reportedSegmentId: null, device: device({ segmentId: null }) })).toBe("duplicated");
  });

  it("moves when the holder is revoked, offline, unknown, or its own snapshot said the device is gone", () => {
    expect(claim({ holder: { ...online, revokedAt: minutesAgo(5) } })).toBe("moved");
    expect(claim({ holder: { ...online, lastSeenAt: minutesAgo(11) } })).toBe("moved");
    expect(claim({ holder: { ...online, lastSeenAt: null } })).toBe("moved");
    expect(claim({ holder: null })).toBe("moved");
    expect(claim({ device: device({ notSeenAt: minutesAgo(2) }) })).toBe("moved");
  });

  it("the holder stays online for two reporting intervals", () => {
    expect(holdsStill({ ...online, lastSeenAt: minutesAgo(10) }, null, at)).toBe(true);
    expect(holdsStill({ ...online, lastSeenAt: minutesAgo(10.1) }, null, at)).toBe(false);
  });
});
