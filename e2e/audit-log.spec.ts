// Issue 20, item 6: the audit log filtered and searched by name, names beside ids, the CSV export
// of what is shown, and the reason a person gave on the device's own trail. Run: E2E_PORT=3494.
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const stamp = Date.now();
const hostname = `AUDIT-PUMP-${stamp % 100000}`;
const agentName = `audit-collector-${stamp}`;
const reason = `Unknown pump on the ICU VLAN ${stamp}`;

test("a device blocked with a reason: the device trail says why; the log finds it by name, names the agent beside its id, and exports the view", async ({ page }) => {
  // Enrolment, a report, a decision and four page loads: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  await signInOk(page, "admin");
  const mac = `00:09:fb:ad:${(stamp % 256).toString(16).padStart(2, "0")}:11`;
  await enrolAndReport(page, { name: agentName }, {
    reportId: `audit-${stamp}`,
    hostname: "audit-sensor",
    observations: [{ channel: "ethernet", claimed: { mac, hostname, vendor: "Philips", model: "IntelliVue MX450" }, network: { segment: "ICU-VLAN-20" } }],
  });

  // Block it from its page, with a reason.
  await page.goto(`/inventory?q=${encodeURIComponent(hostname)}`);
  // By its link's address: the page is opened, not the row clicked (the inventory's table may still be settling).
  const link = page.getByTestId("inventory-table").getByRole("link", { name: hostname });
  await page.goto((await link.getAttribute("href"))!);
  await expect(page.getByRole("heading", { level: 1, name: hostname })).toBeVisible();
  const decide = page.getByRole("form", { name: "Decide about this device" });
  await decide.getByLabel(/^Reason \(kept in the audit log\)/).fill(reason);
  await decide.getByRole("button", { name: "Block", exact: true }).click();
  const confirm = page.getByRole("dialog");
  if (await confirm.isVisible().catch(() => false)) await confirm.getByRole("button", { name: /block/i }).click();
  await page.reload();
  await expect(page.getByText(`Reason: “${reason}”`)).toBeVisible();

  // The device's whole trail, from its page.
  await page.getByRole("link", { name: "The whole trail in the audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("result-count")).toHaveText("1 entry match these filters");
  const row = page.locator("tbody tr").first();
  await expect(row).toContainText("device.block");
  await expect(row).toContainText(hostname);
  await expect(row).toContainText(reason);

  // The agent's enrolment, found by its name: named beside its id.
  await page.goto("/settings/audit");
  await page.getByRole("search", { name: "Filter the audit log" }).getByLabel("Search").fill(agentName);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: `Remove filter Search: ${agentName}` })).toBeVisible();
  const enrol = page.locator("tbody tr", { hasText: "agent.enrol" });
  await expect(enrol).toHaveCount(1);
  await expect(enrol).toContainText(agentName);
  await expect(enrol.locator(".font-mono").first()).toHaveText(/^[a-z0-9]{20,}$/);

  // The export carries the same filters and is a CSV of the same entries.
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain(`q=${encodeURIComponent(agentName).replace(/%20/g, "+")}`);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await res.text();
  expect(text).toContain("agent.enrol");
  expect(text).toContain(agentName);
});

test("an engineer may not read or export the log", async ({ page }) => {
  await signInOk(page, "engineer");
  const res = await page.request.get("/api/exports/audit");
  expect(res.status()).toBe(403);
});
