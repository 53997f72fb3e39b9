import { expect, test } from "@playwright/test";
import { enrolAgentInUi, signInOk } from "./helpers";

test("a keystroke injector lands in the work queue with its evidence, and an engineer blocks it", async ({ page, browser }) => {
  // An administrator enrols a host agent; the agent reports a "keyboard".
  await signInOk(page, "admin");
  const token = await enrolAgentInUi(page, `host-ws-${Date.now()}`);
  const now = new Date().toISOString();
  const serial = `INJ-${Date.now()}`;
  const res = await page.request.post("/api/v1/reports", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      schema: "iomt.agent-report/v1",
      reportId: `usb-${Date.now()}`,
      sentAt: now,
      agent: { version: "1.0.0", hostname: "NURSING-WS-07" },
      observations: [
        {
          observedAt: now,
          channel: "usb",
          claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial } },
          physical: { usb: { port: "1-1.2", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 900 } },
        },
      ],
    },
  });
  expect(res.status()).toBe(202);

  const context = await browser.newContext();
  const engineer = await context.newPage();
  await signInOk(engineer, "engineer");
  await engineer.getByRole("link", { name: "Unauthorized & spoofed" }).click();
  const row = engineer.locator("tbody tr", { hasText: "USB Keyboard" }).first();
  await expect(row).toContainText("also exposes mass storage");
  await row.getByRole("checkbox").check();
  await engineer.getByLabel("Reason for the selected devices (kept in the audit log)").fill("keystroke injector found on NURSING-WS-07");
  await engineer.getByRole("button", { name: "Block selected" }).click();
  await expect(engineer.getByRole("status")).toHaveText("1 device now unauthorized.");
  await context.close();
});
