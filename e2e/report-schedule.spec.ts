// The scheduled report: an administrator sets it up in Settings, once to write the PDF into a
// folder and once to e-mail it through an SMTP server (a real one on 127.0.0.1, started here), and
// test-sends each; the result shows on the page in words. Other roles cannot open the settings.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { expect, test } from "@playwright/test";
import { signInOk } from "./helpers";

test("an administrator schedules the report into a folder and by e-mail, and test-sends both", async ({ page }) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), "e2e-report-"));
  const mails: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false,
    onData: (stream, _session, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => (mails.push(Buffer.concat(chunks).toString("latin1")), done()));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const port = (smtp.server.address() as { port: number }).port;
  try {
    await signInOk(page, "admin");
    await page.getByRole("link", { name: "Scheduled report" }).click();
    await expect(page.getByRole("heading", { name: "Scheduled report", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Scheduled report settings" });

    // A relative folder is refused and nothing is saved.
    await form.getByLabel("Send the report").selectOption("weekly");
    await form.getByLabel("Deliver by").selectOption("folder");
    await form.getByLabel("Folder (folder delivery)").fill("reports/out");
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(form.getByText("The folder must be an absolute path")).toBeVisible();

    // The refused form keeps what was chosen and typed: only the folder needs correcting.
    await expect(form.getByLabel("Send the report")).toHaveValue("weekly");
    await expect(form.getByLabel("Deliver by")).toHaveValue("folder");
    await expect(form.getByLabel("Folder (folder delivery)")).toHaveValue("reports/out");
    await form.getByLabel("Folder (folder delivery)").fill(folder);
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(form.getByRole("status")).toContainText("Saved. The report goes out weekly");
    await page.getByRole("button", { name: "Send a test report now" }).click();
    await expect(page.getByRole("form", { name: "Send a test report" }).getByRole("status")).toContainText(`Written to ${folder}/ciso-report-all-`, { timeout: 60_000 });
    const files = readdirSync(folder);
    expect(files).toEqual([expect.stringMatching(/^ciso-report-all-\d{4}-\d{2}-\d{2}\.pdf$/)]);
    expect(readFileSync(join(folder, files[0])).subarray(0, 5).toString()).toBe("%PDF-");

    // By e-mail through the SMTP server.
    await page.reload();
    await form.getByLabel("Send the report").selectOption("weekly");
    await form.getByLabel("Deliver by").selectOption("email");
    await form.getByLabel("Recipients (e-mail delivery)").fill("ciso@hospital.test");
    await form.getByLabel("From address").fill("iomt@hospital.test");
    await form.getByLabel("SMTP server").fill("127.0.0.1");
    await form.getByLabel("SMTP port").fill(String(port));
    await form.getByLabel("Connection security").selectOption("none");
    await form.getByRole("button", { name: "Save schedule" }).click();
    await expect(form.getByRole("status")).toContainText("Saved.");
    await page.getByRole("button", { name: "Send a test report now" }).click();
    await expect(page.getByRole("form", { name: "Send a test report" }).getByRole("status")).toContainText("Sent to ciso@hospital.test", { timeout: 60_000 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/filename=ciso-report-all-\d{4}-\d{2}-\d{2}\.pdf/);

    // The SMTP server gone: the error comes back in words.
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await page.getByRole("button", { name: "Send a test report now" }).click();
    await expect(page.getByRole("form", { name: "Send a test report" }).getByRole("status")).toContainText("Not sent. Could not connect to the SMTP server", { timeout: 60_000 });
    await page.reload();
    await expect(page.getByTestId("report-schedule-status")).toContainText("Next report:");
  } finally {
    smtp.close(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
});

test("an analyst cannot open the scheduled report's settings", async ({ page }) => {
  await signInOk(page, "analyst");
  await expect(page.getByRole("link", { name: "Scheduled report" })).toHaveCount(0);
  await page.goto("/settings/reports");
  await expect(page.getByRole("heading", { name: "Scheduled report", level: 1 })).toHaveCount(0);
});
