// Issue 20: a spoof suspicion gets its own decisions on the device page, with the keyboard only:
// confirm (Escape cancels first), withdraw, split a cloned MAC into two devices, and dismiss a
// third device's finding as a false positive for 7 days. Run: E2E_PORT=3495.
import { expect, test, type Page } from "@playwright/test";
import { enrolAgentInUi, postAgentReport, signInOk } from "./helpers";

const stamp = Date.now();
const hex = stamp.toString(16).padStart(6, "0").slice(-6);
const mac = `3c:d9:2b:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
const hostname = `PRN-SPOOF-${stamp}`;
const ethernet = (switchPort: string, ttl: number, dhcpFingerprint: string, tcpSignature: string, ja4: string, linkSpeedMbps: number) => ({
  channel: "ethernet",
  claimed: { mac, hostname, vendor: "HP" },
  physical: { ethernet: { switchPort, linkSpeedMbps, duplex: "full", ttl, dhcpFingerprint, tcpSignature, ja4 } },
  network: { segment: "WARD-4N-VLAN-24", openPorts: [9100, 631] },
});
const printer = ethernet("sw-4n/Gi1/0/7", 255, "1,3,6,15,44,47", "4:255+0:0:1460:mss,nop,ws:df:0", "t12d1210h1_aaaaaaaaaaaa_bbbbbbbbbbbb", 1000);
const implant = ethernet("sw-4n/Gi1/0/31", 64, "1,121,3,6,15,119,252", "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", "t13d1516h2_8daaf6152771_b186095e22b6", 100);
const laptop = ethernet("sw-4n/Gi1/0/40", 128, "1,15,3,6,44,46,47,31,33,121,249,43", "4:128+0:0:1460:mss,nop,ws,nop,nop,sok:df,id+:0", "t13d1715h2_5b57614c22b0_3d5424432f57", 1000);

let sequence = 0;
const send = (page: Page, token: string, observations: Record<string, unknown>[]) =>
  postAgentReport(page, token, { reportId: `spoof-decisions-${stamp}-${++sequence}`, hostname: "sensor-4n", observations });

/** Types the reason, then reaches `button` with Tab and presses it: the dialog asks. */
async function askWithKeyboard(page: Page, reason: string, button: string) {
  const form = page.getByRole("form", { name: "Decide on the spoof findings" });
  await form.getByLabel(/^Reason \(kept in the audit log\)/).focus();
  await page.keyboard.type(reason);
  const target = form.getByRole("button", { name: button, exact: true });
  for (let i = 0; i < 8 && !(await target.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
}

/** In the open dialog: Tab past Cancel to the confirm button, and press it. */
async function confirmWithKeyboard(page: Page, question: string, confirm: string) {
  const dialog = page.getByRole("dialog", { name: question });
  await expect(dialog).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: confirm })).toBeFocused();
  await page.keyboard.press("Enter");
}

test("confirm, withdraw, split and dismiss a spoof, keyboard only", async ({ page, browser }) => {
  // Eight page loads and five decisions: this machine's busy build server needs the time.
  test.setTimeout(240_000);
  await signInOk(page, "admin");
  const token = await enrolAgentInUi(page, `host-spoof-${stamp}`);
  for (const observation of [printer, implant, printer]) await send(page, token, [observation]);

  const analyst = await (await browser.newContext()).newPage();
  await signInOk(analyst, "analyst");
  await analyst.goto(`/inventory?q=${mac}`);
  await analyst.getByTestId("inventory-table").getByRole("link", { name: hostname }).click();
  const card = analyst.locator("section", { has: analyst.getByRole("heading", { name: "Spoof findings" }) });
  await expect(card).toContainText(`Another physical device is using the identity ${mac}`);
  const device = analyst.getByRole("heading", { level: 1 });
  const name = (await device.textContent())!.trim();

  // Enter in the reason box decides nothing; Escape on the dialog cancels.
  await askWithKeyboard(analyst, "implant found behind the wall jack", "Confirm spoof");
  const confirmDialog = analyst.getByRole("dialog", { name: `Confirm the spoof on ${name}?` });
  await expect(confirmDialog).toContainText("stays critical in the risk ranking");
  await analyst.keyboard.press("Escape");
  await expect(analyst.getByRole("dialog")).toHaveCount(0);
  await expect(card).not.toContainText("Spoof confirmed by");

  await analyst.getByRole("button", { name: "Confirm spoof", exact: true }).focus();
  await analyst.keyboard.press("Enter");
  await confirmWithKeyboard(analyst, `Confirm the spoof on ${name}?`, "Confirm spoof");
  await expect(card).toContainText(/Spoof confirmed by analyst@e2e\.local at .*: implant found behind the wall jack/);

  await askWithKeyboard(analyst, "the implant is a second device: splitting it off", "Withdraw confirmation");
  await confirmWithKeyboard(analyst, `Withdraw the spoof confirmation on ${name}?`, "Withdraw confirmation");
  await expect(card).not.toContainText("Spoof confirmed by");

  // Split: the fingerprint offered first is the one that is not the device's current one.
  const form = analyst.getByRole("form", { name: "Decide on the spoof findings" });
  await form.getByLabel("Name of the new device (optional)").fill(`Implant ${stamp}`);
  await askWithKeyboard(analyst, "two devices on one MAC", "Split device");
  await expect(analyst.getByRole("dialog", { name: `Split ${name} into two devices?` })).toContainText(`"Implant ${stamp}"`);
  await confirmWithKeyboard(analyst, `Split ${name} into two devices?`, "Split into two devices");
  await expect(analyst.getByText("spoof suspected", { exact: true })).toHaveCount(0);

  await analyst.goto(`/inventory?q=${mac}`);
  await analyst.getByTestId("inventory-table").getByRole("link", { name: `Implant ${stamp}` }).click();
  await expect(analyst.getByText(/Split off/)).toBeVisible();
  await expect(analyst.getByText(/split off .* another physical device using the identity/)).toBeVisible();

  // A third device behind the MAC is a finding on the original; dismissed for 7 days.
  await send(page, token, [laptop]);
  await analyst.goto(`/inventory?q=${mac}`);
  await analyst.getByTestId("inventory-table").getByRole("link", { name: hostname }).click();
  await expect(card).toContainText(`Another physical device is using the identity ${mac}`);
  await form.getByLabel("The dismissal holds for").selectOption("7");
  await askWithKeyboard(analyst, "the ward's laptop docked on the printer's jack", "Dismiss as false positive");
  await expect(analyst.getByRole("dialog", { name: `Dismiss the spoof findings on ${name} as a false positive?` })).toContainText("for 7 days");
  await confirmWithKeyboard(analyst, `Dismiss the spoof findings on ${name} as a false positive?`, "Dismiss as false positive");
  await expect(card).toContainText(/dismissed as false positive by analyst@e2e\.local at .*, until /);
});
