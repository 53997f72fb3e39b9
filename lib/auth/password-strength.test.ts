import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "./password-strength";

describe("password strength", () => {
  it("refuses a repeated character with the estimator's reason", () => {
    const verdict = checkPasswordStrength("aaaaaaaaaaaa");
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(/too easy to guess.*Repeated characters/);
  });

  it("refuses anything shorter than 12 characters, however random", () => {
    expect(checkPasswordStrength("x7#Qp9!vL2z")).toEqual({ ok: false, message: "Passwords have at least 12 characters." });
  });

  it.each(["Passw0rd1234", "qwertyuiop123", "123456789012", "iloveyou2026"])("refuses the common password %s", (password) => {
    expect(checkPasswordStrength(password).ok).toBe(false);
  });

  it("refuses a password made of the person's own e-mail and name", () => {
    const me = { email: "zorbakowski.quentin@stmary.org", name: "Quentin Zorbakowski" };
    expect(checkPasswordStrength("zorbakowskiquentin", { email: "x@h.org" }).ok).toBe(true);
    expect(checkPasswordStrength("zorbakowskiquentin", me).ok).toBe(false);
    expect(checkPasswordStrength("stmaryzorbakowski", me).ok).toBe(false);
  });

  it("accepts several unrelated words and long random strings", () => {
    expect(checkPasswordStrength("correct horse battery staple").ok).toBe(true);
    expect(checkPasswordStrength("kX3u-9vQp-Lm2w-7Rtz").ok).toBe(true);
  });
});
