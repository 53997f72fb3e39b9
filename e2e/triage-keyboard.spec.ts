// Issue 20, safe triage, with the keyboard only: Enter in the work queue's reason box decides
// nothing; "Block selected" asks first, naming the count; Escape cancels and nothing changes;
// confirming blocks, and the Status column says who did it. Run: E2E_PORT=3471.
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const stamp = Date.now();
const names = [`Triage Keyboard A${stamp}`, `Triage Keyboard B${stamp}`];

/** A "keyboard" (ids no allow-list of another spec names) with a hidden mass-storage interface typing at machine speed: a spoof suspect. */
const injector = (product: string, i: number) => ({
  channel: "usb",
  claimed: { usb: { vendorId: "04d9", productId: "1603", manufacturer: "Holtek", product, serial: `TRI-${stamp}-${i}` } },
  physical: { usb: { port: `1-${i + 4}`, speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 900 } },
});

const rowOf = (page: Page, name: string) => page.locator("tbody tr", { hasText: name });

test("keyboard-only triage: Enter decides nothing, Block asks with the count, Escape cancels, confirming blocks", async ({ page }) => {
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: `host-triage-${stamp}` }, { reportId: `triage-${stamp}`, hostname: "TRIAGE-WS-01", observations: names.map(injector) });
  await page.goto("/unauthorized");
  // Pending, or unauthorized when another spec's USB allow-list applies to every site: either way
  // undecided by a person.
  for (const name of names) {
    await expect(rowOf(page, name)).toBeVisible();
    await expect(rowOf(page, name)).not.toContainText("Blocked by a person");
  }

  // Select both with Space, as a keyboard user does.
  for (const name of names) {
    await rowOf(page, name).getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    await expect(rowOf(page, name).getByRole("checkbox")).toBeChecked();
  }

  // Enter in the reason box: no decision, no message.
  const reason = page.getByLabel(/^Reason for the selected devices/);
  await reason.focus();
  await page.keyboard.type("keystroke injectors found at the nurses' station");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(1500);
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  for (const name of names) await expect(rowOf(page, name)).not.toContainText("Blocked by a person");

  // Tab to "Block selected" (past the acknowledgement box and "Approve selected") and press it.
  const block = page.getByRole("button", { name: "Block selected" });
  for (let i = 0; i < 5 && !(await block.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(block).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Block 2 devices?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("They become unauthorized and agents in block-listed mode cut them off.");
  await expect(dialog).toBeFocused();

  // Escape cancels: nothing changed.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page.getByRole("status")).toHaveCount(0);
  for (const name of names) await expect(rowOf(page, name)).not.toContainText("Blocked by a person");

  // Again, and this time confirm with the keyboard: Tab past Cancel to the confirm button.
  await block.focus();
  await page.keyboard.press("Space");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Block 2 devices" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("2 devices now unauthorized.");
  for (const name of names) {
    await expect(rowOf(page, name)).toContainText("Unauthorized");
    await expect(rowOf(page, name)).toContainText("Blocked by a person");
  }

  // The status filter shows them; a status it does not know is said, not ignored.
  await page.goto("/unauthorized?status=unauthorized");
  for (const name of names) await expect(rowOf(page, name)).toBeVisible();
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Status: Unauthorized");
  await page.goto("/unauthorized?status=pending");
  for (const name of names) await expect(rowOf(page, name)).toHaveCount(0);
  await page.goto("/unauthorized?status=approved");
  await expect(page.getByText('Status "approved" is not a value this filter knows')).toBeVisible();
});
