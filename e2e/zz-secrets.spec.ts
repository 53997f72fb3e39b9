// Runs last (files run in name order, one worker): the server's whole output during this e2e run
// must hold no secret. By then it has seen sign-ins, wrong passwords, agent enrolments (tokens
// shown once in the UI), reports with good and bad tokens, feed uploads and refused requests.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, SERVER_LOG } from "./users";

test("no secret reached the server's logs during the run", () => {
  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log).toContain("database:"); // the file really is this run's server output
  expect(log).not.toContain(E2E_PASSWORD);
  expect(log).not.toMatch(/\biomtk?_[A-Za-z0-9_-]{40,}/); // agent tokens ("iomt_") and API keys ("iomtk_"), 43 random characters
  expect(log).not.toMatch(/scrypt\$\d+\$/); // password hashes
  expect(log).not.toMatch(/NEXTAUTH_SECRET=\S{8,}/);
  expect(log).not.toMatch(/next-auth\.session-token=/); // session cookies
  expect(log).not.toMatch(/authorization:\s*bearer\s+\S{8,}/i);
});
