import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS } from "./users";

export async function signIn(page: Page, role: keyof typeof E2E_USERS, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS[role]);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInOk(page: Page, role: keyof typeof E2E_USERS) {
  await signIn(page, role);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/**
 * Enrols an agent through the Agents page (signed in as an administrator); returns its token.
 * The site is required on the page: "default" is the default site. `segments`: its lane, typed as a list.
 */
export async function enrolAgentInUi(page: Page, name: string, site = "default", segments?: string): Promise<string> {
  await page.goto("/agents");
  const form = page.getByRole("form", { name: "Enrol an agent" });
  await form.getByLabel("Agent name").fill(name);
  await form.getByLabel("Site", { exact: true }).fill(site);
  if (segments) await form.getByLabel("Segments (optional)").fill(segments);
  await form.getByRole("button", { name: "Enrol agent" }).click();
  return (await page.getByTestId("agent-token").textContent())!.trim();
}

/** A report as an agent sends it: its reportId, the host it runs on, and what it observed. */
export type AgentReport = { reportId: string; hostname: string; observations: Record<string, unknown>[] };

/**
 * Posts a report through the agent API (POST /api/v1/reports) with the agent's token, as the
 * agent itself would, every observation made now; expects it accepted.
 */
export async function postAgentReport(page: Page, token: string, { reportId, hostname, observations }: AgentReport) {
  const now = new Date().toISOString();
  const res = await page.request.post("/api/v1/reports", {
    headers: { authorization: `Bearer ${token}` },
    data: { schema: "iomt.agent-report/v1", reportId, sentAt: now, agent: { version: "1.0.0", hostname }, observations: observations.map((o) => ({ observedAt: now, ...o })) },
  });
  expect(res.status(), await res.text()).toBe(202);
}

/** Enrols an agent through the Agents page (as an administrator) and posts its first report; returns its token. */
export async function enrolAndReport(page: Page, agent: { name: string; site?: string }, report: AgentReport): Promise<string> {
  const token = await enrolAgentInUi(page, agent.name, agent.site);
  await postAgentReport(page, token, report);
  return token;
}

/** Imports vulnerability feed files (JSON) through the feeds API, as an administrator's page. */
export async function importFeedFiles(page: Page, files: string[]) {
  const form = new FormData();
  for (const file of files) form.append("files", new Blob([readFileSync(file)], { type: "application/json" }), basename(file));
  const res = await page.request.post("/api/feeds", { multipart: form, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(200);
}

/**
 * A keyset list's ends: Last page has no Next page; Previous page shows other rows; Next page comes
 * back to the last page (no Next page again). `rows` are the list's rows (their first one's text
 * tells pages apart). The rows themselves are not compared on the way back: background passes
 * rescore the devices a test just reported, so a live list may reorder between two clicks.
 */
export async function walkLastPageAndBack(page: Page, rows: Locator) {
  const next = page.getByRole("link", { name: "Next page" });
  await page.getByRole("link", { name: "Last page" }).click();
  await expect(next).toHaveCount(0);
  const lastPageTop = (await rows.first().textContent())!;
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(rows.first()).not.toHaveText(lastPageTop);
  await next.first().click();
  await expect(next).toHaveCount(0);
  await expect(rows.first()).toBeVisible();
}
