// feeds:update against a local fixture server (tests/support/feed-fixture-server.ts): success,
// not modified, and every way a download can go wrong, each of which must leave the stored
// vulnerability data exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { takeFeedsLease } from "@/lib/feeds/lease";
import { DEFAULT_FEED_URLS, effectiveSource } from "@/lib/domain/words/feed-sources";
import { setFeedSourceUrl } from "@/lib/feeds/sources";
import { updateFeeds, type FeedRun, type UpdateOptions } from "@/lib/feeds/update";
import { startFeedFixtureServer, type FeedFixtureServer } from "../support/feed-fixture-server";
import { makeUser } from "./helpers";
import { runCli } from "../support/run-cli";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { setFeedSourceAction, updateFeedsNowAction } = await import("@/app/(dashboard)/settings/feeds/actions");

let server: FeedFixtureServer;
const db = () => getDb();
let admin: { id: string; email: string };

beforeAll(async () => {
  server = await startFeedFixtureServer();
  Object.assign(process.env, server.env);
  admin = await makeUser("admin");
});
afterAll(async () => {
  for (const key of Object.keys(server.env)) delete process.env[key];
  await server.close();
});
beforeEach(() => {
  server.set({ kev: "ok", epss: "ok", csaf: "ok" });
});

async function update(options: Partial<UpdateOptions> = {}): Promise<Record<string, FeedRun>> {
  const result = await updateFeeds(db(), { trigger: "cli", timeoutMs: 5_000, ...options });
  if (result.status !== "done") throw new Error(result.message);
  return Object.fromEntries(result.runs.map((r) => [r.feed, r]));
}

/** What a failed update must not touch: the data, and where each feed's next update starts from. */
async function stored() {
  const d = db();
  const [vulnerabilities, kev, advisories, products, epss, imports, sources] = await Promise.all([
    d.vulnerability.count(), d.vulnerability.count({ where: { kev: true } }), d.advisory.count(), d.affectedProduct.count(), d.epssScore.count(), d.feedImport.count(),
    d.feedSource.findMany({ orderBy: { feed: "asc" }, select: { feed: true, etag: true, lastModified: true, cursor: true, lastSuccessAt: true, lastChangeAt: true } }),
  ]);
  return { vulnerabilities, kev, advisories, products, epss, imports, sources };
}

async function expectFailureChangesNothing(options: Partial<UpdateOptions>, feed: "kev" | "epss" | "csaf", error: RegExp) {
  const before = await stored();
  const runsBefore = await db().feedUpdateRun.count({ where: { feed } });
  const runs = await update({ feeds: [feed], ...options });
  expect(runs[feed]).toMatchObject({ outcome: "failed" });
  expect(runs[feed].error).toMatch(error);
  expect(await stored()).toEqual(before);
  const source = await db().feedSource.findUniqueOrThrow({ where: { feed } });
  expect(source.lastError).toMatch(error);
  expect(source.lastTryAt!.getTime()).toBeGreaterThan(source.lastSuccessAt?.getTime() ?? 0);
  const run = await db().feedUpdateRun.findFirstOrThrow({ where: { feed }, orderBy: { startedAt: "desc" } });
  expect(run).toMatchObject({ outcome: "failed", trigger: "cli" });
  expect(run.finishedAt).not.toBeNull();
  expect(await db().feedUpdateRun.count({ where: { feed } })).toBe(runsBefore + 1);
}

describe("feeds:update", () => {
  it("imports all three feeds and records each run", async () => {
    const runs = await update();
    expect(runs.kev).toMatchObject({ outcome: "updated", error: null, url: server.urls.kev, summary: { cves: 25, added: 25 } });
    expect(runs.epss).toMatchObject({ outcome: "updated", summary: { cves: 40 } });
    expect(runs.csaf).toMatchObject({ outcome: "updated", summary: { files: 3, imported: 3, listed: 3, remaining: 0 } });
    const now = await stored();
    expect(now).toMatchObject({ kev: 25, advisories: 3, epss: 40, imports: 5 });
    for (const s of now.sources) {
      expect(s.etag, s.feed).toMatch(/^"[0-9a-f]+"$/);
      expect(s.lastModified).toBe("Mon, 25 Aug 2025 12:00:00 GMT");
      expect(s.lastChangeAt).not.toBeNull();
    }
    expect(now.sources.find((s) => s.feed === "csaf")?.cursor).toBe("2025-01-03T07:00:00.000Z");
    const runRows = await db().feedUpdateRun.findMany({ select: { feed: true, outcome: true, trigger: true, error: true, summary: true } });
    expect(runRows).toHaveLength(3);
    expect(runRows.every((r) => r.outcome === "updated" && r.trigger === "cli" && r.error === null && r.summary)).toBe(true);
    // Only medical advisories are fetched, each with its digest.
    const paths = server.requests.map((r) => r.path);
    expect(paths.filter((p) => p.endsWith(".json.sha512"))).toHaveLength(3);
    expect(paths.some((p) => p.includes("icsa-25"))).toBe(false);
    expect((await db().auditLog.findMany({ where: { action: "feed.import" } })).map((a) => a.actorLabel)).toContain("feeds:update (cli)");
  });

  it("asks with the stored validators and imports nothing when the sources answer 304", async () => {
    const before = await stored();
    const since = server.requests.length;
    const runs = await update();
    expect(Object.values(runs).map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(runs.kev.summary).toEqual({ notModified: true });
    const asked = server.requests.slice(since);
    expect(asked.map((r) => r.status)).toEqual([304, 304, 304]);
    expect(asked.every((r) => typeof r.headers["if-none-match"] === "string" && r.headers["if-modified-since"] === "Mon, 25 Aug 2025 12:00:00 GMT")).toBe(true);
    const after = await stored();
    expect({ ...after, sources: after.sources.map((s) => ({ ...s, lastSuccessAt: null })) }).toEqual({ ...before, sources: before.sources.map((s) => ({ ...s, lastSuccessAt: null })) });
  });

  it("takes only the advisories published since the cursor", async () => {
    server.set({ csafAdvisories: 4 });
    const since = server.requests.length;
    const runs = await update({ feeds: ["csaf"] });
    expect(runs.csaf).toMatchObject({ outcome: "updated", summary: { files: 1, imported: 1 } });
    expect(server.requests.slice(since).filter((r) => r.path.endsWith(".json")).map((r) => r.path)).toHaveLength(1);
    expect((await db().feedSource.findUniqueOrThrow({ where: { feed: "csaf" } })).cursor).toBe("2025-01-04T07:00:00.000Z");
    expect(await db().advisory.count()).toBe(4);
  });

  it("refuses a CSAF file whose SHA-512 does not match, naming it, and imports none of the batch", async () => {
    server.set({ csafAdvisories: 6, csaf: "bad-checksum" });
    await expectFailureChangesNothing({}, "csaf", /icsma-[\d-]+\.json: checksum mismatch/);
    expect((await db().feedSource.findUniqueOrThrow({ where: { feed: "csaf" } })).cursor).toBe("2025-01-04T07:00:00.000Z");
  });

  it("refuses a CSAF batch holding a file that is not valid JSON", async () => {
    server.set({ csafAdvisories: 6, csaf: "malformed" });
    await expectFailureChangesNothing({}, "csaf", /nothing was imported/);
  });

  it("gives up on a download that does not finish in time", async () => {
    server.set({ kevCves: 30, kev: "hang" });
    const started = Date.now();
    await expectFailureChangesNothing({ timeoutMs: 400 }, "kev", /timeout/);
    expect(Date.now() - started).toBeLessThan(5_000);
    server.set({ csaf: "hang" });
    await expectFailureChangesNothing({ timeoutMs: 400 }, "csaf", /timeout/);
  });

  it("stops a download that grows past the size limit while it streams", async () => {
    server.set({ kev: "oversize" });
    await expectFailureChangesNothing({}, "kev", /larger than the 16 MB limit/);
    server.set({ epss: "oversize" });
    await expectFailureChangesNothing({ maxBytes: { epss: 2 ** 20 } }, "epss", /larger than the 1 MB limit/);
  });

  it("refuses a truncated EPSS gzip", async () => {
    server.set({ epss: "truncated-gzip" });
    await expectFailureChangesNothing({}, "epss", /corrupt gzip/);
  });

  it("refuses a KEV catalog that is not valid JSON", async () => {
    server.set({ kevCves: 30, kev: "malformed" });
    await expectFailureChangesNothing({}, "kev", /valid JSON/);
  });

  it("refuses a source that serves another feed", async () => {
    await db().feedSource.update({ where: { feed: "kev" }, data: { url: `${server.urls.csaf}2023/icsma-23-331-01.json` } });
    try {
      await expectFailureChangesNothing({}, "kev", /not a KEV catalog/);
    } finally {
      await db().feedSource.update({ where: { feed: "kev" }, data: { url: null } });
    }
  });

  it("updates the other feeds when one fails", async () => {
    server.set({ kevCves: 30, kev: "malformed", csafAdvisories: 5 });
    const runs = await update();
    expect(runs.kev.outcome).toBe("failed");
    expect(runs.epss.outcome).toBe("unchanged");
    expect(runs.csaf).toMatchObject({ outcome: "updated", summary: { imported: 1 } });
    server.set({ kev: "ok" });
    expect((await update({ feeds: ["kev"] })).kev).toMatchObject({ outcome: "updated", summary: { cves: 30, added: 5 } });
    expect((await db().feedSource.findUniqueOrThrow({ where: { feed: "kev" } })).lastError).toBeNull();
  });
});

describe("a CSAF run capped at a number of files", () => {
  it("leaves the rest for the next run, which asks for changes.csv again", async () => {
    const source = await db().feedSource.findUniqueOrThrow({ where: { feed: "csaf" } });
    expect(source).toMatchObject({ cursor: "2025-01-05T07:00:00.000Z", etag: expect.any(String) });
    await db().feedSource.update({ where: { feed: "csaf" }, data: { cursor: "2025-01-02T07:00:00.000Z", etag: null, lastModified: null } });
    const first = await update({ feeds: ["csaf"], csafMaxFiles: 2 });
    // Days 3 and 4 again: the same bytes, so the importer changes nothing.
    expect(first.csaf).toMatchObject({ outcome: "unchanged", summary: { files: 2, unchanged: 2, remaining: 1 } });
    expect(await db().feedSource.findUniqueOrThrow({ where: { feed: "csaf" } })).toMatchObject({ cursor: "2025-01-04T07:00:00.000Z", etag: null });
    const since = server.requests.length;
    const second = await update({ feeds: ["csaf"], csafMaxFiles: 2 });
    expect(second.csaf).toMatchObject({ outcome: "unchanged", summary: { files: 1, remaining: 0 } });
    expect(server.requests[since]).toMatchObject({ path: "/csaf/changes.csv", status: 200 });
    expect(server.requests[since].headers["if-none-match"]).toBeUndefined();
    expect(await db().feedSource.findUniqueOrThrow({ where: { feed: "csaf" } })).toMatchObject({ cursor: "2025-01-05T07:00:00.000Z", etag: expect.any(String) });
  });
});

describe("one update at a time", () => {
  it("reports another update running instead of importing twice", async () => {
    const lease = await takeFeedsLease(db(), "someone else");
    if (!("release" in lease)) throw new Error("lease not taken");
    const runsBefore = await db().feedUpdateRun.count();
    const second = await updateFeeds(db(), { trigger: "schedule" });
    expect(second).toMatchObject({ status: "busy", message: expect.stringMatching(/another feeds update is running \(someone else/) });
    expect(await db().feedUpdateRun.count()).toBe(runsBefore);
    await lease.release();
    expect((await updateFeeds(db(), { trigger: "schedule", feeds: ["epss"] })).status).toBe("done");
  });

  it("takes over a lease whose holder died", async () => {
    const stale = await takeFeedsLease(db(), "crashed", 1);
    expect("release" in stale).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect((await updateFeeds(db(), { trigger: "cli", feeds: ["epss"] })).status).toBe("done");
    expect(await db().setting.findUnique({ where: { key: "feeds.update.lease" } })).toBeNull();
  });

  it("lets exactly one of two simultaneous updates run", async () => {
    const both = await Promise.all([updateFeeds(db(), { trigger: "cli", feeds: ["epss"] }), updateFeeds(db(), { trigger: "schedule", feeds: ["epss"] })]);
    expect(both.map((r) => r.status).sort()).toEqual(["busy", "done"]);
  });
});

describe("source URLs", () => {
  it("uses the feed page's URL over FEEDS_*_URL over the official source", async () => {
    expect(effectiveSource("kev", null, {})).toEqual({ url: DEFAULT_FEED_URLS.kev, origin: "default", setBy: null });
    expect(effectiveSource("kev", { url: null, urlSetBy: null }, { FEEDS_KEV_URL: "http://mirror/kev.json" })).toMatchObject({ url: "http://mirror/kev.json", origin: "environment" });
    expect(effectiveSource("kev", { url: "https://set/kev.json", urlSetBy: "a@b" }, { FEEDS_KEV_URL: "http://mirror/kev.json" })).toEqual({ url: "https://set/kev.json", origin: "setting", setBy: "a@b" });

    process.env.FEEDS_KEV_URL = "http://127.0.0.1:1/kev.json"; // nothing listens there
    try {
      expect((await update({ feeds: ["kev"] })).kev).toMatchObject({ outcome: "failed", url: "http://127.0.0.1:1/kev.json" });
      await setFeedSourceUrl(db(), { feed: "kev", url: server.urls.kev }, admin);
      expect((await update({ feeds: ["kev"] })).kev).toMatchObject({ outcome: "unchanged", url: server.urls.kev });
      expect(await db().feedSource.findUniqueOrThrow({ where: { feed: "kev" } })).toMatchObject({ url: server.urls.kev, urlSetBy: admin.email });
      await setFeedSourceUrl(db(), { feed: "kev", url: "" }, admin);
      expect((await update({ feeds: ["kev"] })).kev).toMatchObject({ outcome: "failed", url: "http://127.0.0.1:1/kev.json" });
    } finally {
      process.env.FEEDS_KEV_URL = server.urls.kev;
    }
    const audits = await db().auditLog.findMany({ where: { action: "feed.source.set" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.after)).toEqual([{ url: server.urls.kev }, { url: null }]);
    expect(audits[0].actorLabel).toBe(admin.email);
  });

  it.each(["file:///etc/passwd", "ftp://mirror/kev.json", "javascript:alert(1)", `https://x/${"a".repeat(2000)}`, "https://user:pw@mirror/kev.json"])("refuses source URL %#", async (url) => {
    await expect(setFeedSourceUrl(db(), { feed: "kev", url }, admin)).rejects.toMatchObject({ status: 400 });
    await expect(setFeedSourceUrl(db(), { feed: "cyclonedx", url: "https://x/" }, admin)).rejects.toMatchObject({ status: 400 });
  });
});

describe("the Feeds page's actions", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("refuse every role but the administrator, on the server", async () => {
    for (const role of ["analyst", "engineer", "viewer"] as const) {
      const user = await makeUser(role);
      session.current = { user: { id: user.id, email: user.email, role } };
      expect(await setFeedSourceAction(null, form({ feed: "kev", url: "https://evil.example/kev.json" }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
      expect(await updateFeedsNowAction(null, form({}))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    }
    expect((await db().feedSource.findUniqueOrThrow({ where: { feed: "kev" } })).url).toBeNull();
    session.current = null;
  });

  it("set a source and update now for an administrator", async () => {
    session.current = { user: { id: admin.id, email: admin.email, role: "admin" } };
    expect(await setFeedSourceAction(null, form({ feed: "epss", url: "ftp://x/" }))).toMatchObject({ ok: false, fieldErrors: { url: expect.stringMatching(/http/) } });
    expect(await setFeedSourceAction(null, form({ feed: "epss", url: server.urls.epss }))).toEqual({ ok: true, message: `EPSS scores now comes from ${server.urls.epss}.` });
    server.set({ kev: "malformed", kevCves: 40 });
    const answer = await updateFeedsNowAction(null, form({}));
    expect(answer).toEqual({ ok: false, message: "CISA KEV catalog: failed, EPSS scores: unchanged, CISA medical advisories (CSAF): unchanged. See the error below." });
    expect(await db().feedUpdateRun.count({ where: { trigger: "page" } })).toBe(3);
    expect(await setFeedSourceAction(null, form({ feed: "epss", url: "" }))).toEqual({ ok: true, message: "EPSS scores is back to its default source." });
    session.current = null;
  });
});

describe("npm run feeds:update", () => {
  const cli = (args: string[]) => runCli("feeds-update.ts", args, server.env);

  it("prints a line per feed, rescores, and exits 1 when a feed failed", async () => {
    server.set({ kevCves: 35 });
    const ok = await cli([]);
    expect(ok.stderr).not.toMatch(/error/);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^updated\s+kev\s+.*added=5/m);
    expect(ok.stdout).toMatch(/^unchanged\s+epss/m);
    expect(ok.stdout).toMatch(/^unchanged\s+csaf/m);
    expect(ok.stdout).toMatch(/^rescored \d+ of \d+ devices/m);

    server.set({ kevCves: 36, kev: "malformed" });
    const failed = await cli(["--feed", "kev", "--json"]);
    expect(failed.status).toBe(1);
    const answer = JSON.parse(failed.stdout) as { runs: FeedRun[] };
    expect(answer.runs).toEqual([expect.objectContaining({ feed: "kev", outcome: "failed", error: expect.stringMatching(/valid JSON/) })]);
    expect(failed.stderr).toMatch(/error: kev failed/);
    expect(await db().vulnerability.count({ where: { kev: true } })).toBe(35);

    expect((await cli(["--feed", "nvd"])).stderr).toMatch(/unknown feed nvd/);
  });
});
