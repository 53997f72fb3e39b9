import { describe, expect, it } from "vitest";
import { acceptedTotpStep, groupedSecret, looksLikeTotpCode, newTotpSecret, otpauthUri, totpCode, totpStep } from "./totp";

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890"), base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP", () => {
  it("makes the RFC 6238 test codes (six digits)", () => {
    expect(totpCode(RFC_SECRET, at(59))).toBe("287082");
    expect(totpCode(RFC_SECRET, at(1111111109))).toBe("081804");
    expect(totpCode(RFC_SECRET, at(2000000000))).toBe("279037");
  });

  it("makes 160-bit base32 secrets and the URI apps scan", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(otpauthUri(secret, "nurse@hospital.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/IoMT Risk:nurse@hospital.example");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, issuer: "IoMT Risk", algorithm: "SHA1", digits: "6", period: "30" });
    expect(groupedSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  it("accepts the code of this step and the ones beside it, not further", () => {
    const now = at(1_800_000_015);
    const step = totpStep(now);
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now), now, null)).toBe(step);
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 - 30)), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 + 30)), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 - 60)), now, null)).toBeNull();
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 + 60)), now, null)).toBeNull();
  });

  it("refuses a code for a step at or before the last one accepted (no replay)", () => {
    const now = at(1_800_000_015);
    const code = totpCode(RFC_SECRET, now);
    const step = acceptedTotpStep(RFC_SECRET, code, now, null)!;
    expect(acceptedTotpStep(RFC_SECRET, code, now, step)).toBeNull();
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 - 30)), now, step)).toBeNull();
    expect(acceptedTotpStep(RFC_SECRET, totpCode(RFC_SECRET, at(1_800_000_015 + 30)), now, step)).toBe(step + 1);
  });

  it("takes spaces, refuses anything but six digits", () => {
    const now = at(1_800_000_015);
    const code = totpCode(RFC_SECRET, now);
    expect(acceptedTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`, "ABCDE-FGHJK"]) expect(acceptedTotpStep(RFC_SECRET, bad, now, null)).toBeNull();
    expect(looksLikeTotpCode("123 456")).toBe(true);
    expect(looksLikeTotpCode("12a456")).toBe(false);
  });
});
