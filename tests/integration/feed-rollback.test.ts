// An administrator rolls a feed back: an earlier KEV catalog or EPSS day is put back in force
// from the document kept at its import, recorded and audited, and later releases still arrive.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { ROLLBACK_KEPT } from "@/lib/domain/words/feed-names";
import { importFeeds, type ImportFile } from "@/lib/vulns/import";
import { rollbackFeed } from "@/lib/vulns/rollback";
import { makeUser, testSession } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const cli = { system: "test" };
const db = () => getDb();
const text = (s: string) => new TextEncoder().encode(s);

/** A KEV catalog released on `day` (2026-03-DD) listing the given CVEs. */
function kev(day: number, cves: string[]): ImportFile {
  const dd = String(day).padStart(2, "0");
  const entry = (cveID: string) => ({ cveID, vendorProject: "Baxter", product: "Sigma Spectrum", vulnerabilityName: `${cveID} test`, dateAdded: "2024-01-01", shortDescription: "A test entry.", dueDate: "2024-02-01", knownRansomwareCampaignUse: "Unknown" });
  const catalog = { title: "CISA Catalog of Known Exploited Vulnerabilities", catalogVersion: `2026.03.${dd}`, dateReleased: `2026-03-${dd}T12:00:00.000Z`, count: cves.length, vulnerabilities: cves.map(entry) };
  return { name: `kev-${dd}.json`, bytes: text(JSON.stringify(catalog)) };
}

const epss = (day: string, score: number): ImportFile => ({
  name: `epss-${day}.csv`,
  bytes: text(`#model_version:v2025.03.14,score_date:${day}T00:00:00+0000\ncve,epss,percentile\nCVE-2024-50001,${score},0.9\n`),
});

const importOf = async (file: string) => (await db().feedImport.findFirst({ where: { source: file } }))!;
const listed = async (cve: string) => (await db().vulnerability.findUnique({ where: { id: cve } }))?.kev;

describe("rolling a KEV catalog back", () => {
  beforeAll(async () => {
    await importFeeds(db(), [kev(1, ["CVE-2024-50001", "CVE-2024-50002"])], { actor: cli });
    // A truncated catalog from a broken mirror: the second CVE disappears.
    await importFeeds(db(), [kev(3, ["CVE-2024-50001"])], { actor: cli });
  });

  it("puts the earlier catalog back in force through the Feeds page action, recorded and audited", async () => {
    expect(await listed("CVE-2024-50002")).toBe(false);
    const admin = await makeUser("admin");
    testSession.current = { user: { id: admin.id, email: admin.email, role: "admin" } };
    const { rollbackFeedAction } = await import("@/app/(dashboard)/settings/feeds/actions");
    const form = new FormData();
    form.set("importId", (await importOf("kev-01.json")).id);
    const result = await rollbackFeedAction(null, form);
    expect(result).toMatchObject({ ok: true });
    expect(await listed("CVE-2024-50002")).toBe(true);

    const record = await db().feedImport.findFirst({ where: { source: "rollback to kev-01.json" } });
    expect(record).toMatchObject({ feed: "kev", feedVersion: "2026.03.01", rolledBackFrom: (await importOf("kev-03.json")).id, importedBy: admin.email });
    const audited = await db().auditLog.findFirst({ where: { action: "feed.rollback" } });
    expect(audited).toMatchObject({ actorLabel: admin.email, targetId: "kev" });
  });

  it("a viewer cannot roll back, and nothing changes", async () => {
    const viewer = await makeUser("viewer");
    testSession.current = { user: { id: viewer.id, email: viewer.email, role: "viewer" } };
    const { rollbackFeedAction } = await import("@/app/(dashboard)/settings/feeds/actions");
    const form = new FormData();
    form.set("importId", (await importOf("kev-03.json")).id);
    const before = await db().feedImport.count();
    expect(await rollbackFeedAction(null, form)).toMatchObject({ ok: false });
    expect(await db().feedImport.count()).toBe(before);
    expect(await listed("CVE-2024-50002")).toBe(true);
  });

  it("fetching the rolled-back catalog again changes nothing; a release newer than the restored one is imported", async () => {
    const [again] = await importFeeds(db(), [kev(3, ["CVE-2024-50001"])], { actor: cli });
    expect(again!.status).toBe("unchanged");
    expect(await listed("CVE-2024-50002")).toBe(true);
    // Dated between the restored catalog and the rolled-back one: welcome again.
    const [between] = await importFeeds(db(), [kev(2, ["CVE-2024-50001", "CVE-2024-50002", "CVE-2024-50003"])], { actor: cli });
    expect(between!.status).toBe("imported");
    expect(await listed("CVE-2024-50003")).toBe(true);
  });

  it("refuses the release in force, an unknown import and an advisory, changing nothing", async () => {
    const inForce = await importOf("kev-02.json");
    await expect(rollbackFeed(db(), inForce.id, cli)).rejects.toMatchObject({ status: 409 });
    await expect(rollbackFeed(db(), "no-such-import", cli)).rejects.toMatchObject({ status: 404 });
    const sbomLike = await db().feedImport.create({ data: { feed: "csaf", source: "icsma.json", sha256: "x".repeat(64), importedBy: "test", summary: {} } });
    await expect(rollbackFeed(db(), sbomLike.id, cli)).rejects.toMatchObject({ status: 400 });
    expect(await db().feedImport.count({ where: { source: { startsWith: "rollback to" } } })).toBe(1);
  });

  it(`keeps the documents of the newest ${ROLLBACK_KEPT} catalogs only; an older one says to import its file again`, async () => {
    for (let day = 10; day < 10 + ROLLBACK_KEPT + 1; day++) await importFeeds(db(), [kev(day, ["CVE-2024-50001"])], { actor: cli });
    expect(await db().feedImport.count({ where: { feed: "kev", content: { not: null } } })).toBe(ROLLBACK_KEPT);
    const old = await importOf("kev-01.json");
    await expect(rollbackFeed(db(), old.id, cli)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("no longer kept") });
  });
});

describe("rolling EPSS scores back", () => {
  it("the earlier day's scores replace the bad day's whole", async () => {
    await importFeeds(db(), [epss("2026-03-01", 0.25)], { actor: cli });
    await importFeeds(db(), [epss("2026-03-02", 0.99)], { actor: cli });
    expect((await db().epssScore.findUnique({ where: { cve: "CVE-2024-50001" } }))?.epss).toBe(0.99);
    const outcome = await rollbackFeed(db(), (await importOf("epss-2026-03-01.csv")).id, cli);
    expect(outcome).toMatchObject({ feed: "epss", summary: { cves: 1 } });
    expect((await db().epssScore.findUnique({ where: { cve: "CVE-2024-50001" } }))?.epss).toBe(0.25);
  });
});
