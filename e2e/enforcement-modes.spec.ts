// Settings → Integrations, enforcement modes: an administrator sets a site's mode (with the warning
// before allow-listed mode), it is audited, and an agent's next policy fetch says it; an analyst
// and a viewer cannot open the page.
import { expect, test } from "@playwright/test";
import { enrolAgentInUi, signInOk } from "./helpers";

const stamp = Date.now() % 100000;
const site = `E2E Modes ${stamp}`;

test("an administrator sets a site to block-listed; the agent's policy says so", async ({ page }) => {
  test.setTimeout(60_000);
  await signInOk(page, "admin");
  const token = await enrolAgentInUi(page, `kiosk-modes-${stamp}`, site);
  await page.goto("/settings/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();

  const form = page.getByRole("form", { name: `Enforcement mode of site ${site}` });
  const select = form.getByLabel(`Enforcement mode of site ${site}`);
  await expect(select).toHaveValue("monitor");
  // Choosing allow-listed shows what it does to keyboards before anything is sent.
  await select.selectOption("allow_listed");
  await expect(form.getByRole("note")).toContainText("keyboards and mice included");
  await select.selectOption("block_listed");
  await expect(form.getByRole("note")).toHaveCount(0);
  await form.getByRole("button", { name: "Set" }).click();
  await expect(form.getByRole("status")).toHaveText(`${site} is now in Block-listed (block what the dashboard blocked): its agents apply it at their next policy fetch.`);

  const policy = await page.request.get("/api/v1/enforcement", { headers: { authorization: `Bearer ${token}` } });
  expect(policy.status()).toBe(200);
  expect((await policy.json()).mode).toBe("block_listed");
  await page.reload();
  const agentRow = page.getByTestId(`enforcement-agent-kiosk-modes-${stamp}`);
  await expect(agentRow).toContainText("Block-listed");
  await expect(agentRow).toContainText(/[0-9a-f]{8} at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

  await page.goto("/settings/audit");
  await expect(page.getByText("site.enforcement_mode").first()).toBeVisible();
});

for (const role of ["analyst", "viewer"] as const) {
  test(`${role === "analyst" ? "an analyst" : "a viewer"} cannot open Settings → Integrations (403)`, async ({ page }) => {
    await signInOk(page, role);
    await expect(page.getByRole("link", { name: "Integrations" })).toHaveCount(0);
    const response = await page.goto("/settings/integrations");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();
    await expect(page.getByText("Enforcement on hosts")).toHaveCount(0);
  });
}
