// feeds:update on the Feeds page: where each feed comes from, pointing a feed at a mirror (here a
// local fixture server, tests/support/feed-fixture-server.ts) and back, and "Update now".
// What the fixture serves is chosen so the update changes nothing the later specs rely on: the
// whole KEV catalog (the same entries risk.spec.ts imports), a truncated EPSS gzip (refused, so
// the EPSS table stays empty) and a CSAF directory that lists no medical advisory.
import { expect, test, type Page } from "@playwright/test";
import { startFeedFixtureServer, type FeedFixtureServer } from "../tests/support/feed-fixture-server";
import { signInOk } from "./helpers";

let server: FeedFixtureServer;
test.beforeAll(async () => {
  server = await startFeedFixtureServer({ kevCves: 100_000, epss: "truncated-gzip", csafAdvisories: 0 });
});
test.afterAll(async () => {
  await server?.close();
});

const card = (page: Page, feed: string) => page.getByTestId(`feed-source-${feed}`);

async function setSource(page: Page, feed: string, url: string) {
  const form = card(page, feed).getByRole("form", { name: /^Source of / });
  await form.getByRole("textbox").fill(url);
  await form.getByRole("button", { name: "Save" }).click();
}

test("an administrator points the feeds at a mirror, updates them now and sees what each did", async ({ page }) => {
  test.setTimeout(90_000);
  await signInOk(page, "admin");
  await page.goto("/settings/feeds");
  await expect(page.getByRole("heading", { name: "Feeds", exact: true })).toBeVisible();

  // Nothing set: the official sources, never tried.
  await expect(page.getByTestId("feed-url-kev")).toHaveText("https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json");
  await expect(page.getByTestId("feed-origin-kev")).toHaveText("(official default)");
  await expect(card(page, "epss")).toContainText("Last trynever");
  await expect(page.getByText("No update has run yet.")).toBeVisible();

  // A URL that is not http(s) is refused by the server, with the reason.
  await setSource(page, "kev", "file:///etc/passwd");
  await expect(card(page, "kev").getByRole("alert")).toContainText("http:// or https://");
  await expect(page.getByTestId("feed-origin-kev")).toHaveText("(official default)");

  // Set, shown with who set it, then reset to the default.
  await setSource(page, "kev", server.urls.kev);
  await expect(card(page, "kev").getByRole("status")).toHaveText(`CISA KEV catalog now comes from ${server.urls.kev}.`);
  await expect(page.getByTestId("feed-url-kev")).toHaveText(server.urls.kev);
  await expect(page.getByTestId("feed-origin-kev")).toHaveText("(set on this page by admin@e2e.local)");
  await card(page, "kev").getByRole("button", { name: "Use the default source" }).click();
  await expect(card(page, "kev").getByRole("status")).toHaveText("CISA KEV catalog is back to its default source.");
  await expect(page.getByTestId("feed-origin-kev")).toHaveText("(official default)");

  for (const feed of ["kev", "epss", "csaf"] as const) {
    await setSource(page, feed, server.urls[feed]);
    await expect(page.getByTestId(`feed-url-${feed}`)).toHaveText(server.urls[feed]);
  }

  await page.getByRole("button", { name: "Update now" }).click();
  await expect(page.getByRole("form", { name: "Update the feeds now" }).getByRole("status")).toHaveText(
    "CISA KEV catalog: updated, EPSS scores: failed, CISA medical advisories (CSAF): unchanged. See the error below.",
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("feed-last-run-kev")).toContainText("added: ");
  await expect(page.getByTestId("feed-error-epss")).toContainText("corrupt gzip");
  await expect(page.getByTestId("feed-error-kev")).toHaveCount(0);
  await expect(card(page, "kev")).not.toContainText("Last successnever");
  const runs = page.getByTestId("feed-update-runs");
  await expect(runs.getByRole("row")).toHaveCount(4);
  await expect(runs).toContainText("page");
  expect(server.requests.map((r) => r.path)).toEqual(expect.arrayContaining(["/kev/known_exploited_vulnerabilities.json", "/epss/epss_scores-current.csv.gz", "/csaf/changes.csv"]));

  // A second update asks with the stored validators: KEV answers 304.
  await page.getByRole("button", { name: "Update now" }).click();
  await expect(page.getByRole("form", { name: "Update the feeds now" }).getByRole("status")).toContainText("CISA KEV catalog: unchanged", { timeout: 60_000 });
  await expect(page.getByTestId("feed-last-run-kev")).toContainText("not modified");

  // Leave the official sources for whoever comes next.
  for (const feed of ["kev", "epss", "csaf"] as const) {
    await card(page, feed).getByRole("button", { name: "Use the default source" }).click();
    await expect(page.getByTestId(`feed-origin-${feed}`)).toHaveText("(official default)");
  }
});

const epssDay = (day: string, score: number) => ({
  name: `epss-${day}.csv`,
  mimeType: "text/csv",
  // A CVE no device of the suite has: the scores change nothing the later specs read.
  buffer: Buffer.from(`#model_version:v2025.03.14,score_date:${day}T00:00:00+0000\ncve,epss,percentile\nCVE-1999-99999,${score},0.5\n`),
});

test("an administrator rolls a bad day of EPSS scores back to the day before", async ({ page }) => {
  await signInOk(page, "admin");
  await page.goto("/settings/feeds");
  for (const [day, score] of [["2026-01-01", 0.1], ["2026-01-02", 0.9]] as const) {
    await page.getByLabel("Feed files").setInputFiles(epssDay(day, score));
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("row", { name: new RegExp(`epss-${day}\\.csv`) })).toBeVisible();
  }
  const earlier = page.getByRole("row", { name: /epss-2026-01-01\.csv/ });
  await earlier.getByRole("button", { name: "Roll back to this" }).click();
  await earlier.getByRole("button", { name: /back in force/ }).click();
  await expect(earlier.getByRole("status")).toContainText("EPSS scores v2025.03.14 is back in force");
  await page.reload();
  await expect(page.getByRole("row", { name: /rollback to epss-2026-01-01\.csv/ })).toBeVisible();
  // The day rolled back from can now be put back, the restored one (in force) cannot.
  await expect(page.getByRole("row", { name: /^epss-2026-01-02\.csv/ }).getByRole("button", { name: "Roll back to this" })).toBeVisible();
});
