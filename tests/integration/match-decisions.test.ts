// Possible matches decided by people: a confirmed one is affected and scores, a dismissed one
// stops counting, and both hold through a re-import of the same advisories and a full rescoring.
// Undo brings the possible match back. Audited; a viewer is refused.
import { storedBreakdown } from "@/lib/db/stored-breakdown";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { decideMatch, undoMatchDecision } from "@/lib/commands/match-decisions";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { refreshTally } from "@/lib/jobs/tally";
import { listDecidedMatches, listPossibleMatches, parseReviewParams, reviewFacets } from "@/lib/queries/match-review";
import { readTally } from "@/lib/queries/tally-counts";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";
import { REASON_SELECT, storedReason } from "@/lib/db/stored-reason";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { decideMatchAction, undoMatchDecisionAction } = await import("@/app/(dashboard)/review/actions");

const db = () => getDb();
// ICSMA-18-156-01 names the IntelliVue MX monitors' versions "Rev J-M | (X3/MX100 for Rev M only)": nobody's parser reads that, so every CVE is a possible match.
const ADVISORY = "icsma-18-156-01.json";
const advisoryFile = () => ({ name: ADVISORY, bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "csaf", ADVISORY)) });
const analyst = { id: "", email: "" };
let deviceId = "";
let cves: string[] = [];

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const matches = async () =>
  (await db().deviceVulnerability.findMany({ where: { deviceId }, select: { vulnerabilityId: true, status: true, ...REASON_SELECT } }))
    .map(({ reasonRow, ...m }) => ({ ...m, reason: storedReason({ reason: m.reason, reasonRow }) }))
    .sort((a, b) => a.vulnerabilityId.localeCompare(b.vulnerabilityId));
const statusOf = async (cve: string) => (await matches()).filter((m) => m.vulnerabilityId === cve).map((m) => m.status);
/** CVE → match status, as the stored score's breakdown counted it. */
const scored = (breakdown: unknown) => new Map(((breakdown as { vulnerabilities: { id: string; matchStatus: string }[] }).vulnerabilities).map((v) => [v.id, v.matchStatus]));
const latestScore = async () => {
  const row = await db().riskScore.findFirstOrThrow({ where: { deviceId }, orderBy: { computedAt: "desc" }, select: { breakdown: true, breakdownRow: { select: { breakdown: true } }, score: true } });
  return { score: row.score, breakdown: storedBreakdown(row) };
};

beforeAll(async () => {
  await importFeeds(db(), [advisoryFile()], { actor: { system: "test" } });
  const agent = await enrol();
  const monitor = pump(1);
  const claimed = { ...monitor.claimed, mac: "00:09:fb:00:00:01", vendor: "Philips", model: "IntelliVue Patient Monitors MX (MX400-550)", firmwareVersion: "M.00.03", hostname: "MX450-ICU-1" };
  expect((await postReport(agent.token, report([{ ...monitor, claimed }]))).status).toBe(202);
  deviceId = (await db().device.findFirstOrThrow({ where: { claimedHostname: "MX450-ICU-1" } })).id;
  await refreshRisk(db(), { trigger: "ingest" });
  const user = await makeUser("analyst");
  Object.assign(analyst, { id: user.id, email: user.email });
  cves = [...new Set((await matches()).filter((m) => m.status === "needs_review").map((m) => m.vulnerabilityId))];
}, 120_000);

beforeEach(() => {
  session.current = { user: { id: analyst.id, email: analyst.email, role: "analyst" } };
});

describe("deciding possible matches", () => {
  it("starts with possible matches only, none of them affected", async () => {
    expect(cves.length).toBeGreaterThanOrEqual(2);
    expect((await matches()).every((m) => m.status === "needs_review")).toBe(true);
  });

  it("refuses a viewer, and bad input, and changes nothing", async () => {
    const viewer = await makeUser("viewer");
    session.current = { user: { id: viewer.id, email: viewer.email, role: "viewer" } };
    expect(await decideMatchAction(null, form({ deviceId, cve: cves[0], decision: "confirm" }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    session.current = { user: { id: analyst.id, email: analyst.email, role: "analyst" } };
    expect((await decideMatchAction(null, form({ deviceId, cve: cves[0], decision: "maybe" }))).ok).toBe(false);
    expect((await decideMatchAction(null, form({ deviceId, cve: cves[0], decision: "dismiss", note: "x".repeat(501) }))).fieldErrors).toHaveProperty("note");
    expect((await decideMatchAction(null, form({ deviceId, cve: "CVE-1999-0001", decision: "confirm" }))).message).toBe("No such possible match.");
    expect(await db().matchDecision.count()).toBe(0);
    expect(await statusOf(cves[0])).toEqual(["needs_review"]);
  });

  it("confirming makes the match affected, with who and when, and it scores", async () => {
    const answer = await decideMatchAction(null, form({ deviceId, cve: cves[0], decision: "confirm", note: "firmware M.00.03 checked on the unit" }));
    expect(answer).toMatchObject({ ok: true });
    expect(await statusOf(cves[0])).toEqual(["affected"]);
    const [m] = (await matches()).filter((x) => x.vulnerabilityId === cves[0]);
    expect((m.reason as { review: unknown }).review).toMatchObject({ decision: "confirmed", by: analyst.email });
    const after = await latestScore();
    // The stored score counts it as affected (how much more than a possible match weighs is the risk model's business).
    expect(scored(after.breakdown).get(cves[0])).toBe("affected");
  });

  it("dismissing drops the match, so it no longer counts", async () => {
    expect(await decideMatchAction(null, form({ deviceId, cve: cves[1], decision: "dismiss" }))).toMatchObject({ ok: true });
    expect(await statusOf(cves[1])).toEqual([]);
    const scoredNow = scored((await latestScore()).breakdown);
    expect(scoredNow.has(cves[1])).toBe(false);
    expect(scoredNow.get(cves[0])).toBe("affected");
  });

  it("a decided match is not decided again without an undo", async () => {
    expect(await decideMatchAction(null, form({ deviceId, cve: cves[1], decision: "confirm" }))).toMatchObject({ ok: false, message: "This match was already dismissed; undo that decision first." });
  });

  it("both decisions survive a re-import of the same advisory and a full rescoring", async () => {
    // The same advisory written out again: another file (another checksum), so it is imported anew and its products rewritten.
    const again = { name: ADVISORY, bytes: Buffer.from(JSON.stringify(JSON.parse(advisoryFile().bytes.toString("utf8")), null, 1)) };
    const [outcome] = await importFeeds(db(), [again], { actor: { system: "test" } });
    expect(outcome.status).toBe("imported");
    await refreshRisk(db(), { trigger: "full", all: true });
    expect(await statusOf(cves[0])).toEqual(["affected"]);
    expect(await statusOf(cves[1])).toEqual([]);
    for (const cve of cves.slice(2)) expect(await statusOf(cve)).toEqual(["needs_review"]);
    const breakdown = scored((await latestScore()).breakdown);
    expect([breakdown.get(cves[0]), breakdown.has(cves[1])]).toEqual(["affected", false]);
  });

  it("undo makes it a possible match again", async () => {
    expect(await undoMatchDecisionAction(null, form({ deviceId, cve: cves[1] }))).toMatchObject({ ok: true });
    expect(await statusOf(cves[1])).toEqual(["needs_review"]);
    await undoMatchDecision(db(), { deviceId, cve: cves[0] }, { system: "test" });
    expect(await statusOf(cves[0])).toEqual(["needs_review"]);
    await expect(undoMatchDecision(db(), { deviceId, cve: cves[0] }, { system: "test" })).rejects.toThrow("No such decision.");
  });

  it("audits every decision and undo with who and what", async () => {
    const rows = await db().auditLog.findMany({ where: { action: { startsWith: "match." } }, orderBy: { at: "asc" }, select: { action: true, actorLabel: true, targetId: true, after: true } });
    expect(rows.map((r) => r.action)).toEqual(["match.confirm", "match.dismiss", "match.undo", "match.undo"]);
    expect(rows[0]).toMatchObject({ actorLabel: analyst.email, targetId: deviceId, after: { cve: cves[0], decision: "confirmed", note: "firmware M.00.03 checked on the unit" } });
  });

  it("the overview's tally counts the possible matches waiting for a person, not the decided ones", async () => {
    const possible = async () => (await refreshTally(db()), (await readTally(db()))!.values["matches.possible"]);
    expect(await possible()).toBe(cves.length);
    await decideMatch(db(), { deviceId, cve: cves[0], decision: "dismiss", note: "not this model" }, { system: "test" });
    expect(await possible()).toBe(cves.length - 1);
    await undoMatchDecision(db(), { deviceId, cve: cves[0] }, { system: "test" });
  });

  it("the review queue lists possible matches by site and vendor, and decisions with what holds now", async () => {
    const device = await db().device.findUniqueOrThrow({ where: { id: deviceId }, select: { siteId: true } });
    const listed = async (search: Record<string, string>) => (await listPossibleMatches(parseReviewParams(search))).matches.map((m) => m.vulnerabilityId).sort();
    expect(await listed({})).toEqual([...cves].sort());
    expect(await listed({ site: device.siteId!, vendor: "Philips" })).toEqual([...cves].sort());
    expect(await listed({ vendor: "Baxter" })).toEqual([]);
    expect((await reviewFacets()).vendors).toEqual(["Philips"]);
    const page = await listPossibleMatches(parseReviewParams({}), 1);
    expect((await listPossibleMatches(parseReviewParams({ cursor: page.nextCursor! }), 1)).matches[0].vulnerabilityId).not.toBe(page.matches[0].vulnerabilityId);
    // A dismissal that a certain match has since overruled is shown as such (the matcher's side is unit-tested).
    await db().matchDecision.create({ data: { deviceId, vulnerabilityId: cves[2], decision: "dismissed", decidedBy: "earlier@test.local" } });
    await db().deviceVulnerability.updateMany({ where: { deviceId, vulnerabilityId: cves[2] }, data: { status: "affected" } });
    const [decided] = (await listDecidedMatches(parseReviewParams({ tab: "decided", vendor: "Philips" }))).decisions;
    expect(decided).toMatchObject({ cve: cves[2], decision: "dismissed", nowStatus: "affected", decidedBy: "earlier@test.local" });
    expect((await listDecidedMatches(parseReviewParams({ tab: "decided", vendor: "Baxter" }))).decisions).toEqual([]);
    await db().matchDecision.deleteMany({});
    await refreshRisk(db(), { trigger: "full", all: true });
  });

  it("the command refuses an unknown device without writing", async () => {
    await expect(decideMatch(db(), { deviceId: "no-such-device", cve: cves[0], decision: "confirm" }, { system: "test" })).rejects.toThrow("No such possible match.");
  });
});
