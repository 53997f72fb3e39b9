import { describe, expect, it } from "vitest";
import { ssoErrorMessage } from "./sign-in-errors";

describe("ssoErrorMessage", () => {
  it("words each refusal for the person", () => {
    expect(ssoErrorMessage("sso-no-role")).toBe("Your account has no role in this dashboard: ask an administrator to map one of your groups.");
    expect(ssoErrorMessage("sso-local-account")).toMatch(/convert the account to single sign-on/);
  });

  it("words next-auth's failures generically", () => {
    expect(ssoErrorMessage("OAuthCallback")).toMatch(/did not complete/);
  });

  it("says nothing for other codes, made-up ones included", () => {
    for (const code of [undefined, "", "CredentialsSignin", "toString", "__proto__", "<script>"]) expect(ssoErrorMessage(code)).toBeNull();
  });
});
