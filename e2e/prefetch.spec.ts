// A page loads ahead only the views a person moves between (the navigation's views), never the
// settings pages or the device rows of a list: every page used to prefetch about 20 links.
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

test("the inventory prefetches at most the views in the navigation, no device row and no setting", async ({ page }) => {
  const tag = Date.now().toString(16).slice(-6).padStart(6, "0");
  const observations = Array.from({ length: 12 }, (_, i) => ({ channel: "ethernet", claimed: { mac: `00:d0:75:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${i.toString(16).padStart(2, "0")}`, hostname: `PREFETCH-${tag}-${i}` }, network: { segment: "PREFETCH-SEG" } }));
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: `sensor-prefetch-${tag}`, site: "Prefetch Campus" }, { reportId: `prefetch-${tag}`, hostname: "sensor-prefetch", observations });

  const prefetched: string[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    if (headers["next-router-prefetch"] || headers["rsc"] === "1" && request.url().includes("_rsc=")) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto("/inventory?q=prefetch-");
  await expect(page.getByRole("link", { name: new RegExp(`PREFETCH-${tag}-0`) })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const views = ["/", "/inventory", "/fleets", "/changes", "/assets", "/risk", "/review", "/unauthorized", "/alerts", "/agents", "/reports"];
  expect(prefetched.filter((p) => !views.includes(p)), `prefetched: ${prefetched.join(", ")}`).toEqual([]);
  // Next.js may fetch a route in several segment requests: count routes, not requests.
  expect(new Set(prefetched).size).toBeLessThanOrEqual(views.length);
  // The views themselves still load ahead: the count above is of real prefetches, not of nothing.
  expect(prefetched.length, "no prefetch was seen at all").toBeGreaterThan(0);
});
