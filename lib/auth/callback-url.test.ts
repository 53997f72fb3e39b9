import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginRedirect } from "./callback-url";

describe("sameOriginPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(sameOriginPath("/devices/abc?tab=risk#factors")).toBe("/devices/abc?tab=risk#factors");
    expect(sameOriginPath("/")).toBe("/");
    expect(sameOriginPath("devices")).toBe("/devices");
  });

  it("refuses anything a browser would take to another host", () => {
    for (const target of ["/\\evil.example", "//evil.example", "\\\\evil.example", "/\\/evil.example", "https://evil.example/", "javascript:alert(1)", "/.//evil.example", " //evil.example", "/%5Cevil.example/../"]) {
      const path = sameOriginPath(target);
      // Either refused, or a path that stays on this site however it is read.
      if (path !== null) expect(new URL(path, "https://dashboard.example").host, target).toBe("dashboard.example");
    }
    expect(sameOriginPath("/\\evil.example")).toBeNull();
    expect(sameOriginPath("//evil.example")).toBeNull();
    expect(sameOriginPath("/.//evil.example")).toBeNull();
    expect(sameOriginPath("https://evil.example/")).toBeNull();
    expect(sameOriginPath(undefined)).toBeNull();
  });
});

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  const baseUrl = "https://dashboard.example";
  it("keeps this site's URLs and turns anything else into the home page", () => {
    expect(sameOriginRedirect({ url: "/inventory?q=pump", baseUrl })).toBe("https://dashboard.example/inventory?q=pump");
    expect(sameOriginRedirect({ url: "https://dashboard.example/alerts", baseUrl })).toBe("https://dashboard.example/alerts");
    expect(sameOriginRedirect({ url: "/\\evil.example", baseUrl })).toBe(baseUrl);
    expect(sameOriginRedirect({ url: "https://evil.example/", baseUrl })).toBe(baseUrl);
    expect(sameOriginRedirect({ url: "https://dashboard.example.evil.example/", baseUrl })).toBe(baseUrl);
  });
});
