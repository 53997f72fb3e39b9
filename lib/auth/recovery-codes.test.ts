import { describe, expect, it } from "vitest";
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeHash, RECOVERY_CODE_COUNT } from "./recovery-codes";

describe("recovery codes", () => {
  it("makes ten distinct codes of two groups of five unambiguous characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it("reads a code as typed: case, spaces and dashes ignored, O as 0, I and L as 1", () => {
    expect(normalizeRecoveryCode(" abcde-fghjk ")).toBe("ABCDEFGHJK");
    expect(normalizeRecoveryCode("0o1il 23456")).toBe("0011123456");
    expect(recoveryCodeHash("ABCDE-FGHJK")).toBe(recoveryCodeHash("abcde fghjk"));
    expect(recoveryCodeHash("ABCDE-FGHJK")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses what cannot be a code", () => {
    for (const bad of ["", "123456", "ABCDE-FGHJ", "ABCDE-FGHJKM", "ABCDE-FGHJU", "ABCDE_FGHJK"]) expect(recoveryCodeHash(bad)).toBeNull();
  });
});
