import { describe, expect, it } from "vitest";
import { sessionCookieName, usesSecureCookies } from "./cookies";

describe("session cookie", () => {
  it("is Secure and __Secure- prefixed whenever the public address is https", () => {
    expect(usesSecureCookies("https://iomt.hospital.example")).toBe(true);
    expect(usesSecureCookies(" HTTPS://iomt.hospital.example:8443/")).toBe(true);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
  });

  it("is plain on http (localhost, a first try) and when no address is set", () => {
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
