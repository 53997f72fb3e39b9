import { describe, expect, it } from "vitest";
import { reportedComponents, sameComponents } from "./agent-components";

describe("reportedComponents", () => {
  it("is null when the report says nothing of components, empty when it says none", () => {
    expect(reportedComponents(undefined)).toBeNull();
    expect(reportedComponents({ os: "Windows 7 Embedded" })).toBeNull();
    expect(reportedComponents({ components: [] })).toEqual([]);
  });

  it("keeps the first of each name and version, trimmed, with CPE and purl", () => {
    expect(reportedComponents({ components: [
      { name: " openssl ", version: "1.0.2k", purl: "pkg:generic/openssl@1.0.2k" },
      { name: "openssl", version: "1.0.2k", cpe: "cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*" },
      { name: "zlib", version: "" },
    ] })).toEqual([
      { name: "openssl", version: "1.0.2k", cpe: null, purl: "pkg:generic/openssl@1.0.2k" },
      { name: "zlib", version: null, cpe: null, purl: null },
    ]);
  });
});

describe("sameComponents", () => {
  const a = { name: "a", version: "1", cpe: null, purl: null };
  const b = { name: "b", version: null, cpe: null, purl: "pkg:npm/b" };
  it("ignores order and sees any change", () => {
    expect(sameComponents([a, b], [b, a])).toBe(true);
    expect(sameComponents([a, b], [a])).toBe(false);
    expect(sameComponents([a], [{ ...a, purl: "pkg:npm/a@1" }])).toBe(false);
  });
});
