import { describe, expect, it } from "vitest";
import { countOf } from "./count";

describe("countOf", () => {
  it.each([
    [0, "agent", undefined, "0 agents"],
    [1, "agent", undefined, "1 agent"],
    [2, "policy", "policies", "2 policies"],
    [1, "policy", "policies", "1 policy"],
    [12_345, "device", undefined, "12,345 devices"],
  ])("%d %s → %s", (n, noun, plural, expected) => {
    expect(countOf(n, noun, plural)).toBe(expected);
  });
});
