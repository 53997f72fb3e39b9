import { expect, test } from "@playwright/test";
import { signIn, signInOk } from "./helpers";
import { E2E_PASSWORD, E2E_USERS } from "./users";

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test("an administrator signs in, sees who they are, and signs out", async ({ page }) => {
  await signInOk(page, "admin");
  const me = page.getByTestId("signed-in-user");
  await expect(me).toContainText(E2E_USERS.admin);
  await expect(me).toContainText("Administrator");
  await expect(page.getByRole("link", { name: "Users & roles" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, "engineer", "not-the-password");
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a viewer sees no admin views and the server refuses admin actions (403)", async ({ page }) => {
  await signInOk(page, "viewer");
  await expect(page.getByTestId("signed-in-user")).toContainText("Viewer");
  await expect(page.getByRole("link", { name: "Users & roles" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  const pageResponse = await page.goto("/settings/users");
  expect(pageResponse?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();

  // Called directly, with the viewer's own session cookie, as a crafty user would.
  const api = await page.request.post("/api/users", {
    data: { email: "sneaky@e2e.local", role: "admin", password: "sneaky-password-123" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");
});

test("an administrator creates a user in the UI who can then sign in", async ({ page, browser }) => {
  await signInOk(page, "admin");
  await page.getByRole("link", { name: "Users & roles" }).click();
  const email = `nurse-${Date.now()}@e2e.local`;
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption("engineer");
  await form.getByLabel("Initial password").fill(E2E_PASSWORD);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Created ${email} (engineer).`);
  await expect(page.locator("tbody tr", { hasText: email })).toContainText("never");

  // A bad entry is explained, field by field, and creates nothing.
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Initial password").fill(E2E_PASSWORD);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toContainText("exists already");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("E-mail").fill(email);
  await otherPage.getByLabel("Password").fill(E2E_PASSWORD);
  await otherPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(otherPage.getByTestId("signed-in-user")).toContainText("Clinical engineer");
  await other.close();

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.locator("tbody tr", { hasText: email }).first()).toContainText("user.create");
});
