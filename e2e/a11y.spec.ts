// Issue 20, item 7: every view passes axe (@axe-core/playwright) with no critical, serious or
// moderate violation, each scanned as an administrator (who may see them all), the sign-in page
// signed out. Minor findings are listed in the test's output but do not fail it.
// Run: E2E_PORT=3492 NEXT_DIST_DIR=.next-phone … npx playwright test e2e/a11y.spec.ts
import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const FAILING_IMPACTS = new Set(["critical", "serious", "moderate"]);

/** Views that may not exist yet (built by other work in progress): scanned once their page does. */
const WHEN_BUILT = ["/fleets", "/settings/reports", "/settings/assets"].filter((href) => existsSync(`app/(dashboard)${href}/page.tsx`));

const VIEWS = [
  "/", "/inventory", "/assets", "/assets?tab=missing", "/risk", "/risk/model", "/unauthorized", "/review", "/alerts", "/agents", "/reports", "/changes", "/changes?tab=calendar", "/changes?tab=unplanned", "/changes?tab=contingency", "/changes/new",
  "/settings/users", "/settings/sites", "/settings/policies", "/settings/feeds", "/settings/sso",
  "/settings/integrations", "/settings/api-keys", "/settings/audit", "/account", "/account/two-factor",
  ...WHEN_BUILT,
];

type Finding = { view: string; rule: string; impact: string; help: string; targets: string[] };

/** Scans the page as it stands, once its content has rendered (charts and lists stream in). */
async function scan(page: Page, view: string): Promise<Finding[]> {
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => ({ view, rule: v.id, impact: v.impact ?? "unknown", help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/** One line per rule and view, so a failure says where to look without opening a trace. */
const describe = (findings: Finding[]) => findings.map((f) => `${f.impact.padEnd(8)} ${f.rule} on ${f.view}: ${f.help}\n           ${f.targets.join("\n           ")}`).join("\n");

/** Each view on its own (soft): one view's violations do not hide the next view's. */
function report(findings: Finding[]) {
  const minor = findings.filter((f) => !FAILING_IMPACTS.has(f.impact));
  if (minor.length) console.log(`axe, minor (not failing):\n${describe(minor)}`);
  const failing = findings.filter((f) => FAILING_IMPACTS.has(f.impact));
  expect.soft(failing, `axe violations:\n${describe(failing)}`).toEqual([]);
}

test("the sign-in page has no serious or moderate axe violation", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("E-mail")).toBeVisible();
  report(await scan(page, "/login"));
});

test("every dashboard view has no serious or moderate axe violation", async ({ page }) => {
  // About 25 views, each scanned whole: minutes on a busy machine.
  test.setTimeout(600_000);
  await signInOk(page, "admin");
  const stamp = Date.now();
  await enrolAndReport(page, { name: `sensor-a11y-${stamp}` }, {
    reportId: `a11y-${stamp}`,
    hostname: "A11Y-SENSOR",
    observations: [{ channel: "ethernet", claimed: { mac: "00:09:fb:a1:1a:01", hostname: `A11Y-MONITOR-${stamp}`, vendor: "Philips", model: "IntelliVue MX450" }, network: { segment: "ICU-VLAN-20", openPorts: [24105] } }],
  });
  await page.goto(`/inventory?q=A11Y-MONITOR-${stamp}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: `A11Y-MONITOR-${stamp}` }).click();
  await expect(page.getByRole("heading", { name: `A11Y-MONITOR-${stamp}` })).toBeVisible();
  report(await scan(page, "/devices/<id>"));

  for (const view of VIEWS) {
    const response = await page.goto(view);
    expect.soft(response?.status(), view).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    report(await scan(page, view));
  }
});
