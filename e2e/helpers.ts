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

/** Enrols an agent through the Agents page (signed in as an administrator); returns its token. */
export async function enrolAgentInUi(page: Page, name: string, site?: string): Promise<string> {
  await page.goto("/agents");
  const form = page.getByRole("form", { name: "Enrol an agent" });
  await form.getByLabel("Agent name").fill(name);
  if (site) await form.getByLabel("Site (optional)").fill(site);
  await form.getByRole("button", { name: "Enrol agent" }).click();
  return (await page.getByTestId("agent-token").textContent())!.trim();
}
