import { describe, expect, it } from "vitest";
import { groupsFromClaim, MAX_GROUPS, roleFromGroups } from "./group-roles";

const ORDER = ["admin", "analyst", "engineer", "viewer"] as const;
const MAPPINGS = [
  { group: "iomt-viewers", role: "viewer" as const },
  { group: "iomt-engineers", role: "engineer" as const },
  { group: "iomt-admins", role: "admin" as const },
];

describe("roleFromGroups", () => {
  it("gives the mapped role of the one matching group", () => {
    expect(roleFromGroups(["iomt-engineers", "staff"], MAPPINGS, ORDER)).toBe("engineer");
  });

  it("gives the highest-privilege role when several groups match", () => {
    expect(roleFromGroups(["iomt-viewers", "iomt-admins", "iomt-engineers"], MAPPINGS, ORDER)).toBe("admin");
    expect(roleFromGroups(["iomt-viewers", "iomt-engineers"], MAPPINGS, ORDER)).toBe("engineer");
  });

  it("gives no role when no group is mapped, or there are no groups", () => {
    expect(roleFromGroups(["staff", "nurses"], MAPPINGS, ORDER)).toBeNull();
    expect(roleFromGroups([], MAPPINGS, ORDER)).toBeNull();
    expect(roleFromGroups(["iomt-engineers"], [], ORDER)).toBeNull();
  });

  it("compares group names exactly", () => {
    expect(roleFromGroups(["IOMT-ENGINEERS", " iomt-engineers"], MAPPINGS, ORDER)).toBeNull();
  });
});

describe("groupsFromClaim", () => {
  it("reads an array of strings, or a single string", () => {
    expect(groupsFromClaim(["a", "b", "a"])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a")).toEqual(["a"]);
  });

  it("reads anything else as no groups", () => {
    for (const value of [undefined, null, 42, { admin: true }, [1, 2], [""], ["x".repeat(257)]]) expect(groupsFromClaim(value)).toEqual([]);
  });

  it("keeps a bounded number of groups", () => {
    const many = Array.from({ length: MAX_GROUPS + 50 }, (_, i) => `g${i}`);
    expect(groupsFromClaim(many)).toHaveLength(MAX_GROUPS);
  });
});
