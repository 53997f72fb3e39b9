// The identity provider the e2e server starts beside the dashboard (tests/support/oidc-fixture.ts):
// on E2E_OIDC_PORT, else the dashboard's port + 100, so parallel runs on other ports do not collide.
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT || Number(process.env.E2E_PORT || process.env.PORT || 3210) + 100);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
/** The sign-in button's label in the e2e run (OIDC_DISPLAY_NAME). */
export const E2E_OIDC_NAME = "Hospital Login";

/** Changes a person at the provider (their groups), as the hospital's directory would. */
export async function setIdpAccount(login: string, change: { groups?: string[]; email?: string; name?: string }) {
  const answer = await fetch(`${E2E_OIDC_ISSUER}/test/accounts/${encodeURIComponent(login)}`, { method: "POST", body: JSON.stringify(change) });
  if (!answer.ok) throw new Error(`identity provider answered ${answer.status}`);
}
