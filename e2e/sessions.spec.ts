// Sessions that end and passwords people change themselves (issue 19). Each test makes its own
// user through Settings → Users, so changing a password here never touches the shared e2e users.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInOk } from "./helpers";

const unique = () => Math.random().toString(36).slice(2, 8);

/** Creates an engineer through Settings → Users, as the e2e administrator. */
async function createEngineer(browser: Browser, password: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInOk(page, "admin");
  await page.goto("/settings/users");
  const email = `nurse-${unique()}@e2e.local`;
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption("engineer");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email} (engineer).`)).toBeVisible();
  await context.close();
  return email;
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a weak initial password is refused with the estimator's reason", async ({ page }) => {
  await signInOk(page, "admin");
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel("E-mail").fill(`weak-${unique()}@e2e.local`);
  await form.getByLabel("Initial password").fill("aaaaaaaaaaaa");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText(/too easy to guess/)).toBeVisible();
});

test("a person changes their password on the account page, then signs in with the new one", async ({ browser, page }) => {
  const first = "tundra pelican marble 42";
  const second = "saffron glacier umbrella 7";
  const email = await createEngineer(browser, first);
  await signInAs(page, email, first);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByTestId("account-session")).toContainText("this session");

  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill(first);
  await form.getByLabel("New password", { exact: true }).fill("aaaaaaaaaaaa");
  await form.getByLabel("New password again").fill("aaaaaaaaaaaa");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText(/too easy to guess/)).toBeVisible();

  await form.getByLabel("Current password").fill(first);
  await form.getByLabel("New password", { exact: true }).fill(second);
  await form.getByLabel("New password again").fill(second);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Password changed.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInAs(page, email, first);
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  await signInAs(page, email, second);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("sign-out ends a copied session cookie", async ({ browser, page, context }) => {
  const password = "harbor violet quartz 19";
  const email = await createEngineer(browser, password);
  await signInAs(page, email, password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  // The copy works while the session lives…
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/exports/inventory")).status()).toBe(200);

  // …and not after its owner signs out.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  const stolen = await thief.newPage();
  await stolen.goto("/inventory");
  await expect(stolen).toHaveURL(/\/login/);
  const fresh = await browser.newContext();
  await fresh.addCookies(copied);
  expect((await fresh.request.get("/api/exports/inventory")).status()).toBe(401);
  expect(await (await fresh.request.get("/api/auth/session")).json()).toEqual({});
  await Promise.all([thief.close(), fresh.close()]);
});
