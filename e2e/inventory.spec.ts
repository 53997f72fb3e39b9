import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { csvRecords } from "../tests/csv-parse";
import { enrolAgentInUi, enrolAndReport, postAgentReport, signInOk } from "./helpers";

test("inventory: search by MAC in another spelling, open a device, approve it", async ({ page }) => {
  await signInOk(page, "admin");
  // An agent and a device, through the real API.
  const hostile = "<script>window.__pwned=1</script>";
  await enrolAndReport(page, { name: `sensor-inv-${Date.now()}` }, {
    reportId: `inv-${Date.now()}`,
    hostname: "sensor",
    observations: [
      { channel: "ethernet", claimed: { mac: "00:09:fb:aa:00:01", hostname: "MONITOR-ICU-7", vendor: "Philips", model: "IntelliVue MX450" }, network: { segment: "ICU-VLAN-20", openPorts: [24105] } },
      { channel: "ethernet", claimed: { mac: "00:09:fb:aa:00:02", hostname: hostile }, network: { segment: "ICU-VLAN-20" } },
    ],
  });

  await page.getByRole("link", { name: "Inventory" }).click();
  await page.getByLabel("Search").fill("0009.FBAA.0001");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=0009.FBAA.0001/);
  const table = page.getByTestId("inventory-table");
  await expect(table.locator("tbody").getByRole("link")).toHaveCount(1);
  await table.getByRole("link", { name: "MONITOR-ICU-7" }).click();

  await expect(page.getByRole("heading", { name: "MONITOR-ICU-7" })).toBeVisible();
  await expect(page.getByText("00:09:fb:aa:00:01").first()).toBeVisible();
  await page.getByLabel("Reason (kept in the audit log)").fill("checked by biomed");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status")).toHaveText("Device is now authorized.");
  await expect(page.getByText("device.approve")).toBeVisible();

  // A hostile hostname is shown as text, never run.
  await page.goto(`/inventory?q=${encodeURIComponent("00:09:fb:aa:00:02")}`);
  await expect(page.getByTestId("inventory-table").getByText(hostile)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("a viewer can browse a device but has no decision buttons, and the server refuses a decision", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.goto(`/inventory?q=${encodeURIComponent("MONITOR-ICU-7")}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: "MONITOR-ICU-7" }).click();
  await expect(page.getByRole("heading", { name: "MONITOR-ICU-7" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const id = new URL(page.url()).pathname.split("/").pop();
  const res = await page.request.post(`/api/devices/${id}/decision`, { data: { decision: "block", reason: "not ours" }, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(403);
});

test("filter the inventory, see the filters as chips, and export exactly the filtered devices as CSV", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "engineer");
  const admin = await page.context().browser()!.newContext();
  const adminPage = await admin.newPage();
  await signInOk(adminPage, "admin");
  const token = await enrolAgentInUi(adminPage, `sensor-export-${Date.now()}`);
  await admin.close();
  const tag = `exp${Date.now()}`;
  const formula = `=SUM(1)+${tag}-MON-2`;
  const device = (n: number, hostname: string, segment: string) => ({ channel: "ethernet", claimed: { mac: `00:09:fb:ee:00:0${n}`, hostname, vendor: "Philips", model: "IntelliVue MX450" }, network: { segment } });
  await postAgentReport(page, token, {
    reportId: `export-${tag}`,
    hostname: "sensor-export",
    observations: [device(1, `${tag}-MON-1`, `${tag}-VLAN`), device(2, formula, `${tag}-VLAN`), device(3, `${tag}-MON-3`, "ICU-VLAN-20")],
  });

  await page.goto("/inventory");
  await page.getByLabel("Search").fill(tag);
  const segment = page.getByLabel("Segment");
  await segment.selectOption((await segment.locator("option", { hasText: `${tag}-VLAN` }).getAttribute("value"))!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/segment=/);
  const table = page.getByTestId("inventory-table");
  await expect(table.locator("tbody").getByRole("link")).toHaveCount(2);
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("link", { name: `Remove filter Search: ${tag}` })).toBeVisible();
  await expect(chips.getByRole("link", { name: /Remove filter Segment: / })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/inventory.png", fullPage: false });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^iomt-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  const { records } = csvRecords(readFileSync((await download.path())!, "utf8"));
  expect(records.map((r) => r.device).sort()).toEqual([`'${formula}`, `${tag}-MON-1`].sort());
  expect(records.every((r) => r.segment === `${tag}-VLAN` && r.vendor === "Philips")).toBe(true);

  // Removing a chip keeps the other filter and shows the wider set.
  await chips.getByRole("link", { name: /Remove filter Segment: / }).click();
  await expect(page).not.toHaveURL(/segment=/);
  await expect(table.locator("tbody").getByRole("link")).toHaveCount(3);

  // Without a session the export is refused.
  expect((await request.get(`/api/exports/inventory?q=${tag}`)).status()).toBe(401);
});
