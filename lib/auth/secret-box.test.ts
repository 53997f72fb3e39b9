import { describe, expect, it } from "vitest";
import { deriveKey, open, seal, secondFactorKey } from "./secret-box";

const key = deriveKey("a-session-secret-of-enough-length", "totp-secret");

describe("secret box", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const a = seal("JBSWY3DPEHPK3PXP", key);
    expect(a).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(seal("JBSWY3DPEHPK3PXP", key)).not.toBe(a);
    expect(open(a, key)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses a value altered anywhere", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", key);
    const parts = sealed.split(":");
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i], "base64url");
      bytes[0] ^= 1;
      const altered = [...parts];
      altered[i] = bytes.toString("base64url");
      expect(() => open(altered.join(":"), key)).toThrow();
    }
    expect(() => open(sealed.replace(/^v1/, "v2"), key)).toThrow(/version/);
    expect(() => open("JBSWY3DPEHPK3PXP", key)).toThrow();
  });

  it("refuses another key: another session secret, or another purpose", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", key);
    expect(() => open(sealed, deriveKey("another-session-secret-entirely", "totp-secret"))).toThrow(/another key/);
    expect(() => open(sealed, deriveKey("a-session-secret-of-enough-length", "something-else"))).toThrow(/another key/);
  });

  it("needs the session secret", () => {
    expect(() => secondFactorKey({})).toThrow(/NEXTAUTH_SECRET/);
    expect(secondFactorKey({ NEXTAUTH_SECRET: "a-session-secret-of-enough-length" }).equals(key)).toBe(true);
  });
});
