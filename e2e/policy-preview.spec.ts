// Issue 20, item 3: a policy acts now. Before saving, the form's Preview says how many devices the
// policy would mark unauthorized (by name); saving re-evaluates them at once, without any new
// report, and the policies page shows the progress and then what changed.
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const stamp = Date.now();
const site = `Preview Campus ${stamp}`;
const pumps = [1, 2, 3].map((n) => `PV-PUMP-${stamp % 100000}-${n}`);

function pump(hostname: string, n: number) {
  const octet = (stamp + n) % 250;
  return {
    channel: "ethernet",
    claimed: { mac: `58:42:e4:7a:${(stamp % 250).toString(16).padStart(2, "0")}:${octet.toString(16).padStart(2, "0")}`, hostname, vendor: "Baxter", model: "Sigma Spectrum", serialNumber: `PV${stamp}${n}` },
    network: { segment: `PV-VLAN-${stamp % 1000}` },
  };
}

test("the preview names the devices a baseline would mark unauthorized, and saving applies it at once", async ({ page }) => {
  test.setTimeout(120_000);
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: `preview-sensor-${stamp}`, site }, { reportId: `pv-${stamp}`, hostname: "pv-sensor", observations: pumps.map((h, i) => pump(h, i + 1)) });

  await page.goto("/settings/policies");
  const create = page.getByRole("form", { name: "Create a policy" });
  await create.getByLabel("Kind").selectOption("baseline");
  await create.getByLabel("Name").fill(`Ventilators only ${stamp}`);
  await create.getByLabel("Applies to").selectOption({ label: site });
  await create.getByLabel("Ventilator", { exact: true }).check();

  await create.getByRole("button", { name: "Preview" }).click();
  const preview = create.getByTestId("policy-preview");
  await expect(preview).toContainText("This will mark 3 devices unauthorized");
  await expect(preview).toContainText(pumps[0]);
  await expect(preview).toContainText("return 0 to pending");
  // Nothing was written by the preview.
  await expect(page.locator("tbody tr", { hasText: `Ventilators only ${stamp}` })).toHaveCount(0);

  await create.getByRole("button", { name: "Create policy" }).click();
  await expect(create.getByRole("status").filter({ hasText: "created" })).toContainText("re-evaluated now");
  const progress = page.getByTestId("policy-reevaluations");
  await expect(progress).toContainText(`"Ventilators only ${stamp}" created: 3 devices re-evaluated; 3 marked unauthorized.`, { timeout: 30_000 });

  // The pumps are unauthorized without having reported again.
  await page.goto(`/inventory?status=unauthorized&q=${encodeURIComponent(pumps[0])}`);
  await expect(page.locator("tbody tr", { hasText: pumps[0] })).toBeVisible();
});
