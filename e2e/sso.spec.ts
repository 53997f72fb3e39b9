// Single sign-on end to end, against a real OpenID Connect provider on 127.0.0.1 (oidc-provider,
// started by scripts/e2e-server.ts): an administrator maps groups to roles, a person signs in on
// the provider's page and lands with the mapped role; a person whose groups map to nothing is
// refused; a group change at the provider is the person's role at their next sign-in.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInOk } from "./helpers";
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME, setIdpAccount } from "./sso-idp";

const run = Date.now().toString(36);
const ENGINEERS = `iomt-engineers-${run}`;
const VIEWERS = `iomt-viewers-${run}`;

/** Signs in through the identity provider in a fresh browser (no dashboard or provider session yet). */
async function ssoSignIn(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: `Continue with ${E2E_OIDC_NAME}` }).click();
  await page.waitForURL((url) => url.href.startsWith(E2E_OIDC_ISSUER));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything: the provider checks it, not the dashboard");
  await page.getByRole("button", { name: "Sign-in" }).click();
  return page;
}

async function addMapping(page: Page, group: string, role: string) {
  const form = page.getByRole("form", { name: "Map a group to a role" });
  await form.getByLabel("Group").fill(group);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByRole("cell", { name: group, exact: true })).toBeVisible();
}

test("single sign-on: groups map to roles, an unmapped person is refused, a group change follows at the next sign-in", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInOk(page, "admin");
  await page.goto("/settings/sso");
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByText(E2E_OIDC_ISSUER, { exact: true })).toBeVisible();
  await expect(page.getByText(/\/api\/auth\/callback\/oidc$/)).toBeVisible();
  await expect(page.getByText("fixture-client-secret")).toHaveCount(0);
  await addMapping(page, ENGINEERS, "Clinical engineer");
  await addMapping(page, VIEWERS, "Viewer");

  // A clinical engineer in the mapped group: an account is made with the mapped role.
  const eve = `eve-${run}`;
  await setIdpAccount(eve, { groups: ["staff", ENGINEERS] });
  const evePage = await ssoSignIn(browser, eve);
  await expect(evePage.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(evePage.getByText(`${eve}@hospital.test`, { exact: true })).toBeVisible();
  await expect(evePage.getByText("Clinical engineer", { exact: true })).toBeVisible();

  // A person none of whose groups is mapped: refused with the reason, no account made.
  const nora = `nora-${run}`;
  await setIdpAccount(nora, { groups: ["staff", "nurses"] });
  const noraPage = await ssoSignIn(browser, nora);
  await expect(noraPage).toHaveURL(/\/login\?error=sso-no-role/);
  await expect(noraPage.getByRole("alert").filter({ hasText: "no role" })).toHaveText("Your account has no role in this dashboard: ask an administrator to map one of your groups.");
  await page.goto("/settings/users");
  await expect(page.getByText(`${eve}@hospital.test`, { exact: true })).toBeVisible();
  await expect(page.getByText(`${nora}@hospital.test`)).toHaveCount(0);

  // The directory moves Eve to the viewers' group: at her next sign-in she is a viewer.
  await setIdpAccount(eve, { groups: ["staff", VIEWERS] });
  await evePage.getByRole("button", { name: "Sign out" }).click();
  await evePage.waitForURL(/\/login/);
  await evePage.getByRole("button", { name: `Continue with ${E2E_OIDC_NAME}` }).click();
  // The provider remembers her sign-in there, as a hospital's provider does: straight back.
  await expect(evePage.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(evePage.getByText("Viewer", { exact: true })).toBeVisible();
  await page.goto("/settings/audit");
  await expect(page.getByText("user.sso.role-change").first()).toBeVisible();
});
