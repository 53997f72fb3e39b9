// Issue 16: the asset register comes in through Settings → Asset register. A register CSV is
// uploaded, a column the suggestion does not know is mapped by hand, the preview names the bad
// row (row and column), the fixed file is imported (confirmed, with its counts), the source is
// listed, a re-import retires what the file dropped; the page is axe-clean with the preview open.
// Run: E2E_PORT=3494 NEXT_DIST_DIR=.next-h4 E2E_OUTPUT_DIR=test-results-h4 npx playwright test e2e/asset-register.spec.ts
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInOk } from "./helpers";

const stamp = Date.now();
const SOURCE = `E2E Nuvolo ${stamp}`;
// "Equipment Ref" is no header the suggestion knows: the asset tag is mapped by hand.
const HEADER = "Equipment Ref;Serial Number;MAC Address;Mfr;Model Number;Dept;Notes";
const rows = (macOfSecond: string) => [
  HEADER,
  `R-${stamp}-1;SN-1;00-09-FB-00-00-01;Baxter;Sigma Spectrum;ICU;wall`,
  `R-${stamp}-2;SN-2;${macOfSecond};GE;Carescape B450;ED;`,
  `R-${stamp}-3;SN-3;;Philips;IntelliVue MX450;ICU;spare`,
];
const file = (lines: string[]) => ({ name: "register.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });

async function seriousAxe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => ["critical", "serious", "moderate"].includes(v.impact ?? "")).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a register CSV: mapped by hand, a bad row named, fixed, imported with its counts, re-imported", async ({ page }) => {
  test.setTimeout(120_000);
  await signInOk(page, "engineer");
  await page.goto("/settings/assets");
  const form = page.getByRole("form", { name: "Import an asset register" });
  await form.getByLabel("Source").fill(SOURCE);
  await form.getByLabel("Register file (CSV)").setInputFiles(file(rows("not-a-mac")));
  await form.getByRole("button", { name: "Preview", exact: true }).click();

  // The suggestion found the known headers but not the tag: the mapping step says so.
  const tag = form.getByLabel("Asset tag (required)", { exact: true });
  await expect(tag).toHaveValue("");
  await expect(form.getByLabel("MAC address", { exact: true })).toHaveValue("MAC Address");
  await expect(form.getByRole("button", { name: "Import…" })).toBeDisabled();
  await tag.selectOption("Equipment Ref");
  await expect(form.getByText("The mapping changed: preview again first.")).toBeVisible();
  await form.getByRole("button", { name: "Preview with this mapping" }).click();

  // The bad MAC on spreadsheet row 3, in its column; nothing can be imported yet.
  const problems = page.getByTestId("register-problems");
  await expect(problems).toContainText("1 problem");
  await expect(problems.getByRole("row").nth(1)).toContainText(/3\s*MAC Address\s*"not-a-mac" is not a MAC address/);
  await expect(page.getByTestId("register-preview")).toContainText(`R-${stamp}-1`);
  await expect(form.getByRole("button", { name: "Import…" })).toBeDisabled();
  expect(await seriousAxe(page)).toEqual([]);

  // The fixed file: the mapping is kept, the preview clean, the counts offered in the confirmation.
  await form.getByLabel("Register file (CSV)").setInputFiles(file(rows("0009.fb00.0002")));
  await form.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(form.getByText("Suggested from the column names: check each field.")).toBeVisible();
  await form.getByLabel("Asset tag (required)", { exact: true }).selectOption("Equipment Ref");
  await form.getByRole("button", { name: "Preview with this mapping" }).click();
  await expect(form.getByText("Would be: 3 created, 0 updated, 0 unchanged, 0 retired.")).toBeVisible();
  await expect(page.getByTestId("register-problems")).toHaveCount(0);
  await form.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Import 3 rows into the register?");
  await expect(dialog).toContainText("3 created, 0 updated, 0 unchanged, 0 retired");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("register-result")).toContainText("Imported 3 rows: 3 created, 0 updated, 0 unchanged, 0 retired");
  await expect(page.getByTestId(`register-source-${SOURCE}`)).toContainText("CSV upload");
  await expect(page.getByTestId(`register-source-${SOURCE}`)).toContainText("by engineer@e2e.local");

  // Again under the same source, without row 3 and with a changed department: the saved mapping comes back.
  const next = rows("0009.fb00.0002").slice(0, 3);
  next[1] = next[1].replace(";ICU;", ";PICU;");
  await form.getByLabel("Source").fill(SOURCE);
  await form.getByLabel("Register file (CSV)").setInputFiles(file(next));
  await form.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(form.getByText("This source's saved mapping, from its last import.")).toBeVisible();
  await expect(form.getByLabel("Asset tag (required)", { exact: true })).toHaveValue("Equipment Ref");
  await expect(form.getByText("Would be: 0 created, 1 updated, 1 unchanged, 1 retired.")).toBeVisible();
  await form.getByRole("button", { name: "Import…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("register-result")).toContainText("0 created, 1 updated, 1 unchanged, 1 retired");
  await expect(page.getByTestId(`register-source-${SOURCE}`)).toContainText("1 retired");
  expect(await seriousAxe(page)).toEqual([]);
});
