// A person enrols an authenticator app (QR code, or the key typed in), saves the recovery codes
// shown once, then signs in with password and code, and once with a recovery code. The test
// computes codes as the app would; a code is good once per 30-second step, so it waits for the
// next step rather than replaying one.
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { E2E_PASSWORD, E2E_USERS } from "./users";

const email = `totp-${Date.now()}@e2e.local`;
const password = "Quartz-Lantern-Meadow-4172";
const CODE_LABEL = "Code from your authenticator app";

const app = (secret: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
const stepNow = () => Math.floor(Date.now() / 30_000);
let lastStep = 0;

/** A code for a step after the last one used (waiting for the next step if need be), as the app shows it. */
async function freshCode(page: Page, secret: string): Promise<string> {
  if (stepNow() <= lastStep) await page.waitForTimeout((lastStep + 1) * 30_000 - Date.now() + 500);
  lastStep = stepNow();
  return app(secret).generate();
}

/** The e-mail and password form (exact: the page may also offer "Sign in with" single sign-on). */
async function submitPassword(page: Page, who: string, secret: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(who);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function passwordStep(page: Page) {
  await submitPassword(page, email, password);
  await expect(page.getByLabel(CODE_LABEL)).toBeVisible();
  await expect(page.getByText("A recovery code works here too")).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("enrol an authenticator app, then sign in with password and code, and once with a recovery code", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await submitPassword(page, E2E_USERS.admin, E2E_PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/users");
  const create = page.getByRole("form", { name: "Create a user" });
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Role").selectOption("engineer");
  await create.getByLabel("Initial password").fill(password);
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email}`)).toBeVisible();

  const context = await browser.newContext();
  const tab = await context.newPage();
  await submitPassword(tab, email, password);
  await expect(tab.getByRole("heading", { name: "Overview" })).toBeVisible();

  // Enrol: the QR code (a data: image made on the server) and the key as text.
  await tab.goto("/account/two-factor");
  await tab.getByRole("button", { name: "Set up an authenticator app" }).click();
  const qr = tab.getByRole("img", { name: /QR code for/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  const secret = (await tab.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await tab.getByLabel(CODE_LABEL).fill(await freshCode(tab, secret));
  await tab.getByRole("button", { name: "Turn on" }).click();
  const list = tab.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const recoveryCodes = await list.getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await tab.getByRole("button", { name: "I have saved them" }).click();
  await expect(tab.getByTestId("two-factor-state")).toContainText("10 recovery codes left");
  await expect(tab.getByTestId("recovery-codes")).toHaveCount(0);
  await signOut(tab);

  // Password, then the code from the app.
  await passwordStep(tab);
  await tab.getByLabel(CODE_LABEL).fill(await freshCode(tab, secret));
  await tab.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(tab.getByRole("heading", { name: "Overview" })).toBeVisible();
  await signOut(tab);

  // Password, then a recovery code: good once.
  await passwordStep(tab);
  await tab.getByLabel(CODE_LABEL).fill(recoveryCodes[0]);
  await tab.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(tab.getByRole("heading", { name: "Overview" })).toBeVisible();
  await tab.goto("/account/two-factor");
  await expect(tab.getByTestId("two-factor-state")).toContainText("9 recovery codes left");
  await signOut(tab);

  await passwordStep(tab);
  await tab.getByLabel(CODE_LABEL).fill(recoveryCodes[0]);
  await tab.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(tab.locator("form").getByRole("alert")).toContainText("Wrong password or code");
  await context.close();
});
