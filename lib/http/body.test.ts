import { describe, expect, it } from "vitest";
import { hostileJsonPath, MAX_JSON_DEPTH } from "./body";

describe("hostileJsonPath", () => {
  it("passes ordinary bodies", () => {
    expect(hostileJsonPath({ a: [1, { b: "x" }], c: null })).toBeNull();
  });
  it("names the path of a prototype key", () => {
    expect(hostileJsonPath(JSON.parse('{"a":[{"ok":1},{"__proto__":{"x":1}}]}'))).toEqual({ path: "a.1.__proto__", message: "this key is not allowed" });
    expect(hostileJsonPath({ constructor: 1 })?.path).toBe("constructor");
  });
  it("refuses nesting deeper than the limit", () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 5; i++) deep = [deep];
    expect(hostileJsonPath(deep)?.message).toContain("nested deeper");
    let ok: unknown = 1;
    for (let i = 0; i < 10; i++) ok = { a: ok };
    expect(hostileJsonPath(ok)).toBeNull();
  });
});
