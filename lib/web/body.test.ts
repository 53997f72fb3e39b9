import { describe, expect, it } from "vitest";
import { hostileJsonPath, MAX_JSON_DEPTH, readLimited } from "./body";

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

describe("hostileJsonPath: text and numbers", () => {
  it("refuses NUL, other C0 controls and unpaired surrogates, in values and keys", () => {
    expect(hostileJsonPath({ a: ["ok", "x\u0000y"] })?.path).toBe("a.1");
    expect(hostileJsonPath({ a: "\u001b[31m" })?.message).toContain("control characters");
    expect(hostileJsonPath({ a: "\ud800" })).not.toBeNull();
    expect(hostileJsonPath({ a: "x\udc00" })).not.toBeNull();
    expect(hostileJsonPath(JSON.parse('{"k\\u0000":1}'))).toEqual({ path: "k\\u0000", message: "this key holds a control character or an unpaired surrogate" });
  });
  it("keeps tab, line breaks and real surrogate pairs", () => {
    expect(hostileJsonPath({ note: "line one\r\n\tline two", emoji: "\ud83d\ude00" })).toBeNull();
  });
  it("refuses numbers JSON.parse could not keep", () => {
    expect(hostileJsonPath(JSON.parse('{"n":1e309}'))?.path).toBe("n");
    expect(hostileJsonPath(JSON.parse("[9007199254740993]"))?.path).toBe("0");
    expect(hostileJsonPath({ n: [0, -0, 0.5, 2 ** 53 - 1, -1e15, 1e-300] })).toBeNull();
  });
});

describe("readLimited", () => {
  it("gives up on a body that stops arriving, with a 408", async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([0x7b])) });
    const started = Date.now();
    await expect(readLimited(stalled, 1024, 50)).rejects.toMatchObject({ status: 408, code: "request_timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
  it("reads a body that ends in time", async () => {
    const body = new Response("{}").body;
    expect(await readLimited(body, 1024, 1_000)).toEqual(new TextEncoder().encode("{}"));
  });
});
