// A keystroke injector that forges an allow-listed keyboard's identity is unauthorized (spoof
// suspected), not authorized; an engineer can approve it only after acknowledging the evidence.
import { expect, test } from "@playwright/test";
import { enrolAgentInUi, postAgentReport, signInOk } from "./helpers";

test("an allow-listed identity with spoof evidence is unauthorized; approving it needs the evidence acknowledged", async ({ page, browser }) => {
  await signInOk(page, "admin");
  const site = `Kiosk Campus ${Date.now()}`;
  const serial = `INJ-${Date.now()}`;
  // The agent (and so the site), then the site's allow-list (Policies), then the injector's report.
  const token = await enrolAgentInUi(page, `host-kiosk-${Date.now()}`, site);
  await page.goto("/settings/policies");
  const create = page.getByRole("form", { name: "Create a policy" });
  await create.getByLabel("Kind").selectOption("usb_allow");
  await create.getByLabel("Name").fill(`Kiosk keyboards ${serial}`);
  await create.getByLabel("Applies to").selectOption({ label: site });
  await create.getByLabel("Allowed USB devices, one a line").fill("046d:c31c");
  await create.getByRole("button", { name: "Create policy" }).click();
  await expect(create.getByRole("status")).toContainText("created");

  await postAgentReport(page, token, {
    reportId: `spoof-${Date.now()}`,
    hostname: "kiosk-07",
    observations: [{
      channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31c", serial, manufacturer: "Logitech", product: "USB Keyboard" } },
      physical: { usb: { port: "1-3", interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }], keystrokeRateCps: 950 } },
    }],
  });
  await page.context().close();

  const engineer = await (await browser.newContext()).newPage();
  await signInOk(engineer, "engineer");
  await engineer.goto(`/inventory?q=${serial}`);
  await engineer.getByTestId("inventory-table").getByRole("link", { name: "USB Keyboard" }).click();
  await expect(engineer.getByText(/spoof suspected: .*on the allow-list, but an allow-list trusts the very identity a spoof forges/)).toBeVisible();

  const decide = engineer.getByRole("form", { name: "Decide about this device" });
  // Every decision about a suspect needs a reason and a confirmation naming it; the evidence must be acknowledged too.
  await decide.getByLabel(/^Reason \(kept in the audit log/).fill("keyboard with a card reader, checked by biomed");
  await decide.getByRole("button", { name: "Approve", exact: true }).click();
  const confirm = engineer.getByRole("dialog", { name: "Approve 1 device?" });
  await expect(confirm).toContainText("It is suspected of spoofing.");
  await confirm.getByRole("button", { name: "Approve 1 device" }).click();
  await expect(decide.getByRole("status")).toContainText("suspected of spoofing");
  // A refused action resets the form (React): the reason is typed again.
  await decide.getByLabel(/I have reviewed the spoof evidence/).check();
  await decide.getByLabel(/^Reason \(kept in the audit log/).fill("keyboard with a card reader, checked by biomed");
  await decide.getByRole("button", { name: "Approve", exact: true }).click();
  await confirm.getByRole("button", { name: "Approve 1 device" }).click();
  await expect(decide.getByRole("status")).toContainText("Device is now authorized");
});
