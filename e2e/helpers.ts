import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS } from "./users";

export async function signIn(page: Page, role: keyof typeof E2E_USERS, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS[role]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInOk(page: Page, role: keyof typeof E2E_USERS) {
  await signIn(page, role);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}
