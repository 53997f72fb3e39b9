import { expect, test } from "@playwright/test";
import { enrolAgentInUi, signInOk } from "./helpers";

test("inventory: search by MAC in another spelling, open a device, approve it", async ({ page }) => {
  await signInOk(page, "admin");
  // An agent and a device, through the real API.
  const token = await enrolAgentInUi(page, `sensor-inv-${Date.now()}`);
  const now = new Date().toISOString();
  const hostile = "<script>window.__pwned=1</script>";
  const res = await page.request.post("/api/v1/reports", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      schema: "iomt.agent-report/v1",
      reportId: `inv-${Date.now()}`,
      sentAt: now,
      agent: { version: "1.0.0", hostname: "sensor" },
      observations: [
        { observedAt: now, channel: "ethernet", claimed: { mac: "00:09:fb:aa:00:01", hostname: "MONITOR-ICU-7", vendor: "Philips", model: "IntelliVue MX450" }, network: { segment: "ICU-VLAN-20", openPorts: [24105] } },
        { observedAt: now, channel: "ethernet", claimed: { mac: "00:09:fb:aa:00:02", hostname: hostile }, network: { segment: "ICU-VLAN-20" } },
      ],
    },
  });
  expect(res.status()).toBe(202);

  await page.getByRole("link", { name: "Inventory" }).click();
  await page.getByLabel("Search").fill("0009.FBAA.0001");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=0009.FBAA.0001/);
  const table = page.getByTestId("inventory-table");
  await expect(table.getByRole("link")).toHaveCount(1);
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
  const res = await page.request.post(`/api/devices/${id}/decision`, { data: { decision: "block" }, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(403);
});
