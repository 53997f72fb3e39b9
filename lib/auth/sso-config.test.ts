import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSignInConfig, ssoCallbackUrl, ssoConfig } from "./sso-config";

const ENTRA = {
  OIDC_ISSUER: "https://login.microsoftonline.com/0b1c2d3e-0000-4000-8000-000000000000/v2.0/",
  OIDC_CLIENT_ID: "dashboard",
  OIDC_CLIENT_SECRET: "s3cret",
};

describe("ssoConfig", () => {
  it("is off without OIDC_ISSUER", () => {
    expect(ssoConfig({})).toBeNull();
    expect(ssoConfig({ OIDC_CLIENT_ID: "x" })).toBeNull();
  });

  it("reads the settings with their defaults", () => {
    expect(ssoConfig(ENTRA)).toEqual({
      issuer: "https://login.microsoftonline.com/0b1c2d3e-0000-4000-8000-000000000000/v2.0",
      clientId: "dashboard",
      clientSecret: "s3cret",
      groupsClaim: "groups",
      scopes: "openid email profile",
      displayName: "Single sign-on",
    });
  });

  it("reads the secret from a file", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sso-")), "secret");
    writeFileSync(file, "from-a-file\n");
    expect(ssoConfig({ ...ENTRA, OIDC_CLIENT_SECRET: undefined, OIDC_CLIENT_SECRET_FILE: file })?.clientSecret).toBe("from-a-file");
    expect(() => ssoConfig({ ...ENTRA, OIDC_CLIENT_SECRET_FILE: file })).toThrow(/not both/);
    expect(() => ssoConfig({ ...ENTRA, OIDC_CLIENT_SECRET: undefined, OIDC_CLIENT_SECRET_FILE: `${file}-missing` })).toThrow(/cannot be read/);
  });

  it.each([
    [{ OIDC_ISSUER: "not a url" }, /OIDC_ISSUER must be a URL/],
    [{ OIDC_ISSUER: "http://idp.example.org/realms/x" }, /https/],
    [{ OIDC_CLIENT_ID: "" }, /OIDC_CLIENT_ID is required/],
    [{ OIDC_CLIENT_SECRET: "" }, /OIDC_CLIENT_SECRET/],
    [{ OIDC_GROUPS_CLAIM: "groups; drop" }, /claim name/],
    [{ OIDC_SCOPES: "email profile" }, /include openid/],
  ])("refuses %j with a clear message", (change, message) => {
    expect(() => ssoConfig({ ...ENTRA, ...change })).toThrow(message);
  });

  it("lets http through for a provider on this machine only", () => {
    expect(ssoConfig({ ...ENTRA, OIDC_ISSUER: "http://127.0.0.1:3299" })?.issuer).toBe("http://127.0.0.1:3299");
  });

  it("never puts the secret in its error messages", () => {
    expect(() => ssoConfig({ ...ENTRA, OIDC_CLIENT_SECRET: "top-secret", OIDC_CLIENT_ID: "" })).toThrow(/^(?!.*top-secret)/s);
  });
});

describe("checkSignInConfig", () => {
  it("refuses LOCAL_SIGNIN=off without single sign-on", () => {
    expect(() => checkSignInConfig({ LOCAL_SIGNIN: "off" })).toThrow(/LOCAL_SIGNIN=off needs single sign-on/);
    expect(checkSignInConfig({ ...ENTRA, LOCAL_SIGNIN: "off" })).toMatchObject({ local: false, sso: { clientId: "dashboard" } });
    expect(checkSignInConfig({})).toEqual({ local: true, sso: null });
  });
});

describe("ssoCallbackUrl", () => {
  it("is NEXTAUTH_URL's /api/auth/callback/oidc", () => {
    expect(ssoCallbackUrl({ NEXTAUTH_URL: "https://iomt.hospital.example/" })).toBe("https://iomt.hospital.example/api/auth/callback/oidc");
  });
});
