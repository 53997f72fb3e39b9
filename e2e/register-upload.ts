// Loads an asset register through Settings → Asset register as a person does: the file, a
// preview, each mapped column chosen, a preview with that mapping, then the confirmed import.
import { expect, type Page } from "@playwright/test";

/** The mapping step's label of each register field (REGISTER_FIELD_LABELS; the asset tag is required). */
const LABELS = { assetTag: "Asset tag (required)", serial: "Serial number", mac: "MAC address", hostname: "Hostname", ip: "IP address", manufacturer: "Manufacturer", model: "Model", department: "Department", location: "Location" } as const;

export async function loadRegister(page: Page, { source, csv, mapping }: { source: string; csv: string; mapping: Partial<Record<keyof typeof LABELS, string>> }) {
  await page.goto("/settings/assets");
  const form = page.getByRole("form", { name: "Import an asset register" });
  await form.getByLabel("Source").fill(source);
  await form.getByLabel("Register file (CSV)").setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await form.getByRole("button", { name: "Preview", exact: true }).click();
  for (const [field, column] of Object.entries(mapping)) await form.getByLabel(LABELS[field as keyof typeof LABELS], { exact: true }).selectOption(column);
  const again = form.getByRole("button", { name: "Preview with this mapping" });
  await expect(again).toBeVisible();
  if (await form.getByText("The mapping changed: preview again first.").isVisible()) await again.click();
  await form.getByRole("button", { name: "Import…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("register-result")).toBeVisible({ timeout: 30_000 });
}
