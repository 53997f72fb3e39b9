// A stranger guessing a password locks only their own address out of the account, whatever
// X-Forwarded-For they send; an administrator sees the lock on Users & roles and lifts it.
import { expect, test, type Page } from "@playwright/test";
import { signInOk } from "./helpers";

const email = `locked-${Date.now()}@e2e.local`;
const password = "the-owners-own-password";

let claimed = 0;
/** One sign-in, claiming a new address each time in X-Forwarded-For (the server appends the real one). */
async function attempt(page: Page, secret: string) {
  claimed += 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${claimed}` });
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  return page.locator("form").getByRole("alert");
}

test("a guesser is locked out of the account from their address, and an administrator unlocks it", async ({ page, browser }) => {
  // Eight sign-ins, each hashing a password, and 7 s of the server's own pauses: past the default
  // 30 s on a busy machine (it timed out once in CI at 31.7 s).
  test.setTimeout(90_000);
  await signInOk(page, "admin");
  await page.goto("/settings/users");
  const create = page.getByRole("form", { name: "Create a user" });
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Initial password").fill(password);
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email}`)).toBeVisible();

  // The guesser claims to be somewhere else on every attempt: the server counts its real address.
  const guesser = await browser.newContext();
  const tab = await guesser.newPage();
  // Past two failures the account pauses 1 s, 2 s, 4 s…: the guesser waits each pause out.
  for (const wait of [0, 0, 0, 1_100, 2_100]) {
    await tab.waitForTimeout(wait);
    await expect(await attempt(tab, "not-the-password")).toHaveText("Wrong e-mail or password.");
  }
  await tab.waitForTimeout(4_100);
  await expect(await attempt(tab, "not-the-password")).toContainText("Too many failed sign-ins from here");
  // The right password too, from there (the owner elsewhere is not affected: tests/integration/signin.test.ts).
  await expect(await attempt(tab, password)).toContainText("Too many failed sign-ins from here");

  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByText("sign-in locked from 1 address")).toBeVisible();
  await row.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(row.getByText(`Unlocked sign-in for ${email}.`)).toBeVisible();

  await attempt(tab, password);
  await expect(tab.getByRole("heading", { name: "Overview" })).toBeVisible();
  await guesser.close();
});
